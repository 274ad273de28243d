"""A softmax output with its loss, against a linear output with from_logits=True."""

# %% Build
import keras
import numpy as np

keras.utils.set_random_seed(1)

rng = np.random.default_rng(1)
x = rng.normal(size=(600, 2)).astype("float32")
y = np.digitize(x[:, 0], [-0.5, 0.5])  # integer labels 0, 1, 2


def network(output_activation):
    return keras.Sequential(
        [
            keras.Input(shape=(2,)),
            keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(3, activation=output_activation),
        ]
    )


# Set-up A: softmax on the output layer, the loss receives probabilities.
softmax_model = network("softmax")
softmax_model.compile(
    optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
)

# Set-up B (the TensorFlow tutorials): linear output, the loss receives logits.
logits_model = network(None)  # activation=None: linear
logits_model.compile(
    optimizer="adam",
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)

softmax_model.set_weights(logits_model.get_weights())  # same weights in both
print("parameters: softmax model", softmax_model.count_params(), end=", ")
print("logits model", logits_model.count_params())

# %% Same loss
loss_a, accuracy_a = softmax_model.evaluate(x, y, verbose=0)
loss_b, accuracy_b = logits_model.evaluate(x, y, verbose=0)
print(f"untrained, set-up A: loss {loss_a:.6f}")
print(f"untrained, set-up B: loss {loss_b:.6f}")

history = logits_model.fit(x, y, epochs=10, batch_size=32, verbose=0)
print(f"trained set-up B for 10 epochs, loss {history.history['loss'][-1]:.4f}")
softmax_model.set_weights(logits_model.get_weights())  # copy the trained weights

loss_a, accuracy_a = softmax_model.evaluate(x, y, verbose=0)
loss_b, accuracy_b = logits_model.evaluate(x, y, verbose=0)
print(f"trained, set-up A: loss {loss_a:.6f}, accuracy {accuracy_a:.4f}")
print(f"trained, set-up B: loss {loss_b:.6f}, accuracy {accuracy_b:.4f}")
print(f"difference in loss: {abs(loss_a - loss_b):.1e}")

# %% Probabilities
logits = logits_model.predict(x[:3], verbose=0)
print("logits model output:\n", logits.round(3))
print("row sums:", logits.sum(axis=1).round(3))

probabilities = keras.ops.convert_to_numpy(keras.ops.softmax(logits))
print("softmax of the logits:\n", probabilities.round(3))
print("row sums:", probabilities.sum(axis=1).round(3))

probability_model = keras.Sequential([logits_model, keras.layers.Softmax()])
from_wrapper = probability_model.predict(x[:3], verbose=0)
from_softmax_model = softmax_model.predict(x[:3], verbose=0)
print("wrapper matches softmax model:", np.allclose(from_wrapper, from_softmax_model))
print("predicted classes from logits:       ", logits.argmax(axis=1))
print("predicted classes from probabilities:", probabilities.argmax(axis=1))

# %% Forgotten from_logits
loss_right = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
loss_wrong = keras.losses.SparseCategoricalCrossentropy()  # from_logits=False
all_logits = logits_model.predict(x, verbose=0)
print(f"logits, from_logits=True:  loss {float(loss_right(y, all_logits)):.4f}")
print(f"logits, from_logits=False: loss {float(loss_wrong(y, all_logits)):.4f}")

# %% Extreme scores
scores = np.array([[0.0, 100.0, 0.0]], dtype="float32")  # class 1 far ahead...
label = np.array([0])  # ...but the true class is 0
rounded = keras.ops.convert_to_numpy(keras.ops.softmax(scores))  # a plain array
print("softmax probabilities:", rounded, " p(class 0) =", rounded[0, 0])
print(f"loss from logits:        {float(loss_right(label, scores)):.2f}")
print(f"loss from probabilities: {float(loss_wrong(label, rounded)):.2f}")

extreme = network("softmax")  # set-up A, with weights that output these scores
extreme.compile(loss="sparse_categorical_crossentropy")
zeros = [np.zeros((2, 16)), np.zeros(16), np.zeros((16, 3))]
extreme.set_weights([*zeros, scores[0]])
print(f"set-up A, evaluate():    {extreme.evaluate(x[:1], label, verbose=0):.2f}")

# %% Binary
y_binary = (x[:, 0] + x[:, 1] > 0).astype("float32")
sigmoid_model = keras.Sequential(
    [keras.Input(shape=(2,)), keras.layers.Dense(1, activation="sigmoid")]
)
linear_model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
sigmoid_model.compile(loss="binary_crossentropy", metrics=["accuracy"])
linear_model.compile(
    loss=keras.losses.BinaryCrossentropy(from_logits=True),
    metrics=[
        "accuracy",  # thresholds the logit at 0.5: wrong for logits
        keras.metrics.BinaryAccuracy(threshold=0.0, name="accuracy_at_0"),
    ],
)
# hand-picked weights, the same in both models: logit = x1 + x2 - 1
linear_model.set_weights([np.array([[1.0], [1.0]]), np.array([-1.0])])
sigmoid_model.set_weights(linear_model.get_weights())

loss_s, accuracy_s = sigmoid_model.evaluate(x, y_binary, verbose=0)
loss_l, accuracy_l, accuracy_l0 = linear_model.evaluate(x, y_binary, verbose=0)
print(f"loss, sigmoid output:                   {loss_s:.6f}")
print(f"loss, linear output:                    {loss_l:.6f}")
print(f"accuracy, sigmoid output:               {accuracy_s:.4f}")
print(f"accuracy, linear output, 'accuracy':    {accuracy_l:.4f}")
print(f"accuracy, linear output, threshold=0.0: {accuracy_l0:.4f}")

# %% Two softmax units
# Binary classification as a two-class problem: Dense(2, softmax) with integer labels.
two_units = keras.Sequential(
    [keras.Input(shape=(2,)), keras.layers.Dense(2, activation="softmax")]
)
two_units.compile(loss="sparse_categorical_crossentropy", metrics=["accuracy"])
# logits (0, x1 + x2 - 1), so p(class 1) = sigmoid(x1 + x2 - 1), as in the sigmoid model
two_units.set_weights([np.array([[0.0, 1.0], [0.0, 1.0]]), np.array([0.0, -1.0])])
loss_2, accuracy_2 = two_units.evaluate(x, y_binary.astype("int32"), verbose=0)
print("parameters: sigmoid model", sigmoid_model.count_params(), end=", ")
print("two softmax units", two_units.count_params())
print(f"loss, two softmax units:     {loss_2:.6f}")
print(f"accuracy, two softmax units: {accuracy_2:.4f}")
p_class_1 = two_units.predict(x[:3], verbose=0)[:, 1]
p_sigmoid = sigmoid_model.predict(x[:3], verbose=0)[:, 0]
print("p(class 1), two softmax units:", p_class_1.round(4))
print("p(class 1), sigmoid model:    ", p_sigmoid.round(4))
