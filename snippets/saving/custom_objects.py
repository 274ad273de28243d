"""A custom layer or function is saved by name: loading needs its class or function."""

# %% An unregistered layer
import json
import os
import tempfile
import zipfile

import keras

os.chdir(tempfile.mkdtemp())  # every file this script writes goes to a scratch folder

(_, _), (x_test, _) = keras.datasets.fashion_mnist.load_data()
images = x_test[:100].astype("float32")  # raw pixels, 0 to 255


class PixelScale(keras.layers.Layer):
    """Multiplies its input by a fixed factor, such as 1 / 255 for raw pixels."""

    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}  # saved in config.json


keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(28, 28)),
        PixelScale(1 / 255),
        keras.layers.Flatten(),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.save("custom.keras")
with zipfile.ZipFile("custom.keras") as archive:
    layer = json.loads(archive.read("config.json"))["config"]["layers"][1]
print("stored:", layer["class_name"], "with factor", layer["config"]["factor"])

try:
    keras.saving.load_model("custom.keras")
except TypeError as error:
    reason = str(error).split("Exception encountered: ")[-1]
    print("TypeError:", reason.split(". If they")[0] + ".")  # the rest: the config

# %% custom_objects
reloaded = keras.saving.load_model(
    "custom.keras", custom_objects={"PixelScale": PixelScale}
)
difference = keras.ops.max(keras.ops.abs(reloaded(images) - model(images)))
print("loaded with custom_objects, max absolute difference:", float(difference))


# %% Registered
@keras.saving.register_keras_serializable(package="my_functions")
def scaled_tanh(x):
    """LeCun's scaled tanh, 1.7159 tanh(2x / 3): a custom activation function."""
    return 1.7159 * keras.ops.tanh(2.0 * x / 3.0)


print("registered as:", keras.saving.get_registered_name(scaled_tanh))
model = keras.Sequential(
    [
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(32, activation=scaled_tanh),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.save("registered.keras")
reloaded = keras.saving.load_model("registered.keras")  # no custom_objects needed
x = images / 255.0
difference = keras.ops.max(keras.ops.abs(reloaded(x) - model(x)))
print("loaded without custom_objects, max absolute difference:", float(difference))
