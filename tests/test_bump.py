"""The bump report's comparison of two runs of a snippet (``docexec.bump``)."""

from __future__ import annotations

import base64
from pathlib import Path

import nbformat
import pytest

from docexec.bump import compare, report
from docexec.results import Execution, SnippetError
from docexec.sources import Snippet


def run(tmp_path: Path, stdout: str, stderr: str = "", png: bytes = b"a") -> Execution:
    (tmp_path / "t").mkdir(exist_ok=True)
    (tmp_path / "t" / "s.py").write_text("print(1)\n")
    outputs = [nbformat.v4.new_output("stream", name="stdout", text=stdout)]
    if stderr:
        outputs.append(nbformat.v4.new_output("stream", name="stderr", text=stderr))
    picture = base64.b64encode(png).decode()
    outputs.append(nbformat.v4.new_output("display_data", data={"image/png": picture}))
    nb = nbformat.v4.new_notebook()
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "",
            metadata={"docexec": {"first_line": 1, "title": "Train"}},
            outputs=outputs,
        )
    )
    return Execution(Snippet(tmp_path, "t/s.py"), nb, 1.0)


@pytest.fixture
def before(tmp_path):
    return run(tmp_path, "loss: 0.500\naccuracy: 0.868\n")


def test_numbers_that_moved_are_listed_with_their_change(tmp_path, before):
    change = compare(before, run(tmp_path, "loss: 0.550\naccuracy: 0.868\n"))
    assert change.numbers == [("0.500", "0.550", "cell 1 Train")]
    assert not (change.text or change.warnings or change.error or change.figures)
    assert "0.500 → 0.550 (+10.0%)" in report([change], {}, "Keras 9")
    falling = compare(before, run(tmp_path, "loss: 0.450\naccuracy: 0.868\n"))
    assert "0.500 → 0.450 (-10.0%)" in report([falling], {}, "Keras 9")


def test_changed_words_new_warnings_and_figures_are_told_apart(tmp_path, before):
    after = run(
        tmp_path,
        "loss is 0.500\naccuracy: 0.868\n",
        stderr="UserWarning: `input_shape` is deprecated\n",
        png=b"b",
    )
    change = compare(before, after)
    assert change.text == ["cell 1 Train: `loss: 0.500` → `loss is 0.500`"]
    assert change.warnings == ["UserWarning: `input_shape` is deprecated"]
    assert change.figures == ["cell 1 Train"]


def test_an_error_comes_first_and_unchanged_runs_are_counted(tmp_path, before):
    failed = Execution(
        before.snippet,
        before.notebook,
        1.0,
        error=SnippetError("snippets/t/s.py", 3, "ValueError: no", ""),
    )
    broken, same = compare(before, failed), compare(before, before)
    moved = compare(before, run(tmp_path, "loss: 0.9\naccuracy: 0.868\n"))
    text = report(
        [same, moved, broken], {"t": ["test_accuracy_band"]}, "Keras 9, tensorflow 9"
    )
    assert text.index("snippets/t/s.py:3: ValueError: no") < text.index("0.500 → 0.9")
    assert "## Page facts that fail: 1" in text
    assert "`tests/test_t.py::test_accuracy_band`" in text
    assert "1 snippets print and draw exactly what they do now." in text
