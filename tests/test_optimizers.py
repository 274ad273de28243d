"""Facts stated on docs/training/optimization.md, checked on the captured runs."""

import math
import re

from pages import twins

COMPARE = "optimizers/compare_optimizers.py"
RATES = "optimizers/learning_rate.py"


def optimizer_runs(out: str) -> dict[str, tuple[float, float]]:
    """name -> (loss after epoch 1, loss after epoch 20)."""
    rows = re.findall(
        r"^\s*(.+?): loss at epoch 20 ([\d.]+)\s+\(epoch 1: ([\d.]+)\)$", out, re.M
    )
    return {name: (float(first), float(last)) for name, last, first in rows}


def updates(out: str) -> dict[str, tuple[int, int]]:
    """'per epoch' / 'in all' -> (full batch, batch 64)."""
    rows = re.findall(
        r"^updates (per epoch|in all):\s+full batch ([\d,]+), batch 64 ([\d,]+)$",
        out,
        re.M,
    )
    return {k: (int(a.replace(",", "")), int(b.replace(",", ""))) for k, a, b in rows}


def rate_runs(out: str) -> dict[str, tuple[float, float, int]]:
    """label -> (loss after epoch 1, loss after epoch 20, epochs in which it rose)."""
    rows = re.findall(
        r"^\s*(too small|good|too large) \(learning_rate=[\d.]+\): "
        r"loss at epoch 20 ([\d.]+)\s+\(epoch 1: ([\d.]+)\), rose in (\d+) epochs$",
        out,
        re.M,
    )
    return {name: (float(a), float(b), int(r)) for name, b, a, r in rows}


def test_data_is_a_5000_image_subset(run):
    assert "training set: (5000, 784)" in run(COMPARE).cell("Data").stdout


def test_four_optimizers(run):
    out = run(COMPARE).cell("Train").stdout
    runs = optimizer_runs(out)
    assert list(runs) == [
        "GD (full batch)",
        "SGD (batch 64)",
        "RMSprop (batch 64)",
        "Adam (batch 64)",
    ]
    steps = updates(out)
    assert steps["per epoch"] == (1, 79)  # full batch; ceil(5,000 / 64)
    assert steps["in all"] == (20, 1580)  # the optimizer's own count, 20 epochs
    gd, sgd, rmsprop, adam = runs.values()
    for first, last in runs.values():
        assert last < first  # every loss falls
    assert 0.8 < gd[1] < 1.3  # 20 steps leave full-batch GD far behind (about 1)
    assert sgd[1] < 0.5 * gd[1]  # SGD ends far below GD
    assert adam[1] < 0.5 * gd[1] and rmsprop[1] < 0.5 * gd[1]
    assert adam[1] < sgd[1] and rmsprop[1] < sgd[1]  # the adaptive ones end lower
    assert all(0.15 < r[1] < 0.45 for r in (sgd, rmsprop, adam))
    page = twins("training/optimization")["en"]
    assert "because their per-parameter step sizes" not in page  # no untested cause
    assert "differ in their learning rates as well as in the update rule" in page


def test_optimizer_figure(run):
    (figure,) = run(COMPARE).cell("Plot").figures
    assert figure.alt.startswith("Training loss per epoch")
    assert "epoch" in figure.alt and "cross-entropy" in figure.alt


def test_learning_rates(run):
    out = run(RATES).cell("Train").stdout
    runs = rate_runs(out)
    small, good, large = runs["too small"], runs["good"], runs["too large"]
    assert small[2] == 0  # falls every epoch (the good run may tick up by a hair)
    assert small[1] < small[0] and good[1] < good[0]
    assert good[1] < 0.5 < small[1]  # too small is still far from the good one
    assert large[1] > good[1] and large[1] > small[1]  # too large ends worst
    assert large[0] > math.log(10)  # the first epoch is worse than guessing
    assert large[2] >= 1  # it jumps back up along the way
    assert abs(large[1] - math.log(10)) < 0.05  # and ends at about the guessing loss
    assert "ln 10 = 2.303" in out
    page = twins("training/optimization")["en"]
    assert "exactly the loss of guessing" not in page


def test_too_large_rate_kills_the_relu_units(run):
    out = run(RATES).cell("Inspect").stdout
    dead = dict(re.findall(r"^\s*(.+?): (\d+) of 64 hidden units output 0", out, re.M))
    assert dead["too small"] == "0" and dead["good"] == "0"
    assert int(dead["too large"]) > 50


def test_learning_rate_figure(run):
    (figure,) = run(RATES).cell("Plot").figures
    assert "three learning rates" in figure.alt
