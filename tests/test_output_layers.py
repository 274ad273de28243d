"""Facts stated on docs/layers/output-layers.md, checked on its captured runs."""

import math
import re

import pytest
from captured import number
from pages import page_source, twins

TASKS = "output_layers/four_tasks.py"
LOGITS = "output_layers/from_logits.py"


def first_and_last(key: str, text: str) -> tuple[float, float]:
    found = re.search(
        rf"^{key}: ([\d.]+) after epoch 1, ([\d.]+) after epoch 15$", text, re.M
    )
    assert found, f"{key} not in output:\n{text}"
    return float(found.group(1)), float(found.group(2))


def prediction_rows(text: str) -> list[list[float]]:
    rows = re.search(r"^prediction: \[(.*)\]$", text, re.M).group(1)
    return [
        [float(v) for v in row.split(",")] for row in re.findall(r"\[(.*?)\]", rows)
    ]


def test_data_shapes(run):
    out = run(TASKS).cell("Data").stdout
    assert "x: (600, 2)" in out
    assert re.search(r"^binary labels: .*shape \(600,\)$", out, re.M)
    assert re.search(r"^integer labels: .*shape \(600,\)$", out, re.M)
    assert re.search(r"^one-hot labels: .*shape \(600, 3\)$", out, re.M)
    assert re.search(r"^regression target: .*shape \(600,\)$", out, re.M)


@pytest.mark.parametrize(
    ("cell", "accuracy_class", "units"),
    [
        ("Binary", "BinaryAccuracy", 1),
        ("Integer labels", "SparseCategoricalAccuracy", 3),
        ("One-hot labels", "CategoricalAccuracy", 3),
    ],
)
def test_classification_setups(run, cell, accuracy_class, units):
    out = run(TASKS).cell(cell).stdout
    assert "History keys: ['accuracy', 'loss']" in out
    assert f"\"accuracy\" became: ['{accuracy_class}']" in out
    assert f"prediction shape for 2 examples: (2, {units})" in out
    first_loss, last_loss = first_and_last("loss", out)
    assert last_loss < first_loss  # the loss falls
    assert 0.95 <= first_and_last("accuracy", out)[1] <= 1.0  # "above 0.95"
    rows = prediction_rows(out)
    assert all(0 <= p <= 1 for row in rows for p in row)  # probabilities
    if units == 3:
        assert all(sum(row) == pytest.approx(1, abs=0.01) for row in rows)


def test_softmax_rows_sum_to_one(run):
    assert "row sums: [1. 1.]" in run(TASKS).cell("Integer labels").stdout


def test_regression_setup(run):
    out = run(TASKS).cell("Regression").stdout
    assert "History keys: ['loss', 'mae']" in out
    assert "prediction shape for 2 examples: (2, 1)" in out
    first_mae, last_mae = first_and_last("mae", out)
    assert last_mae < first_mae / 5  # "falls from 2.4 after the first epoch to 0.15"
    assert last_mae < 0.3
    assert first_and_last("loss", out)[1] < first_and_last("loss", out)[0]


# TensorFlow's check speaks of ranks, JAX's and PyTorch's of shapes (the page says so)
RANK_ERRORS = {
    "tensorflow": (
        "must have the same rank (ndim)",
        "must have rank (ndim) `target.ndim - 1`",
    ),
    "jax": (
        "must have the same shape. Received",
        "must have the same shape up until the last dimension",
    ),
}
RANK_ERRORS["torch"] = RANK_ERRORS["jax"]


def test_wrong_pairings_raise_rank_errors(run, backend):
    out = " ".join(run(TASKS).cell("Wrong pairings").stdout.split())  # unwrap lines
    categorical, sparse = RANK_ERRORS[backend]
    assert out.count("ValueError:") == 2
    assert "integer labels + categorical_crossentropy:" in out
    assert categorical in out
    assert "one-hot labels + sparse_categorical_crossentropy:" in out
    assert sparse in out


def test_page_names_each_backends_wording():
    page = page_source("layers/output-layers")
    assert "TensorFlow's message speaks of their ranks" in page
    assert "about the rank (TensorFlow) or the shape (JAX, PyTorch)" in page


def test_both_setups_have_the_same_parameters(run):
    out = run(LOGITS).cell("Build").stdout
    assert "parameters: softmax model 99, logits model 99" in out


def test_same_loss_before_and_after_training(run):
    out = run(LOGITS).cell("Same loss").stdout
    untrained = re.findall(r"^untrained, .*loss ([\d.]+)$", out, re.M)
    assert len(untrained) == 2 and untrained[0] == untrained[1]  # six decimals
    a = re.search(r"set-up A: loss ([\d.]+), accuracy ([\d.]+)", out).groups()
    b = re.search(r"set-up B: loss ([\d.]+), accuracy ([\d.]+)", out).groups()
    assert a == b  # loss to six decimals, accuracy to four
    assert float(a[0]) < float(untrained[0])  # training lowered the loss
    assert number(r"difference in loss: (\S+)", out) < 1e-5


