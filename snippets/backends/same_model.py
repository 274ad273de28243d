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
steps = 2048 // 64  # training steps (batches of 64) per epoch
repeats = 3  # one-epoch fit() calls timed, after one more as a warm-up
model.fit(x_train, y_train, epochs=1, batch_size=64, verbose=0)  # warm-up
per_step = []
for _ in range(repeats):
    start = time.perf_counter()
    model.fit(x_train, y_train, epochs=1, batch_size=64, verbose=0)
    per_step.append(1000 * (time.perf_counter() - start) / steps)
print("ms per step, each call:", " ".join(f"{ms:.1f}" for ms in per_step))
print(f"per step: {sorted(per_step)[repeats // 2]:.1f} ms (median of {repeats})")
