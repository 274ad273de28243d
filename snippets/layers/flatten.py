"""Flatten turns each example into one long vector and keeps the batch dimension."""

# %% Shapes
import keras
import numpy as np

for shape in [(28, 28), (32, 32, 3), (5, 4)]:
    batch = np.zeros((8, *shape), dtype="float32")  # a batch of 8 examples
    flat = keras.layers.Flatten()(batch)
    print(f"before: {batch.shape!s:<16} after: {tuple(flat.shape)}")

# %% Order
x = np.arange(6, dtype="float32").reshape(1, 2, 3)  # one 2 x 3 example
print("one example, 2 x 3:\n", x[0])
print("flattened:", keras.ops.convert_to_numpy(keras.layers.Flatten()(x)))

# %% In a model
model = keras.Sequential(
    [
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(10),
    ]
)
for layer in model.layers:
    kind = type(layer).__name__
    print(kind, "output", layer.output.shape, "parameters", layer.count_params())
