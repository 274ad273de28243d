"""Trainable and non-trainable parameters: BatchNormalization, and freezing a layer."""

# %% BatchNormalization
import keras
import numpy as np

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(20,)),
        keras.layers.Dense(64, activation="relu", name="hidden"),
        keras.layers.BatchNormalization(name="norm"),
        keras.layers.Dense(1, activation="sigmoid", name="output"),
    ],
    name="with_batch_norm",
)
model.summary()

# %% Inside BatchNormalization
for weight in model.get_layer("norm").weights:
    print(f"{weight.name:<16} shape {weight.shape}  trainable: {weight.trainable}")

# %% Freeze a layer
model.get_layer("hidden").trainable = False
model.summary()
print("parameters of hidden:", model.get_layer("hidden").count_params())

# %% Train
x = np.random.normal(size=(512, 20))
y = (x[:, 0] + x[:, 1] > 0).astype("float32")
before = {weight.path: weight.numpy().copy() for weight in model.weights}

model.compile(optimizer="adam", loss="binary_crossentropy")  # compile after freezing
model.fit(x, y, epochs=2, batch_size=64, verbose=0)

for weight in model.weights:
    changed = not np.array_equal(before[weight.path], weight.numpy())
    print(f"{weight.path:<37} changed by fit: {changed}")