def test_logits_need_softmax(run):
    out = run(LOGITS).cell("Probabilities").stdout
    logits_block = out.split("softmax of the logits:")[0]
    sums = re.findall(r"^row sums: \[(.*)\]$", out, re.M)
    assert len(sums) == 2
    logit_sums = [float(v) for v in sums[0].split()]
    assert any(abs(s - 1) > 0.05 for s in logit_sums)  # logits do not sum to 1
    assert "-" in logits_block.split("row sums")[0]  # some logits are negative
    assert [float(v) for v in sums[1].split()] == [1.0, 1.0, 1.0]
    assert "wrapper matches softmax model: True" in out
    from_logits = re.search(r"classes from logits:\s+\[(.*)\]", out).group(1)
    from_probabilities = re.search(r"from probabilities:\s+\[(.*)\]", out).group(1)
    assert from_logits == from_probabilities


def test_forgotten_from_logits_gives_another_loss(run):
    out = run(LOGITS).cell("Forgotten from_logits").stdout
    right = number(r"from_logits=True:\s+loss ([\d.]+)", out)
    wrong = number(r"from_logits=False:\s+loss ([\d.]+)", out)
    trained = number(
        r"^trained, set-up B: loss ([\d.]+)", run(LOGITS).cell("Same loss").stdout
    )
    assert right == pytest.approx(trained, abs=1e-3)  # the loss it was trained on
    assert abs(wrong - right) > 0.5


def test_extreme_scores(run, backend):
    out = run(LOGITS).cell("Extreme scores").stdout
    p_class_0 = number(r"p\(class 0\) = (\S+)", out)
    if backend == "torch":  # PyTorch keeps the subnormal e^-100 ...
        assert 0 < p_class_0 < 1.2e-38  # below the smallest normal float32
    else:  # ... TensorFlow's and JAX's CPU kernels flush it to exactly zero
        assert "p(class 0) = 0.0" in out
    assert number(r"loss from logits:\s+([\d.]+)", out) == pytest.approx(100)
    clipped = number(r"loss from probabilities:\s+([\d.]+)", out)
    assert clipped == pytest.approx(-math.log(1e-7), abs=0.01)  # the clip at 1e-7
    set_up_a = number(r"set-up A, evaluate\(\):\s+([\d.]+)", out)
    if backend == "tensorflow":  # the softmax output's logits, on TensorFlow only
        assert set_up_a == pytest.approx(100)
    else:  # JAX and PyTorch: from the clipped probabilities
        assert set_up_a == clipped


def test_extreme_scores_on_the_page(snippet_runs):
    runs = snippet_runs(LOGITS)
    out = {b: runs.on(b).cell("Extreme scores").stdout for b in ("jax", "torch")}
    page = page_source("layers/output-layers")
    clipped = number(r"loss from probabilities:\s+([\d.]+)", runs.page.stdout)
    assert f"$-\\log 10^{{-7}} \\approx$ {clipped:.2f}" in page  # 16.12
    jax, torch = (number(r"set-up A, evaluate\(\):\s+([\d.]+)", out[b]) for b in out)
    assert jax == torch == clipped  # "gives the clipped 16.12 as well"
    assert f"gives the clipped {jax:.2f} as well" in page
    assert "exactly 0 in 32-bit floats on TensorFlow and JAX" in page
    assert "backends.md#the-cross-entropy-of-a-softmax-output" in page


def test_binary_accuracy_threshold_trap(run):
    out = run(LOGITS).cell("Binary").stdout
    loss_sigmoid = number(r"^loss, sigmoid output:\s+([\d.]+)$", out)
    loss_linear = number(r"^loss, linear output:\s+([\d.]+)$", out)
    assert loss_sigmoid == loss_linear  # same loss, to six decimals
    sigmoid = number(r"^accuracy, sigmoid output:\s+([\d.]+)$", out)
    default = number(r"^accuracy, linear output, 'accuracy':\s+([\d.]+)$", out)
    at_zero = number(r"^accuracy, linear output, threshold=0.0:\s+([\d.]+)$", out)
    assert default < sigmoid  # the 0.5 threshold on logits: lower, and wrong
    assert at_zero == sigmoid  # threshold 0.0 matches


def test_two_softmax_units_equal_the_sigmoid_model(run):
    out = run(LOGITS).cell("Two softmax units").stdout
    assert "parameters: sigmoid model 3, two softmax units 6" in out
    sigmoid = run(LOGITS).cell("Binary").stdout
    loss_sigmoid = number(r"^loss, sigmoid output:\s+([\d.]+)$", sigmoid)
    accuracy_sigmoid = number(r"^accuracy, sigmoid output:\s+([\d.]+)$", sigmoid)
    assert number(r"^loss, two softmax units:\s+([\d.]+)$", out) == pytest.approx(
        loss_sigmoid, abs=2e-6
    )
    assert number(r"^accuracy, two softmax units:\s+([\d.]+)$", out) == accuracy_sigmoid
    two = re.search(r"two softmax units: \[(.*)\]", out).group(1).split()
    one = re.search(r"sigmoid model:\s+\[(.*)\]", out).group(1).split()
    assert two == one  # the same probabilities, to four decimals


def test_binary_accuracy_is_strictly_above_one_half_on_both_pages():
    for page in ("layers/output-layers", "layers/activations"):
        text = page_source(page)
        assert "strictly greater than 0.5" in text, page
        assert "0.5 or more" not in text and "≥ 0.5" not in text, page


def test_the_page_says_the_jax_and_pytorch_losses_ignore_the_logits_reference():
    pages = twins("layers/output-layers")
    assert "The JAX and PyTorch losses do not use such a reference" in pages["en"]
    assert "손실 함수는 이런 참조를 쓰지 않아서" in pages["ko"]
