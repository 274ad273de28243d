"""Weight decay in the optimizer against an L2 penalty in the loss, both with Adam."""

# %% Data
import keras
import matplotlib.pyplot as plt
import numpy as np

(x_all, y_all), _ = keras.datasets.fashion_mnist.load_data()
x_all = x_all.reshape(-1, 784).astype("float32") / 255.0
x_train, y_train = x_all[:2000], y_all[:2000]  # the same 2,000 training images
x_val, y_val = x_all[-2000:], y_all[-2000:]  # and the same validation set

lit = (x_train > 0).mean(axis=0)  # per pixel: the fraction of images where it is > 0
never, rarely, often = lit == 0, (lit > 0) & (lit < 0.05), lit > 0.5
print(f"pixels never lit: {never.sum()}, lit in under 5% of images: {rarely.sum()}")
print(f"pixels lit in over half the images: {often.sum()}")

# %% Two ways to shrink weights
LEARNING_RATE = 0.001
L2_FACTOR = 0.0001  # the penalty: 0.0001 * sum(w**2), added to the loss
WEIGHT_DECAY = 4.0  # the decay: w -= 0.001 * 4.0 * w at every step


def build(regularizer=None):
    """The large model: three Dense(512) layers."""
    dense = [
        keras.layers.Dense(512, activation="relu", kernel_regularizer=regularizer)
        for _ in range(3)
    ]
    output = keras.layers.Dense(
        10, activation="softmax", kernel_regularizer=regularizer
    )
    return keras.Sequential([keras.Input(shape=(784,)), *dense, output])


def l2_with_adam():
    model = build(keras.regularizers.L2(L2_FACTOR))
    return model, keras.optimizers.Adam(learning_rate=LEARNING_RATE)


def adamw():
    model = build()  # no penalty in the loss
    optimizer = keras.optimizers.AdamW(
        learning_rate=LEARNING_RATE, weight_decay=WEIGHT_DECAY
    )
    return model, optimizer


steps = 25 * int(np.ceil(len(x_train) / 128))  # 25 epochs of batches of 128
print(f"steps in 25 epochs: {steps}")
print(f"per step, AdamW multiplies every weight by 1 - {LEARNING_RATE * WEIGHT_DECAY}")
left = (1 - LEARNING_RATE * WEIGHT_DECAY) ** steps
print(f"over {steps} steps, a weight with no gradient keeps {left:.3f} of its size")

# %% One step
# The first kernel's row for the pixel that is never lit: the data gives its 512
# weights no gradient at all, so only the penalty or the decay moves them.
for name, setup in (("L2 + Adam", l2_with_adam), ("AdamW", adamw)):
    keras.utils.set_random_seed(0)  # the same initial weights for both
    model, optimizer = setup()
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy")
    kernel = model.layers[0].kernel
    before = kernel.numpy()[never]
    model.train_on_batch(x_train[:128], y_train[:128])
    after = kernel.numpy()[never]
    print(f"{name}: one step moved them by {np.abs(after - before).mean():.1e}")
size = np.abs(before).mean()
print(f"their mean size |w| before the step: {size:.1e}")
gradient = 2 * L2_FACTOR * size  # the gradient of the penalty 0.0001 * w**2
print(f"the penalty's gradient on them: {gradient:.1e}")
print(f"plain SGD would move them by: {LEARNING_RATE * gradient:.1e}")
print(f"AdamW's decay on them: {LEARNING_RATE * WEIGHT_DECAY * size:.1e}")
# Adam's first step, from update_step: m * alpha / (sqrt(v) + epsilon), where
# m * alpha = learning rate * sqrt(1 - beta_2) * g and sqrt(v) = sqrt(1 - beta_2) * |g|
adam = keras.optimizers.Adam(learning_rate=LEARNING_RATE)
print(f"Adam's epsilon: {adam.epsilon:.0e}")
root_v = np.sqrt(1 - adam.beta_2) * 2 * L2_FACTOR * np.abs(before)
print(f"sqrt(v) on them after one step: {root_v.mean():.1e}")
step = LEARNING_RATE * root_v / (root_v + adam.epsilon)
print(f"update_step's formula moves them by: {step.mean():.1e}")

# %% Train
histories, kept = {}, {}
for name, setup in (("L2 + Adam", l2_with_adam), ("AdamW", adamw)):
    keras.utils.set_random_seed(0)  # the same start as the large model
    model, optimizer = setup()
    model.compile(
        optimizer=optimizer,
        loss="sparse_categorical_crossentropy",
        metrics=[keras.metrics.SparseCategoricalCrossentropy(name="cross_entropy")],
    )
    initial = model.layers[0].kernel.numpy()
    history = model.fit(
        x_train,
        y_train,
        epochs=25,
        batch_size=128,
        validation_data=(x_val, y_val),
        verbose=0,
    )
    final = model.layers[0].kernel.numpy()
    # per pixel: the size (root mean square) of its 512 weights, final / initial
    kept[name] = np.sqrt((final**2).mean(axis=1) / (initial**2).mean(axis=1))
    histories[name] = history
    val = history.history["val_cross_entropy"]
    best = int(np.argmin(val))
    print(f"{name}:")
    print(f"  lowest validation cross-entropy: {val[best]:.3f} at epoch {best + 1}")
    print(f"  final validation cross-entropy:  {val[-1]:.3f}")
    print(f"  rise since the lowest:           {val[-1] - val[best]:.3f}")
    print(f"  weights kept, pixel never lit:       {kept[name][never].mean():.3f}")
    print(f"  weights kept, pixels rarely lit:     {kept[name][rarely].mean():.3f}")
    print(f"  weights kept, pixels often lit:      {kept[name][often].mean():.3f}")

# %% Plot
epochs = np.arange(1, 26)
fig, axes = plt.subplots(
    1, 3, figsize=(13, 4.2), width_ratios=[1.6, 1, 1], layout="constrained"
)
for (name, history), colour in zip(
    histories.items(), ["tab:brown", "tab:cyan"], strict=True
):
    axes[0].plot(
        epochs, history.history["cross_entropy"], "-", color=colour, label=name
    )
    axes[0].plot(epochs, history.history["val_cross_entropy"], "--", color=colour)
axes[0].plot([], [], "k-", label="training (solid)")
axes[0].plot([], [], "k--", label="validation (dashed)")
axes[0].set_title("Cross-entropy")
axes[0].set_xlabel("epoch")
axes[0].set_ylabel("sparse categorical cross-entropy")
axes[0].set_ylim(0, 1.2)
axes[0].grid(alpha=0.3)
axes[0].legend()
for ax, name in zip(axes[1:], kept, strict=True):
    image = ax.imshow(kept[name].reshape(28, 28), cmap="viridis", vmin=0, vmax=1.2)
    ax.set_title(f"{name}: weights kept")
    ax.set_xticks([])
    ax.set_yticks([])
fig.colorbar(image, ax=axes[1:], shrink=0.9, label="final / initial size, per pixel")
plt.show()
