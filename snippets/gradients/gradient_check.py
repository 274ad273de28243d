"""Check tf.GradientTape gradients against central finite differences.

Backends: tensorflow. It takes gradients with tf.GradientTape and writes a derivative
with tf.custom_gradient; the other tabs do the same with jax.grad and torch.autograd.

Backends (ko): 이 스크립트는 tf.GradientTape로 그레이디언트를 구하고
tf.custom_gradient로 도함수를 직접 작성합니다. 다른 탭에서는 같은 일을 jax.grad와
torch.autograd로 합니다.
"""

# %% Setup
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

keras.config.set_floatx("float64")  # 64-bit floats: finite differences need them
keras.utils.set_random_seed(0)

rng = np.random.default_rng(0)
x = rng.normal(size=(8, 3))  # 8 examples, 3 features
y = rng.normal(size=(8, 1))  # one target each
loss_fn = keras.losses.MeanSquaredError()


def make_model(activation="tanh", dtype=None):
    """3 inputs -> Dense(4) -> Dense(1), the same starting weights every time."""
    keras.utils.set_random_seed(0)
    return keras.Sequential(
        [
            keras.Input(shape=(3,), dtype=dtype),
            keras.layers.Dense(4, activation=activation, dtype=dtype),
            keras.layers.Dense(1, dtype=dtype),
        ]
    )


model = make_model()
print("parameters:", model.count_params(), " dtype:", model.weights[0].dtype)


# %% Backprop
def tape_gradients(model, x, y):
    """What training uses: backpropagation by tf.GradientTape."""
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x))
    return tape.gradient(loss, model.trainable_variables)


backprop = tape_gradients(model, x, y)
for variable, gradient in zip(model.trainable_variables, backprop, strict=True):
    print(f"{variable.path:<26} gradient shape {gradient.shape}")


# %% Finite differences
def numerical_gradients(model, x, y, h=1e-6):
    """(L(w + h) - L(w - h)) / 2h for every parameter, one at a time."""
    gradients = []
    for variable in model.trainable_variables:
        original = variable.numpy()
        gradient = np.zeros(original.shape)
        for index in np.ndindex(original.shape):
            shifted = original.copy()
            shifted[index] += h
            variable.assign(shifted)
            loss_plus = float(loss_fn(y, model(x)))
            shifted[index] -= 2 * h
            variable.assign(shifted)
            loss_minus = float(loss_fn(y, model(x)))
            gradient[index] = (loss_plus - loss_minus) / (2 * h)
        variable.assign(original)  # put the weight back
        gradients.append(gradient)
    return gradients


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||), over all the parameters at once."""
    a = np.concatenate([np.ravel(g) for g in a])
    b = np.concatenate([np.ravel(g) for g in b])
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


numerical = numerical_gradients(model, x, y)
print("first layer's kernel gradient, row 0:")
print("  GradientTape:      ", np.round(backprop[0][0], 6))
print("  finite differences:", np.round(numerical[0][0], 6))
for variable, g_tape, g_num in zip(
    model.trainable_variables, backprop, numerical, strict=True
):
    error = relative_error([g_tape], [g_num])
    print(f"{variable.path:<26} relative error {error:.1e}")
total = relative_error(backprop, numerical)
print(f"{'all parameters':<26} relative error {total:.1e}")


# %% Wrong gradient
@tf.custom_gradient
def buggy_tanh(z):
    """tanh with a hand-written gradient that forgets a square."""
    out = tf.tanh(z)

    def gradient(upstream):
        return upstream * (1 - out)  # bug: the derivative is 1 - tanh(z) ** 2

    return out, gradient


@tf.custom_gradient
def fixed_tanh(z):
    """The same activation with the derivative written correctly."""
    out = tf.tanh(z)

    def gradient(upstream):
        return upstream * (1 - out**2)

    return out, gradient


def make_deeper_model(activation):
    """3 inputs -> Dense(4, tanh) -> Dense(4, activation) -> Dense(1)."""
    keras.utils.set_random_seed(0)
    return keras.Sequential(
        [
            keras.Input(shape=(3,)),
            keras.layers.Dense(4, activation="tanh", name="first"),
            keras.layers.Dense(4, activation=activation, name="second"),  # custom
            keras.layers.Dense(1, name="output"),
        ],
        name="net",
    )


for name, activation in (("buggy_tanh", buggy_tanh), ("fixed_tanh", fixed_tanh)):
    custom = make_deeper_model(activation)
    g_tape = tape_gradients(custom, x, y)
    g_num = numerical_gradients(custom, x, y)
    print(f"{name}: relative error {relative_error(g_tape, g_num):.1e}")
    if name == "buggy_tanh":  # variable by variable, from the output back
        for variable, a, b in reversed(
            list(zip(custom.trainable_variables, g_tape, g_num, strict=True))
        ):
            print(
                f"  {variable.path:<18} relative error {relative_error([a], [b]):.1e}"
            )

# %% Float32
model32 = make_model(dtype="float32")
x32, y32 = x.astype("float32"), y.astype("float32")
print("dtype:", model32.weights[0].dtype)
for h in (1e-2, 1e-3, 1e-6):
    error = relative_error(
        tape_gradients(model32, x32, y32), numerical_gradients(model32, x32, y32, h=h)
    )
    print(f"float32, h = {h:.0e}: relative error {error:.1e}")

# %% Step size
steps = np.logspace(-1, -13, 13)
errors = [
    relative_error(backprop, numerical_gradients(model, x, y, h=h)) for h in steps
]
best = steps[int(np.argmin(errors))]
print(f"smallest error {min(errors):.1e} at h = {best:.0e}")
for h, error in zip(steps, errors, strict=True):
    print(f"h = {h:.0e}: relative error {error:.1e}")

plt.figure(figsize=(7, 3.5))
plt.loglog(steps, errors, "o-")
plt.title("Gradient check: relative error against step size (float64)")
plt.xlabel("step size h")
plt.ylabel("relative error")
plt.grid(alpha=0.3, which="both")
plt.show()
