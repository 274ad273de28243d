"""Facts stated on docs/lifecycle/summary.md, checked on the captured runs it shows."""

import re

from captured import number
from pages import twins

READ = "summary/read_summary.py"
TRAINABLE = "summary/trainable.py"


def rows(summary: str) -> list[tuple[str, str, str, str]]:
    """(name, type, output shape, param #) for each layer row of a summary table."""
    found = re.findall(
        r"^│ (\S+) \((\w+)\)\s+│ (\S.*?)\s+│\s+(\S.*?) │$", summary, re.M
    )
    assert found, f"no layer rows in:\n{summary}"
    return found


def totals(summary: str) -> dict[str, int]:
    """The three totals under the table, as integers."""
    found = dict(
        re.findall(
            r"^ (Total|Trainable|Non-trainable) params: ([\d,]+) ", summary, re.M
        )
    )
    assert set(found) == {"Total", "Trainable", "Non-trainable"}, summary
    return {key: int(value.replace(",", "")) for key, value in found.items()}


def test_summary_table(run):
    out = run(READ).cell("Summary").stdout
    assert 'Model: "three_dense_layers"' in out
    assert re.search(r"┃ Layer \(type\)\s+┃ Output Shape\s+┃\s+Param # ┃", out)
    assert rows(out) == [
        ("hidden_1", "Dense", "(None, 32)", "672"),
        ("hidden_2", "Dense", "(None, 16)", "528"),
        ("output", "Dense", "(None, 3)", "51"),
    ]
    assert totals(out) == {"Total": 1251, "Trainable": 1251, "Non-trainable": 0}
    assert "Total params: 1,251 (4.89 KB)" in out
    total, kb = re.search(r"Total params: ([\d,]+) \(([\d.]+) KB\)", out).groups()
    memory = f"{total} × 4 = {int(total.replace(',', '')) * 4:,}"  # 4 bytes per float32
    pages = twins("lifecycle/summary")
    assert f"{memory} bytes, about {kb} KB" in pages["en"]
    assert f"{memory}바이트, 약 {kb} KB" in pages["ko"]


def test_parameter_counts_by_hand(run):
    out = run(READ).cell("Count by hand").stdout
    assert "hidden_1: 20 x 32 weights + 32 biases = 672 (Keras: 672)" in out
    assert "hidden_2: 32 x 16 weights + 16 biases = 528 (Keras: 528)" in out
    assert "output: 16 x 3 weights + 3 biases = 51 (Keras: 51)" in out
    assert "total: 1,251" in out
    counts = re.findall(r"\(Keras: ([\d,]+)\)", out)
    total = re.search(r"^total: ([\d,]+)", out, re.M).group(1)
    for language, page in twins("lifecycle/summary").items():
        assert f"{' + '.join(counts)} = {total}" in page, language  # 672 + 528 + 51


def test_none_is_the_batch_size(run):
    out = run(READ).cell("None is the batch").stdout
    for size in (1, 5, 64):
        assert f"input ({size}, 20) -> output ({size}, 3)" in out


def test_model_without_input_is_unbuilt(run):
    out = run(READ).cell("Without Input").stdout
    assert [(name, shape, params) for name, _, shape, params in rows(out)] == [
        ("hidden_1", "?", "0 (unbuilt)"),
        ("output", "?", "0 (unbuilt)"),
    ]
    assert totals(out) == {"Total": 0, "Trainable": 0, "Non-trainable": 0}


def test_batch_norm_has_non_trainable_statistics(run):
    result = run(TRAINABLE)
    out = result.cell("BatchNormalization").stdout
    assert rows(out) == [
        ("hidden", "Dense", "(None, 64)", "1,344"),
        ("norm", "BatchNormalization", "(None, 64)", "256"),
        ("output", "Dense", "(None, 1)", "65"),
    ]
    assert totals(out) == {"Total": 1665, "Trainable": 1537, "Non-trainable": 128}
    weights = re.findall(
        r"^(\w+)\s+shape \((\d+),\)\s+trainable: (\w+)",
        result.cell("Inside BatchNormalization").stdout,
        re.M,
    )
    assert weights == [
        ("gamma", "64", "True"),
        ("beta", "64", "True"),
        ("moving_mean", "64", "False"),
        ("moving_variance", "64", "False"),
    ]
    norm = {name: params for name, _, _, params in rows(out)}["norm"]
    formula = f"{len(weights)} × {weights[0][1]} = {norm}"  # 4 × 64 = 256
    learned = sum(int(size) for _, size, trainable in weights if trainable == "True")
    moving = totals(out)["Non-trainable"]
    pages = twins("lifecycle/summary")
    assert (
        f"{formula} parameters: the {learned} of `gamma` and `beta` are trainable, "
        f"the {moving} moving statistics" in pages["en"]
    )
    assert f"{formula}개의" in pages["ko"]
    assert f"`gamma`와 `beta`의 {learned}개" in pages["ko"]
    assert f"이동 통계 {moving}개" in pages["ko"]


def test_freezing_moves_parameters_to_non_trainable(run):
    result = run(TRAINABLE)
    out = result.cell("Freeze a layer").stdout
    assert totals(out) == {"Total": 1665, "Trainable": 193, "Non-trainable": 1472}
    before = totals(result.cell("BatchNormalization").stdout)
    after = totals(out)
    hidden = {name: params for name, _, _, params in rows(out)}["hidden"]  # 1,344
    trainable = f"{before['Trainable']:,} − {hidden} = {after['Trainable']:,}"
    frozen = f"{before['Non-trainable']:,} + {hidden} = {after['Non-trainable']:,}"
    for language, page in twins("lifecycle/summary").items():  # the page's arithmetic
        assert trainable in page and frozen in page, language


def test_fit_leaves_frozen_weights_alone(run):
    out = run(TRAINABLE).cell("Train").stdout
    changed = dict(
        re.findall(r"^with_batch_norm/(\S+)\s+changed by fit: (\w+)", out, re.M)
    )
    assert changed == {
        "hidden/kernel": "False",
        "hidden/bias": "False",
        "norm/gamma": "True",
        "norm/beta": "True",
        "norm/moving_mean": "True",
        "norm/moving_variance": "True",
        "output/kernel": "True",
        "output/bias": "True",
    }


def test_memory_is_four_bytes_per_parameter(run):
    result = run(READ)
    line = number(r"^as float32, 4 bytes each: ([\d,]+) bytes", result.stdout)
    kilobytes = number(r"bytes = ([\d.]+) KB$", result.stdout)
    summary = result.cell("Summary").stdout
    assert f"Total params: 1,251 ({kilobytes:.2f} KB)" in summary  # as summary() says
    assert line == 5004
