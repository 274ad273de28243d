"""The seven Keras calls of a training run, end to end, on the 150 iris flowers."""

# %% Data
import keras
import numpy as np
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(0)  # same split, weights and shuffling on every run

x, y = load_iris(return_X_y=True)  # ships with scikit-learn: no download
x_train, x_test, y_train, y_test = train_test_split(
    x, y, test_size=30, stratify=y, random_state=0
)
mean, std = x_train.mean(axis=0), x_train.std(axis=0)
x_train = (x_train - mean) / std  # scale with the training set's statistics...
x_test = (x_test - mean) / std  # ...and apply the same scaling to the test set
print("x_train:", x_train.shape, " y_train:", y_train.shape)
print("x_test: ", x_test.shape, " y_test: ", y_test.shape)
print("classes:", np.unique(y))

# %% Build
model = keras.Sequential(
    [
        keras.Input(shape=(4,)),  # 1. one example = 4 measurements
        keras.layers.Dense(16, activation="relu"),  # 2. activations
        keras.layers.Dense(3, activation="softmax"),  # one probability per class
    ]
)

# %% Compile
model.compile(  # 3. how to learn: optimizer, loss function, metrics
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)

# %% Summary
model.summary()  # 4. layers, output shapes, parameter counts

# %% Fit
history = model.fit(  # 5. train
    x_train, y_train, epochs=40, batch_size=16, validation_split=0.2, verbose=0
)
for epoch in (0, 9, 19, 39):
    print(
        f"epoch {epoch + 1:>2}: loss {history.history['loss'][epoch]:.3f}, "
        f"accuracy {history.history['accuracy'][epoch]:.3f}, "
        f"val_accuracy {history.history['val_accuracy'][epoch]:.3f}"
    )

# %% Predict
probabilities = model.predict(x_test[:5], verbose=0)  # 6. use the model
print("predictions shape:", probabilities.shape)
print("row sums:", probabilities.sum(axis=1).round(4))
print("predicted classes:", probabilities.argmax(axis=1))
print("true classes:     ", y_test[:5])

# %% Evaluate
test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)  # 7. score it
print(f"test loss:     {test_loss:.3f}")
print(f"test accuracy: {test_accuracy:.3f}")
right = int((model.predict(x_test, verbose=0).argmax(axis=1) == y_test).sum())
print(f"test flowers classified right: {right} of {len(y_test)}")
