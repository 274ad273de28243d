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
