"""Cross-entropy of a softmax output: from its logits on TensorFlow, else clipped."""

# %% A confident mistake
import keras
import numpy as np

print("backend:", keras.backend.backend())
x = np.ones((1, 1), dtype="float32")  # one example...
one_hot, label = np.array([[1.0, 0.0, 0.0]]), np.array([0])  # ...of class 0
scores = np.array([0.0, 100.0, 0.0], dtype="float32")  # but class 1 scores 100 higher


def output_model(activation, loss):
    """One Dense(3) layer whose output scores are exactly `scores`, for any input."""
    model = keras.Sequential(
        [keras.Input(shape=(1,)), keras.layers.Dense(3, activation=activation)]
    )
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss=loss)
    model.set_weights([np.zeros((1, 3)), scores])  # kernel 0, bias = the scores
    return model


def output_scores(model):
    """The scores the Dense layer computes for `x`: x @ kernel + bias."""
    kernel, bias = model.layers[0].get_weights()
    return (x @ kernel + bias)[0].round(4) + 0.0  # + 0.0: no -0.0


softmax = output_model("softmax", "categorical_crossentropy")
print(f"p(class 0): {softmax.predict(x, verbose=0)[0, 0]:.1e}")
loss = softmax.evaluate(x, one_hot, verbose=0)
print(f"categorical_crossentropy (one-hot label): {loss:.4f}")
sparse = output_model("softmax", "sparse_categorical_crossentropy")
loss = sparse.evaluate(x, label, verbose=0)
print(f"sparse_categorical_crossentropy (integer label): {loss:.4f}")
epsilon = keras.config.epsilon()  # the clip: probabilities below it count as it
print(f"-ln(epsilon) = -ln({epsilon}) = {-np.log(epsilon):.4f}")

# %% One training step
softmax.train_on_batch(x, one_hot)
print("scores after one SGD step:", output_scores(softmax))
print(f"loss after one step: {softmax.evaluate(x, one_hot, verbose=0):.4f}")

# %% From logits
logits = output_model(None, keras.losses.CategoricalCrossentropy(from_logits=True))
loss = logits.evaluate(x, one_hot, verbose=0)
print(f"linear output, from_logits=True: {loss:.4f}")
logits.train_on_batch(x, one_hot)
print("scores after one SGD step:", output_scores(logits))
print(f"loss after one step: {logits.evaluate(x, one_hot, verbose=0):.4f}")
