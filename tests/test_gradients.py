"""Facts stated on docs/training/checking-gradients.md, checked on the captured runs.

The page shows each example in three tabs, one snippet per backend (each claims only
its own): the same cells and the same printed lines, so every statement of the page
is checked on each of them. The numbers the prose inserts come from the TensorFlow run.
"""

import re
from pathlib import Path

import pytest
from pages import DOCS, twins

SNIPPET = "gradients/gradient_check.py"  # the TensorFlow tab, which the prose describes
TABS = {  # tab label: (snippet, the tool its backprop line names)
    "TensorFlow": (SNIPPET, "GradientTape"),
    "JAX": ("gradients/gradient_check_jax.py", "jax.grad"),
    "PyTorch": ("gradients/gradient_check_torch.py", "torch.autograd"),
}
SNIPPETS = [snippet for snippet, _ in TABS.values()]
each_snippet = pytest.mark.parametrize("snippet", SNIPPETS)


def errors(stdout: str) -> dict[str, float]:
    rows = re.findall(r"^(.+?):?\s+relative error (\S+)$", stdout, re.M)
    return {name.strip(): float(value) for name, value in rows}


def kernel_shapes(result) -> list[tuple[str, str]]:
    return re.findall(
        r"gradient shape \((\d+), (\d+)\)", result.cell("Backprop").stdout
    )


@each_snippet
def test_model_is_float64_with_21_parameters(run, snippet):
    result = run(snippet)
    assert "parameters: 21  dtype: float64" in result.cell("Setup").stdout
    assert kernel_shapes(result) == [("3", "4"), ("4", "1")]  # and a bias each


def test_page_counts_the_parameters(page_run):
    result = page_run(SNIPPET)
    count = re.search(r"parameters: (\d+)", result.cell("Setup").stdout).group(1)
    terms = " + ".join(rf"{n} \times {u} + {u}" for n, u in kernel_shapes(result))
    for language, page in twins("training/checking-gradients").items():
        assert f"${terms} = {count}$" in page, language  # the page's arithmetic


@each_snippet
def test_one_gradient_per_variable(run, snippet):
    out = run(snippet).cell("Backprop").stdout
    shapes = re.findall(r"gradient shape (\(.*\))", out)
    assert shapes == ["(3, 4)", "(4,)", "(4, 1)", "(1,)"]


@pytest.mark.parametrize(("snippet", "tool"), TABS.values())
def test_correct_gradients_agree_to_tiny_error(run, snippet, tool):
    out = run(snippet).cell("Finite differences").stdout
    found = errors(out)
    assert len(found) == 5
    assert all(value < 1e-7 for value in found.values())  # the page: below 1e-7
    assert 1e-13 < found["all parameters"] < 1e-9  # the page: around 1e-10
    backprop = re.search(rf"^  {re.escape(tool)}:\s+\[(.*)\]", out, re.M).group(1)
    numeric = re.search(r"finite differences:\s+\[(.*)\]", out).group(1)
    assert backprop.split() == numeric.split()  # equal to 6 decimals


@each_snippet
def test_wrong_gradient_gives_large_error(run, snippet):
    found = errors(run(snippet).cell("Wrong gradient").stdout)
    assert found["buggy_tanh"] > 1e-2  # the table: above 1e-2 is a bug
    assert found["fixed_tanh"] < 1e-7
    assert found["buggy_tanh"] / found["fixed_tanh"] > 1e6  # more than a million times


@each_snippet
def test_bug_is_the_first_wrong_variable_from_the_output_back(run, snippet):
    out = run(snippet).cell("Wrong gradient").stdout
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


@each_snippet
def test_float32_needs_a_larger_step(run, snippet):
    out = run(snippet).cell("Float32").stdout
    assert "dtype: float32" in out
    found = errors(out)
    assert 1e-7 < found["float32, h = 1e-02"] < 1e-4  # the page: around 1e-5
    assert 1e-7 < found["float32, h = 1e-03"] < 1e-4
    assert found["float32, h = 1e-06"] > 1e-3  # a correct gradient that looks wrong


@each_snippet
def test_step_size_curve_is_v_shaped(run, snippet):
    cell = run(snippet).cell("Step size")
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


def test_every_example_has_a_tab_per_backend():
    """Each embed of the TensorFlow snippet is followed by the JAX and PyTorch tabs."""
    embed = re.compile(r'^=== "(\w+)"\n\n    :::snippet (\S+)( .*)?$', re.M)
    for suffix in (".md", ".ko.md"):
        text = Path(DOCS, f"training/checking-gradients{suffix}").read_text("utf-8")
        tabs = embed.findall(text)
        assert len(tabs) == 3 * 6, suffix  # the six examples, three tabs each
        for start in range(0, len(tabs), 3):
            group = tabs[start : start + 3]
            assert [(label, path) for label, path, _ in group] == [
                (label, path) for label, (path, _) in TABS.items()
            ], suffix
            assert len({cells for _, _, cells in group}) == 1, group  # same cells=
        # no embed of these snippets outside the tabs
        assert text.count(":::snippet gradients/") == len(tabs), suffix


def test_the_page_says_what_each_backend_gives_for_a_cut_path():
    pages = twins("training/checking-gradients")
    assert "TensorFlow and PyTorch give `None` for that weight" in pages["en"]
    assert "JAX gives zeros, silently" in pages["en"]
    assert "JAX는 아무 경고 없이 0을 냅니다" in pages["ko"]
    assert "return_losses=True" in pages["en"] and "return_losses=True" in pages["ko"]
