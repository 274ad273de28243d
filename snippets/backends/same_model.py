"""One model, one script: what the backend changes and what it does not."""

# %% Build
import time

import keras

print("backend:", keras.backend.backend())
(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_train, y_train = x_train[:2048] / 255.0, y_train[:2048]  # 32 batches of 64
x_test, y_test = x_test[:1000] / 255.0, y_test[:1000]

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.summary()

# %% Initial weights
kernel, bias = model.layers[1].get_weights()  # the Dense(64) layer after Flatten
print("first four weights:", kernel[0, :4].round(4))
print(f"first weight: {kernel[0, 0]:.4f}")
print(f"largest |weight|: {abs(kernel).max():.4f}")
print(f"Glorot uniform limit, sqrt(6 / (784 + 64)): {(6 / (784 + 64)) ** 0.5:.4f}")

# %% Train
model.compile(
    optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
)
print("jit_compile:", model.jit_compile)  # compile()'s "auto", resolved
history = model.fit(x_train, y_train, epochs=3, batch_size=64, verbose=2)
print("History keys:", sorted(history.history))
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test loss: {loss:.4f}")
print(f"test accuracy: {accuracy:.4f}")
probabilities = model.predict(x_test[:5], verbose=0)
print("predict returns:", type(probabilities).__name__, probabilities.shape)

# %% Speed
steps = 3 * 32  # 3 more epochs of 32 batches, timed
start = time.perf_counter()
model.fit(x_train, y_train, epochs=3, batch_size=64, verbose=0)
elapsed = time.perf_counter() - start
print(f"{steps} training steps in {elapsed:.2f} s")
print(f"per step: {1000 * elapsed / steps:.1f} ms")
