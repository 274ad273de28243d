"""Mini-batch SGD with a learning rate that is too small, good, and too large."""

# %% Data
import keras
import matplotlib.pyplot as plt
import numpy as np

(x_all, y_all), _ = keras.datasets.fashion_mnist.load_data()
x_train = x_all[:5000].reshape(-1, 784).astype("float32") / 255.0  # 5,000 images
y_train = y_all[:5000]


def build():
    """784 pixels -> Dense(64, relu) -> 10 classes, as on the comparison."""
    return keras.Sequential(
        [
            keras.Input(shape=(784,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


# %% Train
rates = {"too small": 0.001, "good": 0.1, "too large": 1.0}
losses, models = {}, {}
for label, rate in rates.items():
    keras.utils.set_random_seed(0)
    model = build()
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=rate),
        loss="sparse_categorical_crossentropy",
    )
    history = model.fit(x_train, y_train, epochs=20, batch_size=64, verbose=0)
    curve = history.history["loss"]
    losses[label], models[label] = curve, model
    rises = sum(b > a for a, b in zip(curve, curve[1:], strict=False))
    print(
        f"{label:>9} (learning_rate={rate}): loss at epoch 20 {curve[-1]:.3f}  "
        f"(epoch 1: {curve[0]:.3f}), rose in {rises} epochs"
    )
print(f"loss of a model that guesses uniformly: ln 10 = {np.log(10):.3f}")

# %% Inspect
for label, model in models.items():
    # The 64 ReLU outputs for every image, as a NumPy array.
    hidden = keras.ops.convert_to_numpy(model.layers[0](x_train))
    dead = int(np.sum(np.max(hidden, axis=0) == 0))  # units that are 0 for all
    print(f"{label:>9}: {dead} of 64 hidden units output 0 for every image")

# %% Plot
epochs = np.arange(1, 21)
plt.figure(figsize=(10, 3.8))
for label, curve in losses.items():
    plt.plot(
        epochs,
        curve,
        "o-",
        markersize=3,
        label=f"{label}: learning_rate={rates[label]}",
    )
plt.axhline(np.log(10), color="grey", linestyle=":", label="guessing: ln 10")
plt.title("SGD (batch 64): training loss for three learning rates")
plt.xlabel("epoch")
plt.ylabel("sparse categorical cross-entropy")
plt.xticks(epochs[1::2])
plt.grid(alpha=0.3)
plt.legend(loc="center left", bbox_to_anchor=(1.01, 0.5))
plt.tight_layout()
plt.show()
