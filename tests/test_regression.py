"""Facts stated on docs/examples/regression.md, checked on the captured run it shows."""

import re

import pytest
from captured import number
from pages import twins

MPG = "regression/auto_mpg.py"


def test_raw_data_and_dataframe(run):
    out = run(MPG).cell("Load").stdout
    assert "X: (392, 8)  y: (392,)" in out
    assert "empty values per column of X: [  0   0   0   0   0   0   0 392]" in out
    assert "DataFrame shape: (392, 8)" in out
    assert "model years: 70 to 82" in out
    header = out.splitlines()[3].split()
    assert header == [
        "cylinders",
        "displacement",
        "horsepower",
        "weight",
        "acceleration",
        "model_year",
        "origin",
        "mpg",
    ]
    # first car: 8 cylinders, 307 cubic inches, 130 hp, 3504 lb, 1970, USA, 18 MPG
    assert out.splitlines()[4].split() == [
        "0", "8.0", "307.0", "130.0", "3504.0", "12.0", "70.0", "1.0", "18.0"
    ]  # fmt: skip


def test_origin_becomes_three_columns(run):
    out = run(MPG).cell("Encode origin").stdout
    assert "DataFrame shape: (392, 10)" in out
    assert out.splitlines()[1].split()[-3:] == ["Europe", "Japan", "USA"]
    assert out.splitlines()[2].split()[-3:] == ["0.0", "0.0", "1.0"]  # first car: USA


def test_split_80_20(run):
    out = run(MPG).cell("Split").stdout
    assert "x_train: (314, 9)  y_train: (314,)" in out
    assert "x_test:  (78, 9)  y_test:  (78,)" in out
    assert "'origin'" not in out and "'mpg'" not in out  # features only


def test_normalizer_learns_training_statistics(run):
    out = run(MPG).cell("Normalize").stdout
    assert (
        "normalizer weights: [('mean', (9,)), ('variance', (9,)), ('count', ())]" in out
    )
    rows = {
        line.split()[0]: [float(v) for v in line.split()[1:]]
        for line in out.splitlines()[2:11]
    }
    assert rows["weight"][:2] == pytest.approx([3005.7, 857.7], abs=0.1)
    assert rows["cylinders"][2:] == [4.0, -0.89]
    assert rows["weight"][2:] == [2189.0, -0.95]  # about one std below the mean
    for mean, std, raw, scaled in rows.values():
        assert scaled == pytest.approx((raw - mean) / std, abs=0.03)
    assert number(r"largest \|mean\| ([\d.]+)", out) < 0.001
    assert "std from 1.000 to 1.000" in out


def test_parameter_count(run):
    out = run(MPG).cell("Build").stdout
    assert number(r"Total params: ([\d,]+)", out) == 4_884
    assert number(r"Trainable params: ([\d,]+)", out) == 4_865
    assert number(r"Non-trainable params: ([\d,]+)", out) == 19  # 9 + 9 + 1
    assert re.search(r"normalization \(Normalization\)\s+│ \(None, 9\)\s+│\s+19 │", out)
    dense = re.findall(
        r"│ dense\S* \(Dense\)\s+│ \(None, (\d+)\)\s+│\s+([\d,]+) │", out
    )
    assert dense == [("64", "640"), ("64", "4,160"), ("1", "65")]
    assert "learning rate: 0.003 (Adam's default: 0.001)" in out
    features = re.search(r"\(Normalization\)\s+│ \(None, (\d+)\)", out).group(1)
    trainable = re.search(r"Trainable params: ([\d,]+)", out).group(1)
    sizes = [features] + [units for units, _ in dense]
    formulas = [  # 9 × 64 + 64 = 640, 64 × 64 + 64 = 4,160, 64 × 1 + 1 = 65
        f"{n} × {u} + {u} = {count}"
        for n, (u, count) in zip(sizes[:-1], dense, strict=True)
    ]
    pages = twins("examples/regression")
    for language, page in pages.items():
        assert all(formula in page for formula in formulas), language
    assert f"together {trainable}, the *Trainable params* line" in pages["en"]
    assert f"합계 {trainable}." in pages["ko"]


