"""Save a trained model to one .keras file, load it back, and carry on training it."""

# %% Train
import json
import os
import tempfile
import zipfile

import h5py
import keras
import numpy as np

os.chdir(tempfile.mkdtemp())  # every file this script writes goes to a scratch folder

(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x, y = x_train[:3000] / 255.0, y_train[:3000]  # a 3,000-image subset: quick epochs
x_test = x_test[:1000] / 255.0

keras.utils.set_random_seed(0)
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
model.fit(x, y, epochs=3, batch_size=64, verbose=2)

# %% Save and load
model.save("fashion.keras")
reloaded = keras.saving.load_model("fashion.keras")

before = model.predict(x_test, verbose=0)
after = reloaded.predict(x_test, verbose=0)
print("predictions:", after.shape)
print("max absolute difference:", np.abs(after - before).max())
print("np.array_equal:", np.array_equal(after, before))

# %% Inside the file
with zipfile.ZipFile("fashion.keras") as archive:
    print("members:", sorted(archive.namelist()))
    config = json.loads(archive.read("config.json"))
    metadata = json.loads(archive.read("metadata.json"))
    archive.extract("model.weights.h5", "unzipped")

print("model class:", config["class_name"])
print("layers:", [layer["class_name"] for layer in config["config"]["layers"]])
compiled = config["compile_config"]
print("optimizer:", compiled["optimizer"]["class_name"], end=", ")
print("learning_rate:", round(compiled["optimizer"]["config"]["learning_rate"], 6))
print("loss:", compiled["loss"], " metrics:", compiled["metrics"])
print("saved with Keras", metadata["keras_version"])
with h5py.File("unzipped/model.weights.h5") as weights:
    print("groups in model.weights.h5:", list(weights))
    print("optimizer variables stored:", len(weights["optimizer/vars"]))

# %% Resume training
print("optimizer iterations: saved", int(model.optimizer.iterations), end=", ")
print("reloaded", int(reloaded.optimizer.iterations))
# One more epoch for each, on the same batches in the same order: shuffle=False.
history = model.fit(x, y, epochs=1, batch_size=64, shuffle=False, verbose=0)
loss_original = history.history["loss"]
history = reloaded.fit(x, y, epochs=1, batch_size=64, shuffle=False, verbose=0)
loss_reloaded = history.history["loss"]
print(f"epoch 4, original model: loss {loss_original[0]:.6f}")
print(f"epoch 4, reloaded model: loss {loss_reloaded[0]:.6f}")
print("same loss:", loss_original == loss_reloaded)
