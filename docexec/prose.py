"""Numbers in a page's prose, bound to the runs of the snippets the page embeds.

A number a run produced is never typed: the page writes where it comes from, and the
build inserts it from the captured output, rounded as the sentence wants::

    The gap also falls to about {{ overfitting/l2.py#L2 "gap" .1f }}.

- ``overfitting/l2.py`` is a snippet the page embeds; ``#L2`` optionally narrows the
  search to the cell of that ``# %%`` title. The number comes from the run the page
  describes (on TensorFlow, unless the snippet claims other backends only);
  ``overfitting/l2.py@jax`` takes it from the run on JAX instead.
- ``"gap"`` is the text printed just before the number (a ``:`` or ``=`` between them
  may be left out). Found more than once with different numbers, it must be narrowed
  by a longer label, a cell, or ``first`` / ``last``.
- ``.1f`` is a Python format spec (``,`` for 12,000, ``.1%`` for a percentage);
  without one the number is shown as printed. Inside a formula, thousands are
  written as LaTeX wants them: ``12{,}000``.
- ``code`` before the label reads the snippet's source instead of its output, for a
  setting the prose names: ``{{ overfitting/l2.py code "L2(" }}`` is 0.003.

Every other number in the prose must be accounted for: found in the code or output of
a snippet the page embeds, or declared in the page's front matter as a constant of the
text, with what it is::

    constants:
      784: 28 × 28 pixels
      "2.303": ln 10
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .config import Settings
from .directive import Embed, expand
from .results import Execution
from .runs import Runs
from .sources import Snippet, resolve

INSERT = re.compile(
    r"\{\{\s*(?P<snippet>[\w./-]+\.py)(?:@(?P<backend>\w+))?(?:#(?P<cell>[^\"]+?))?\s+"
    r"(?:(?P<code>code)\s+)?\"(?P<label>[^\"]+)\""
    r"(?:\s+(?P<pick>first|last))?(?:\s+(?P<spec>[^\s}]+))?\s*\}\}"
)
# A number as a run or a page writes it: 12,000 · 0.494 · -3 · 1e-4 · 2.5e+03.
NUMBER = r"[-−]?\d+(?:,\d{3})*(?:\.\d+)?(?:[eE][-+−]?\d+)?"
# Not part of a name (L2, x1) but free to touch a Korean counter: 60,000장, 3개.
NUMBER_RE = re.compile(rf"(?<![A-Za-z0-9_.]){NUMBER}(?![A-Za-z0-9_])")
FENCE = re.compile(r"^(?P<indent>[ \t>]*)(?P<mark>`{3,}|~{3,})")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


class ProseError(ValueError):
    """An insertion that names no embedded snippet, no label, or an ambiguous one."""


@dataclass(frozen=True)
class Insertion:
    line: int
    snippet: str
    cell: str | None
    code: bool
    label: str
    pick: str | None
    spec: str
    backend: str | None = None  # None: the run the page describes


def value(number: str, spec: str) -> str:
    """*number* as printed, reformatted by the format spec *spec* if there is one."""
    if not spec:
        return number
    parsed = float(number.replace(",", "").replace("−", "-"))
    if parsed.is_integer() and "." not in spec and not spec.endswith(("e", "f", "%")):
        return format(int(parsed), spec)
    return format(parsed, spec)


def _found(label: str, text: str) -> list[str]:
    pattern = rf"(?<!\w){re.escape(label)}\s*[:=]?\s*({NUMBER})(?![\w])"
    return re.findall(pattern, text)


def lookup(item: Insertion, execution: Execution) -> str:
    """The number the insertion names, formatted; ProseError when it is not unique."""
    if item.code:
        text, where = execution.snippet.read(), "the code of"
    elif item.cell is not None:
        text, where = execution.cell(item.cell).stdout, f"cell {item.cell!r} of"
    else:
        text, where = execution.stdout, "the output of"
    found = _found(item.label, text)
    place = f"{where} {execution.snippet.display}"
    if not found:
        raise ProseError(f"no number after {item.label!r} in {place}")
    if item.pick == "first":
        found = found[:1]
    elif item.pick == "last":
        found = found[-1:]
    if len(set(found)) > 1:
        raise ProseError(
            f"{item.label!r} is followed by {len(found)} different numbers in {place} "
            f"({', '.join(found[:5])}): use a longer label, a #cell, first or last"
        )
    try:
        return value(found[0], item.spec)
    except ValueError as exc:
        raise ProseError(f"bad format {item.spec!r} for {found[0]}: {exc}") from exc


def prose_lines(
    markdown: str, *, inline_code: bool = False
) -> Iterator[tuple[int, str]]:
    """(line number, text) of the lines a reader reads as prose: not front matter,
    not fenced code, not embed lines. Inline code is blanked, not removed, so that
    positions in a line stay put, unless *inline_code* keeps it."""
    front = FRONT_MATTER.match(markdown)
    skip = front.group(0).count("\n") if front else 0
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        if number <= skip:
            continue
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened.group("mark").startswith(fence):
                fence = None
            continue
        if opened:
            fence = opened.group("mark")
            continue
        if line.lstrip(" >").startswith(":::snippet"):
            continue
        if inline_code:
            yield number, line
        else:
            yield number, re.sub(r"`[^`\n]*`", lambda m: " " * len(m.group(0)), line)


def _insertion(line: int, match: re.Match[str]) -> Insertion:
    return Insertion(
        line,
        match["snippet"],
        match["cell"],
        bool(match["code"]),
        match["label"],
        match["pick"],
        match["spec"] or "",
        match["backend"],
    )


def insertions(markdown: str) -> list[Insertion]:
    """Every insertion in the page's prose, with its line."""
    return [
        _insertion(number, match)
        for number, line in prose_lines(markdown)
        for match in INSERT.finditer(line)
    ]


