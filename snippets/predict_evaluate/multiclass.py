"""predict() gives class probabilities, argmax gives classes; evaluate() agrees."""

# %% Train
import keras
import numpy as np

keras.utils.set_random_seed(0)
(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_train, y_train = x_train[:6000] / 255.0, y_train[:6000]  # a subset: quick to train
x_test = x_test / 255.0  # all 10,000 test images

model = keras.Sequential(
    [
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer="adam",
    loss="sparse_categorical_crossentropy",
    metrics=[
        keras.metrics.SparseTopKCategoricalAccuracy(k=3, name="top3_accuracy"),
        "accuracy",
    ],
)
model.fit(x_train, y_train, epochs=5, batch_size=64, verbose=0)

# %% Predict
probabilities = model.predict(x_test, verbose=0)
print("predict returns:", type(probabilities).__name__, probabilities.shape)
print("first row:", probabilities[0].round(3))
print("first row sums to:", round(float(probabilities[0].sum()), 4))
print(
    "every row sums to 1:", bool(np.allclose(probabilities.sum(axis=1), 1, atol=1e-5))
)

# %% Classes
predicted = probabilities.argmax(axis=1)
print("predicted classes:", predicted[:10])
print("true classes:     ", y_test[:10])

# %% One image
one = model.predict(x_test[:1], verbose=0)  # a batch of one: shape (1, 28, 28)
print("x_test[:1] has shape", x_test[:1].shape, "-> predictions", one.shape)
weights = model.get_weights()  # a copy of the trained weights, for JAX (see below)
try:
    model.predict(x_test[0], verbose=0)  # shape (28, 28): no batch axis
except ValueError as error:
    print(
        "x_test[0] has shape",
        x_test[0].shape,
        "-> predict raises",
        type(error).__name__,
    )
try:
    model.predict(x_test[:1], verbose=0)
    print("after the error, the model still predicts")
except TypeError as error:  # on JAX: the failed predict took the weights with it
    print(f"after the error, predict raises TypeError: {error}")
    model.set_weights(weights)  # put the copy back

# %% Evaluate
results = model.evaluate(x_test, y_test, verbose=0)
print("evaluate returns:", [round(value, 4) for value in results])
loss, top3_accuracy, accuracy = results  # loss, then the metrics in compile order
print(f"loss {loss:.4f}, top3_accuracy {top3_accuracy:.4f}, accuracy {accuracy:.4f}")
print("model.metrics_names:", model.metrics_names)
named = model.evaluate(x_test, y_test, verbose=0, return_dict=True)
print("return_dict=True:", {name: round(value, 4) for name, value in named.items()})

# %% By hand
accuracy_by_hand = np.mean(predicted == y_test)
top3 = np.argsort(probabilities, axis=1)[:, -3:]
top3_by_hand = np.mean([label in row for label, row in zip(y_test, top3, strict=True)])
loss_by_hand = -np.mean(np.log(probabilities[np.arange(len(y_test)), y_test]))
print(
    f"accuracy:      evaluate {named['accuracy']:.4f}, by hand {accuracy_by_hand:.4f}"
)
print(
    f"top3_accuracy: evaluate {named['top3_accuracy']:.4f}, by hand {top3_by_hand:.4f}"
)
print(f"loss:          evaluate {named['loss']:.4f}, by hand {loss_by_hand:.4f}")

# %% Loss only
# The same trained layers, compiled with a loss and no metrics.
loss_only = keras.Sequential([keras.Input(shape=(28, 28)), *model.layers])
loss_only.compile(loss="sparse_categorical_crossentropy")
result = loss_only.evaluate(x_test, y_test, verbose=0)
print(f"no metrics: evaluate returns {type(result).__name__} {result:.4f}")
try:
    loss, accuracy = loss_only.evaluate(x_test, y_test, verbose=0)
except TypeError as error:
    print(f"loss, accuracy = evaluate(...) raises TypeError: {error}")
only_loss = loss_only.evaluate(x_test, y_test, verbose=0, return_dict=True)
print("return_dict=True:", {name: round(value, 4) for name, value in only_loss.items()})
