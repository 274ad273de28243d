"""Numbers in prose come from the runs: insertion, and the check that accounts for the
rest (``docexec.prose``)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import nbformat
import pytest

from docexec.prose import ProseError, insert_values, unaccounted_numbers
from docexec.results import Execution
from docexec.sources import Snippet

SOURCE = textwrap.dedent(
    """\
    # %% Train
    rate = 0.003
    model = build(dropout=0.2)
    # %% Report
    print("gap", 0.494)
    """
)


@pytest.fixture
def execution(tmp_path: Path) -> Execution:
    (tmp_path / "topic").mkdir()
    (tmp_path / "topic" / "l2.py").write_text(SOURCE)
    nb = nbformat.v4.new_notebook()
    for title, text in [
        ("Train", "Epoch 1: loss 2.961\nEpoch 2: loss 0.812\nsteps: 12000\n"),
        ("Report", "cross-entropy: training 0.101, validation 0.595, gap 0.494\n"),
    ]:
        nb.cells.append(
            nbformat.v4.new_code_cell(
                "",
                metadata={"docexec": {"first_line": 1, "title": title}},
                outputs=[nbformat.v4.new_output("stream", name="stdout", text=text)],
            )
        )
    return Execution(Snippet(tmp_path, "topic/l2.py"), nb, 1.0)


def fill(markdown: str, execution: Execution) -> str:
    def runs(path: str, backend: str | None) -> Execution:
        if path != "topic/l2.py":
            raise ProseError(f"{path} is not embedded on this page")
        return execution

    return insert_values(markdown, "page.md", runs)


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ('about {{ topic/l2.py "gap" .1f }}', "about 0.5"),
        ('exactly {{ topic/l2.py "gap" }}', "exactly 0.494"),
        ('{{ topic/l2.py#Report "validation" .2f }}', "0.59"),
        ('{{ topic/l2.py "steps:" , }} steps', "12,000 steps"),
        ('{{ topic/l2.py "gap" .1% }}', "49.4%"),
        ('from {{ topic/l2.py "loss" first }}', "from 2.961"),
        ('to {{ topic/l2.py "loss" last .2f }}', "to 0.81"),
        ('`L2({{ topic/l2.py code "rate =" }})`', None),  # inline code: left alone
        ('a rate of {{ topic/l2.py code "rate =" }}', "a rate of 0.003"),
        ('Dropout({{ topic/l2.py code "dropout=" }})', "Dropout(0.2)"),
    ],
)
def test_insertions_quote_the_run(execution, written, shown):
    page = f"---\ntitle: t\n---\n\nText {written}.\n"
    expected = page if shown is None else page.replace(written, shown)
    assert fill(page, execution) == expected


def test_two_insertions_on_one_line(execution):
    line = 'from {{ topic/l2.py "loss" first }} to {{ topic/l2.py "loss" last }}\n'
    assert fill(line, execution) == "from 2.961 to 0.812\n"


@pytest.mark.parametrize(
    ("written", "error"),
    [
        ('{{ topic/l2.py "loss" }}', "'loss' is followed by 2 different numbers"),
        ('{{ topic/l2.py "accuracy" }}', "no number after 'accuracy' in the output of"),
        ('{{ topic/l2.py#Report "loss" }}', "no number after 'loss' in cell 'Report'"),
        ('{{ topic/l2.py#Nope "loss" }}', "has no cell titled 'Nope'"),
        ('{{ topic/other.py "gap" }}', "topic/other.py is not embedded on this page"),
        ('{{ topic/l2.py "gap" .1q }}', "bad format '.1q' for 0.494"),
    ],
)
def test_a_value_that_is_not_found_names_the_page_and_line(execution, written, error):
    with pytest.raises(ProseError) as caught:
        fill(f"# Title\n\nText {written}.\n", execution)
    assert str(caught.value).startswith("page.md:3: ")
    assert error in str(caught.value)


def test_thousands_in_a_formula_are_written_for_latex(execution):
    steps = '{{ topic/l2.py "steps:" , }}'
    page = f"In $n = {steps}$ and\n$$\nn = {steps}\n$$\n"
    assert fill(page, execution) == "In $n = 12{,}000$ and\n$$\nn = 12{,}000\n$$\n"


def test_fenced_code_is_not_prose(execution):
    page = '```text\n{{ topic/l2.py "loss" }}\n```\n'
    assert fill(page, execution) == page


def missing(markdown: str, execution: Execution) -> list[str]:
    found = unaccounted_numbers(markdown, [execution.snippet], [execution])
    return [f"{m.line}:{m.number}" for m in found]


def test_numbers_from_the_code_or_output_are_accounted_for(execution):
    page = "Dropout 0.2 and a rate of 0.003; training 0.101 and 12,000 steps.\n"
    assert missing(page, execution) == []


def test_a_typed_number_the_run_did_not_print_is_listed(execution):
    page = "# T\n\nThe gap also falls to about 0.4.\n\nThe loss is 2.96.\n"
    assert missing(page, execution) == ["3:0.4", "5:2.96"]


def test_constants_of_the_text_are_declared_in_the_front_matter(execution):
    page = textwrap.dedent(
        """\
        ---
        constants:
          784: 28 × 28 pixels
          "2.303": ln 10
        ---

        Each image has 784 = 28 × 28 pixels; ln 10 ≈ 2.303 and $x^{1{,}024}$.
        """
    )
    assert missing(page, execution) == ["7:28", "7:28", "7:10", "7:1,024"]


def test_inserted_numbers_links_and_attributes_are_not_counted(execution):
    page = (
        'About {{ topic/l2.py "gap" .1f }}, see [the page](x9.md) '
        "and an image { width=640 }.\n"
    )
    assert missing(page, execution) == []


def test_inline_code_is_a_claim_about_the_code(execution):
    page = "Here `build(dropout=0.2)` is right and `build(dropout=0.5)` is not.\n"
    assert missing(page, execution) == ["1:0.5"]


def test_a_figure_title_that_names_a_setting_must_match_the_code(execution):
    execution.notebook.cells[0].outputs.append(
        nbformat.v4.new_output(
            "display_data",
            data={"image/png": "", "text/plain": "Dropout(rate=0.5) on 12000 steps"},
        )
    )
    redrawn = Execution(execution.snippet, execution.notebook, 1.0)
    found = unaccounted_numbers("", [redrawn.snippet], [redrawn])
    assert [(m.line, m.number) for m in found] == [(0, "0.5")]
    assert "figure 1 of " in str(found[0]) and "/topic/l2.py: Dropout" in str(found[0])


def test_numbers_in_the_codes_comments_and_strings_do_not_count(tmp_path):
    (tmp_path / "t").mkdir()
    source = 'rate = 0.3  # was 0.7\nplt.title("rate 0.7")\n'
    (tmp_path / "t" / "s.py").write_text(source)
    snippet = Snippet(tmp_path, "t/s.py")
    found = unaccounted_numbers("A rate of 0.7, now 0.3.\n", [snippet], [])
    assert [m.number for m in found] == ["0.7"]