# A page's runs by the path it wrote and a backend (None: the run the page describes);
# ProseError for a snippet the page does not embed, or a run there is not.
RunOf = Callable[[str, str | None], Execution]


def _filled(item: Insertion, page: str, runs: RunOf) -> str:
    try:
        return lookup(item, runs(item.snippet, item.backend))
    except (ProseError, KeyError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) else exc
        raise ProseError(f"{page}:{item.line}: {message}") from exc


def insert_values(markdown: str, page: str, runs: RunOf) -> str:
    """The page with every insertion in its prose replaced by its number.

    *runs* gives the run of a snippet the page embeds, by the path the page wrote and
    the backend the insertion names, and raises ProseError for any other.
    """
    lines = markdown.splitlines(keepends=True)
    display = _display_math_lines(lines)
    for number, text in prose_lines(markdown):
        if "{{" not in text:
            continue
        # Inline code was blanked in *text*: replace only where it is prose too.
        original = lines[number - 1]
        pieces, last = [], 0
        for match in INSERT.finditer(text):
            in_math = number in display or text.count("$", 0, match.start()) % 2 == 1
            filled = _filled(_insertion(number, match), page, runs)
            if in_math:
                filled = filled.replace(",", "{,}")
            pieces += [original[last : match.start()], filled]
            last = match.end()
        lines[number - 1] = "".join(pieces) + original[last:]
    return "".join(lines)


def on_each_backend(
    markdown: str, snippet: str, executions: Iterable[Execution]
) -> list[tuple[str, dict[str, str]]]:
    """The numbers the prose quotes from the page's run of *snippet* (the path as the
    page writes it), each as every run prints it: (label, backend -> number or "")."""
    rows: dict[tuple[str, str | None, bool, str | None, str], dict[str, str]] = {}
    for item in insertions(markdown):
        if item.snippet != snippet or item.backend is not None:
            continue
        found = rows.setdefault(
            (item.label, item.cell, item.code, item.pick, item.spec), {}
        )
        for execution in executions:
            try:
                found[execution.backend] = lookup(item, execution)
            except (ProseError, KeyError):
                found[execution.backend] = ""
    return [(key[0], values) for key, values in rows.items()]


def _display_math_lines(lines: list[str]) -> set[int]:
    """Line numbers inside ``$$`` blocks, where 12,000 is written ``12{,}000``."""
    inside, found = False, set()
    for number, line in enumerate(lines, start=1):
        if line.strip() == "$$":
            inside = not inside
        elif inside:
            found.add(number)
    return found


