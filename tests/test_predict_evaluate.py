"""Facts stated on docs/lifecycle/predict-evaluate.md, checked on the captured runs."""

import re

import pytest
from captured import numbers
from pages import twins

MULTICLASS = "predict_evaluate/multiclass.py"
BINARY = "predict_evaluate/binary.py"


def classes(label: str, text: str) -> list[str]:
    found = re.search(rf"^{label}:\s+\[(.*)\]$", text, re.M)
    assert found, f"{label!r} not in output:\n{text}"
    return found.group(1).split()


def test_predict_returns_one_probability_row_per_image(run):
    out = run(MULTICLASS).cell("Predict").stdout
    assert "predict returns: ndarray (10000, 10)" in out
    row = [float(p) for p in re.search(r"first row: \[(.*)\]", out).group(1).split()]
    assert len(row) == 10 and all(0 <= p <= 1 for p in row)
    assert sum(row) == pytest.approx(1, abs=0.005)
    ranked = sorted(range(10), key=row.__getitem__, reverse=True)
    assert ranked[0] == 9  # the first test image is an ankle boot...
    assert set(ranked[1:3]) == {5, 7}  # ...with some doubt about sandal and sneaker
    assert "first row sums to: 1.0" in out
    assert "every row sums to 1: True" in out


def test_argmax_gives_the_classes(run):
    out = run(MULTICLASS).cell("Classes").stdout
    predicted, true = classes("predicted classes", out), classes("true classes", out)
    assert len(predicted) == len(true) == 10
    assert sum(p == t for p, t in zip(predicted, true, strict=True)) >= 8


def test_one_image_needs_a_batch_axis(run):
    result = run(MULTICLASS)
    out = result.cell("One image").stdout
    assert "x_test[:1] has shape (1, 28, 28) -> predictions (1, 10)" in out
    assert "x_test[0] has shape (28, 28) -> predict raises ValueError" in out
    # On JAX the failed predict loses the weights, which the script puts back.
    if result.environment["backend"] == "jax":
        lost = "after the error, predict raises TypeError: 'NoneType' object"
        assert lost in out
    else:
        assert "after the error, the model still predicts" in out


def test_evaluate_returns_loss_then_metrics_in_compile_order(run):
    out = run(MULTICLASS).cell("Evaluate").stdout
    listed = [
        float(v)
        for v in re.search(r"evaluate returns: \[(.*)\]", out).group(1).split(",")
    ]
    loss, top3, accuracy = numbers(
        r"^loss ([\d.]+), top3_accuracy ([\d.]+), accuracy ([\d.]+)$", out
    )
    assert listed == [loss, top3, accuracy]
    named = dict(re.findall(r"'(\w+)': ([\d.]+)", out))
    assert list(named) == ["accuracy", "loss", "top3_accuracy"]  # sorted by name
    assert float(named["loss"]) == loss
    assert float(named["top3_accuracy"]) == top3
    assert float(named["accuracy"]) == accuracy
    assert "model.metrics_names: ['loss', 'compile_metrics']" in out
    assert 0.78 < accuracy < 0.86  # 6,000 training images, 5 epochs
    assert top3 > 0.93 and top3 > accuracy + 0.1
    assert 0.4 < loss < 0.65


def test_evaluate_matches_predict_by_hand(run):
    out = run(MULTICLASS).cell("By hand").stdout
    for name in ("accuracy", "top3_accuracy", "loss"):
        evaluated, by_hand = numbers(
            rf"^{name}:\s+evaluate ([\d.]+), by hand ([\d.]+)$", out
        )
        assert evaluated == by_hand  # equal to the four decimals printed


def test_sigmoid_output_and_threshold(run):
    result = run(BINARY)
    out = result.cell("Predict").stdout
    assert "predict returns: (200, 1)" in out
    first = [float(p) for p in re.search(r"first five: \[(.*)\]", out).group(1).split()]
    assert all(0 < p < 1 for p in first)
    threshold = result.cell("Threshold").stdout
    predicted = classes("predicted classes", threshold)
    assert predicted[:5] == ["1" if p > 0.5 else "0" for p in first]
    true = classes("true classes", threshold)
    assert sum(p == t for p, t in zip(predicted, true, strict=True)) >= 8
    (figure,) = result.cell("Plot").figures
    assert "Sigmoid outputs on the test set" in figure.alt
    assert "predicted probability of class 1" in figure.alt


def test_binary_evaluate_matches_threshold_and_argmax_fails(run):
    out = run(BINARY).cell("Compare").stdout
    loss, accuracy = numbers(r"^evaluate:\s+loss ([\d.]+), accuracy ([\d.]+)$", out)
    (by_hand,) = numbers(r"^by hand:\s+accuracy ([\d.]+)$", out)
    assert by_hand == accuracy
    assert 0.8 < accuracy < 0.9  # the page: about 0.85
    assert loss < 0.45
    assert re.search(r"^argmax classes: \[0\] accuracy 0\.5\d+$", out, re.M)


def test_evaluate_without_metrics_returns_a_float(run):
    result = run(MULTICLASS)
    out = result.cell("Loss only").stdout
    (loss_only,) = numbers(r"^no metrics: evaluate returns float ([\d.]+)$", out)
    (loss,) = numbers(r"^loss ([\d.]+), top3", result.cell("Evaluate").stdout)
    assert loss_only == loss  # the same layers, the same loss
    assert (
        "loss, accuracy = evaluate(...) raises TypeError: "
        "cannot unpack non-iterable float object" in out
    )
    assert re.search(r"^return_dict=True: \{'loss': [\d.]+\}$", out, re.M)


def test_the_page_says_fit_and_evaluate_purge_the_weights_on_jax_too():
    pages = twins("lifecycle/predict-evaluate")
    assert "any `fit`, `evaluate` or `predict` call that raises on JAX" in pages["en"]
    assert "`fit`, `evaluate`, `predict` 가운데 어느 호출이든" in pages["ko"]
