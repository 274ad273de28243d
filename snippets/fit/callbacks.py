"""Callbacks: stop training early with EarlyStopping, print at each epoch's end."""

# %% Callbacks
import keras

keras.utils.set_random_seed(0)
(x_train, y_train), _ = keras.datasets.fashion_mnist.load_data()
x, y = x_train[:1500] / 255.0, y_train[:1500]  # small on purpose: it will overfit
x_val, y_val = x_train[50000:51000] / 255.0, y_train[50000:51000]


class EpochPrinter(keras.callbacks.Callback):
    """Print one short line when each epoch ends."""

    def on_epoch_end(self, epoch, logs=None):
        print(
            f"epoch {epoch + 1:>2} done: loss {logs['loss']:.3f}, "
            f"val_loss {logs['val_loss']:.3f}, val_accuracy {logs['val_accuracy']:.3f}"
        )


early_stopping = keras.callbacks.EarlyStopping(
    monitor="val_loss", patience=3, restore_best_weights=True
)

# %% Train
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
    x,
    y,
    epochs=100,
    batch_size=32,
    validation_data=(x_val, y_val),
    callbacks=[early_stopping, EpochPrinter()],
    verbose=0,
)

# %% After
print("epochs run:", len(history.history["loss"]), "of 100")
print("stopped at epoch:", early_stopping.stopped_epoch + 1)
print("best epoch:", early_stopping.best_epoch + 1)
print(f"best val_loss: {early_stopping.best:.3f}")
val_loss, val_accuracy = model.evaluate(x_val, y_val, verbose=0)
print(f"val_loss of the restored weights: {val_loss:.3f}")
