"""KERAS_BACKEND and keras.json: Keras reads them once, when it is first imported."""

# %% Which backend
import json
import os
import subprocess
import sys
import tempfile

import keras

print("KERAS_BACKEND:", os.environ.get("KERAS_BACKEND"))
print("keras.backend.backend():", keras.backend.backend())

# %% Too late
# A backend other than the one in use: does changing the variable switch to it?
other = "jax" if keras.backend.backend() != "jax" else "torch"
os.environ["KERAS_BACKEND"] = other
print("KERAS_BACKEND now:", os.environ["KERAS_BACKEND"])
print("keras.backend.backend():", keras.backend.backend())


# %% A new process
def backend_of_a_new_process(env):
    """Start Python with *env*, import keras there and return the backend it chose."""
    done = subprocess.run(
        [sys.executable, "-c", "import keras; print(keras.backend.backend())"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split()[-1]


home = tempfile.mkdtemp()  # a folder that stands in for ~/.keras
env = dict(os.environ)
del env["KERAS_BACKEND"]  # no variable: the file decides
env["KERAS_HOME"] = home  # where Keras looks for keras.json
with open(os.path.join(home, "keras.json"), "w") as f:
    json.dump({"backend": other}, f)
chosen = backend_of_a_new_process(env)
print(f'keras.json says "{other}", no KERAS_BACKEND: {chosen}')

current = keras.backend.backend()
with open(os.path.join(home, "keras.json"), "w") as f:
    json.dump({"backend": current}, f)
env["KERAS_BACKEND"] = other
chosen = backend_of_a_new_process(env)
print(f'keras.json says "{current}", KERAS_BACKEND={other}: {chosen}')
