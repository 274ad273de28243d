"""Backend tensors; a layer written with tf. functions, and with keras.ops."""

# %% Backend tensors
import keras
import numpy as np

# TensorFlow is imported on every backend, for the layer written with its own
# functions: running this script on JAX or PyTorch needs TensorFlow installed too.
import tensorflow as tf

print("backend:", keras.backend.backend())
rng = np.random.default_rng(0)
x = rng.normal(size=(256, 4)).astype("float32")
y = rng.normal(size=(256, 4)).astype("float32")

keras.utils.set_random_seed(0)
dense = keras.layers.Dense(4)
output = dense(x[:2])  # calling a layer returns a tensor of the backend
print("a layer's output:", type(output).__module__, type(output).__name__)
array = keras.ops.convert_to_numpy(output)
print("convert_to_numpy:", type(array).__module__, type(array).__name__)


# %% Written with tf.


class StandardizeTF(keras.layers.Layer):
    """Each example scaled to mean 0 and standard deviation 1, with TensorFlow."""

    def call(self, inputs):
        mean = tf.reduce_mean(inputs, axis=-1, keepdims=True)
        std = tf.math.reduce_std(inputs, axis=-1, keepdims=True)
        return (inputs - mean) / std


def try_steps(layer):
    """Build a model around *layer*, predict with it and train it: what fails where."""
    step = "building the model"
    try:
        inputs = keras.Input(shape=(4,))
        model = keras.Sequential([inputs, keras.layers.Dense(4), layer])
        step = "predict"
        model.predict(x, verbose=0)
        step = "fit"
        model.compile(optimizer="sgd", loss="mse")
        model.fit(x, y, epochs=1, batch_size=64, verbose=0)
    except Exception as error:
        return f"fails in {step}: {type(error).__name__}"
    return "builds, predicts and trains"


print("layer with tf.:", try_steps(StandardizeTF()))

# %% Written with keras.ops


def standardize(inputs):
    """Each example scaled to mean 0 and standard deviation 1, on any backend."""
    inputs = keras.ops.convert_to_tensor(inputs)  # a NumPy array becomes a tensor
    mean = keras.ops.mean(inputs, axis=-1, keepdims=True)
    std = keras.ops.std(inputs, axis=-1, keepdims=True)
    return (inputs - mean) / std


class Standardize(keras.layers.Layer):
    def call(self, inputs):
        return standardize(inputs)


print("layer with keras.ops:", try_steps(Standardize()))

scaled = standardize(x[:2])  # the function alone, on a NumPy array
print("standardize() returns:", type(scaled).__module__, type(scaled).__name__)
print(keras.ops.convert_to_numpy(scaled).round(4))
