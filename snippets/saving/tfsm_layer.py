"""keras.layers.TFSMLayer: the SavedModel of model.export() called as a Keras layer.

Backends: tensorflow. keras.layers.TFSMLayer runs the SavedModel with TensorFlow and
exists only on the TensorFlow backend: on JAX and PyTorch it raises NotImplementedError.

Backends (ko): keras.layers.TFSMLayer는 SavedModel을 TensorFlow로 실행하며 TensorFlow
백엔드에만 있습니다. JAX와 PyTorch에서는 NotImplementedError가 납니다.
"""

# %% Train and export
import os
import tempfile

import keras
import numpy as np

os.chdir(tempfile.mkdtemp())  # every file this script writes goes to a scratch folder

# The model, training and export of export.py.
(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x, y = x_train[:3000] / 255.0, y_train[:3000]
x_test = (x_test[:1000] / 255.0).astype("float32")  # a SavedModel wants its dtype

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
)
model.fit(x, y, epochs=3, batch_size=64, verbose=2)
expected = model.predict(x_test, verbose=0)
model.export("fashion_savedmodel", format="tf_saved_model", verbose=False)

# %% Load as a Keras layer
served = keras.layers.TFSMLayer("fashion_savedmodel", call_endpoint="serve")
outputs = keras.ops.convert_to_numpy(served(x_test))
print("TFSMLayer output:", outputs.shape)
print("max absolute difference from predict:", np.abs(outputs - expected).max())
