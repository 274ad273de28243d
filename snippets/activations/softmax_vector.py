"""Softmax turns a vector of scores (logits) into probabilities that sum to 1."""

# %% Compute
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
