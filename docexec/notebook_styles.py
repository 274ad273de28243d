"""One stylesheet for all notebook pages, instead of a copy in each page.

mkdocs-jupyter writes JupyterLab's stylesheets, about 590 KB, into the HTML of every
notebook page it renders: with a page for each run on each backend in two languages,
those copies were most of the site's bytes. Every page downloaded them again, and
every build searched and wrote them again. Here the `<style>` blocks before a
notebook (its `jupyter-wrapper` div) move to one file named by its content, linked
where the first block stood, so the cascade keeps its order. Styles inside the
notebook, which an output may carry, stay where they are.

mkdocs-jupyter (0.26) also appends, after the notebook, the Python repr of its list
of highlighting styles: not CSS (the same styles come first, as CSS), so it goes.
"""

from __future__ import annotations

import ast
import hashlib
import re
from pathlib import Path

from mkdocs.utils import get_relative_url, write_file

STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S)
CHARSET = '@charset "UTF-8";'
NOTEBOOK_START = '<div class="jupyter-wrapper">'
NOTEBOOK_END = "<!-- jupyter-wrapper -->"


class NotebookStyles:
    def __init__(self) -> None:
        self.stylesheets: dict[str, str] = {}  # site path -> its CSS

    def link(self, html: str, page_url: str) -> str:
        """The notebook page's HTML, linking the shared stylesheet for the styles
        before the notebook; HTML without a notebook comes back as it was."""
        start, end = html.find(NOTEBOOK_START), html.rfind(NOTEBOOK_END)
        if start < 0 or end < start:
            return html
        end += len(NOTEBOOK_END)
        head, notebook, tail = html[:start], html[start:end], html[end:]
        tail = STYLE.sub(lambda m: "" if _is_a_repr(m[1]) else m[0], tail)
        first = STYLE.search(head)
        if first is None:
            return head + notebook + tail
        css = "\n".join(b.strip().removeprefix(CHARSET) for b in STYLE.findall(head))
        digest = hashlib.sha256(css.encode()).hexdigest()[:8]
        path = f"assets/stylesheets/notebook.{digest}.css"
        self.stylesheets[path] = f"{CHARSET}\n{css}\n"
        link = f'<link rel="stylesheet" href="{get_relative_url(path, page_url)}">'
        rest = STYLE.sub("", head[first.end() :])
        return head[: first.start()] + link + rest + notebook + tail

    def write(self, site_dir: str) -> None:
        for path, css in self.stylesheets.items():
            write_file(css.encode(), str(Path(site_dir) / path))


def _is_a_repr(block: str) -> bool:
    """Whether a style block holds a Python list's repr rather than CSS."""
    try:
        return isinstance(ast.literal_eval(block.strip()), list)
    except (ValueError, SyntaxError):
        return False
