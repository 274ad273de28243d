"""Classify Fashion-MNIST images with the note's model.

Flatten -> Dense(128, relu) -> Dropout(0.2) -> Dense(10, softmax), trained with Adam.
For handwritten digits, replace ``fashion_mnist`` with ``mnist``: same shapes.
"""

# %% Load
import keras
import matplotlib.pyplot as plt
import numpy as np

keras.utils.set_random_seed(42)  # same weights and shuffling on every run

(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
class_names = [
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
]

print("x_train:", x_train.shape, x_train.dtype)
print("y_train:", y_train.shape, y_train.dtype)
print("x_test: ", x_test.shape)
print("y_test: ", y_test.shape)
print("pixel values from", x_train.min(), "to", x_train.max())
print("first labels:", y_train[:10])

# %% Look
plt.figure(figsize=(3, 3))
plt.imshow(x_train[0], cmap=plt.cm.binary)
plt.title(f"x_train[0]: label {y_train[0]}, {class_names[y_train[0]]}", fontsize=10)
plt.xlabel("pixel column")
plt.ylabel("pixel row")
plt.colorbar(label="intensity")
plt.show()

# %% Scale
x_train = x_train / 255.0
x_test = x_test / 255.0
print("pixel values now from", x_train.min(), "to", x_train.max())

# %% Build
model = keras.Sequential(
    [
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer="adam",
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.summary()

# %% Train
history = model.fit(x_train, y_train, epochs=5, validation_split=0.2, verbose=2)
print("History keys:", sorted(history.history))

# %% Plot history
epochs = np.arange(1, len(history.history["loss"]) + 1)
fig, (acc_ax, loss_ax) = plt.subplots(1, 2, figsize=(10, 3.5))
acc_ax.plot(epochs, history.history["accuracy"], "o-", label="accuracy (training)")
acc_ax.plot(epochs, history.history["val_accuracy"], "s--", label="val_accuracy")
acc_ax.set_title("Accuracy per epoch")
acc_ax.set_xlabel("epoch")
acc_ax.set_ylabel("accuracy")
acc_ax.legend()
loss_ax.plot(epochs, history.history["loss"], "o-", label="loss (training)")
loss_ax.plot(epochs, history.history["val_loss"], "s--", label="val_loss")
loss_ax.set_title("Loss per epoch")
loss_ax.set_xlabel("epoch")
loss_ax.set_ylabel("sparse categorical cross-entropy")
loss_ax.legend()
for ax in (acc_ax, loss_ax):
    ax.set_xticks(epochs)
    ax.grid(alpha=0.3)
fig.tight_layout()
plt.show()

# %% Evaluate
test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test loss:     {test_loss:.4f}")
print(f"test accuracy: {test_accuracy:.4f}")

# %% Predict
probabilities = model.predict(x_test[:5], verbose=0)
print("predictions shape:", probabilities.shape)
print("row sums:", probabilities.sum(axis=1).round(4))
print("predicted classes:", probabilities.argmax(axis=1))
print("true classes:     ", y_test[:5])

plt.figure(figsize=(7, 3))
plt.bar(class_names, probabilities[0], color="tab:blue")
plt.xticks(rotation=45, ha="right")
plt.ylim(0, 1)
plt.title(f"Prediction for x_test[0] (true: {class_names[y_test[0]]})")
plt.xlabel("class")
plt.ylabel("probability")
plt.show()

# %% Confusion matrix
test_probabilities = model.predict(x_test, verbose=0)  # all 10,000 test images
predicted = test_probabilities.argmax(axis=1)
matrix = np.zeros((10, 10), dtype=int)  # row: true class, column: predicted class
np.add.at(matrix, (y_test, predicted), 1)  # one count per image
print("confusion matrix (rows: true class, columns: predicted class):")
print(matrix)
print(f"images counted: {matrix.sum():,}")
print(f"on the diagonal: {np.trace(matrix):,}")
print(f"accuracy from the matrix: {np.trace(matrix) / matrix.sum():.4f}")

fig, ax = plt.subplots(figsize=(7.5, 6.5))
image = ax.imshow(matrix, cmap="Blues")
for true in range(10):
    for guess in range(10):
        count = matrix[true, guess]
        colour = "white" if count > matrix.max() / 2 else "black"
        ax.text(guess, true, count, ha="center", va="center", color=colour, fontsize=8)
ax.set_xticks(range(10), class_names, rotation=45, ha="right")
ax.set_yticks(range(10), class_names)
ax.set_title("Confusion matrix of the test set")
ax.set_xlabel("predicted class")
ax.set_ylabel("true class")
fig.colorbar(image, label="test images")
plt.show()

# %% Precision and recall
images = matrix.sum(axis=1)  # test images of each class: the row sums
guessed = matrix.sum(axis=0)  # images predicted as each class: the column sums
correct = np.diag(matrix)
precision = correct / guessed  # of the images predicted as the class, how many are
recall = correct / images  # of the images of the class, how many were found
print(f"{'class':<12} {'images':>6} {'predicted':>9} {'correct':>7}", end=" ")
print(f"{'precision':>9} {'recall':>6}")
for i, name in enumerate(class_names):
    print(f"{name:<12} {images[i]:>6} {guessed[i]:>9} {correct[i]:>7}", end=" ")
    print(f"{precision[i]:>9.3f} {recall[i]:>6.3f}")
for name, values in (("recall", recall), ("precision", precision)):
    low, high = values.argmin(), values.argmax()
    print(f"lowest {name}: {class_names[low]}, {values[low]:.3f}", end="; ")
    print(f"highest {name}: {class_names[high]}, {values[high]:.3f}")

# %% Most confused
mistakes = matrix.copy()
np.fill_diagonal(mistakes, 0)  # keep only the errors
print(f"mistakes: {mistakes.sum():,}")
order = np.argsort(mistakes, axis=None)[::-1]  # cells, largest first
print("the 10 largest cells off the diagonal:")
for true, guess in zip(*np.unravel_index(order[:10], matrix.shape), strict=True):
    count = matrix[true, guess]
    print(f"  {class_names[true]} predicted as {class_names[guess]}: {count}")
tshirt = class_names.index("T-shirt/top")  # the class the analysis follows
print(f"T-shirt/top recall: {recall[tshirt]:.3f}")
print(f"T-shirt/top precision: {precision[tshirt]:.3f}")
tops = [0, 2, 4, 6]  # T-shirt/top, Pullover, Coat, Shirt
among = mistakes[np.ix_(tops, tops)].sum()
print(f"mistakes among the four tops: {among:,}")
print(f"their share of all mistakes: {among / mistakes.sum():.0%}")

fig, axes = plt.subplots(1, 4, figsize=(8, 2.4))
for ax, label in zip(axes, tops, strict=True):
    ax.imshow(x_train[y_train == label].mean(axis=0), cmap=plt.cm.binary)
    ax.set_title(class_names[label], fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("Mean training image of the four tops")
plt.show()

# %% Misclassified
confidence = test_probabilities.max(axis=1)  # the softmax probability of the guess
right = predicted == y_test
print(f"mean confidence when right: {confidence[right].mean():.3f}")
print(f"mean confidence when wrong: {confidence[~right].mean():.3f}")
sure = confidence > 0.9
print(f"predictions with confidence above 0.9: {sure.sum():,}", end=", ")
print(f"of them right: {right[sure].mean():.1%}")
print(f"their mean confidence: {confidence[sure].mean():.1%}")
print(f"mistakes made with confidence above 0.9: {(sure & ~right).sum()}")
shown = np.flatnonzero(~right)[:15]  # the first 15 mistakes of the test set
for index in shown:
    print(
        f"x_test[{index}]: true {class_names[y_test[index]]},",
        f"predicted {class_names[predicted[index]]} ({confidence[index]:.2f})",
    )
surest = shown[confidence[shown].argmax()]
print(f"the surest of these: x_test[{surest}]")
print(f"its confidence: {confidence[surest]:.2f}")

fig, axes = plt.subplots(3, 5, figsize=(9, 6.6))
for ax, index in zip(axes.flat, shown, strict=True):
    ax.imshow(x_test[index], cmap=plt.cm.binary)
    ax.set_title(
        f"{class_names[predicted[index]]} {confidence[index]:.2f}\n"
        f"true: {class_names[y_test[index]]}",
        fontsize=9,
    )
    ax.set_xticks([])
    ax.set_yticks([])
fig.suptitle("The first 15 misclassified test images: predicted (confidence), true")
fig.tight_layout()
plt.show()
