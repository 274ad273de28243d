"""Facts stated on docs/lifecycle/compile.md, checked on the captured runs it shows."""

import re

import pytest
from captured import number
from pages import twins

OPTIMIZERS = "compile/optimizers.py"
LOSSES = "compile/losses.py"
METRICS = "compile/metrics.py"


def test_name_and_object_give_the_same_adam(run):
    out = run(OPTIMIZERS).cell("By name or object").stdout
    assert '"adam": Adam, learning rate 0.001' in out
    assert "Adam(learning_rate=1e-3): Adam, learning rate 0.001" in out
    assert "Adam(learning_rate=0.01): Adam, learning rate 0.01" in out


def test_default_learning_rates(run):
    out = run(OPTIMIZERS).cell("Default learning rates").stdout
    defaults = re.findall(r'"(\w+)" -> (\w+)\s+learning rate (\S+)', out)
    assert defaults == [
        ("sgd", "SGD", "0.01"),
        ("rmsprop", "RMSprop", "0.001"),
        ("adam", "Adam", "0.001"),
    ]


def test_sgd_is_slowest_of_the_three(run):
    result = run(OPTIMIZERS)
    out = result.cell("Compare").stdout
    first = {
        name: (float(a), float(b))
        for name, a, b in re.findall(
            r"^\s*(\w+): loss ([\d.]+) after epoch 1, ([\d.]+) after epoch 20",
            out,
            re.M,
        )
    }
    assert set(first) == {"SGD", "RMSprop", "Adam"}
    for start, end in first.values():
        assert end < start  # every optimizer lowers the loss
    assert first["SGD"][1] > first["Adam"][1] + 0.02
    assert first["SGD"][1] > first["RMSprop"][1] + 0.02
    assert first["Adam"][1] == pytest.approx(first["RMSprop"][1], abs=0.03)
    (figure,) = result.cell("Plot").figures
    assert "Training loss with three optimizers" in figure.alt
    assert "binary cross-entropy" in figure.alt


def test_regression_losses_match_the_formulas(run):
    out = run(LOSSES).cell("Regression losses").stdout
    assert "MAE: keras 0.5000, by hand 0.5000" in out
    assert "MSE: keras 0.3750, by hand 0.3750" in out


def test_binary_cross_entropy_matches_by_hand(run):
    out = run(LOSSES).cell("Binary cross-entropy").stdout
    assert "binary cross-entropy: keras 0.3375, by hand 0.3375" in out


def test_categorical_and_sparse_agree(run):
    out = run(LOSSES).cell("Categorical cross-entropy").stdout
    values = re.findall(r"^(?:categorical|sparse|by hand).*?:\s+([\d.]+)$", out, re.M)
    assert values == ["0.5202"] * 3


# Each backend checks the labels against the predictions with its own words:
# TensorFlow's check speaks of ranks, JAX's and PyTorch's of shapes (as the page says).
RANK_ERRORS = {
    "tensorflow": (
        "Arguments `target` and `output` must have the same rank (ndim). "
        "Received: target.shape=(32,), output.shape=(32, 3)",
        "Argument `output` must have rank (ndim) `target.ndim - 1`. "
        "Received: target.shape=(32, 3), output.shape=(32, 3)",
    ),
    "jax": (
        "Arguments `target` and `output` must have the same shape. "
        "Received: target.shape=(32,), output.shape=(32, 3)",
        "Arguments `target` and `output` must have the same shape up until the last "
        "dimension: target.shape=(32, 3), output.shape=(32, 3)",
    ),
    "torch": (
        "Arguments `target` and `output` must have the same shape. "
        "Received: target.shape=torch.Size([32]), output.shape=torch.Size([32, 3])",
        "Arguments `target` and `output` must have the same shape up until the last "
        "dimension: target.shape=torch.Size([32, 3]), "
        "output.shape=torch.Size([32, 3])",
    ),
}


def test_wrong_label_format_raises_value_error(run, backend):
    out = run(LOSSES).cell("Wrong pairing").stdout
    categorical, sparse = RANK_ERRORS[backend]
    assert (
        "categorical_crossentropy with integer labels (64,):\n"
        f"  ValueError: {categorical}"
    ) in out
    assert (
        "sparse_categorical_crossentropy with one-hot labels (64, 3):\n"
        f"  ValueError: {sparse}"
    ) in out
    assert "trained without error" not in out


def test_page_says_the_wording_depends_on_the_backend():
    pages = twins("lifecycle/compile")
    assert "TensorFlow's check speaks of the rank" in pages["en"]
    assert "`torch.Size([32])`" in pages["en"] and "`torch.Size([32])`" in pages["ko"]
    assert "랭크(rank)" in pages["ko"]


def test_right_pairing_trains_to_the_same_loss(run):
    out = run(LOSSES).cell("Right pairing").stdout
    one_hot = number(
        r"^categorical_crossentropy with one-hot labels: loss ([\d.]+)", out
    )
    sparse = number(
        r"^sparse_categorical_crossentropy with integer labels: loss ([\d.]+)", out
    )
    assert one_hot == pytest.approx(sparse, abs=1e-4)


def test_classification_metric_names(run):
    out = run(METRICS).cell("Classification").stdout
    assert (
        "History keys: ['accuracy', 'auc', 'loss', 'val_accuracy', 'val_auc', "
        "'val_loss']" in out
    )
    assert re.search(
        r"^evaluate: \{'accuracy': [\d.]+, 'auc': [\d.]+, 'loss': [\d.]+\}$", out, re.M
    )
    assert re.search(
        r"^10/10 .* accuracy: .* - auc: .* - val_auc: ", out, re.M
    )  # 600 / 64


def first_and_test_auc(out: str) -> tuple[float, float]:
    """The training AUC of the first epoch and the AUC that evaluate() reports."""
    first = number(r"^Epoch 1/3\n.* - auc: ([\d.]+)", out)
    return first, number(r"'auc': ([\d.]+)", out)


def test_starting_weights_decide_how_far_three_epochs_get(snippet_runs):
    # The page: from TensorFlow's starting weights the classifier separates the moons
    # at once; from JAX's and PyTorch's it ranks them the wrong way round at first
    # (AUC below 0.5) and is still below 0.5 after the three epochs.
    runs = snippet_runs(METRICS)
    auc = {
        backend: first_and_test_auc(runs.on(backend).cell("Classification").stdout)
        for backend in ("tensorflow", "jax", "torch")
    }
    first, test = auc["tensorflow"]
    assert first > 0.85 and test > 0.85
    for backend in ("jax", "torch"):
        first, test = auc[backend]
        assert first < 0.5 and test < 0.5, backend
    page = twins("lifecycle/compile")
    assert "each backend draws its own from the same seed" in page["en"]


def test_regression_metric_names_and_mse_equals_loss(run):
    out = run(METRICS).cell("Regression").stdout
    assert (
        "History keys: ['loss', 'mae', 'mse', 'val_loss', 'val_mae', 'val_mse']" in out
    )
    for loss, mse in re.findall(r"- loss: ([\d.]+) - mae: [\d.]+ - mse: ([\d.]+)", out):
        assert loss == mse  # loss="mse" and the "mse" metric measure the same thing
    assert len(re.findall(r"^13/13 ", out, re.M)) == 3  # 800 / 64 -> 13 steps, 3 epochs


def test_metric_names_follow_what_you_pass(run):
    out = run(METRICS).cell("Names").stdout
    assert "History keys: ['loss', 'mae', 'mean_absolute_error', 'rmse']" in out
    assert "two AUC() objects are named: auc auc_1" in out
