"""NumPy arrays against a tf.data.Dataset: who makes the batches, what fit accepts."""

# %% Load
import re

import keras
import numpy as np
import tensorflow as tf

(x_train, y_train), _ = keras.datasets.fashion_mnist.load_data()
x = (x_train[:4000] / 255.0).astype("float32")  # a 4,000-image subset
y = y_train[:4000]
x_val = (x_train[50000:51000] / 255.0).astype("float32")
y_val = y_train[50000:51000]


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


# %% Arrays
print("arrays:", x.shape, y.shape)
history = build_model().fit(x, y, batch_size=32, epochs=2, verbose=2)
print("steps per epoch:", history.params["steps"])

# %% A tf.data.Dataset
images = tf.data.Dataset.from_tensor_slices((x, y))  # one element per image
print("elements:", int(images.cardinality()))
print("element spec:", images.element_spec)
train = images.shuffle(buffer_size=4000, seed=0).batch(32).prefetch(tf.data.AUTOTUNE)
print("batches:", int(train.cardinality()))
print("element spec:", train.element_spec)
batch_x, batch_y = next(iter(train))
print("first batch:", batch_x.shape, batch_y.shape)
history = build_model().fit(train, epochs=2, verbose=2)
print("steps per epoch:", history.params["steps"])

# %% batch_size with a Dataset
history = build_model().fit(train, batch_size=256, epochs=1, verbose=2)
print("steps per epoch with batch_size=256:", history.params["steps"])

# %% Forgetting batch
try:
    build_model().fit(images, epochs=1, verbose=2)
except ValueError as error:
    # The part of the message that says what is wrong; PyTorch writes a shape as
    # torch.Size([28, 28]), TensorFlow and JAX as (28, 28).
    expected = re.search(
        r"Expected shape .*?incompatible shape (\(.*?\)|torch\.Size\(\[.*?\]\))",
        str(error),
    )
    print("ValueError: ...", expected[0])

# %% validation_split with a Dataset
try:
    build_model().fit(train, validation_split=0.2, epochs=1, verbose=2)
except ValueError as error:
    print("ValueError:", error)

# %% validation_data
validation = tf.data.Dataset.from_tensor_slices((x_val, y_val)).batch(256)
history = build_model().fit(train, validation_data=validation, epochs=2, verbose=2)
print("History keys:", list(history.history))


# %% Weights in a Dataset
weights = {c: 2.0 if c in (2, 6) else 1.0 for c in range(10)}  # Pullover, Shirt
history = build_model().fit(train, class_weight=weights, epochs=1, verbose=2)
print("class_weight with a Dataset, steps:", history.params["steps"])
per_image = np.array([weights[label] for label in y], dtype="float32")
weighted = tf.data.Dataset.from_tensor_slices((x, y, per_image)).batch(32)
print("element spec:", weighted.element_spec)
history = build_model().fit(weighted, epochs=1, verbose=2)
print("(inputs, labels, sample_weights) batches, steps:", history.params["steps"])
