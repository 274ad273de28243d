"""ModelCheckpoint with save_best_only=True keeps the epoch with the lowest val_loss."""

# %% Train with checkpoints
import os
import tempfile

import keras
import numpy as np

os.chdir(tempfile.mkdtemp())  # every file this script writes goes to a scratch folder

(x_train, y_train), _ = keras.datasets.fashion_mnist.load_data()
x, y = x_train[:1000] / 255.0, y_train[:1000]  # small on purpose: it will overfit
x_val, y_val = x_train[50000:51000] / 255.0, y_train[50000:51000]

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.003),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
best = keras.callbacks.ModelCheckpoint(
    "best.keras", monitor="val_loss", save_best_only=True, verbose=1
)
history = model.fit(
    x,
    y,
    epochs=12,
    batch_size=32,
    validation_data=(x_val, y_val),
    callbacks=[best],
    verbose=2,
)

# %% Which epoch was kept
val_loss = history.history["val_loss"]
lowest = int(np.argmin(val_loss))
print("files written:", sorted(os.listdir()))
print(f"lowest val_loss in History: {val_loss[lowest]:.4f} at epoch {lowest + 1}")
print(f"val_loss of the last epoch: {val_loss[-1]:.4f}")
kept = keras.saving.load_model("best.keras")
kept_loss, kept_accuracy = kept.evaluate(x_val, y_val, verbose=0)
print(f"val_loss of best.keras: {kept_loss:.4f}")
