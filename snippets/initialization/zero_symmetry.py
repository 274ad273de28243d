"""All-zero weights make every hidden unit learn the same thing; Glorot does not."""

# %% Data
import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_circles

# Two rings of points: class 0 outside, class 1 inside. No straight line separates them.
x, y = make_circles(n_samples=1000, noise=0.1, factor=0.5, random_state=0)
x = x.astype("float32")
print("x:", x.shape, " y:", y.shape, " class counts:", np.bincount(y))


# %% Train
def build(initializer, activation):
    """2 inputs -> Dense(8) hidden layer -> Dense(1, sigmoid) output."""
    return keras.Sequential(
        [
            keras.Input(shape=(2,)),
            keras.layers.Dense(
                8, activation=activation, kernel_initializer=initializer
            ),
            keras.layers.Dense(1, activation="sigmoid", kernel_initializer=initializer),
        ]
    )


setups = {
    "glorot_uniform, relu": ("glorot_uniform", "relu"),  # the Keras default
    "zeros, relu": ("zeros", "relu"),
    "zeros, sigmoid": ("zeros", "sigmoid"),
}
models = {}
for name, (initializer, activation) in setups.items():
    keras.utils.set_random_seed(0)
    model = build(initializer, activation)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.05),
        loss="binary_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(x, y, epochs=50, batch_size=200, verbose=0)
    models[name] = model
    print(
        f"{name:>20}: loss {history.history['loss'][0]:.3f} -> "
        f"{history.history['loss'][-1]:.3f}, "
        f"accuracy {history.history['accuracy'][-1]:.3f}"
    )

# %% Inspect
np.set_printoptions(precision=2, suppress=True, linewidth=100)
for name, model in models.items():
    kernel = model.layers[0].kernel.numpy()  # shape (2 inputs, 8 units)
    columns = np.unique(kernel.round(4), axis=1).shape[1]
    print(f"{name}: hidden kernel after training, one column per unit")
    print(kernel)
    print(f"distinct unit columns: {columns} of {kernel.shape[1]}\n")

# %% Plot
grid = np.linspace(-1.5, 1.5, 150)
gx, gy = np.meshgrid(grid, grid)
points = np.column_stack([gx.ravel(), gy.ravel()]).astype("float32")
fig, axes = plt.subplots(1, 3, figsize=(12, 3.8), sharey=True, layout="constrained")
for ax, (name, model) in zip(axes, models.items(), strict=True):
    p = model.predict(points, verbose=0, batch_size=len(points)).reshape(gx.shape)
    filled = ax.contourf(
        gx, gy, p, levels=np.linspace(0, 1, 11), cmap="RdBu", alpha=0.6
    )
    ax.scatter(*x[y == 0].T, s=4, c="tab:red", label="class 0")
    ax.scatter(*x[y == 1].T, s=4, c="tab:blue", label="class 1")
    ax.set_title(name)
    ax.set_xlabel("x1")
axes[0].set_ylabel("x2")
axes[0].legend(loc="upper right", fontsize=8)
fig.colorbar(filled, ax=axes, label="P(class 1)")
fig.suptitle("Predicted probability of class 1 after 50 epochs")
plt.show()
