"""The examples gallery: one card per snippet with its main figure, title and run time.

A card links to the page that explains the example; its title is the first line of the
snippet's docstring, its picture the last figure the snippet showed.
"""

from __future__ import annotations

import ast
import contextlib
import re
from pathlib import Path

from .directive import DirectiveError, Embed, expand
from .layout import Layout
from .messages import text
from .results import Execution
from .sources import SnippetPathError, resolve

URI = "gallery.md"


def embedding_pages(docs_dir: Path, snippets: Path) -> dict[str, str]:
    """For each snippet (by its path under snippets/), the first page that embeds it.

    Pages are taken in path order; an embed is matched by the snippet it resolves to,
    so ``./topic/x.py`` and ``topic/x.py`` are the same snippet.
    """
    found: dict[str, str] = {}

    def collect(embed: Embed) -> str:
        try:
            found.setdefault(resolve(snippets, embed.path).rel, embed.page)
        except SnippetPathError:
            pass  # reported, with its line, when the page itself is built
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
    results: dict[str, Execution],
    pages: dict[str, str],
    layout: Layout,
    lang: str = "en",
    titles: dict[str, str] | None = None,
) -> str:
    """The gallery in *lang*; *titles* gives a card's title by snippet, where the
    docstring's English will not do."""
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
        page = layout.link(URI, pages[rel])
        heading = (titles or {}).get(rel) or title(result)
        card = [f"-   **[{heading}]({page})**", ""]
        figures = list(layout.figures(result))
        if figures:
            uri, figure = figures[-1]
            alt = figure.alt.replace("[", "(").replace("]", ")")
            src = layout.link(URI, uri)
            card += [f"    [![{alt}]({src}){{ loading=lazy }}]({page})", ""]
        ran = text(lang, "ran_in", seconds=result.seconds)
        notebook = layout.link(URI, layout.notebook_page(rel))
        card += [
            f"    `{result.snippet.display}` · {ran} · "
            f"[{text(lang, 'notebook')}]({notebook})",
            "",
        ]
        lines += card
    lines += ["</div>", ""]
    return "\n".join(lines)
