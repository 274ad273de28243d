"""The examples gallery: one card per snippet with its main figure, title and run time.

A card links to the page that explains the example; its title is the first line of the
snippet's docstring, its picture the last figure the snippet showed.
"""

from __future__ import annotations

import ast
from pathlib import Path

from . import render
from .directive import DirectiveError, Embed, expand
from .messages import text
from .results import Execution

URI = "gallery.md"


def embedding_pages(docs_dir: Path) -> dict[str, str]:
    """For each snippet a page names, the first page (by path) that embeds it."""
    found: dict[str, str] = {}

    def collect(embed: Embed) -> str:
        found.setdefault(embed.path, embed.page)
        return ""

    for page in sorted(docs_dir.rglob("*.md")):
        if "." in page.stem:
            continue  # a translation (page.ko.md): links name the page as page.md
        uri = page.relative_to(docs_dir).as_posix()
        try:
            expand(page.read_text(encoding="utf-8"), uri, collect)
        except DirectiveError:
            continue  # reported, with its line, when the page itself is built
    return found


def title(execution: Execution) -> str:
    try:
        doc = ast.get_docstring(ast.parse(execution.snippet.read())) or ""
    except SyntaxError:
        doc = ""
    return (
        doc.strip().splitlines()[0].rstrip(".")
        if doc.strip()
        else execution.snippet.rel
    )


def gallery_page(
    results: dict[str, Execution], pages: dict[str, str], lang: str = "en"
) -> str:
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
    for rel, result in sorted(results.items()):
        if result.error is not None or rel not in pages:
            continue
        page = pages[rel]
        card = [f"-   **[{title(result)}]({page})**", ""]
        figures = [
            render.figure_uri(rel, cell.number, index)
            for cell in result.cells
            for index, _ in enumerate(cell.figures, start=1)
        ]
        if figures:
            alt = result.figures[-1].alt.replace("[", "(").replace("]", ")")
            card += [f"    [![{alt}]({figures[-1]}){{ loading=lazy }}]({page})", ""]
        card += [
            f"    `{result.snippet.display}` · ran in {result.seconds:.1f} s · "
            f"[notebook]({render.notebook_page_uri(rel)})",
            "",
        ]
        lines += card
    lines += ["</div>", ""]
    return "\n".join(lines)
