"""validation_split or validation_data, and why sorted data must be shuffled first."""

# %% Load
import keras
import numpy as np

(x_train, y_train), _ = keras.datasets.fashion_mnist.load_data()
x = x_train[:6000] / 255.0  # a 6,000-image subset keeps each epoch short
y = y_train[:6000]
x_val = x_train[6000:7500] / 255.0  # 1,500 other images, kept apart for validation
y_val = y_train[6000:7500]


def build_model():
    keras.utils.set_random_seed(0)  # the same starting weights for every model
    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28)),
            keras.layers.Flatten(),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
    )
    return model


# %% validation_split
print(f"validation_split=0.2 of {len(x)}: trains on {int(len(x) * 0.8)} images")
history = build_model().fit(
    x, y, epochs=2, batch_size=32, validation_split=0.2, verbose=2
)
print("History keys:", list(history.history))

# %% validation_data
print(f"validation_data: trains on all {len(x)}, validates on {len(x_val)} others")
history = build_model().fit(
    x, y, epochs=2, batch_size=32, validation_data=(x_val, y_val), verbose=2
)
print("History keys:", list(history.history))

# %% Sorted data
order = np.argsort(y, kind="stable")  # all 0s first, then all 1s, ..., all 9s
x_sorted, y_sorted = x[order], y[order]
cut = int(len(y_sorted) * 0.8)  # validation_split=0.2 holds back the rows after it
print("classes in the first 80% (training):  ", np.unique(y_sorted[:cut]))
classes, counts = np.unique(y_sorted[cut:], return_counts=True)
print("classes in the last 20% (validation): ", classes, "images per class:", counts)
unseen = counts[~np.isin(classes, y_sorted[:cut])].sum()
print(
    f"validation images: {len(y_sorted) - cut}, of classes never trained on: {unseen}"
)
history = build_model().fit(
    x_sorted, y_sorted, epochs=2, batch_size=32, validation_split=0.2, verbose=2
)

# %% Shuffled first
shuffle = np.random.default_rng(0).permutation(len(y_sorted))
x_shuffled, y_shuffled = x_sorted[shuffle], y_sorted[shuffle]
print("classes in the last 20% (validation): ", np.unique(y_shuffled[cut:]))
history = build_model().fit(
    x_shuffled, y_shuffled, epochs=2, batch_size=32, validation_split=0.2, verbose=2
)
