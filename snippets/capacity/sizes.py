"""Four models, from tiny to large, on the same 2,000 Fashion-MNIST images."""

# %% Data
import keras
import matplotlib.pyplot as plt
import numpy as np

(x_all, y_all), _ = keras.datasets.fashion_mnist.load_data()
x_all = x_all.reshape(-1, 784).astype("float32") / 255.0
x_train, y_train = x_all[:2000], y_all[:2000]  # a small training set
x_val, y_val = x_all[-2000:], y_all[-2000:]  # the last 2,000: never trained on
print("training set:  ", x_train.shape, " validation set:", x_val.shape)

# %% Models
sizes = {  # the units of each hidden Dense layer
    "tiny": [4],
    "small": [16],
    "medium": [64, 64],
    "large": [512, 512, 512],
}


def build(hidden):
    """784 pixels -> one Dense(units, relu) per entry of *hidden* -> 10 classes."""
    layers = [keras.Input(shape=(784,))]
    layers += [keras.layers.Dense(units, activation="relu") for units in hidden]
    layers += [keras.layers.Dense(10, activation="softmax")]
    return keras.Sequential(layers)


for name, hidden in sizes.items():
    print(f"{name} parameters: {build(hidden).count_params():,}")


def train(name):
    """Train the model *name* for 25 epochs; print where its losses ended."""
    keras.utils.set_random_seed(0)  # the same start for every model
    model = build(sizes[name])
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.001),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(
        x_train,
        y_train,
        epochs=25,
        batch_size=128,
        validation_data=(x_val, y_val),
        verbose=0,
    )
    loss, val_loss = history.history["loss"], history.history["val_loss"]
    best = int(np.argmin(val_loss))
    print(f"final training loss:    {loss[-1]:.3f}")
    print(f"final validation loss:  {val_loss[-1]:.3f}")
    print(f"lowest validation loss: {val_loss[best]:.3f} at epoch {best + 1}")
    print(f"rise since the lowest:  {val_loss[-1] - val_loss[best]:.3f}")
    print(f"training loss, fall in the last epoch: {loss[-2] - loss[-1]:.3f}")
    return history


histories = {}

# %% Tiny
histories["tiny"] = train("tiny")

# %% Small
histories["small"] = train("small")

# %% Medium
histories["medium"] = train("medium")

# %% Large
histories["large"] = train("large")

# %% Plot
epochs = np.arange(1, 26)
plt.figure(figsize=(8, 4.5))
for (name, history), colour in zip(
    histories.items(), ["tab:blue", "tab:orange", "tab:green", "tab:red"], strict=True
):
    plt.plot(epochs, history.history["loss"], "-", color=colour, label=f"{name}")
    plt.plot(epochs, history.history["val_loss"], "--", color=colour)
plt.plot([], [], "k-", label="training (solid)")
plt.plot([], [], "k--", label="validation (dashed)")
plt.title("Four sizes, 2,000 training images: training and validation loss")
plt.xlabel("epoch")
plt.ylabel("sparse categorical cross-entropy")
plt.ylim(0, 2.2)
plt.grid(alpha=0.3)
plt.legend(ncols=2)
plt.show()
