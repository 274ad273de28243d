"""Epochs and batch size: fit() takes ceil(samples / batch_size) steps per epoch."""

# %% Load
import math

import keras

(x_train, y_train), _ = keras.datasets.fashion_mnist.load_data()
x = x_train[:6000] / 255.0  # a 6,000-image subset keeps each epoch short
y = y_train[:6000]
print("training images:", x.shape)


def build_model():
    keras.utils.set_random_seed(0)  # the same starting weights for every model
    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28)),
            keras.layers.Flatten(),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
    )
    return model


# %% Batch size 32
steps = math.ceil(len(x) / 32)
print(f"steps per epoch: ceil({len(x)} / 32) = {steps}")
print(f"last batch: {len(x) - (steps - 1) * 32} images")
small_batches = build_model().fit(x, y, epochs=3, batch_size=32, verbose=2)

# %% Batch size 256
steps = math.ceil(len(x) / 256)
print(f"steps per epoch: ceil({len(x)} / 256) = {steps}")
print(f"last batch: {len(x) - (steps - 1) * 256} images")
large_batches = build_model().fit(x, y, epochs=3, batch_size=256, verbose=2)

# %% Compare
for name, history in [("batch 32", small_batches), ("batch 256", large_batches)]:
    loss = history.history["loss"][-1]
    updates = history.params["steps"] * history.params["epochs"]
    print(
        f"{name:>9}: {history.params['steps']} updates per epoch, "
        f"{updates} in all, loss {loss:.3f}"
    )
