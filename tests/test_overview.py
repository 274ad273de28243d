"""Facts stated on docs/training/overview.md, checked on the captured run it shows."""

import re

from captured import number, numbers
from pages import twins

SNIPPET = "overview/seven_calls.py"


def test_iris_split_shapes(run):
    out = run(SNIPPET).cell("Data").stdout
    assert "x_train: (120, 4)  y_train: (120,)" in out
    assert "x_test:  (30, 4)  y_test:  (30,)" in out
    assert "classes: [0 1 2]" in out


def test_all_seven_calls_are_in_the_snippet(settings):
    source = (settings.snippets / SNIPPET).read_text()
    for call in (
        "keras.Sequential(",
        "keras.Input(shape=(4,))",
        'activation="relu"',
        'activation="softmax"',
        "model.compile(",
        "model.summary()",
        "model.fit(",
        "model.predict(",
        "model.evaluate(",
    ):
        assert call in source, call


def test_summary_counts_131_parameters(run):
    out = run(SNIPPET).cell("Summary").stdout
    assert number(r"Total params: ([\d,]+)", out) == 131
    assert number(r"Trainable params: ([\d,]+)", out) == 131
    dense = re.findall(r"│ dense\S* \(Dense\)\s+│ \(None, (\d+)\)\s+│\s+(\d+) │", out)
    assert dense == [("16", "80"), ("3", "51")]
    (units, hidden), (classes, output) = dense
    total = re.search(r"Total params: ([\d,]+)", out).group(1)
    pages = twins("training/overview")  # the page's arithmetic, 4 measurements in
    for language, page in pages.items():
        assert f"4 × {units} + {units} = {hidden}" in page, language
        assert f"{units} × {classes} + {classes} = {output}" in page, language
    assert f"{output} for the output layer, {total} in all" in pages["en"]
    assert f"{output}개로 모두 {total}개" in pages["ko"]


def test_fit_lowers_the_loss(run):
    out = run(SNIPPET).cell("Fit").stdout
    rows = re.findall(
        r"^epoch\s+(\d+): loss ([\d.]+), accuracy ([\d.]+), val_accuracy ([\d.]+)$",
        out,
        re.M,
    )
    assert [int(r[0]) for r in rows] == [1, 10, 20, 40]
    losses = [float(r[1]) for r in rows]
    assert all(a > b for a, b in zip(losses, losses[1:], strict=False))
    assert 0.8 < losses[0] < 1.3  # the loss falls from about 1...
    assert losses[-1] < 0.2  # ...to well under 0.2
    assert float(rows[-1][2]) > 0.9 and float(rows[-1][3]) > 0.9  # train and val


def test_predict_gives_probabilities(run):
    out = run(SNIPPET).cell("Predict").stdout
    assert "predictions shape: (5, 3)" in out
    assert "row sums: [1. 1. 1. 1. 1.]" in out
    predicted = re.search(r"predicted classes: \[(.*)\]", out).group(1).split()
    true = re.search(r"true classes:\s+\[(.*)\]", out).group(1).split()
    assert sum(p == t for p, t in zip(predicted, true, strict=True)) >= 4


def test_evaluate_accuracy_band(run):
    out = run(SNIPPET).cell("Evaluate").stdout
    accuracy = number(r"^test accuracy: ([\d.]+)", out)
    assert 0.9 <= accuracy <= 1.0  # the page: the estimate for new flowers is high
    right, total = (int(n) for n in numbers(r"classified right: (\d+) of (\d+)", out))
    assert total == 30 and right >= 28  # a flower or two from perfect at most
    assert number(r"^test loss:\s+([\d.]+)", out) < 0.3


def test_page_places_weights_and_sgd_correctly():
    page = twins("training/overview")["en"]
    assert "steps 3 and 4 happen inside `compile` and `fit`" not in page
    assert "`compile` neither sets nor resets them" in page
    assert "stochastic gradient descent (SGD), strictly, one example" in page
