"""Facts stated on docs/lifecycle/sequential.md, checked on its captured runs."""

import re

import pytest
from pages import twins

BUILD = "sequential/build.py"
TWO_INPUTS = "sequential/two_inputs.py"

ROWS = [
    ("flatten", "Flatten", "(None, 784)", "0"),
    ("hidden", "Dense", "(None, 128)", "100,480"),
    ("dropout", "Dropout", "(None, 128)", "0"),
    ("output", "Dense", "(None, 10)", "1,290"),
]


def summary_rows(text: str) -> list[tuple[str, str, str, str]]:
    return re.findall(r"│ (\w+) \((\w+)\)\s+│ (\([^)]*\)|\?)\s+│\s+([\d,]+)", text)


@pytest.mark.parametrize("cell", ["List", "Add"])
def test_both_ways_give_the_same_summary(run, cell):
    out = run(BUILD).cell(cell).stdout
    assert summary_rows(out) == ROWS  # named layers, no Input row
    assert "Total params: 101,770" in out
    assert "InputLayer" not in out


def test_same_architecture_different_initial_values(run):
    out = run(BUILD).cell("Compare").stdout
    shapes = "[(None, 784), (None, 128), (None, 128), (None, 10)]"
    assert f"from_list parameters 101,770, output shapes {shapes}" in out
    assert f"with_add  parameters 101,770, output shapes {shapes}" in out
    assert "same weight shapes: True" in out
    assert "same weight values: False" in out


def test_layers_and_get_layer(run):
    out = run(BUILD).cell("Layers").stdout
    assert "number of layers: 4" in out  # the Input is not in model.layers
    listed = re.findall(r"^(\d) (\w+) (\w+)$", out, re.M)
    assert [(name, kind) for _, name, kind in listed] == [r[:2] for r in ROWS]
    assert listed[0][1:] == ("flatten", "Flatten")  # layers[0] is the first real layer
    assert "get_layer('hidden'): hidden units 128, activation relu" in out
    assert "kernel (784, 128) bias (128,)" in out
    assert "same object as model.layers[1]: True" in out
    assert "last layer: output" in out


def test_automatic_names(run):
    out = run(BUILD).cell("Automatic names").stdout
    assert "automatic names: ['dense', 'dense_1']" in out


def test_model_without_input_is_unbuilt(run):
    out = run(BUILD).cell("Without Input").stdout
    flat = " ".join(out.split())  # error messages are wrapped over several lines
    assert re.search(r"│ dense_a \(Dense\)\s+│ \?\s+│\s+0 \(unbuilt\) │", out)
    assert "Total params: 0" in out
    assert "ValueError: You tried to call `count_params`" in flat
    assert "isn't built" in flat
    assert "after seeing data with 4 features: 15 parameters" in out
    built = re.search(r"after seeing data with (\d+) features: (\d+) parameters", out)
    features, count = built.groups()
    for language, page in twins("lifecycle/sequential").items():  # Dense(3)
        assert rf"${features} \times 3 + 3 = {count}$" in page, language


def test_name_errors(run):
    out = " ".join(run(BUILD).cell("Errors").stdout.split())  # unwrap lines
    assert (
        "ValueError: No such layer: hiden. Existing layers are: "
        "['flatten', 'hidden', 'dropout', 'output']." in out
    )
    assert "should have unique names. Name 'dense' is already the name" in out


def test_two_input_model_summary(run):
    out = run(TWO_INPUTS).cell("Build").stdout
    assert "Connected to" in out
    assert out.count("(InputLayer)") == 2
    layers = {  # name: (output units, Param #)
        name: (units, params)
        for name, units, params in re.findall(
            r"│ (\w+) \(\w+\)\s+│ \(None, (\d+)\)\s+│\s+(\d+) │", out
        )
    }
    branches = [
        layers[name] for name in ("house_branch", "area_branch", "merge", "price")
    ]
    assert branches == [("16", "80"), ("8", "24"), ("24", "0"), ("1", "25")]
    merge_row = out[out.index("merge (Concatenate)") :].split("├")[0]
    assert "house_branch[0][0]" in merge_row and "area_branch[0][0]" in merge_row
    assert "Total params: 129" in out
    (house, house_params), (area, area_params), (merged, _), (price, price_params) = (
        branches
    )
    for language, page in twins("lifecycle/sequential").items():  # the page's counts
        assert f"({house} + {area} = {merged}" in page, language
        assert rf"$4 \times {house} + {house} = {house_params}$" in page, language
        assert rf"$2 \times {area} + {area} = {area_params}$" in page, language
        assert rf"${merged} \times {price} + {price} = {price_params}$" in page, (
            language
        )


def test_two_input_model_trains_and_predicts(run):
    result = run(TWO_INPUTS)
    assert "measurements: (1000, 4)  neighbourhood: (1000, 2)" in result.stdout
    out = result.cell("Train").stdout
    first, last = map(
        float,
        re.search(
            r"training loss \(MSE\): ([\d.]+) after epoch 1, ([\d.]+) after 20", out
        ).groups(),
    )
    assert first / last > 10  # "more than an order of magnitude"
    assert "prediction shape: (3, 1)" in out
    found = re.search(r"predicted: \[(.*)\]\s+true: \[(.*)\]", out)
    predicted = [float(v) for v in found.group(1).split()]
    true = [float(v) for v in found.group(2).split()]
    assert predicted == pytest.approx(true, abs=0.5)  # "follow the true prices"
