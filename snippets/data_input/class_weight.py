"""class_weight and sample_weight on an imbalanced Fashion-MNIST: rare classes gain."""

# %% An imbalanced training set
import keras
import matplotlib.pyplot as plt
import numpy as np

NAMES = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat"]
NAMES += ["Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
MINORITY = [2, 6]  # Pullover and Shirt: keep only 1 image in 20

(x_all, y_all), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_all, y_all = x_all[:6000] / 255.0, y_all[:6000]
rng = np.random.default_rng(0)
keep = ~np.isin(y_all, MINORITY) | (rng.random(len(y_all)) < 0.05)
x, y = x_all[keep], y_all[keep]
x_test = x_test / 255.0  # the full test set: 1,000 images of every class
counts = np.bincount(y, minlength=10)
print("training images:", len(y))
print("images per class:", counts)
for c in MINORITY:
    print(f"{NAMES[c]}: {counts[c]} training images")
print("test images per class:", np.bincount(y_test, minlength=10))

# %% Balanced class weights
weights = len(y) / (10 * counts)  # n / (classes * count): rare classes weigh more
class_weight = {c: float(w) for c, w in enumerate(weights)}
print("class weights:", np.round(weights, 2))
for c in MINORITY:
    print(f"{NAMES[c]} weight: {weights[c]:.2f}")


def train(**weighting):
    keras.utils.set_random_seed(0)  # the same start and shuffling for every run
    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28)),
            keras.layers.Flatten(),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
    )
    history = model.fit(x, y, epochs=10, batch_size=64, verbose=0, **weighting)
    return model, history


def recall_per_class(model):
    """Of each class's test images, the fraction predicted as that class."""
    predicted = model.predict(x_test, verbose=0).argmax(axis=1)
    recall = np.array([np.mean(predicted[y_test == c] == c) for c in range(10)])
    # The accuracy on a test set as imbalanced as the training set, for comparison
    rare = ~np.isin(y_test, MINORITY) | (np.arange(len(y_test)) % 20 == 0)
    imbalanced = np.mean(predicted[rare] == y_test[rare])
    return recall, np.mean(predicted == y_test), imbalanced, predicted


# %% Train both ways
plain, _ = train()
weighted, weighted_history = train(class_weight=class_weight)
recall_plain, accuracy_plain, imbalanced_plain, predicted_plain = recall_per_class(
    plain
)
recall_weighted, accuracy_weighted, imbalanced_weighted, predicted_weighted = (
    recall_per_class(weighted)
)
print(f"{'class':>10}  train  recall without  with class_weight")
for c in range(10):
    print(
        f"{NAMES[c]:>10}  {counts[c]:>5}  {recall_plain[c]:>14.3f}"
        f"  {recall_weighted[c]:>17.3f}"
    )
falls = list(np.argsort(recall_weighted - recall_plain)[:2])  # the two largest falls
for c in MINORITY + falls:
    print(f"{NAMES[c]} recall, without class_weight: {recall_plain[c]:.3f}")
    print(f"{NAMES[c]} recall, with class_weight: {recall_weighted[c]:.3f}")
others = [c for c in range(10) if c not in MINORITY + falls]
change = np.abs(recall_weighted - recall_plain)[others].max()
print(f"largest change of the other classes' recall: {change:.3f}")
for run, predicted in (("without", predicted_plain), ("with", predicted_weighted)):
    print(
        f"predictions per class, {run} class_weight:",
        np.bincount(predicted, minlength=10),
    )
    for c in MINORITY:
        print(f"{NAMES[c]} predicted, {run} class_weight: {np.sum(predicted == c)}")
    for true, seen in ((4, 2), (4, 6), (0, 6)):  # Coat and T-shirt taken for the rare
        taken = np.sum(predicted[y_test == true] == seen)
        print(f"{NAMES[true]} as {NAMES[seen]}, {run} class_weight: {taken}")
print(f"test accuracy, without class_weight: {accuracy_plain:.3f}")
print(f"test accuracy, with class_weight: {accuracy_weighted:.3f}")
print(f"accuracy on an imbalanced test set, without: {imbalanced_plain:.3f}")
print(f"accuracy on an imbalanced test set, with: {imbalanced_weighted:.3f}")

# %% sample_weight
_, sample_history = train(sample_weight=weights[y])  # one weight per image
difference = np.abs(
    np.array(sample_history.history["loss"]) - weighted_history.history["loss"]
)
print("largest difference from the class_weight run's losses:", difference.max())

# %% Plot
positions = np.arange(10)
plt.figure(figsize=(9, 3.8))
plt.bar(positions - 0.2, recall_plain, width=0.4, label="without class_weight")
plt.bar(positions + 0.2, recall_weighted, width=0.4, label="with class_weight")
plt.xticks(positions, NAMES, rotation=30)
plt.ylabel("recall on the test set")
plt.title("Per-class recall, Pullover and Shirt rare in training")
plt.ylim(0, 1.25)
plt.yticks(np.arange(0, 1.01, 0.2))
plt.grid(axis="y", alpha=0.3)
plt.legend(loc="upper center", ncol=2)
plt.tight_layout()
plt.show()
