"""Loss functions on small hand-made examples, and the error for the wrong labels."""

# %% Regression losses
import keras
import numpy as np

y_true = np.array([3.0, -0.5, 2.0, 7.0])
y_pred = np.array([2.5, 0.0, 2.0, 8.0])
errors = y_pred - y_true
print("errors:", errors)

mae = float(keras.losses.MeanAbsoluteError()(y_true, y_pred))
mse = float(keras.losses.MeanSquaredError()(y_true, y_pred))
print(f"MAE: keras {mae:.4f}, by hand {np.mean(np.abs(errors)):.4f}")
print(f"MSE: keras {mse:.4f}, by hand {np.mean(errors**2):.4f}")

# %% Binary cross-entropy
labels = np.array([1.0, 0.0, 1.0, 0.0])  # one 0/1 label per example
p = np.array([0.9, 0.2, 0.6, 0.4])  # sigmoid outputs: probability of class 1
bce = float(keras.losses.BinaryCrossentropy()(labels, p))
by_hand = -np.mean(labels * np.log(p) + (1 - labels) * np.log(1 - p))
print(f"binary cross-entropy: keras {bce:.4f}, by hand {by_hand:.4f}")

# %% Categorical cross-entropy
probabilities = np.array(  # softmax outputs: one row per example, 3 classes
    [
        [0.7, 0.2, 0.1],
        [0.1, 0.3, 0.6],
        [0.2, 0.5, 0.3],
    ]
)
integer_labels = np.array([0, 2, 1])
one_hot_labels = keras.utils.to_categorical(integer_labels, num_classes=3)
print("integer labels:", integer_labels)
print("one-hot labels:")
print(one_hot_labels)

categorical = keras.losses.CategoricalCrossentropy()(one_hot_labels, probabilities)
sparse = keras.losses.SparseCategoricalCrossentropy()(integer_labels, probabilities)
by_hand = -np.mean(np.log(probabilities[np.arange(3), integer_labels]))
print(f"categorical_crossentropy, one-hot labels:       {float(categorical):.4f}")
print(f"sparse_categorical_crossentropy, integer labels: {float(sparse):.4f}")
print(f"by hand, -mean(log p[true class]):               {by_hand:.4f}")

# %% Wrong pairing
keras.utils.set_random_seed(0)
x = np.random.rand(64, 4)
y_int = np.random.randint(0, 3, size=64)  # integer labels 0, 1, 2
y_one_hot = keras.utils.to_categorical(y_int, num_classes=3)


def build_model(loss):
    keras.utils.set_random_seed(1)  # the same starting weights for every model
    model = keras.Sequential(
        [keras.Input(shape=(4,)), keras.layers.Dense(3, activation="softmax")]
    )
    model.compile(optimizer="adam", loss=loss)
    return model


for loss, y, kind in [
    ("categorical_crossentropy", y_int, "integer"),
    ("sparse_categorical_crossentropy", y_one_hot, "one-hot"),
]:
    print(f"{loss} with {kind} labels {y.shape}:")
    try:
        build_model(loss).fit(x, y, epochs=1, verbose=0)
        print("  trained without error")
    except Exception as error:
        print(f"  {type(error).__name__}: {str(error).splitlines()[0]}")

# %% Right pairing
for loss, y, kind in [
    ("categorical_crossentropy", y_one_hot, "one-hot"),
    ("sparse_categorical_crossentropy", y_int, "integer"),
]:
    history = build_model(loss).fit(x, y, epochs=1, verbose=0)
    print(f"{loss} with {kind} labels: loss {history.history['loss'][0]:.4f}")
