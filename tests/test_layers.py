"""Facts stated on docs/layers/layers.md, checked on its captured runs."""

import re

import numpy as np
import pytest
from pages import twins

DENSE = "layers/dense.py"
FLATTEN = "layers/flatten.py"
DROPOUT = "layers/dropout.py"


def matrix(label: str, text: str) -> np.ndarray:
    """The printed NumPy matrix that follows ``label`` on its own line."""
    block = text.split(label + "\n", 1)[1]
    rows = re.findall(r"\[([^\[\]]+)\]", block.split("]]", 1)[0] + "]")
    return np.array([[float(v) for v in row.split()] for row in rows])


def test_input_shapes_and_tuple_error(run):
    out = run(DENSE).cell("Input").stdout
    assert "keras.Input(shape=(4,)): (None, 4) float32" in out
    assert "keras.Input(shape=(28, 28)): (None, 28, 28)" in out
    assert "keras.Input(shape=(13)): ValueError: Cannot convert '13' to a shape." in out


def test_dense_shapes(run):
    out = run(DENSE).cell("Dense").stdout
    assert "output shape: (None, 3)" in out
    assert "kernel (weights) shape: (4, 3)" in out
    assert re.search(r"^bias shape:\s+\(3,\)$", out, re.M)
    assert "parameters: 15" in out


def test_dense_is_relu_of_xw_plus_b(run):
    out = run(DENSE).cell("Compute").stdout
    z = matrix("x @ W + b:", out)
    by_hand = matrix("relu(x @ W + b):", out)
    by_keras = matrix("layer(x):", out)
    assert z.shape == (2, 3)
    assert np.allclose(by_hand, np.maximum(z, 0))  # negative sums to 0, others kept
    assert np.allclose(by_keras, by_hand)  # "in every run the layer and the formula"
    assert "same result: True" in out


def test_dense_sums_of_the_page_run(page_run):
    z = matrix("x @ W + b:", page_run(DENSE).cell("Compute").stdout)
    # "in this run the sums of the first example are all negative, ... those of the
    # second example are all positive"
    assert (z[0] < 0).all() and (z[1] > 0).all()
    page = twins("layers/layers")["en"]
    assert "In this run the sums of the first example are all negative" in page


def test_parameter_count_formula(run):
    out = run(DENSE).cell("Parameter count").stdout
    rows = re.findall(r"^\s*(\d+)\s+(\d+)\s+([\d,]+)\s+([\d,]+)$", out, re.M)
    assert len(rows) == 5
    for inputs, units, formula, keras_count in rows:
        assert int(formula.replace(",", "")) == int(inputs) * int(units) + int(units)
        assert formula == keras_count
    counts = {(int(i), int(u)): int(c.replace(",", "")) for i, u, _, c in rows}
    assert counts[(784, 128)] == 100_480 and counts[(128, 10)] == 1_290
    # the page: "The third and fourth rows are the two Dense layers of the classifier"
    (inputs, units, _, first), (_, _, _, second) = rows[2:4]
    assert (inputs, units) == ("784", "128") and rows[3][:2] == ("128", "10")
    hidden, output = (int(count.replace(",", "")) for count in (first, second))
    assert hidden / (hidden + output) > 0.98  # "almost all of the parameters"
    kernel = f"{int(inputs) * int(units):,}".replace(",", "{,}")  # LaTeX: 100{,}352
    pitfall = rf"${inputs} \times {units} = {kernel}$"  # the weights without the biases
    pages = twins("layers/layers")
    assert f"classifier: {first} and {second} parameters" in pages["en"]
    assert f"{pitfall}, but the layer has {first} parameters" in pages["en"]
    assert f"파라미터가 {first}개와 {second}개입니다" in pages["ko"]
    assert f"{pitfall}이지만 이 층의 파라미터는 {first}개입니다" in pages["ko"]


def test_flatten_shapes(run):
    out = run(FLATTEN).cell("Shapes").stdout
    assert re.search(r"before: \(8, 28, 28\)\s+after: \(8, 784\)", out)
    colour = re.search(r"before: \(8, (32), (32), (3)\)\s+after: \(8, (3072)\)", out)
    assert colour
    assert re.search(r"before: \(8, 5, 4\)\s+after: \(8, 20\)", out)
    height, width, channels, values = colour.groups()
    for language, page in twins("layers/layers").items():  # 32 × 32 × 3 = 3,072
        assert f"{height} × {width} × {channels} = {int(values):,}" in page, language


def test_flatten_order_is_row_by_row(run):
    assert "flattened: [[0. 1. 2. 3. 4. 5.]]" in run(FLATTEN).cell("Order").stdout


def test_flatten_has_no_parameters(run):
    out = run(FLATTEN).cell("In a model").stdout
    assert re.search(r"^Flatten\s+output \(None, 784\)\s+parameters 0$", out, re.M)
    assert re.search(r"^Dense\s+output \(None, 10\)\s+parameters 7850$", out, re.M)


def test_dropout_training_and_inference(run):
    out = run(DROPOUT).cell("Call").stdout
    assert "rate = 0.2, 1 / (1 - rate) = 1.25" in out
    fraction = float(re.search(r"fraction set to zero: ([\d.]+)", out).group(1))
    assert fraction == pytest.approx(0.2, abs=0.02)  # "about a fifth"
    assert "distinct values: [0.   1.25]" in out  # zeroed or scaled by 1/(1-rate)
    mean = float(re.search(r"mean: ([\d.]+) \(input mean 1.000\)", out).group(1))
    assert mean == pytest.approx(1.0, abs=0.03)
    assert "output equals input: True" in out
    assert "default call (no training=): True" in out


def test_dropout_fraction_the_page_quotes(page_run):
    out = page_run(DROPOUT).cell("Call").stdout
    fraction = re.search(r"fraction set to zero: ([\d.]+)", out).group(1)
    for language, page in twins("layers/layers").items():
        assert fraction in page, language  # "(0.201 of them in this run)"


def test_dropout_figure(run):
    cell = run(DROPOUT).cell("Plot")
    (figure,) = cell.figures
    assert "Dropout(rate=0.2) on 20 values" in figure.alt
    assert "position in the input vector" in figure.alt


def test_dropout_draws_of_each_backend(snippet_runs):
    runs = snippet_runs(DROPOUT)
    dropped = {
        backend: int(
            re.search(
                r"dropped in this draw: (\d+) of 20",
                runs.on(backend).cell("Plot").stdout,
            ).group(1)
        )
        for backend in ("tensorflow", "jax", "torch")
    }
    assert dropped["tensorflow"] != 4  # "varies from draw to draw: 7 here"
    assert dropped["torch"] == 0  # "by chance, drops 0 of 20: ... no bar at 0"
    pages = twins("layers/layers")
    assert f"{dropped['tensorflow']} of 20 here, against the expected 4" in pages["en"]
    assert f"the JAX run drops {dropped['jax']} of 20" in pages["en"]
    assert (
        f"by chance, drops {dropped['torch']} of 20: its figure has no bar at 0"
        in pages["en"]
    )
    assert f"PyTorch 실행에서는 우연히 {dropped['torch']}개여서" in pages["ko"]
