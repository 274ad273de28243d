"""A functional-API model with two inputs, something Sequential cannot express."""

# %% Data
import keras
import numpy as np

keras.utils.set_random_seed(0)

rng = np.random.default_rng(0)
n = 1000
measurements = rng.normal(size=(n, 4)).astype("float32")  # 4 numbers per house
neighbourhood = rng.normal(size=(n, 2)).astype("float32")  # 2 numbers per area
price = (
    measurements @ np.array([1.0, -2.0, 0.5, 0.0])
    + 3 * np.tanh(neighbourhood[:, 0])
    + rng.normal(scale=0.1, size=n)
).astype("float32")
print("measurements:", measurements.shape, " neighbourhood:", neighbourhood.shape)
print("price:", price.shape)

# %% Build
house_in = keras.Input(shape=(4,), name="measurements")
area_in = keras.Input(shape=(2,), name="neighbourhood")

house = keras.layers.Dense(16, activation="relu", name="house_branch")(house_in)
area = keras.layers.Dense(8, activation="relu", name="area_branch")(area_in)
merged = keras.layers.Concatenate(name="merge")([house, area])  # 16 + 8 = 24
price_out = keras.layers.Dense(1, name="price")(merged)

model = keras.Model(inputs=[house_in, area_in], outputs=price_out, name="two_inputs")
model.summary(line_length=86)  # wide enough for the "Connected to" column

# %% Train
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
history = model.fit(
    [measurements, neighbourhood], price, epochs=20, batch_size=32, verbose=0
)
loss = history.history["loss"]
print(f"training loss (MSE): {loss[0]:.3f} after epoch 1, {loss[-1]:.3f} after 20")

prediction = model.predict(
    {"measurements": measurements[:3], "neighbourhood": neighbourhood[:3]}, verbose=0
)
print("prediction shape:", prediction.shape)
print("predicted:", prediction[:, 0].round(2), " true:", price[:3].round(2))
