"""Build the same Sequential model two ways, name its layers and look them up."""

# %% List
import textwrap

import keras
import numpy as np

keras.utils.set_random_seed(0)

from_list = keras.Sequential(
    [
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(name="flatten"),
        keras.layers.Dense(128, activation="relu", name="hidden"),
        keras.layers.Dropout(0.2, name="dropout"),
        keras.layers.Dense(10, activation="softmax", name="output"),
    ],
    name="from_list",
)
from_list.summary()

# %% Add
with_add = keras.Sequential(name="with_add")
with_add.add(keras.Input(shape=(28, 28)))
with_add.add(keras.layers.Flatten(name="flatten"))
with_add.add(keras.layers.Dense(128, activation="relu", name="hidden"))
with_add.add(keras.layers.Dropout(0.2, name="dropout"))
with_add.add(keras.layers.Dense(10, activation="softmax", name="output"))
with_add.summary()

# %% Compare
for model in (from_list, with_add):
    shapes = [layer.output.shape for layer in model.layers]
    print(
        f"{model.name:<9} parameters {model.count_params():,}, output shapes {shapes}"
    )
same_shapes = [w.shape for w in from_list.weights] == [
    w.shape for w in with_add.weights
]
print("same weight shapes:", same_shapes)
first_kernels = [
    model.get_layer("hidden").kernel.numpy() for model in (from_list, with_add)
]
print("same weight values:", bool((first_kernels[0] == first_kernels[1]).all()))

# %% Layers
print("number of layers:", len(from_list.layers))
for index, layer in enumerate(from_list.layers):
    print(index, layer.name, type(layer).__name__)

hidden = from_list.get_layer("hidden")
print("get_layer('hidden'):", hidden.name, "units", hidden.units, end=", ")
print("activation", hidden.activation.__name__)
print("kernel", hidden.kernel.shape, "bias", hidden.bias.shape)
print("same object as model.layers[1]:", hidden is from_list.layers[1])
print("last layer:", from_list.layers[-1].name)

# %% Automatic names
unnamed = keras.Sequential(
    [keras.Input(shape=(4,)), keras.layers.Dense(8), keras.layers.Dense(1)]
)
print("automatic names:", [layer.name for layer in unnamed.layers])

# %% Without Input
no_input = keras.Sequential([keras.layers.Dense(3, name="dense_a")], name="no_input")
no_input.summary()  # no shapes, no weights yet
try:
    no_input.count_params()
except ValueError as error:
    print(textwrap.fill(f"ValueError: {error}", 72))  # wrapped to fit the page
no_input(np.zeros((1, 4)))  # the first data fixes the input shape: 4 numbers
print("after seeing data with 4 features:", no_input.count_params(), "parameters")

# %% Errors
try:
    from_list.get_layer("hiden")  # a typo
except ValueError as error:
    print(textwrap.fill(f"ValueError: {error}", 72))  # wrapped to fit the page

try:
    keras.Sequential(
        [
            keras.Input(shape=(4,)),
            keras.layers.Dense(8, name="dense"),
            keras.layers.Dense(1, name="dense"),
        ]
    )
except ValueError as error:
    print(textwrap.fill(f"ValueError: {error}", 72))  # wrapped to fit the page
