"""Facts stated on docs/training/checking-gradients.md, checked on the captured run."""

import re

from pages import twins

SNIPPET = "gradients/gradient_check.py"


def errors(stdout: str) -> dict[str, float]:
    rows = re.findall(r"^(.+?):?\s+relative error (\S+)$", stdout, re.M)
    return {name.strip(): float(value) for name, value in rows}


def test_model_is_float64_with_21_parameters(run):
    result = run(SNIPPET)
    out = result.cell("Setup").stdout
    assert "parameters: 21  dtype: float64" in out
    count = re.search(r"parameters: (\d+)", out).group(1)
    kernels = re.findall(
        r"gradient shape \((\d+), (\d+)\)", result.cell("Backprop").stdout
    )
    assert kernels == [("3", "4"), ("4", "1")]  # and a bias of each layer's units
    terms = " + ".join(rf"{n} \times {u} + {u}" for n, u in kernels)
    for language, page in twins("training/checking-gradients").items():
        assert f"${terms} = {count}$" in page, language  # the page's arithmetic


def test_one_gradient_per_variable(run):
    out = run(SNIPPET).cell("Backprop").stdout
    shapes = re.findall(r"gradient shape (\(.*\))", out)
    assert shapes == ["(3, 4)", "(4,)", "(4, 1)", "(1,)"]


def test_correct_gradients_agree_to_tiny_error(run):
    out = run(SNIPPET).cell("Finite differences").stdout
    found = errors(out)
    assert len(found) == 5
    assert all(value < 1e-7 for value in found.values())  # the page: below 1e-7
    assert 1e-13 < found["all parameters"] < 1e-9  # the page: around 1e-10
    tape = re.search(r"GradientTape:\s+\[(.*)\]", out).group(1)
    numeric = re.search(r"finite differences:\s+\[(.*)\]", out).group(1)
    assert tape.split() == numeric.split()  # equal to 6 decimals


def test_wrong_gradient_gives_large_error(run):
    found = errors(run(SNIPPET).cell("Wrong gradient").stdout)
    assert found["buggy_tanh"] > 1e-2  # the table: above 1e-2 is a bug
    assert found["fixed_tanh"] < 1e-7
    assert found["buggy_tanh"] / found["fixed_tanh"] > 1e6  # more than a million times


def test_bug_is_the_first_wrong_variable_from_the_output_back(run):
    out = run(SNIPPET).cell("Wrong gradient").stdout
    rows = re.findall(r"^  net/(\w+)/(\w+)\s+relative error (\S+)$", out, re.M)
    # printed from the output back to the input
    assert [(layer, kind) for layer, kind, _ in rows] == [
        ("output", "bias"),
        ("output", "kernel"),
        ("second", "bias"),
        ("second", "kernel"),
        ("first", "bias"),
        ("first", "kernel"),
    ]
    error = {(layer, kind): float(value) for layer, kind, value in rows}
    # the layers after the bug are right...
    assert error["output", "bias"] < 1e-7 and error["output", "kernel"] < 1e-7
    # ...the buggy layer and every layer before it are wrong
    for layer in ("second", "first"):
        assert error[layer, "bias"] > 1e-2 and error[layer, "kernel"] > 1e-2
    page = twins("training/checking-gradients")["en"]
    assert "the first wrong variable from the output back, `second`" in page
    assert "the first wrong one points at the layer with the bug" not in page


def test_float32_needs_a_larger_step(run):
    out = run(SNIPPET).cell("Float32").stdout
    assert "dtype: float32" in out
    found = errors(out)
    assert 1e-7 < found["float32, h = 1e-02"] < 1e-4  # the page: around 1e-5
    assert 1e-7 < found["float32, h = 1e-03"] < 1e-4
    assert found["float32, h = 1e-06"] > 1e-3  # a correct gradient that looks wrong


def test_step_size_curve_is_v_shaped(run):
    cell = run(SNIPPET).cell("Step size")
    out = cell.stdout
    smallest = re.search(r"smallest error (\S+) at h = (\S+)", out)
    assert float(smallest.group(1)) < 1e-9  # the page: below 1e-9...
    assert 1e-6 <= float(smallest.group(2)) <= 1e-4  # ...around h = 1e-5
    curve = {float(k[4:]): v for k, v in errors(out).items() if k.startswith("h = ")}
    assert len(curve) == 13
    assert curve[1e-1] > 1e-4 and curve[1e-13] > 1e-4  # both ends climb back
    # right side: two decades of error per decade of h (error ~ h**2)
    assert 0.003 < curve[1e-2] / curve[1e-1] < 0.03
    # left side: rounding noise grows like 1/h
    assert 3 < curve[1e-12] / curve[1e-11] < 30 and curve[1e-13] > curve[1e-9]
    (figure,) = cell.figures
    assert "relative error against step size" in figure.alt
    assert "step size h" in figure.alt
