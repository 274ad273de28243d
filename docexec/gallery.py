"""The examples gallery: a card for each page that shows a snippet, with a figure,
a title and the run time.

A card links to the page; its picture is the last figure of the cells that page shows.
The first page (in path order) that embeds a snippet explains it: its card is titled
by the first line of the snippet's docstring. A later page that embeds cells of the
same run (the error analysis of the classifier's run, say) gets a card titled by its
own page. In a translation, the first page's card is titled by that page and section.
"""

from __future__ import annotations

import ast
import contextlib
import re
from dataclasses import dataclass
from pathlib import Path

from .directive import DirectiveError, Embed, expand
from .layout import Layout
from .messages import text
from .render import SelectionError, select
from .results import Execution
from .runs import Runs
from .sources import SnippetPathError, resolve

URI = "gallery.md"


@dataclass(frozen=True)
class Showing:
    """The embeds with which one page shows one snippet."""

    rel: str  # the snippet, by its path under snippets/
    page: str  # the English page, as x/page.md
    embeds: tuple[Embed, ...]

    @property
    def key(self) -> tuple[str, str]:
        return self.rel, self.page


def showings(docs_dir: Path, snippets: Path) -> list[Showing]:
    """Each (snippet, page) pair once, pages in path order.

    An embed is matched by the snippet it resolves to, so ``./topic/x.py`` and
    ``topic/x.py`` are the same snippet.
    """
    found: dict[tuple[str, str], list[Embed]] = {}

    def collect(embed: Embed) -> str:
        try:
            rel = resolve(snippets, embed.path).rel
        except SnippetPathError:
            return ""  # reported, with its line, when the page itself is built
        found.setdefault((rel, embed.page), []).append(embed)
        return ""

    for page in sorted(docs_dir.rglob("*.md")):
        if "." in page.stem:
            continue  # a translation (page.ko.md): links name the page as page.md
        uri = page.relative_to(docs_dir).as_posix()
        try:
            expand(page.read_text(encoding="utf-8"), uri, collect)
        except DirectiveError:
            continue  # reported, with its line, when the page itself is built
    return [Showing(rel, page, tuple(embeds)) for (rel, page), embeds in found.items()]


def explaining_pages(shown: list[Showing]) -> dict[str, str]:
    """For each snippet, the first page that embeds it: the one that explains it."""
    first: dict[str, str] = {}
    for showing in shown:
        first.setdefault(showing.rel, showing.page)
    return first


def picture(showing: Showing, execution: Execution, layout: Layout) -> tuple[str, str]:
    """The URI and alt text of the last figure the page shows, or ``("", "")``."""
    last = ("", "")
    for embed in showing.embeds:
        if "figures" in embed.hide:
            continue
        try:
            cells = select(execution.cells, embed.cells)
        except SelectionError:
            continue  # reported, with its line, when the page itself is built
        for cell in cells:
            for index, figure in enumerate(cell.figures, start=1):
                last = (layout.figure(showing.rel, cell.number, index), figure.alt)
    return last


def title(execution: Execution) -> str:
    """The first line of the snippet's docstring: what the example shows, in English."""
    try:
        doc = ast.get_docstring(ast.parse(execution.snippet.read())) or ""
    except SyntaxError:
        doc = ""
    return (
        doc.strip().splitlines()[0].rstrip(".")
        if doc.strip()
        else execution.snippet.rel
    )


def translated(docs_dir: Path, page: str, lang: str) -> Path:
    """The file of *page* (``x/page.md``) in *lang*: ``x/page.ko.md`` for Korean."""
    path = docs_dir / page
    return path if lang == "en" else path.with_suffix(f".{lang}.md")


def page_title(path: Path) -> str:
    """A page's ``# `` title."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem


def section_title(path: Path, snippets: Path, rel: str) -> str:
    """ "Page: section" for the section of the page at *path* that first embeds *rel*:
    in a translation, the words a reader of that language gets for the example."""
    markdown = path.read_text(encoding="utf-8")
    lines: list[int] = []

    def collect(embed: Embed) -> str:
        with contextlib.suppress(SnippetPathError):
            if resolve(snippets, embed.path).rel == rel:
                lines.append(embed.line)
        return ""

    with contextlib.suppress(DirectiveError):
        expand(markdown, path.name, collect)
    heading = section = page_title(path)
    for number, line in enumerate(markdown.splitlines(), start=1):
        if not lines or number >= lines[0]:
            break
        if line.startswith("## "):
            section = re.sub(r"^\d+\.\s*", "", line[3:].strip())
    return heading if section == heading else f"{heading}: {section}"


def gallery_page(
    results: dict[str, Runs],
    shown: list[Showing],
    layout: Layout,
    lang: str = "en",
    titles: dict[tuple[str, str], str] | None = None,
) -> str:
    """The gallery in *lang*; *titles* gives a card's title by (snippet, page), where
    the docstring's English will not do."""
    lines = [
        "---",
        f"description: {text(lang, 'gallery_description')}",
        "---",
        "",
        f"# {text(lang, 'gallery_title')}",
        "",
        text(lang, "gallery_intro"),
        "",
        '<div class="grid cards docexec-gallery" markdown>',
        "",
    ]
    for showing in sorted(shown, key=lambda s: s.rel):  # stable: pages stay in order
        runs = results.get(showing.rel)
        result = runs.page if runs else None
        if result is None or result.error is not None:
            continue
        page = layout.link(URI, showing.page)
        heading = (titles or {}).get(showing.key) or title(result)
        card = [f"-   **[{heading}]({page})**", ""]
        uri, alt = picture(showing, result, layout)
        if uri:
            alt = alt.replace("[", "(").replace("]", ")")
            src = layout.link(URI, uri)
            card += [f"    [![{alt}]({src}){{ loading=lazy }}]({page})", ""]
        ran = text(lang, "ran_in", seconds=result.seconds)
        notebook = layout.link(URI, layout.notebook_page(showing.rel))
        card += [
            f"    `{result.snippet.display}` · {ran} · "
            f"[{text(lang, 'notebook')}]({notebook})",
            "",
        ]
        lines += card
    lines += ["</div>", ""]
    return "\n".join(lines)
