"""keras.Input and the Dense layer: shapes, weights and the parameter count."""

# %% Input
import keras
import numpy as np

keras.utils.set_random_seed(0)

inputs = keras.Input(shape=(4,))  # one example = 4 numbers; the batch size stays open
print("keras.Input(shape=(4,)):", inputs.shape, inputs.dtype)
print("keras.Input(shape=(28, 28)):", keras.Input(shape=(28, 28)).shape)

try:
    keras.Input(shape=(13))  # (13) is the number 13, not a tuple
except ValueError as error:
    print("keras.Input(shape=(13)): ValueError:", error)

# %% Dense
layer = keras.layers.Dense(3, activation="relu")  # 3 units
outputs = layer(inputs)
print("output shape:", outputs.shape)
print("kernel (weights) shape:", layer.kernel.shape)
print("bias shape:            ", layer.bias.shape)
print("parameters:", layer.count_params())

# %% Compute
x = np.array([[1.0, 2.0, -1.0, 0.5], [0.0, -3.0, 2.0, 1.0]], dtype="float32")
by_keras = keras.ops.convert_to_numpy(layer(x))
W = keras.ops.convert_to_numpy(layer.kernel)
b = keras.ops.convert_to_numpy(layer.bias)
z = x @ W + b  # weighted sums plus bias, one column per unit
by_hand = np.maximum(z, 0)  # then relu
print("x @ W + b:\n", z.round(4))
print("relu(x @ W + b):\n", by_hand.round(4))
print("layer(x):\n", by_keras.round(4))
print("same result:", np.allclose(by_keras, by_hand, atol=1e-6))

# %% Parameter count
print(
    f"{'inputs':>6} {'units':>5} {'inputs x units + units':>22} {'count_params()':>14}"
)
for n_inputs, units in [(4, 3), (2, 16), (784, 128), (128, 10), (13, 1)]:
    dense = keras.layers.Dense(units)
    dense.build((None, n_inputs))  # create the weights for this many inputs
    formula = n_inputs * units + units
    print(f"{n_inputs:>6} {units:>5} {formula:>22,} {dense.count_params():>14,}")
