"""Each tf.keras idiom of the study note, run in Keras 3, next to its replacement."""

# %% tf.keras
import os
import tempfile
import warnings

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)

print("TensorFlow:", tf.__version__)
print("tf.keras version:", tf.keras.__version__)
print("keras version:   ", keras.__version__)
print(
    "tf.keras.Sequential is keras.Sequential:", tf.keras.Sequential is keras.Sequential
)

# Small binary data set for the models below: is the sum of 3 numbers above 1.5?
x = np.random.default_rng(0).random((200, 3)).astype("float32")
y = (x.sum(axis=1) > 1.5).astype("int32")

# %% input_shape
# Old: the first layer is told the input shape.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # record every warning, even a repeated one
    old_model = keras.Sequential([keras.layers.Dense(1, input_shape=(3,))])
for warning in caught:
    print(f"old form warns: {warning.category.__name__}: {warning.message}")
print("old form still builds, input shape:", old_model.input_shape)

# New: a keras.Input object declares the shape.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    new_model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
print("replacement: warnings:", len(caught), " input shape:", new_model.input_shape)

# %% lr
try:
    keras.optimizers.Adam(lr=0.01)
except ValueError as error:
    print(f"old form raises: {type(error).__name__}: {error}")

others = {
    "keras.optimizers.SGD": keras.optimizers.SGD,
    "keras.optimizers.RMSprop": keras.optimizers.RMSprop,
    "tf.keras.optimizers.Adam": tf.keras.optimizers.Adam,
}
for name, optimizer_class in others.items():
    try:
        optimizer_class(lr=0.01)
    except ValueError as error:
        print(f"  {name}(lr=0.01) raises: {type(error).__name__}: {error}")

optimizer = keras.optimizers.Adam(learning_rate=0.01)
print(f"replacement: learning_rate = {float(optimizer.learning_rate):.3g}")


# %% acc
def small_model(metrics):
    """A one-layer binary classifier compiled with the given metrics."""
    model = keras.Sequential(
        [keras.Input(shape=(3,)), keras.layers.Dense(1, activation="sigmoid")]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.05),
        loss="binary_crossentropy",
        metrics=metrics,
    )
    return model


old = small_model(["acc"]).fit(x, y, epochs=2, validation_split=0.2, verbose=0)
print("metrics=['acc']      -> History keys:", sorted(old.history))
new = small_model(["accuracy"]).fit(x, y, epochs=2, validation_split=0.2, verbose=0)
print("metrics=['accuracy'] -> History keys:", sorted(new.history))
try:
    new.history["acc"]  # old plotting code, new compile call
except KeyError as error:
    print(
        f"history.history['acc'] after metrics=['accuracy'] raises: KeyError: {error}"
    )

both = small_model(["acc", "accuracy"]).fit(x, y, epochs=2, verbose=0)
print("same numbers under both names:", both.history["acc"] == both.history["accuracy"])

# %% History
try:
    tf.keras.callbacks.history()
except AttributeError as error:
    print(f"old form raises: {type(error).__name__}: {error}")

model = small_model(["accuracy"])
history = model.fit(x, y, epochs=3, verbose=0)
print("fit returns:", type(history).__name__)
print(
    "isinstance(history, keras.callbacks.History):",
    isinstance(history, keras.callbacks.History),
)
print("history is model.history:", history is model.history)
print("history.history keys:", sorted(history.history))
print("epochs recorded:", len(history.history["loss"]))

# Passing your own History callback still works: fit returns that same object.
recorder = keras.callbacks.History()
returned = model.fit(x, y, epochs=2, verbose=0, callbacks=[recorder])
print("own History passed in; fit returns it:", returned is recorder)

# %% predict_classes
model = small_model(["accuracy"])  # sigmoid output: one probability per example
model.fit(x, y, epochs=30, verbose=0)
try:
    model.predict_classes(x[:5])
except AttributeError as error:
    print(f"old form raises: {type(error).__name__}: {error}")

probabilities = model.predict(x[:5], verbose=0)
print("sigmoid output, predict shape:", probabilities.shape)
print("probabilities:        ", probabilities.ravel().round(3))
print("(p > 0.5).astype(int):", (probabilities > 0.5).astype(int).ravel())
print("true labels:          ", y[:5])
print("argmax(axis=1) on it: ", probabilities.argmax(axis=1), "(wrong: one column)")

# Softmax output: one probability per class; the class is the largest one.
labels = np.digitize(x[:, 0], [1 / 3, 2 / 3])  # 3 classes from the first number
softmax_model = keras.Sequential(
    [keras.Input(shape=(3,)), keras.layers.Dense(3, activation="softmax")]
)
softmax_model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.05),
    loss="sparse_categorical_crossentropy",
)
softmax_model.fit(x, labels, epochs=30, verbose=0)
class_probabilities = softmax_model.predict(x[:5], verbose=0)
print("softmax output, predict shape:", class_probabilities.shape)
print("predict(x).argmax(axis=1):", class_probabilities.argmax(axis=1))
print("true labels:              ", labels[:5])

# %% Saving
print(
    "backend:",
    keras.backend.backend(),
    " KERAS_BACKEND:",
    os.environ.get("KERAS_BACKEND"),
)
with tempfile.TemporaryDirectory() as folder:
    try:
        model.save(os.path.join(folder, "note_model"))  # old: a SavedModel folder
    except ValueError as error:
        print(f"old form raises: ValueError: {str(error).split('. ')[0]}")
        print("  ... and suggests:", "model.export(filepath)" in str(error))
    path = os.path.join(folder, "note_model.keras")
    model.save(path)  # the Keras 3 format: one .keras file
    reloaded = keras.saving.load_model(path)
    same = np.allclose(reloaded.predict(x[:5], verbose=0), probabilities)
    print("saved to .keras and loaded back; same predictions:", same)
