"""Predict fuel efficiency (MPG) of 1970s-80s cars with the note's regression model."""

# %% Load
import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from mlxtend.data import autompg_data

keras.utils.set_random_seed(42)  # same weights and shuffling on every run

X, y = autompg_data()  # 392 cars: 8 attribute columns and the MPG of each car
print("X:", X.shape, " y:", y.shape)
print("empty values per column of X:", np.isnan(X).sum(axis=0))

# Column 8, the car name, is text and reads as NaN: keep the 7 numeric columns.
columns = [
    "cylinders",
    "displacement",  # engine size, cubic inches
    "horsepower",
    "weight",  # pounds
    "acceleration",  # seconds from 0 to 60 mph
    "model_year",  # 70 = 1970 ... 82 = 1982
    "origin",  # 1 = USA, 2 = Europe, 3 = Japan
]
df = pd.DataFrame(X[:, :7], columns=columns)
df["mpg"] = y
print("DataFrame shape:", df.shape)
print(df.head().to_string())
print(f"model years: {df.model_year.min():.0f} to {df.model_year.max():.0f}")

# %% Encode origin
# origin is a category, not a quantity: one 0/1 column per region instead.
df["origin"] = df["origin"].map({1: "USA", 2: "Europe", 3: "Japan"})
df = pd.get_dummies(df, columns=["origin"], prefix="", prefix_sep="", dtype=float)
print("DataFrame shape:", df.shape)
print(df.head().to_string())

# %% Split
train_df = df.sample(frac=0.8, random_state=42)  # 80% of the rows, fixed seed
test_df = df.drop(train_df.index)  # the other 20%
feature_names = [name for name in df.columns if name != "mpg"]
x_train = train_df[feature_names].to_numpy("float32")
y_train = train_df["mpg"].to_numpy("float32")
x_test = test_df[feature_names].to_numpy("float32")
y_test = test_df["mpg"].to_numpy("float32")
print("features:", feature_names)
print("x_train:", x_train.shape, " y_train:", y_train.shape)
print("x_test: ", x_test.shape, " y_test: ", y_test.shape)

# %% Normalize
normalizer = keras.layers.Normalization()
normalizer.adapt(x_train)  # learns each column's mean and variance, training set only
print("normalizer weights:", [(w.name, tuple(w.shape)) for w in normalizer.weights])
means = keras.ops.convert_to_numpy(normalizer.mean)[0]
stds = np.sqrt(keras.ops.convert_to_numpy(normalizer.variance)[0])
scaled = keras.ops.convert_to_numpy(normalizer(x_train))
print(f"{'feature':>12} {'mean':>8} {'std':>7} {'car 0':>7} {'scaled':>7}")
for i, name in enumerate(feature_names):
    print(
        f"{name:>12} {means[i]:8.2f} {stds[i]:7.2f} {x_train[0, i]:7.1f}"
        f" {scaled[0, i]:7.2f}"
    )
print(
    f"scaled training columns: largest |mean| {np.abs(scaled.mean(axis=0)).max():.3f}"
)
print(
    f"scaled training columns: std from {scaled.std(axis=0).min():.3f}"
    f" to {scaled.std(axis=0).max():.3f}"
)

# %% Build
n_features = len(feature_names)
model = keras.Sequential(
    [
        keras.Input(shape=(n_features,)),
        normalizer,
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),  # one number out, no activation: linear output
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.003),
    loss="mse",
    metrics=["mae"],
)
model.summary()
default_rate = float(keras.optimizers.Adam().learning_rate)
print(f"learning rate: {float(model.optimizer.learning_rate):.3g}", end="")
print(f" (Adam's default: {default_rate:.3g})")

# %% Train
history = model.fit(
    x_train, y_train, epochs=50, batch_size=32, validation_split=0.2, verbose=0
)
print("History keys:", sorted(history.history))
keys = sorted(history.history)
print("epoch" + "".join(f"{key:>10}" for key in keys))
for epoch in (1, 10, 20, 30, 40, 50):
    row = [history.history[key][epoch - 1] for key in keys]
    print(f"{epoch:5d}" + "".join(f"{value:10.2f}" for value in row))

mae, val_mae = history.history["mae"], history.history["val_mae"]
print(f"after epoch 1: MAE {mae[0]:.1f}, validation MAE {val_mae[0]:.1f}")
print(f"after epoch {len(mae)}: MAE {mae[-1]:.2f}, validation MAE {val_mae[-1]:.2f}")

# %% Plot history
epochs = np.arange(1, len(history.history["loss"]) + 1)
fig, (loss_ax, mae_ax) = plt.subplots(1, 2, figsize=(10, 3.5))
loss_ax.plot(epochs, history.history["loss"], label="loss (training)")
loss_ax.plot(epochs, history.history["val_loss"], "--", label="val_loss")
loss_ax.set_title("Loss (mean squared error) per epoch")
loss_ax.set_ylabel("MSE, MPG squared")
loss_ax.set_yscale("log")
mae_ax.plot(epochs, history.history["mae"], label="mae (training)")
mae_ax.plot(epochs, history.history["val_mae"], "--", label="val_mae")
mae_ax.set_title("Mean absolute error per epoch")
mae_ax.set_ylabel("MAE, MPG")
mae_ax.set_ylim(0, 10)
for ax in (loss_ax, mae_ax):
    ax.set_xlabel("epoch")
    ax.grid(alpha=0.3)
    ax.legend()
fig.tight_layout()
plt.show()

# %% Evaluate
test_mse, test_mae = model.evaluate(x_test, y_test, verbose=0)
baseline_mae = np.abs(y_test - y_train.mean()).mean()
print(f"test loss (MSE): {test_mse:.2f}")
print(f"test MAE: {test_mae:.2f} MPG")
print(f"baseline MAE, always guessing the training mean: {baseline_mae:.2f} MPG")

# %% Predict
predictions = model.predict(x_test, verbose=0)
print("predict output shape:", predictions.shape)
print("predictions - y_test, unflattened:", (predictions - y_test).shape)  # (78, 78)!
predictions = predictions.flatten()  # (78, 1) -> (78,)
print("predictions - y_test, flattened:  ", (predictions - y_test).shape)
for true, predicted in zip(y_test[:5], predictions[:5], strict=True):
    print(f"true {true:5.1f} MPG   predicted {predicted:5.1f} MPG")
errors = np.abs(predictions - y_test)
print(f"cars predicted within 3 MPG: {(errors <= 3).sum()} of {len(errors)}")
print(f"MAE of cars below 25 MPG:   {errors[y_test < 25].mean():.2f}")
print(f"MAE of cars at 25 MPG or up: {errors[y_test >= 25].mean():.2f}")

limits = [5, 50]
fig, (scatter_ax, error_ax) = plt.subplots(1, 2, figsize=(10, 4))
scatter_ax.scatter(y_test, predictions, s=15, alpha=0.7, label="test cars")
scatter_ax.plot(limits, limits, "k--", linewidth=1, label="perfect prediction")
scatter_ax.set_xlim(limits)
scatter_ax.set_ylim(limits)
scatter_ax.set_aspect("equal")
scatter_ax.set_title("Predicted against true MPG, test set")
scatter_ax.set_xlabel("true MPG")
scatter_ax.set_ylabel("predicted MPG")
scatter_ax.legend()
error_ax.hist(predictions - y_test, bins=20, color="tab:orange")
error_ax.axvline(0, color="k", linewidth=1)
error_ax.set_title("Prediction errors, test set")
error_ax.set_xlabel("predicted minus true MPG")
error_ax.set_ylabel("number of cars")
fig.tight_layout()
plt.show()
