"""Give compile() an optimizer by name or as an object; compare SGD, RMSprop, Adam."""

# %% By name or object
import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_moons


def build_model():
    keras.utils.set_random_seed(0)  # the same starting weights for every model
    return keras.Sequential(
        [
            keras.Input(shape=(2,)),
            keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )


by_name = build_model()
by_name.compile(optimizer="adam", loss="binary_crossentropy")

by_object = build_model()
by_object.compile(
    optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="binary_crossentropy"
)

faster = build_model()
faster.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="binary_crossentropy"
)

for label, model in [
    ('"adam"', by_name),
    ("Adam(learning_rate=1e-3)", by_object),
    ("Adam(learning_rate=0.01)", faster),
]:
    optimizer = model.optimizer
    learning_rate = float(optimizer.learning_rate)
    print(f"{label:>25}: {type(optimizer).__name__}, learning rate {learning_rate:g}")

# %% Default learning rates
for name in ["sgd", "rmsprop", "adam"]:
    optimizer = keras.optimizers.get(name)
    learning_rate = float(optimizer.learning_rate)
    label = f'"{name}"'
    print(
        f"{label:>9} -> {type(optimizer).__name__:<8} learning rate {learning_rate:g}"
    )

# %% Compare
x, y = make_moons(n_samples=1000, noise=0.2, random_state=0)
optimizers = {
    "SGD": keras.optimizers.SGD(learning_rate=0.01),
    "RMSprop": keras.optimizers.RMSprop(learning_rate=0.001),
    "Adam": keras.optimizers.Adam(learning_rate=0.001),
}
losses = {}
for name, optimizer in optimizers.items():
    model = build_model()
    model.compile(optimizer=optimizer, loss="binary_crossentropy")
    history = model.fit(x, y, epochs=20, batch_size=32, verbose=0)
    losses[name] = history.history["loss"]
    print(f"{name:>7}: loss {losses[name][0]:.3f} after epoch 1, ", end="")
    print(f"{losses[name][-1]:.3f} after epoch 20")

# %% Plot
epochs = np.arange(1, 21)
plt.figure(figsize=(8, 3.5))
for name, values in losses.items():
    plt.plot(epochs, values, label=name)
plt.title("Training loss with three optimizers (same model, same start)")
plt.xlabel("epoch")
plt.ylabel("binary cross-entropy")
plt.xticks(epochs[1::2])
plt.legend()
plt.grid(alpha=0.3)
plt.show()