def test_training_curves_fall_and_do_not_overfit(run):
    out = run(MPG).cell("Train").stdout
    assert "History keys: ['loss', 'mae', 'val_loss', 'val_mae']" in out
    rows = re.findall(
        r"^\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", out, re.M
    )
    assert [int(r[0]) for r in rows] == [1, 10, 20, 30, 40, 50]
    loss, mae, val_loss, val_mae = ([float(r[i]) for r in rows] for i in range(1, 5))
    assert loss[0] > 200 and 15 < mae[0] < 30  # untrained: off by about 20 MPG
    assert all(a > b for a, b in zip(loss, loss[1:], strict=False))
    assert all(a > b for a, b in zip(val_loss, val_loss[1:], strict=False))
    assert 1.4 < val_mae[-1] < 2.6
    assert mae[1] < 0.2 * mae[0]  # steep fall over the first ten epochs ...
    assert mae[-1] > 0.5 * mae[1]  # ... then it levels off
    assert val_loss[-1] < loss[-1]  # the page: ends a little below training loss
    assert val_mae[-1] < 1.2 * mae[-1]  # validation follows training: no overfitting


def test_history_figure(run):
    (figure,) = run(MPG).cell("Plot history").figures
    assert "Loss (mean squared error) per epoch" in figure.alt
    assert "Mean absolute error per epoch" in figure.alt


def test_test_mae_in_published_band(run):
    out = run(MPG).cell("Evaluate").stdout
    mae = number(r"^test MAE: ([\d.]+) MPG", out)
    assert 1.4 <= mae <= 2.6  # published runs of this model: about 1.7-2.0
    assert 2.0 < number(r"^test loss \(MSE\): ([\d.]+)", out) < 12.0
    baseline = number(r"training mean: ([\d.]+) MPG", out)
    assert 5.5 < baseline < 7.5
    assert mae < baseline / 3  # the page: less than a third of the baseline error


def test_predictions_and_scatter(run):
    cell = run(MPG).cell("Predict")
    assert "predict output shape: (78, 1)" in cell.stdout
    assert "predictions - y_test, unflattened: (78, 78)" in cell.stdout
    assert "predictions - y_test, flattened:   (78,)" in cell.stdout
    pairs = re.findall(r"true\s+([\d.]+) MPG\s+predicted\s+([\d.]+) MPG", cell.stdout)
    assert len(pairs) == 5
    assert all(abs(float(t) - float(p)) < 6 for t, p in pairs)
    within = re.search(r"cars predicted within 3 MPG: (\d+) of 78", cell.stdout)
    assert int(within.group(1)) > 0.7 * 78  # most cars within a few MPG
    low = number(r"MAE of cars below 25 MPG:\s+([\d.]+)", cell.stdout)
    high = number(r"MAE of cars at 25 MPG or up:\s+([\d.]+)", cell.stdout)
    assert high > low  # wider spread for the most economical cars
    (figure,) = cell.figures
    assert "Predicted against true MPG, test set" in figure.alt
    assert "true MPG" in figure.alt and "predicted MPG" in figure.alt
    assert "Prediction errors, test set" in figure.alt


def test_printed_first_and_last_mae(run):
    out = run(MPG).cell("Train").stdout
    first, val_first = [
        float(v)
        for v in re.search(
            r"^after epoch 1: MAE ([\d.]+), validation MAE ([\d.]+)$", out, re.M
        ).groups()
    ]
    assert first > 15 and val_first > 15  # the untrained model is far off
    val_last = number(r"^after epoch 50: MAE [\d.]+, validation MAE ([\d.]+)$", out)
    assert 1.4 < val_last < 2.6  # close to 2 MPG, as in the published runs
