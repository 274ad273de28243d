"""Facts stated on docs/training/choosing-a-network.md, checked on the captured run."""

import re

import pytest
from pages import twins

SNIPPET = "network_choice/moons.py"


def accuracies(stdout: str) -> dict[str, tuple[float, float]]:
    """name -> (training accuracy, test accuracy), from the two lines of each model."""
    rows = re.findall(
        r"^\s*([\w ]+?): (training|test) accuracy\s+([\d.]+)$", stdout, re.M
    )
    found: dict[str, dict[str, float]] = {}
    for name, split, value in rows:
        found.setdefault(name, {})[split] = float(value)
    return {name: (v["training"], v["test"]) for name, v in found.items()}


def test_regression_row_names_fuel_efficiency():
    page = twins("training/choosing-a-network")["en"]
    assert "fuel efficiency in miles per gallon" in page  # Auto MPG: miles per gallon
    assert "fuel consumption" not in page


def test_moons_data(run):
    out = run(SNIPPET).cell("Data").stdout
    assert "x_train: (700, 2)  y_train: (700,)" in out
    assert "x_test:  (300, 2)  y_test:  (300,)" in out
    assert "classes: [0 1]  share of class 1: 0.5" in out


def test_shape_decides_input_and_output(run):
    out = run(SNIPPET).cell("Build").stdout
    for name in ("linear", "ReLU", "tanh"):
        line = f"{name}: input (None, 2), output (None, 1), 337 parameters"
        assert line in out
    (count,) = set(re.findall(r"^\w+: input .*, (\d+) parameters$", out, re.M))
    formula = r"(2 \times 16 + 16) + (16 \times 16 + 16) + (16 + 1) = 48 + 272 + 17"
    for language, page in twins("training/choosing-a-network").items():
        assert f"${formula} = {count}$" in page, language  # the page's arithmetic


def test_linear_is_limited_and_nonlinear_is_high(run):
    found = accuracies(run(SNIPPET).cell("Train").stdout)
    assert set(found) == {"linear", "ReLU", "tanh", "logistic regression"}
    linear_train, linear_test = found["linear"]
    assert 0.78 <= linear_test <= 0.90  # the page: the linear model stays low...
    assert linear_train < 0.90  # ...on the training set too: it cannot fit
    for name in ("ReLU", "tanh"):
        train, test = found[name]
        assert test >= 0.93 and train >= 0.93  # the page: the nonlinear ones reach more
        assert test - linear_test >= 0.07


def test_linear_model_matches_the_best_straight_line(run):
    found = accuracies(run(SNIPPET).cell("Train").stdout)
    line_train, line_test = found["logistic regression"]
    linear_train, linear_test = found["linear"]
    assert abs(line_train - linear_train) <= 0.02  # more training: no gain
    assert abs(line_test - linear_test) <= 0.02
    assert line_train < 0.9


def test_linear_layers_collapse_into_one(run):
    out = run(SNIPPET).cell("Collapse").stdout
    found = re.search(r"largest difference from the 3-layer model: (\S+)", out)
    assert float(found.group(1)) < 1e-5
    weights = re.search(r"combined weights: \[(.*?)\]", out).group(1).split()
    assert len(weights) == 2  # one weight per input: a single Dense(1) layer


def test_three_decision_boundaries_side_by_side(run):
    (figure,) = run(SNIPPET).cell("Plot").figures
    assert "Decision boundaries" in figure.alt
    for title in ("linear hidden layers", "ReLU hidden layers", "tanh hidden layers"):
        assert title in figure.alt
    assert "x1" in figure.alt and "x2" in figure.alt


@pytest.mark.parametrize("name", ["ReLU", "tanh"])
def test_nonlinear_beats_linear(run, name):
    found = accuracies(run(SNIPPET).stdout)
    assert found[name][1] > found["linear"][1]
