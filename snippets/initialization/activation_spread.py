"""How the spread of activations changes through 20 Dense layers, per initializer."""

# %% Setup
import keras
import matplotlib.pyplot as plt
import numpy as np

depth, width = 20, 512
x = np.random.default_rng(0).normal(size=(1000, width)).astype("float32")
print(f"input: {x.shape[0]} examples of {x.shape[1]} features, std {x.std():.2f}")

initializers = {  # what makes a new initializer: one for each layer
    "too small": lambda: keras.initializers.RandomNormal(stddev=0.01),
    "Glorot": keras.initializers.GlorotUniform,  # the class behind "glorot_uniform"
    "He": keras.initializers.HeNormal,  # the class behind "he_normal"
}


def deep_stack(new_initializer, activation):
    """20 Dense layers, each drawing weights of its own; the model returns the output
    of every layer."""
    inputs = keras.Input(shape=(width,))
    outputs, h = [], inputs
    for _ in range(depth):
        h = keras.layers.Dense(
            width, activation=activation, kernel_initializer=new_initializer()
        )(h)
        outputs.append(h)
    return keras.Model(inputs, outputs)


# %% Measure
spread = {}  # (activation, initializer name) -> std of each layer's output


def measure(activation):
    """Build the stack with each initializer and print the spread at 5 depths."""
    weight_stds = []
    for name, new_initializer in initializers.items():
        keras.utils.set_random_seed(1)  # the same random draws for every model
        model = deep_stack(new_initializer, activation)
        # A functional model lists its InputLayer first: layers[1] is the first Dense.
        kernel = keras.ops.convert_to_numpy(model.layers[1].kernel)
        weight_stds.append(float(np.std(kernel)))
        outputs = [keras.ops.convert_to_numpy(a) for a in model(x)]
        spread[activation, name] = [float(np.std(a)) for a in outputs]
    print(f"{activation}: std of each layer's output")
    for layer in (1, 5, 10, 15, 20):
        shown = ", ".join(
            f"{name} {spread[activation, name][layer - 1]:.1e}" for name in initializers
        )
        print(f"  layer {layer:>2}: {shown}")
    shown = ", ".join(
        f"{std:.3f} ({name})"
        for name, std in zip(initializers, weight_stds, strict=True)
    )
    print(f"  weight std: {shown}")


# %% ReLU
measure("relu")

# %% tanh
measure("tanh")

# %% Plot
layers = np.arange(1, depth + 1)
fig, axes = plt.subplots(1, 2, figsize=(11, 3.8), sharey=True)
labels = {
    "too small": "too small: RandomNormal(stddev=0.01)",
    "Glorot": "Glorot: glorot_uniform",
    "He": "He: he_normal",
}
for ax, activation in zip(axes, ("relu", "tanh"), strict=True):
    for name, label in labels.items():
        ax.semilogy(layers, spread[activation, name], "o-", markersize=3, label=label)
    ax.set_title(f"{activation} activation, {width} units per layer")
    ax.set_xlabel("layer")
    ax.set_xticks(layers[::2] + 1)
    ax.grid(alpha=0.3)
axes[0].set_ylabel("std of the layer's output (log scale)")
axes[1].legend(fontsize=8)
fig.suptitle("Spread of activations through a stack of 20 Dense layers")
fig.tight_layout()
plt.show()

# %% Shared initializer
shared = keras.initializers.HeNormal()  # no seed given: it draws one now, once
twins = [keras.layers.Dense(3, kernel_initializer=shared) for _ in range(2)]
for layer in twins:
    layer.build((None, 4))
kernels = [keras.ops.convert_to_numpy(layer.kernel) for layer in twins]
print("one HeNormal object in two layers, same weights:", np.array_equal(*kernels))
