"""A big Dense model on 1,000 images overfits; EarlyStopping keeps its best epoch."""

# %% Data
import keras
import matplotlib.pyplot as plt
import numpy as np

(x_all, y_all), _ = keras.datasets.fashion_mnist.load_data()
x_all = x_all.reshape(-1, 784).astype("float32") / 255.0
x_train, y_train = x_all[:1000], y_all[:1000]  # a small training set
x_val, y_val = x_all[1000:3000], y_all[1000:3000]  # never trained on
print("training set:  ", x_train.shape, " validation set:", x_val.shape)


def build():
    """784 inputs -> Dense(256) -> Dense(256) -> 10 classes."""
    model = keras.Sequential(
        [
            keras.Input(shape=(784,)),
            keras.layers.Dense(256, activation="relu"),
            keras.layers.Dense(256, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.001),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


cross_entropy = keras.losses.SparseCategoricalCrossentropy()


def report_gap(model):
    """Cross-entropy on both sets, measured the same way for every model."""
    train = float(cross_entropy(y_train, model.predict(x_train, verbose=0)))
    val = float(cross_entropy(y_val, model.predict(x_val, verbose=0)))
    print(f"cross-entropy: training {train:.3f}, validation {val:.3f}", end=", ")
    print(f"gap {val - train:.3f}")


# %% Baseline
keras.utils.set_random_seed(0)
baseline = build()
print(f"parameters: {baseline.count_params():,}")
history = baseline.fit(
    x_train,
    y_train,
    epochs=30,
    validation_data=(x_val, y_val),
    verbose=0,
)
loss, val_loss = history.history["loss"], history.history["val_loss"]
best = int(np.argmin(val_loss))  # index of the lowest validation loss
print(f"training loss:   epoch 1 {loss[0]:.3f}, epoch 30 {loss[-1]:.3f}")
print(f"validation loss: epoch 1 {val_loss[0]:.3f}, epoch 30 {val_loss[-1]:.3f}")
print(f"lowest validation loss: {val_loss[best]:.3f} at epoch {best + 1}")
report_gap(baseline)

# %% Plot baseline
epochs = np.arange(1, 31)
plt.figure(figsize=(8, 3.6))
plt.plot(epochs, loss, "o-", markersize=3, label="loss (training)")
plt.plot(epochs, val_loss, "s-", markersize=3, label="val_loss")
plt.axvline(best + 1, color="grey", linestyle=":", label="lowest val_loss")
plt.title("Baseline: training and validation loss, 1,000 training images")
plt.xlabel("epoch")
plt.ylabel("sparse categorical cross-entropy")
plt.grid(alpha=0.3)
plt.legend()
plt.show()

# %% Early stopping
keras.utils.set_random_seed(0)  # the same start as the baseline
stopped = build()
early_stopping = keras.callbacks.EarlyStopping(
    monitor="val_loss", patience=5, restore_best_weights=True
)
stopped_history = stopped.fit(
    x_train,
    y_train,
    epochs=30,
    validation_data=(x_val, y_val),
    callbacks=[early_stopping],
    verbose=0,
)
ran = len(stopped_history.history["loss"])
restored = int(np.argmin(stopped_history.history["val_loss"])) + 1
print(
    f"early stopping ran {ran} of 30 epochs, restored the weights of epoch {restored}"
)
report_gap(stopped)

# %% Plot early stopping
plt.figure(figsize=(8, 3.6))
plt.plot(epochs, val_loss, color="lightgrey", label="val_loss, baseline (30 epochs)")
plt.plot(
    epochs[:ran],
    stopped_history.history["loss"],
    "o-",
    markersize=3,
    label="loss (training)",
)
plt.plot(
    epochs[:ran],
    stopped_history.history["val_loss"],
    "s-",
    markersize=3,
    label="val_loss",
)
plt.axvline(restored, color="grey", linestyle=":", label="restored epoch")
plt.title(f"EarlyStopping(patience=5): stopped after epoch {ran}")
plt.xlabel("epoch")
plt.ylabel("sparse categorical cross-entropy")
plt.xlim(0, 31)
plt.grid(alpha=0.3)
plt.legend()
plt.show()
