"""Plot the activations a Dense layer can apply: linear, ReLU, tanh and sigmoid."""

# %% Evaluate
import keras
import matplotlib.pyplot as plt
import numpy as np

z = np.linspace(-5, 5, 201).astype("float32")
curves = {
    "linear (identity)": keras.activations.linear(z),
    "ReLU": keras.activations.relu(z),
    "tanh": keras.activations.tanh(z),
    "sigmoid": keras.activations.sigmoid(z),
}
for name, values in curves.items():
    at = np.interp([-2, 0, 2], z, keras.ops.convert_to_numpy(values))
    print(f"{name:>17}: f(-2) = {at[0]:+.3f}, f(0) = {at[1]:+.3f}, f(2) = {at[2]:+.3f}")

# %% Plot
fig, axes = plt.subplots(1, 4, figsize=(13, 3.2), sharex=True)
for ax, (name, values) in zip(axes, curves.items(), strict=True):
    ax.plot(z, keras.ops.convert_to_numpy(values), linewidth=2)
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.axvline(0, color="grey", linewidth=0.5)
    ax.set_title(name)
    ax.set_xlabel("input z")
    ax.grid(alpha=0.3)
axes[0].set_ylabel("activation f(z)")
fig.suptitle("Activation functions")
fig.tight_layout()
plt.show()
