"""Softmax turns a vector of scores (logits) into probabilities that sum to 1."""

# %% Compute
import textwrap
import warnings

import keras
import matplotlib.pyplot as plt
import numpy as np

logits = np.array([2.0, 1.0, 0.1, -1.0], dtype="float32")
probabilities = keras.ops.convert_to_numpy(keras.activations.softmax(logits))
sigmoids = keras.ops.convert_to_numpy(keras.activations.sigmoid(logits))

print("logits:          ", logits)
print("softmax:         ", probabilities.round(4))
print("softmax sums to: ", round(float(probabilities.sum()), 6))
print("sigmoid:         ", sigmoids.round(4))
print("sigmoid sums to: ", round(float(sigmoids.sum()), 6))
print("predicted class: ", int(np.argmax(probabilities)))

# %% Plot
classes = [f"class {i}" for i in range(len(logits))]
fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.4))
left.bar(classes, logits, color="tab:grey")
left.set_title("Scores (logits)")
left.set_ylabel("score")
right.bar(classes, probabilities, color="tab:blue", label="softmax")
right.plot(classes, sigmoids, "o", color="tab:orange", label="sigmoid, per element")
right.set_title("Softmax probabilities (sum to 1)")
right.set_ylabel("probability")
right.set_ylim(0, 1)
right.legend()
fig.tight_layout()
plt.show()

# %% Two units
# Softmax over two scores (a, b) gives p(class 1) = sigmoid(b - a).
pairs = np.array([[0.0, 2.0], [1.0, -1.0], [0.5, 0.5], [-3.0, 1.0]], dtype="float32")
two = keras.ops.convert_to_numpy(keras.activations.softmax(pairs))
difference = keras.activations.sigmoid(pairs[:, 1] - pairs[:, 0])
print("softmax over two units, p(class 1):", two[:, 1].round(4))
print(
    "sigmoid(b - a):                    ",
    keras.ops.convert_to_numpy(difference).round(4),
)

# %% One unit
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # record every warning, even a repeated one
    one_unit = keras.Sequential(
        [keras.Input(shape=(3,)), keras.layers.Dense(1, activation="softmax")]
    )
    inputs = np.random.default_rng(0).normal(size=(4, 3)).astype("float32")
    outputs = one_unit.predict(inputs, verbose=0)
print("Dense(1, softmax) on 4 random inputs:", outputs.ravel())
for message in sorted({f"{w.category.__name__}: {w.message}" for w in caught}):
    print(textwrap.fill(f"warning: {message}", 72, subsequent_indent="  "))
