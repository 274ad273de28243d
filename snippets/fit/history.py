"""The History object fit() returns: a dict of per-epoch values, plotted as curves."""

# %% Train
import keras
import matplotlib.pyplot as plt
import numpy as np

keras.utils.set_random_seed(0)
(x_train, y_train), _ = keras.datasets.fashion_mnist.load_data()
x, y = x_train[:1500] / 255.0, y_train[:1500]  # small on purpose: it will overfit
x_val, y_val = x_train[50000:51000] / 255.0, y_train[50000:51000]

model = keras.Sequential(
    [
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
)
history = model.fit(
    x, y, epochs=20, batch_size=32, validation_data=(x_val, y_val), verbose=0
)

# %% The history dict
print("type:", type(history).__name__)
print("keys:", list(history.history))
print("values per key:", len(history.history["loss"]), "(one per epoch)")
for key, values in history.history.items():
    print(f"{key:>12}: first {values[0]:.3f}, last {values[-1]:.3f}")
best = int(np.argmin(history.history["val_loss"]))
print(f"lowest val_loss: {history.history['val_loss'][best]:.3f} at epoch {best + 1}")

# %% Plot
epochs = np.arange(1, len(history.history["loss"]) + 1)
fig, (loss_ax, acc_ax) = plt.subplots(1, 2, figsize=(10, 3.5))
loss_ax.plot(epochs, history.history["loss"], "o-", label="loss (training)")
loss_ax.plot(epochs, history.history["val_loss"], "s--", label="val_loss")
loss_ax.axvline(best + 1, color="grey", linestyle=":", label="lowest val_loss")
loss_ax.set_title("Loss per epoch")
loss_ax.set_xlabel("epoch")
loss_ax.set_ylabel("sparse categorical cross-entropy")
loss_ax.legend()
acc_ax.plot(epochs, history.history["accuracy"], "o-", label="accuracy (training)")
acc_ax.plot(epochs, history.history["val_accuracy"], "s--", label="val_accuracy")
acc_ax.set_title("Accuracy per epoch")
acc_ax.set_xlabel("epoch")
acc_ax.set_ylabel("accuracy")
acc_ax.legend()
for ax in (loss_ax, acc_ax):
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.grid(alpha=0.3)
fig.tight_layout()
plt.show()
