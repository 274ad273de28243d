"""The large model again, with L2 and Dropout together, against the same model bare."""

# %% Data
import keras
import matplotlib.pyplot as plt
import numpy as np

(x_all, y_all), _ = keras.datasets.fashion_mnist.load_data()
x_all = x_all.reshape(-1, 784).astype("float32") / 255.0
x_train, y_train = x_all[:2000], y_all[:2000]  # the same 2,000 training images
x_val, y_val = x_all[-2000:], y_all[-2000:]  # and the same validation set


def train(model):
    """Adam, 25 epochs; print the validation cross-entropy, without any penalty."""
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.001),
        loss="sparse_categorical_crossentropy",  # plus the L2 penalty, if any
        metrics=[keras.metrics.SparseCategoricalCrossentropy(name="cross_entropy")],
    )
    history = model.fit(
        x_train,
        y_train,
        epochs=25,
        batch_size=128,
        validation_data=(x_val, y_val),
        verbose=0,
    )
    val = history.history["val_cross_entropy"]  # the plain cross-entropy
    best = int(np.argmin(val))
    train_ce = keras.losses.SparseCategoricalCrossentropy()(
        y_train, model.predict(x_train, verbose=0)
    )  # in inference mode: no units dropped
    logged = history.history["cross_entropy"][-1]  # while training: with Dropout
    print(f"final training cross-entropy (History): {logged:.3f}")
    print(f"training cross-entropy (inference mode): {float(train_ce):.3f}")
    print(f"final validation cross-entropy:  {val[-1]:.3f}")
    print(f"lowest validation cross-entropy: {val[best]:.3f} at epoch {best + 1}")
    print(f"rise since the lowest:           {val[-1] - val[best]:.3f}")
    return history


# %% Large
keras.utils.set_random_seed(0)
large = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
large_history = train(large)

# %% L2 and Dropout
keras.utils.set_random_seed(0)
penalty = keras.regularizers.L2(0.0001)  # adds 0.0001 * sum(w**2) per kernel
combined = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        keras.layers.Dense(512, activation="relu", kernel_regularizer=penalty),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(512, activation="relu", kernel_regularizer=penalty),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(512, activation="relu", kernel_regularizer=penalty),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(10, activation="softmax", kernel_regularizer=penalty),
    ]
)
print(f"parameters: {combined.count_params():,}")  # Dropout adds none
combined_history = train(combined)

# %% Plot
epochs = np.arange(1, 26)
plt.figure(figsize=(8, 4.5))
for history, colour, name in (
    (large_history, "tab:red", "large"),
    (combined_history, "tab:purple", "large + L2 + Dropout"),
):
    plt.plot(epochs, history.history["cross_entropy"], "-", color=colour, label=name)
    plt.plot(epochs, history.history["val_cross_entropy"], "--", color=colour)
plt.plot([], [], "k-", label="training (solid)")
plt.plot([], [], "k--", label="validation (dashed)")
plt.title("The large model with and without L2 + Dropout: cross-entropy")
plt.xlabel("epoch")
plt.ylabel("sparse categorical cross-entropy")
plt.ylim(0, 1.2)
plt.grid(alpha=0.3)
plt.legend(ncols=2)
plt.show()
