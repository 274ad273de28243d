"""Full-batch gradient descent, mini-batch SGD, RMSprop and Adam on the same model."""

# %% Data
import keras
import matplotlib.pyplot as plt
import numpy as np

(x_all, y_all), _ = keras.datasets.fashion_mnist.load_data()
x_train = x_all[:5000].reshape(-1, 784).astype("float32") / 255.0  # 5,000 images
y_train = y_all[:5000]
print("training set:", x_train.shape)


def build():
    """784 pixels -> Dense(64, relu) -> 10 classes."""
    return keras.Sequential(
        [
            keras.Input(shape=(784,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


# %% Train
runs = {  # name: (optimizer, batch size)
    "GD (full batch)": (keras.optimizers.SGD(learning_rate=0.1), len(x_train)),
    "SGD (batch 64)": (keras.optimizers.SGD(learning_rate=0.1), 64),
    "RMSprop (batch 64)": (keras.optimizers.RMSprop(learning_rate=0.001), 64),
    "Adam (batch 64)": (keras.optimizers.Adam(learning_rate=0.001), 64),
}
losses, updates = {}, {}
for name, (optimizer, batch_size) in runs.items():
    keras.utils.set_random_seed(0)  # the same starting weights for every optimizer
    model = build()
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy")
    history = model.fit(x_train, y_train, epochs=20, batch_size=batch_size, verbose=0)
    losses[name] = history.history["loss"]
    updates[name] = history.params["steps"], int(optimizer.iterations)
    print(
        f"{name:>18}: loss at epoch 20 {losses[name][-1]:.3f}  "
        f"(epoch 1: {losses[name][0]:.3f})"
    )
gd_epoch, gd_all = updates["GD (full batch)"]
sgd_epoch, sgd_all = updates["SGD (batch 64)"]
print(f"updates per epoch: full batch {gd_epoch}, batch 64 {sgd_epoch}")
print(f"updates in all:    full batch {gd_all}, batch 64 {sgd_all:,}")

# %% Plot
epochs = np.arange(1, 21)
plt.figure(figsize=(10, 3.8))
for name, curve in losses.items():
    plt.plot(epochs, curve, "o-", markersize=3, label=name)
plt.axhline(np.log(10), color="grey", linestyle=":", label="guessing: ln 10")
plt.title("Training loss per epoch, same model, same data, same start")
plt.xlabel("epoch")
plt.ylabel("sparse categorical cross-entropy")
plt.xticks(epochs[1::2])
plt.grid(alpha=0.3)
plt.legend(loc="center left", bbox_to_anchor=(1.01, 0.5))
plt.tight_layout()
plt.show()
