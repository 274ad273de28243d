"""Check torch.autograd gradients against central finite differences.

Backends: torch. It takes gradients with torch.autograd and writes a derivative with
torch.autograd.Function; the other tabs do the same with tf.GradientTape and jax.grad.

Backends (ko): 이 스크립트는 torch.autograd로 그레이디언트를 구하고
torch.autograd.Function으로 도함수를 직접 작성합니다. 다른 탭에서는 같은 일을
tf.GradientTape와 jax.grad로 합니다.
"""

# %% Setup
import keras
import matplotlib.pyplot as plt
import numpy as np
import torch
from keras.src.backend.common import dtypes as keras_dtypes

keras.config.set_floatx("float64")  # 64-bit floats: finite differences need them
# Outside TensorFlow, Keras 3.15's type promotion turns float64 into float32, so
# ops.matmul (in Dense) and ops.mean (in the loss) would compute in float32 and a
# correct gradient would fail the check; this entry of Keras's internals keeps float64.
# A known Keras issue (keras-team/keras#23223; the fix, PR #23225, is merged for a
# later release): this patch is for Keras 3.15.x.
keras_dtypes.BIT64_TO_BIT32_DTYPE["float64"] = "float64"
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
def autograd_gradients(model, x, y):
    """What training uses: backpropagation by torch.autograd."""
    model.zero_grad()  # backward() adds to each .grad: clear what is left in it
    loss = loss_fn(y, model(x))
    loss.backward()  # fills .grad of every torch tensor the loss was computed from
    # a copy: .grad.numpy() would share the buffer the next backward() adds into
    return [
        variable.value.grad.detach().clone().numpy()
        for variable in model.trainable_variables
    ]


backprop = autograd_gradients(model, x, y)
for variable, gradient in zip(model.trainable_variables, backprop, strict=True):
    print(f"{variable.path:<26} gradient shape {gradient.shape}")


# %% Finite differences
@torch.no_grad()  # only loss values here: autograd need not record the passes
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
print("  torch.autograd:    ", np.round(backprop[0][0], 6))
print("  finite differences:", np.round(numerical[0][0], 6))
for variable, g_autograd, g_num in zip(
    model.trainable_variables, backprop, numerical, strict=True
):
    error = relative_error([g_autograd], [g_num])
    print(f"{variable.path:<26} relative error {error:.1e}")
total = relative_error(backprop, numerical)
print(f"{'all parameters':<26} relative error {total:.1e}")


# %% Wrong gradient
# torch.autograd.Function: an operation whose backward pass is written by hand.
# forward() keeps what backward() needs (here the output), and backward() turns
# the upstream gradient into the gradient with respect to the input.
class BuggyTanh(torch.autograd.Function):
    """tanh with a hand-written gradient that forgets a square."""

    @staticmethod
    def forward(ctx, z):
        out = torch.tanh(z)
        ctx.save_for_backward(out)
        return out

    @staticmethod
    def backward(ctx, upstream):
        (out,) = ctx.saved_tensors
        return upstream * (1 - out)  # bug: the derivative is 1 - tanh(z) ** 2


class FixedTanh(torch.autograd.Function):
    """The same activation with the derivative written correctly."""

    @staticmethod
    def forward(ctx, z):
        out = torch.tanh(z)
        ctx.save_for_backward(out)
        return out

    @staticmethod
    def backward(ctx, upstream):
        (out,) = ctx.saved_tensors
        return upstream * (1 - out**2)


buggy_tanh, fixed_tanh = BuggyTanh.apply, FixedTanh.apply


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
    g_autograd = autograd_gradients(custom, x, y)
    g_num = numerical_gradients(custom, x, y)
    print(f"{name}: relative error {relative_error(g_autograd, g_num):.1e}")
    if name == "buggy_tanh":  # variable by variable, from the output back
        for variable, a, b in reversed(
            list(zip(custom.trainable_variables, g_autograd, g_num, strict=True))
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
        autograd_gradients(model32, x32, y32),
        numerical_gradients(model32, x32, y32, h=h),
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
