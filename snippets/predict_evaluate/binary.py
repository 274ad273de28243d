"""A sigmoid output: predict() gives P(class 1), a 0.5 threshold gives the class."""

# %% Train
import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_moons

keras.utils.set_random_seed(0)
x, y = make_moons(n_samples=1000, noise=0.25, random_state=0)
x_train, y_train, x_test, y_test = x[:800], y[:800], x[800:], y[800:]

model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=20, batch_size=32, verbose=0)

# %% Predict
probabilities = model.predict(x_test, verbose=0)
print("predict returns:", probabilities.shape)
print("first five:", probabilities[:5, 0].round(3))

# %% Threshold
predicted = (probabilities[:, 0] > 0.5).astype(int)
print("predicted classes:", predicted[:10])
print("true classes:     ", y_test[:10])

# %% Plot
bins = np.linspace(0, 1, 21)
plt.figure(figsize=(8, 3.5))
plt.hist(probabilities[y_test == 0, 0], bins=bins, alpha=0.6, label="true class 0")
plt.hist(probabilities[y_test == 1, 0], bins=bins, alpha=0.6, label="true class 1")
plt.axvline(0.5, color="black", linestyle="--", label="threshold 0.5")
plt.title("Sigmoid outputs on the test set")
plt.xlabel("predicted probability of class 1")
plt.ylabel("test examples")
plt.legend(loc="upper center")
plt.show()

# %% Compare
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"evaluate:  loss {loss:.4f}, accuracy {accuracy:.4f}")
print(f"by hand:   accuracy {np.mean(predicted == y_test):.4f}")
wrong = probabilities.argmax(axis=1)  # argmax over a single column is always 0
print("argmax classes:", np.unique(wrong), f"accuracy {np.mean(wrong == y_test):.4f}")
