"""Every page's prose is bound to the runs it shows (``docexec.prose``): change a
snippet so that what its page says is no longer true, and these tests fail, naming the
page and the line."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import nbformat
import pytest

from docexec.config import Settings
from docexec.prose import ProseError, insert_values, page_numbers
from docexec.results import Execution
from docexec.runs import Runs
from docexec.sources import resolve

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "docs").rglob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_number_in_the_prose_is_accounted_for(page, settings, executions):
    missing = page_numbers(page, settings, executions)
    where = page.relative_to(ROOT)
    assert not missing, "\n".join(f"{where}:{number}" for number in missing)


def _edited(settings: Settings, tmp_path: Path, rel: str, old: str, new: str):
    """Settings whose snippets folder is a copy with one edit in *rel*."""
    copy = tmp_path / "snippets"
    shutil.copytree(settings.snippets, copy)
    path = copy / rel
    source = path.read_text()
    assert old in source
    path.write_text(source.replace(old, new))
    return dataclasses.replace(settings, snippets=copy)


@pytest.mark.parametrize(
    ("page", "rel", "old", "new", "claim"),
    [
        # A hyperparameter the prose names, in a sentence and in the summary table.
        (
            "training/overfitting.md",
            "overfitting/l2.py",
            "L2(0.003)",
            "L2(0.004)",
            "0.003",
        ),
        # The same setting, named by the Korean twin.
        (
            "training/overfitting.ko.md",
            "overfitting/l2.py",
            "L2(0.003)",
            "L2(0.004)",
            "0.003",
        ),
        # A dropout rate.
        (
            "training/overfitting.md",
            "overfitting/dropout.py",
            "Dropout(0.5)",
            "Dropout(0.4)",
            "0.5",
        ),
    ],
)
def test_editing_a_setting_the_page_names_fails_at_its_line(
    settings, executions, tmp_path, page, rel, old, new, claim
):
    docs = ROOT / "docs" / page
    assert page_numbers(docs, settings, executions) == []
    edited = _edited(settings, tmp_path, rel, old, new)
    # The run is the old one: the cache would execute the edited snippet again.
    missing = page_numbers(docs, edited, executions)
    assert claim in {m.number for m in missing}, missing
    text = docs.read_text().splitlines()
    for found in missing:
        if found.line:  # the line named is the claim's
            assert found.number in text[found.line - 1]
        else:  # the title of a figure the old run drew, naming the old setting
            assert found.text.startswith(f"figure 1 of snippets/{rel}")


def _page(executions: dict[str, Runs], rel: str) -> Execution:
    page = executions[rel].page
    assert page is not None
    return page


def pages_runs(executions: dict[str, Runs]) -> dict[str, Execution]:
    return {rel: _page(executions, rel) for rel in executions}


def _reprinted(execution: Execution, old: str, new: str) -> Execution:
    """The same run, as if the snippet printed *new* where it printed *old*."""
    notebook = nbformat.from_dict(execution.notebook)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                output.text = output.text.replace(old, new)
    return dataclasses.replace(execution, notebook=notebook)


def test_a_result_the_page_quotes_that_is_no_longer_printed_fails_at_its_line(
    settings, executions
):
    page = ROOT / "docs" / "training" / "overfitting.md"
    rel = "overfitting/l2.py"
    runs = {
        **pages_runs(executions),
        rel: _reprinted(_page(executions, rel), "gap", "difference"),
    }

    def run(path: str, backend: str | None) -> Execution:
        return runs[resolve(settings.snippets, path).rel]

    markdown = page.read_text()
    insert_values(
        markdown, "training/overfitting.md", lambda p, b: _page(executions, p)
    )
    with pytest.raises(ProseError) as caught:
        insert_values(markdown, "training/overfitting.md", run)
    message = str(caught.value)
    line = int(message.split(":")[1])
    assert message.startswith("training/overfitting.md:")
    assert "no number after 'gap'" in message
    assert "overfitting/l2.py" in markdown.splitlines()[line - 1]


def test_a_changed_result_changes_the_sentence_that_quotes_it(settings, executions):
    page = ROOT / "docs" / "training" / "overfitting.md"
    rel = "overfitting/l2.py"
    gap = _page(executions, rel).cell("L2").stdout.split("gap ")[1].split()[0]
    runs = {
        **pages_runs(executions),
        rel: _reprinted(_page(executions, rel), f"gap {gap}", "gap 0.777"),
    }
    before = insert_values(page.read_text(), "p", lambda p, b: _page(executions, p))
    after = insert_values(page.read_text(), "p", lambda p, b: runs[p])
    assert f"falls, to {float(gap):.2f}" in " ".join(before.split())
    assert "falls, to 0.78" in " ".join(after.split())
