"""Facts stated on docs/classification.md, checked on the captured runs it shows."""

import re

import pytest
from captured import number
from pages import twins

MLP = "classification/fashion_mnist_mlp.py"
DIGITS = "classification/handwritten_digits.py"


def test_data_shapes(run):
    out = run(MLP).cell("Load").stdout
    assert "x_train: (60000, 28, 28) uint8" in out
    assert "y_train: (60000,) uint8" in out
    assert "x_test:  (10000, 28, 28)" in out
    assert "y_test:  (10000,)" in out
    assert "pixel values from 0 to 255" in out


def test_example_image_is_shown(run):
    (figure,) = run(MLP).cell("Look").figures
    assert figure.alt.startswith("x_train[0]: label 9, Ankle boot")


def test_pixels_scaled_to_unit_interval(run):
    assert "pixel values now from 0.0 to 1.0" in run(MLP).cell("Scale").stdout


def test_parameter_count_is_101770(run):
    out = run(MLP).cell("Build").stdout
    assert number(r"Total params: ([\d,]+)", out) == 101_770
    assert number(r"Trainable params: ([\d,]+)", out) == 101_770
    assert number(r"Non-trainable params: ([\d,]+)", out) == 0
    dense = re.findall(
        r"│ dense\S* \(Dense\)\s+│ \(None, (\d+)\)\s+│\s+([\d,]+) │", out
    )
    assert dense == [("128", "100,480"), ("10", "1,290")]
    inputs = re.search(r"│ flatten\S* \(Flatten\)\s+│ \(None, (\d+)\)", out).group(1)
    total = re.search(r"Total params: ([\d,]+)", out).group(1)
    (units, first), (classes, second) = dense
    for language, page in twins("examples/classification").items():  # its formulas
        assert f"{inputs} × {units} + {units} = {first}" in page, language
        assert f"{units} × {classes} + {classes} = {second}" in page, language
        assert f"{first} + {second} = {total}" in page, language


def test_training_log_and_history(run):
    out = run(MLP).cell("Train").stdout
    epochs = re.findall(
        r"^1500/1500 .* accuracy: ([\d.]+) - loss: ([\d.]+) - "
        r"val_accuracy: ([\d.]+) - val_loss: ([\d.]+)$",
        out,
        re.M,
    )
    assert len(epochs) == 5  # 48,000 training images = 1,500 batches of 32
    losses = [float(e[1]) for e in epochs]
    assert all(a > b for a, b in zip(losses, losses[1:], strict=False))  # falls
    assert float(epochs[-1][2]) > 0.85  # validation accuracy
    assert "History keys: ['accuracy', 'loss', 'val_accuracy', 'val_loss']" in out


def test_history_plot_has_both_panels(run):
    (figure,) = run(MLP).cell("Plot history").figures
    assert "Accuracy per epoch" in figure.alt and "Loss per epoch" in figure.alt


def test_test_accuracy_in_published_band(run):
    out = run(MLP).cell("Evaluate").stdout
    accuracy = number(r"^test accuracy: ([\d.]+)", out)
    assert 0.85 <= accuracy <= 0.90  # published runs: about 0.87-0.88
    assert 0.25 < number(r"^test loss:\s+([\d.]+)", out) < 0.45


def test_predictions_are_probabilities(run):
    cell = run(MLP).cell("Predict")
    out = cell.stdout
    assert "predictions shape: (5, 10)" in out
    assert "row sums: [1. 1. 1. 1. 1.]" in out
    predicted = re.search(r"predicted classes: \[(.*)\]", out).group(1).split()
    true = re.search(r"true classes:\s+\[(.*)\]", out).group(1).split()
    assert len(predicted) == len(true) == 5
    assert sum(p == t for p, t in zip(predicted, true, strict=True)) >= 4
    (figure,) = cell.figures
    assert "Prediction for x_test[0]" in figure.alt


def test_handwritten_digits_sample(run):
    result = run(DIGITS)
    out = result.cell("Load").stdout
    assert "X: (5000, 784)  images: (5000, 28, 28)  y: (5000,)" in out
    assert "digits per class: [500, 500, 500, 500, 500, 500, 500, 500, 500, 500]" in out
    assert len(result.cell("Look").figures) == 1
    accuracy = number(
        r"test accuracy on 1,000 held-out digits: ([\d.]+)", result.stdout
    )
    fashion = number(r"^test accuracy: ([\d.]+)", run(MLP).stdout)
    assert accuracy == pytest.approx(0.9, abs=0.06)
    assert accuracy > fashion  # the page: digits score higher than clothing


def test_validation_accuracy_ends_above_training_accuracy(run):
    out = run(MLP).cell("Train").stdout
    last = out.strip().splitlines()[-2]  # the fifth epoch's log line
    assert last.startswith("1500/1500")
    accuracy = number(r" - accuracy: ([\d.]+)", last)
    val_accuracy = number(r"val_accuracy: ([\d.]+)", last)
    assert 0 < val_accuracy - accuracy < 0.02  # the page: "a little above"