def constants(markdown: str) -> set[float]:
    """The numbers the page's front matter declares as constants of the text."""
    front = FRONT_MATTER.match(markdown)
    if not front:
        return set()
    declared: set[float] = set()
    block = re.search(r"^constants:\n((?:[ \t]+.*\n)+)", front.group(0), re.M)
    for key in re.findall(
        r"^[ \t]+\"?([^\":]+?)\"?:", block.group(1) if block else "", re.M
    ):
        declared.update(_numbers(key))
    return declared


def _code_numbers(source: str) -> set[float]:
    """The numbers a snippet's code uses, as literals: not those in its comments or
    strings, which can go stale as prose can (a title typed as "L2(0.003)")."""
    found: set[float] = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.NUMBER and token.string[-1] not in "jJ":
                value = (
                    float(token.string.replace("_", ""))
                    if _is_float(token.string)
                    else float(int(token.string, 0))
                )
                found.update((value, -value))
    except (tokenize.TokenError, SyntaxError, ValueError):
        found.update(_numbers(source))  # execution reports the error
    return found


def _is_float(literal: str) -> bool:
    return not literal.lower().startswith(("0x", "0o", "0b")) and any(
        c in literal.lower() for c in ".e"
    )


def _numbers(text: str) -> list[float]:
    text = text.replace("{,}", ",").replace("−", "-")
    return [float(n.replace(",", "")) for n in NUMBER_RE.findall(text)]


@dataclass(frozen=True)
class Unaccounted:
    line: int
    number: str
    text: str

    def __str__(self) -> str:
        if not self.line:  # a figure's title
            return f"{self.number!r} in {self.text}"
        return f"{self.line}: {self.number!r} in {self.text.strip()!r}"


def unaccounted_numbers(
    markdown: str, snippets: Iterable[Snippet], executions: Iterable[Execution]
) -> list[Unaccounted]:
    """Numbers in the prose that are neither inserted, nor in the code or output of
    the embedded snippets, nor declared constants of the page.

    Inline code counts as prose here: ``Dropout(0.2)`` in a sentence is a claim
    about the snippet's code, and goes wrong when the code changes. So do the titles
    of the figures the snippets drew, which readers see as the figures' alt text."""
    known = constants(markdown)
    for snippet in snippets:
        known.update(_code_numbers(snippet.read()))
    for execution in executions:
        for cell in execution.cells:
            for output in cell.outputs:
                known.update(_numbers(output.text))
    missing = []
    for execution in executions:
        for index, figure in enumerate(execution.figures, start=1):
            for found in NUMBER_RE.findall(figure.alt):
                if float(found.replace(",", "").replace("−", "-")) not in known:
                    title = (
                        f"figure {index} of {execution.snippet.display}: {figure.alt}"
                    )
                    missing.append(Unaccounted(0, found, title))
    for number, line in prose_lines(INSERT.sub(" ", markdown), inline_code=True):
        # Not prose: link targets, HTML tags, attribute lists such as "{ download }".
        plain = re.sub(r"\]\([^)]*\)|<[^>]+>|\{ [^}]*\}", " ", line)
        for found in NUMBER_RE.findall(plain.replace("{,}", ",")):
            if float(found.replace(",", "").replace("−", "-")) not in known:
                missing.append(Unaccounted(number, found, line))
    return missing


def page_numbers(
    page: Path, settings: Settings, results: dict[str, Runs]
) -> list[Unaccounted]:
    """The unaccounted numbers of one page file, against the runs in *results*."""
    markdown = page.read_text(encoding="utf-8")
    embedded: dict[str, Snippet] = {}

    def collect(item: Embed) -> str:
        snippet = resolve(settings.snippets, item.path)
        embedded[snippet.rel] = snippet
        return ""

    expand(markdown, page.as_posix(), collect)
    runs = [
        execution
        for rel in embedded
        if rel in results
        for execution in results[rel].executions
        if execution.error is None
    ]
    missing_runs = sorted(
        rel
        for rel in embedded
        if results.get(rel, None) is None or results[rel].page is None
    )
    if missing_runs:
        raise ProseError(f"{page}: no cached run of {', '.join(missing_runs)}")
    return unaccounted_numbers(markdown, embedded.values(), runs)
