"""A linear model against small ReLU and tanh networks on data no line can separate."""

# %% Data
import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_moons
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(1)  # same data split, weights and shuffling on every run

x, y = make_moons(n_samples=1000, noise=0.2, random_state=0)
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=300, random_state=0)
print("x_train:", x_train.shape, " y_train:", y_train.shape)
print("x_test: ", x_test.shape, " y_test: ", y_test.shape)
print("classes:", np.unique(y), " share of class 1:", round(y.mean(), 2))


# %% Build
def make_model(hidden_activation):
    """2 inputs -> two hidden Dense(16) layers -> 1 sigmoid output."""
    return keras.Sequential(
        [
            keras.Input(shape=(2,)),  # one example = 2 coordinates
            keras.layers.Dense(16, activation=hidden_activation),
            keras.layers.Dense(16, activation=hidden_activation),
            keras.layers.Dense(1, activation="sigmoid"),  # probability of class 1
        ]
    )


hidden_activations = {"linear": None, "ReLU": "relu", "tanh": "tanh"}
models = {name: make_model(act) for name, act in hidden_activations.items()}
for name, model in models.items():
    print(
        f"{name:>6}: input {model.input_shape}, output {model.output_shape}, "
        f"{model.count_params()} parameters"
    )

# %% Train
for name, model in models.items():
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.01),
        loss="binary_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(x_train, y_train, epochs=30, batch_size=64, verbose=0)
    _, train_accuracy = model.evaluate(x_train, y_train, verbose=0)
    _, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"{name:>6}: training accuracy {train_accuracy:.3f}")
    print(f"{name:>6}: test accuracy     {test_accuracy:.3f}")

# The best straight line by the same loss, fitted to convergence by scikit-learn:
line = LogisticRegression(C=1e6).fit(x_train, y_train)
train_accuracy, test_accuracy = line.score(x_train, y_train), line.score(x_test, y_test)
print(f"logistic regression: training accuracy {train_accuracy:.3f}")
print(f"logistic regression: test accuracy     {test_accuracy:.3f}")

# %% Collapse
# The linear model's three layers fold into one: sigmoid(x @ W + b).
(w1, b1), (w2, b2), (w3, b3) = (
    layer.get_weights() for layer in models["linear"].layers
)
w = w1 @ w2 @ w3
b = (b1 @ w2 + b2) @ w3 + b3
one_layer = 1 / (1 + np.exp(-(x_test @ w + b)))
three_layers = models["linear"].predict(x_test, verbose=0)
print("combined weights:", w.ravel().round(3), " bias:", b.round(3))
difference = np.abs(one_layer - three_layers).max()
print(f"largest difference from the 3-layer model: {difference:.1e}")

# %% Plot
grid_x, grid_y = np.meshgrid(np.linspace(-1.6, 2.6, 200), np.linspace(-1.2, 1.7, 200))
grid = np.column_stack([grid_x.ravel(), grid_y.ravel()])
fig, axes = plt.subplots(1, 3, figsize=(12, 3.6), sharey=True)
for ax, (name, model) in zip(axes, models.items(), strict=True):
    p = model.predict(grid, batch_size=4096, verbose=0).reshape(grid_x.shape)
    ax.contourf(grid_x, grid_y, p, levels=[0, 0.5, 1], colors=["#9ecae1", "#fdae6b"])
    ax.contour(grid_x, grid_y, p, levels=[0.5], colors="black", linewidths=1)
    for label, color in ((0, "tab:blue"), (1, "tab:orange")):
        mask = y_test == label
        ax.scatter(*x_test[mask].T, s=8, c=color, label=f"class {label}")
    ax.set_title(f"{name} hidden layers")
    ax.set_xlabel("x1")
axes[0].set_ylabel("x2")
axes[0].legend(loc="lower left")
fig.suptitle("Decision boundaries on the test set (two moons)")
fig.tight_layout()
plt.show()
