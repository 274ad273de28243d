"""Metrics in compile(): the names they get in the fit log, History and evaluate()."""

# %% Classification
import keras
import numpy as np
from sklearn.datasets import make_moons

keras.utils.set_random_seed(0)
x, y = make_moons(n_samples=1000, noise=0.2, random_state=0)
x_train, y_train, x_test, y_test = x[:800], y[:800], x[800:], y[800:]

classifier = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
classifier.compile(
    optimizer="adam",
    loss="binary_crossentropy",
    metrics=["accuracy", keras.metrics.AUC(name="auc")],
)
history = classifier.fit(
    x_train, y_train, epochs=3, batch_size=64, validation_split=0.25, verbose=2
)
print("History keys:", list(history.history))
results = classifier.evaluate(x_test, y_test, verbose=0, return_dict=True)
print("evaluate:", {name: round(value, 4) for name, value in results.items()})

# %% Regression
x = np.random.uniform(-1, 1, size=(1000, 3))
y = x @ np.array([2.0, -1.0, 0.5]) + np.random.normal(0, 0.1, size=1000)

regressor = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
regressor.compile(optimizer="adam", loss="mse", metrics=["mae", "mse"])
history = regressor.fit(x, y, epochs=3, batch_size=64, validation_split=0.2, verbose=2)
print("History keys:", list(history.history))

# %% Names
named = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
named.compile(
    optimizer="adam",
    loss="mse",
    metrics=[
        "mae",
        keras.metrics.MeanAbsoluteError(),
        keras.metrics.RootMeanSquaredError(name="rmse"),
    ],
)
history = named.fit(x, y, epochs=1, verbose=0)
print("History keys:", list(history.history))
print(
    "two AUC() objects are named:", keras.metrics.AUC().name, keras.metrics.AUC().name
)
