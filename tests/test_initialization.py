"""Facts stated on docs/training/initialization.md, checked on the captured runs."""

import math
import re

SYMMETRY = "initialization/zero_symmetry.py"
SPREAD = "initialization/activation_spread.py"


def training_line(out: str, name: str) -> tuple[float, float, float]:
    found = re.search(
        rf"^\s*{re.escape(name)}: loss ([\d.]+) -> ([\d.]+), accuracy ([\d.]+)$",
        out,
        re.M,
    )
    assert found, f"{name!r} not in output:\n{out}"
    return tuple(float(v) for v in found.groups())


def test_data_is_two_balanced_rings(run):
    out = run(SYMMETRY).cell("Data").stdout
    assert "x: (1000, 2)  y: (1000,)  class counts: [500 500]" in out


def test_glorot_learns_and_zeros_do_not(run):
    out = run(SYMMETRY).cell("Train").stdout
    first, last, accuracy = training_line(out, "glorot_uniform, relu")
    assert last < 0.1 < first and accuracy > 0.95
    # zeros + relu: nothing moves; the loss stays at ln 2, the loss of a coin flip
    first, last, accuracy = training_line(out, "zeros, relu")
    assert abs(first - math.log(2)) < 0.005 and abs(last - math.log(2)) < 0.005
    assert 0.4 < accuracy < 0.6
    # zeros + sigmoid: learns a little, like a network with a single hidden unit
    first, last, accuracy = training_line(out, "zeros, sigmoid")
    assert 0.5 < last < first and accuracy < 0.75


def test_zero_initialized_units_stay_identical(run):
    out = run(SYMMETRY).cell("Inspect").stdout
    distinct = dict(
        re.findall(
            r"^(.*): hidden kernel.*\n(?:.*\n){2}distinct unit columns: (\d)", out, re.M
        )
    )
    assert distinct == {
        "glorot_uniform, relu": "8",
        "zeros, relu": "1",
        "zeros, sigmoid": "1",
    }
    blocks = out.split("\n\n")
    relu_zero = next(b for b in blocks if b.startswith("zeros, relu"))
    assert set(re.findall(r"-?\d+\.\d*", relu_zero)) <= {"0.", "-0."}  # still all zero
    sigmoid_zero = next(b for b in blocks if b.startswith("zeros, sigmoid"))
    rows = re.findall(r"\[\[?([^\]]+)\]", sigmoid_zero)
    assert len(rows) == 2
    for row in rows:
        values = row.split()
        assert len(values) == 8 and len(set(values)) == 1 and float(values[0]) != 0


def test_decision_regions_figure(run):
    (figure,) = run(SYMMETRY).cell("Plot").figures
    for name in ("glorot_uniform, relu", "zeros, relu", "zeros, sigmoid", "P(class 1)"):
        assert name in figure.alt


def spread_table(out: str) -> dict[tuple[str, str], list[float]]:
    """(activation, initializer) -> [weight std, std after layers 1, 5, 10, 15, 20]."""
    table: dict[tuple[str, str], list[float]] = {}
    activation = re.search(r"^(\w+): std of each layer's output$", out, re.M).group(1)
    for line in re.findall(r"^  layer\s+\d+: (.*)$", out, re.M):
        for name, value in re.findall(r"(too small|Glorot|He) (\S+?)(?:,|$)", line):
            table.setdefault((activation, name), []).append(float(value))
    weights = re.search(r"^  weight std: (.*)$", out, re.M).group(1)
    for value, name in re.findall(r"([\d.]+) \((too small|Glorot|He)\)", weights):
        table[activation, name].insert(0, float(value))
    return table


def test_spread_through_20_layers(run):
    result = run(SPREAD)
    table = spread_table(result.cell("ReLU").stdout)
    table.update(spread_table(result.cell("tanh").stdout))
    assert len(table) == 6 and all(len(row) == 6 for row in table.values())
    # weight std: 0.01; Glorot sqrt(2 / (512 + 512)); He sqrt(2 / 512)
    for activation in ("relu", "tanh"):
        assert table[activation, "too small"][0] == 0.010
        assert abs(table[activation, "Glorot"][0] - math.sqrt(2 / 1024)) < 0.002
        assert abs(table[activation, "He"][0] - math.sqrt(2 / 512)) < 0.002
    # each row: weight std, then the std after layers 1, 5, 10, 15, 20
    for activation in ("relu", "tanh"):
        small = table[activation, "too small"][1:]
        assert small[-1] < 1e-10 and small == sorted(small, reverse=True)  # vanishes
    relu_glorot = table["relu", "Glorot"][1:]
    assert relu_glorot == sorted(relu_glorot, reverse=True)  # falls steadily...
    assert relu_glorot[-1] < 0.01 * relu_glorot[0]  # ...by more than 100x
    relu_he = table["relu", "He"][1:]
    # within an order of magnitude of layer 1 throughout, up or down with the draw
    assert all(relu_he[0] / 10 < s < 10 * relu_he[0] for s in relu_he)
    assert relu_he[-1] > 100 * relu_glorot[-1]  # far from Glorot's fall
    tanh_glorot = table["tanh", "Glorot"][1:]
    assert 0.1 < tanh_glorot[-1] < tanh_glorot[0] < 1  # shrinks slowly
    tanh_he = table["tanh", "He"][1:]
    assert all(0.4 < s < 1 for s in tanh_he)  # nearly flat
    assert max(tanh_he) < 1.5 * min(tanh_he)


def test_spread_figure_has_both_activations(run):
    (figure,) = run(SPREAD).cell("Plot").figures
    assert "relu activation" in figure.alt and "tanh activation" in figure.alt
    assert "log scale" in figure.alt


def test_one_initializer_object_gives_its_layers_the_same_weights(run):
    out = run(SPREAD).cell("Shared initializer").stdout
    assert out == "one HeNormal object in two layers, same weights: True\n"
