"""Facts stated on docs/activations.md, checked on the captured runs it shows."""

import re

import pytest


def values(stdout: str, name: str) -> tuple[float, float, float]:
    line = next(li for li in stdout.splitlines() if li.strip().startswith(name + ":"))
    found = re.findall(r"f\(-?\d\) = ([+-]\d+\.\d+)", line)
    return tuple(float(v) for v in found)


def test_activation_values_match_their_formulas(run):
    out = run("activations/plot_activations.py").cell("Evaluate").stdout
    assert values(out, "linear (identity)") == (-2.0, 0.0, 2.0)
    assert values(out, "ReLU") == (0.0, 0.0, 2.0)
    tanh = values(out, "tanh")
    assert tanh[1] == 0.0 and -1 < tanh[0] < 0 < tanh[2] < 1
    sigmoid = values(out, "sigmoid")
    assert sigmoid[1] == 0.5 and 0 < sigmoid[0] < 0.5 < sigmoid[2] < 1
    assert sigmoid[0] + sigmoid[2] == pytest.approx(1.0, abs=1e-3)


def test_one_figure_with_four_labelled_panels(run):
    figures = run("activations/plot_activations.py").figures
    assert len(figures) == 1
    for name in ("linear (identity)", "ReLU", "tanh", "sigmoid", "input z"):
        assert name in figures[0].alt


def test_softmax_sums_to_one_and_sigmoid_does_not(run):
    out = run("activations/softmax_vector.py").cell("Compute").stdout
    sums = dict(re.findall(r"^(softmax|sigmoid) sums to:\s+(\S+)", out, re.M))
    assert float(sums["softmax"]) == pytest.approx(1.0, abs=1e-6)
    assert float(sums["sigmoid"]) > 1.5
    probabilities = re.search(r"^softmax:\s+\[(.*)\]", out, re.M).group(1).split()
    probabilities = [float(p) for p in probabilities]
    assert probabilities == sorted(probabilities, reverse=True)  # order of the logits
    assert "predicted class:  0" in out


def test_softmax_figure_shows_scores_and_probabilities(run):
    (figure,) = run("activations/softmax_vector.py").figures
    assert "Scores (logits)" in figure.alt and "Softmax probabilities" in figure.alt


def test_two_softmax_units_are_a_sigmoid_of_the_difference(run):
    out = run("activations/softmax_vector.py").cell("Two units").stdout
    softmax = re.search(r"^softmax over two units, p\(class 1\):\s+\[(.*)\]", out, re.M)
    sigmoid = re.search(r"^sigmoid\(b - a\):\s+\[(.*)\]", out, re.M)
    assert softmax.group(1).split() == sigmoid.group(1).split()  # to four decimals


def test_softmax_over_one_unit_is_always_one_and_warns(run):
    out = run("activations/softmax_vector.py").cell("One unit").stdout
    assert "Dense(1, softmax) on 4 random inputs: [1. 1. 1. 1.]" in out
    text = " ".join(out.split())
    assert "warning: UserWarning: You are using a softmax over axis -1" in text
    assert "Did you mean to use a sigmoid instead?" in text  # quoted on both pages
