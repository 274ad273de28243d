"""Read model.summary(): layer names and types, output shapes and parameter counts."""

# %% Summary
import keras
import numpy as np

model = keras.Sequential(
    [
        keras.Input(shape=(20,)),
        keras.layers.Dense(32, activation="relu", name="hidden_1"),
        keras.layers.Dense(16, activation="relu", name="hidden_2"),
        keras.layers.Dense(3, activation="softmax", name="output"),
    ],
    name="three_dense_layers",
)
model.summary()

# %% Count by hand
for layer in model.layers:
    n_inputs, units = layer.kernel.shape
    by_hand = n_inputs * units + units
    print(
        f"{layer.name}: {n_inputs} x {units} weights + {units} biases = {by_hand:,}"
        f" (Keras: {layer.count_params():,})"
    )
print(f"total: {model.count_params():,}")
memory = model.count_params() * 4  # float32: 4 bytes per parameter
print(f"as float32, 4 bytes each: {memory:,} bytes = {memory / 1024:.2f} KB")

# %% None is the batch
for batch_size in (1, 5, 64):
    batch = np.zeros((batch_size, 20))
    print(f"input {batch.shape} -> output {tuple(model(batch).shape)}")

# %% Without Input
unbuilt = keras.Sequential(
    [
        keras.layers.Dense(32, activation="relu", name="hidden_1"),
        keras.layers.Dense(3, activation="softmax", name="output"),
    ],
    name="no_input_yet",
)
unbuilt.summary()
