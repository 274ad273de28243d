"""Dropout zeroes a fraction of its inputs in training and does nothing at inference."""

# %% Call
import keras
import matplotlib.pyplot as plt
import numpy as np

keras.utils.set_random_seed(0)  # which values are dropped is random

rate = 0.2
dropout = keras.layers.Dropout(rate)
x = np.ones((1, 10_000), dtype="float32")  # 10,000 ones, easy to inspect

training = keras.ops.convert_to_numpy(dropout(x, training=True))
inference = keras.ops.convert_to_numpy(dropout(x, training=False))

print(f"rate = {rate}, 1 / (1 - rate) = {1 / (1 - rate):.2f}")
print("training=True:")
print(f"  fraction set to zero: {np.mean(training == 0):.3f}")
print("  distinct values:", np.unique(training))
print(f"  mean: {training.mean():.3f} (input mean 1.000)")
print("training=False:")
print("  output equals input:", np.array_equal(inference, x))
print("default call (no training=):", np.array_equal(dropout(x), x))

# %% Plot
keras.utils.set_random_seed(1)
row = np.linspace(1, 2, 20, dtype="float32").reshape(1, 20)
rows = {
    "input": row[0],
    "training=True": keras.ops.convert_to_numpy(dropout(row, training=True))[0],
    "training=False": keras.ops.convert_to_numpy(dropout(row, training=False))[0],
}
fig, ax = plt.subplots(figsize=(10, 3.5))
positions = np.arange(20)
for offset, (label, values) in zip((-0.27, 0, 0.27), rows.items(), strict=True):
    ax.bar(positions + offset, values, width=0.27, label=label)
ax.set_title(f"Dropout(rate={rate}) on 20 values")
ax.set_xlabel("position in the input vector")
ax.set_ylabel("value")
ax.set_xticks(positions)
ax.set_ylim(0, 3)
ax.legend(ncol=3, loc="upper left")
plt.show()
dropped = np.flatnonzero(rows["training=True"] == 0)
print(f"dropped in this draw: {len(dropped)} of 20, at positions {dropped.tolist()}")
