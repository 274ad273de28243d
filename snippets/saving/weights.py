"""Weights only: save_weights and load_weights, and the file name Keras insists on."""

# %% Train
import os
import tempfile

import keras
import numpy as np

os.chdir(tempfile.mkdtemp())  # every file this script writes goes to a scratch folder

(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x, y = x_train[:3000] / 255.0, y_train[:3000]
x_test = x_test[:1000] / 255.0


def build_model():
    """The architecture and compile settings: code that the weights file needs."""
    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28)),
            keras.layers.Flatten(),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.001),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


keras.utils.set_random_seed(0)
model = build_model()
model.fit(x, y, epochs=3, batch_size=64, verbose=2)

# %% Save and load weights
model.save_weights("fashion.weights.h5")

fresh = build_model()  # the same layers, new random weights
fresh.load_weights("fashion.weights.h5")
before = model.predict(x_test, verbose=0)
after = fresh.predict(x_test, verbose=0)
print("max absolute difference:", np.abs(after - before).max())
print("optimizer iterations: trained model", int(model.optimizer.iterations), end=", ")
print("fresh model", int(fresh.optimizer.iterations))

# %% Optimizer built first
resumable = build_model()
resumable.optimizer.build(resumable.trainable_variables)  # create Adam's variables
resumable.load_weights("fashion.weights.h5")
print("optimizer iterations after loading:", int(resumable.optimizer.iterations))

# %% Training on
for name, each in [("trained", model), ("fresh", fresh), ("resumable", resumable)]:
    # the same batches in the same order for each: shuffle=False
    history = each.fit(x, y, epochs=1, batch_size=64, shuffle=False, verbose=0)
    print(f"epoch 4, {name} model: loss {history.history['loss'][0]:.6f}")

# %% Wrong file name
try:
    model.save_weights("fashion.h5")
except ValueError as error:
    print("ValueError:", error)
