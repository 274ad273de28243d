"""The overfitting model again, with an L2 penalty on the weights of every layer."""

# %% Data
import keras
import matplotlib.pyplot as plt
import numpy as np

(x_all, y_all), _ = keras.datasets.fashion_mnist.load_data()
x_all = x_all.reshape(-1, 784).astype("float32") / 255.0
x_train, y_train = x_all[:1000], y_all[:1000]  # the same 1,000 training images
x_val, y_val = x_all[1000:3000], y_all[1000:3000]

cross_entropy = keras.losses.SparseCategoricalCrossentropy()


def report_gap(model):
    """Cross-entropy on both sets: dropout off, no penalty term."""
    train = float(cross_entropy(y_train, model.predict(x_train, verbose=0)))
    val = float(cross_entropy(y_val, model.predict(x_val, verbose=0)))
    print(f"cross-entropy: training {train:.3f}, validation {val:.3f}", end=", ")
    print(f"gap {val - train:.3f}")


def train(model):
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.001),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    history = model.fit(
        x_train, y_train, epochs=30, validation_data=(x_val, y_val), verbose=0
    )
    loss, val_loss = history.history["loss"], history.history["val_loss"]
    best = int(np.argmin(val_loss))
    print(f"training loss:   epoch 1 {loss[0]:.3f}, epoch 30 {loss[-1]:.3f}")
    print(f"validation loss: epoch 1 {val_loss[0]:.3f}, epoch 30 {val_loss[-1]:.3f}")
    print(f"lowest validation loss: {val_loss[best]:.3f} at epoch {best + 1}")
    report_gap(model)
    return history


# %% L2
keras.utils.set_random_seed(0)
penalty = keras.regularizers.L2(0.003)  # adds 0.003 * sum(w**2) to the loss
l2_model = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        keras.layers.Dense(256, activation="relu", kernel_regularizer=penalty),
        keras.layers.Dense(256, activation="relu", kernel_regularizer=penalty),
        keras.layers.Dense(10, activation="softmax", kernel_regularizer=penalty),
    ]
)
penalty_before = float(sum(l2_model.losses))  # the penalty of the initial weights
l2_history = train(l2_model)
print(f"L2 penalty: before training {penalty_before:.3f}", end=", ")
print(f"after training {float(sum(l2_model.losses)):.3f}")

# %% Plot
epochs = np.arange(1, 31)
plt.figure(figsize=(8, 3.6))
plt.plot(
    epochs, l2_history.history["loss"], "o-", markersize=3, label="loss (training)"
)
plt.plot(epochs, l2_history.history["val_loss"], "s-", markersize=3, label="val_loss")
plt.title("L2(0.003) on every kernel: training and validation loss")
plt.xlabel("epoch")
plt.ylabel("loss")
plt.grid(alpha=0.3)
plt.legend()
plt.show()
