"""model.export(): a TensorFlow SavedModel for serving, loaded back and called.

Backends: tensorflow, jax. On PyTorch, Keras writes a SavedModel through torch.export
and torch_xla: with Keras 3.15.1 and torch 2.13, torch.export rejects the
dynamic_shapes structure Keras passes (a UserError); torch_xla, needed next, is not
installed.

Backends (ko): Keras는 PyTorch 모델의 SavedModel을 torch.export와 torch_xla로
만듭니다. Keras 3.15.1과 torch 2.13에서는 torch.export가 Keras에서 받은 모양을
거부하고(dynamic_shapes에 관한 UserError), 이 빌드 환경에는 torch_xla가 설치되어 있지
않습니다.
"""

# %% Train
import os
import tempfile

import keras
import numpy as np
import tensorflow as tf

os.chdir(tempfile.mkdtemp())  # every file this script writes goes to a scratch folder

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

# %% Export
model.export("fashion_savedmodel", format="tf_saved_model", verbose=False)
print("the artifact is a folder:", sorted(os.listdir("fashion_savedmodel")))

# %% Load with TensorFlow alone
artifact = tf.saved_model.load("fashion_savedmodel")
print("signatures:", list(artifact.signatures))
outputs = artifact.serve(tf.constant(x_test)).numpy()
print("artifact.serve output:", outputs.shape)
print("max absolute difference from predict:", np.abs(outputs - expected).max())

# %% Not a Keras model
try:
    keras.saving.load_model("fashion_savedmodel")
except ValueError as error:
    print("ValueError:", str(error).split(" Note that")[0])
