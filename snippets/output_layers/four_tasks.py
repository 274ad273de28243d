"""Output layer, loss function and metrics for four tasks, on synthetic data."""

# %% Data
import textwrap

import keras
import numpy as np

keras.utils.set_random_seed(0)  # same data, weights and shuffling on every run

rng = np.random.default_rng(0)
n = 600
EPOCHS = 15
x = rng.normal(size=(n, 2)).astype("float32")  # 600 examples, 2 features each

y_binary = (x[:, 0] + x[:, 1] > 0).astype("float32")  # 0 or 1
y_integer = np.digitize(x[:, 0], [-0.5, 0.5])  # class 0, 1 or 2
y_one_hot = keras.utils.to_categorical(y_integer, num_classes=3)
y_number = (3 * x[:, 0] - 2 * x[:, 1] + rng.normal(scale=0.1, size=n)).astype("float32")

print("x:", x.shape)
print("binary labels:   ", y_binary[:4], "shape", y_binary.shape)
print("integer labels:  ", y_integer[:4], "shape", y_integer.shape)
print("one-hot labels:  ", y_one_hot[:2].tolist(), "shape", y_one_hot.shape)
print("regression target:", y_number[:4].round(2), "shape", y_number.shape)

# %% Helpers


def train(output_layer, loss, metrics, y):
    """Same hidden layer for every task; only the output layer and loss change."""
    model = keras.Sequential(
        [
            keras.Input(shape=(2,)),
            keras.layers.Dense(16, activation="relu"),
            output_layer,
        ]
    )
    optimizer = keras.optimizers.Adam(learning_rate=0.01)
    model.compile(optimizer=optimizer, loss=loss, metrics=metrics)
    history = model.fit(x, y, epochs=EPOCHS, batch_size=32, verbose=0)
    print("History keys:", sorted(history.history))
    for key in sorted(history.history):
        values = history.history[key]
        print(
            f"{key}: {values[0]:.3f} after epoch 1, "
            f"{values[-1]:.3f} after epoch {EPOCHS}"
        )
    return model


def show_prediction(model):
    """What the output layer gives for the first two examples."""
    prediction = model.predict(x[:2], verbose=0)
    print("prediction shape for 2 examples:", prediction.shape)
    print("prediction:", np.round(prediction.astype(float), 3).tolist())


def resolved_accuracy(model):
    """Which metric class Keras chose for the string "accuracy"."""
    compiled = model.metrics[-1]  # the metrics passed to compile()
    return [type(metric).__name__ for metric in compiled.metrics]


# %% Binary
binary = train(
    keras.layers.Dense(1, activation="sigmoid"),
    loss="binary_crossentropy",
    metrics=["accuracy"],
    y=y_binary,
)
print('"accuracy" became:', resolved_accuracy(binary))
show_prediction(binary)

# %% Integer labels
integer = train(
    keras.layers.Dense(3, activation="softmax"),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
    y=y_integer,
)
print('"accuracy" became:', resolved_accuracy(integer))
show_prediction(integer)
print("row sums:", integer.predict(x[:2], verbose=0).sum(axis=1).round(4))

# %% One-hot labels
one_hot = train(
    keras.layers.Dense(3, activation="softmax"),
    loss="categorical_crossentropy",
    metrics=["accuracy"],
    y=y_one_hot,
)
print('"accuracy" became:', resolved_accuracy(one_hot))
show_prediction(one_hot)

# %% Regression
regression = train(
    keras.layers.Dense(1),  # no activation: linear, any real number
    loss="mse",
    metrics=["mae"],
    y=y_number,
)
show_prediction(regression)
print("true targets:", np.round(y_number[:2].astype(float), 3).tolist())

# %% Wrong pairings
probabilities = integer(x[:4])  # calling the model: softmax output, 3 classes


def print_error(error):
    """Print a long error message wrapped to 72 characters."""
    print(
        textwrap.fill(
            f"ValueError: {error}", 72, initial_indent="  ", subsequent_indent="  "
        )
    )


try:
    keras.losses.categorical_crossentropy(y_integer[:4], probabilities)
except ValueError as error:
    print("integer labels + categorical_crossentropy:")
    print_error(error)

try:
    keras.losses.sparse_categorical_crossentropy(y_one_hot[:4], probabilities)
except ValueError as error:
    print("one-hot labels + sparse_categorical_crossentropy:")
    print_error(error)
