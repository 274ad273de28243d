"""One stylesheet for all notebook pages, instead of a copy in each page.

mkdocs-jupyter writes JupyterLab's stylesheets, about 590 KB, into the HTML of every
notebook page it renders: with a page for each run on each backend in two languages,
those copies were most of the site's bytes. Every page downloaded them again, and
every build searched and wrote them again. Here the `<style>` blocks around a
notebook (before its `jupyter-wrapper` div and after it) move to one file named by
its content, linked where the first block stood so the cascade keeps its order.
Styles inside the notebook, which an output may carry, stay where they are.

mkdocs-jupyter (0.26) also appends, after the notebook, the Python repr of its list
of highlighting styles, which is not CSS (the same styles come first, as CSS): that
block goes and is not copied.
"""

from __future__ import annotations

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
        self.files: dict[str, str] = {}  # site path -> stylesheet

    def link(self, html: str, page_url: str) -> str:
        """The notebook page's HTML, linking the shared stylesheet for the styles
        around the notebook; HTML without a notebook comes back as it was."""
        start, end = html.find(NOTEBOOK_START), html.rfind(NOTEBOOK_END)
        if start < 0 or end < start:
            return html
        end += len(NOTEBOOK_END)
        head, notebook, tail = html[:start], html[start:end], html[end:]
        blocks = [
            block
            for block in STYLE.findall(head) + STYLE.findall(tail)
            if not block.strip().startswith("['")  # a repr, not CSS
        ]
        if not blocks:
            return html
        css = "\n".join(block.strip().removeprefix(CHARSET) for block in blocks)
        digest = hashlib.sha256(css.encode()).hexdigest()[:8]
        path = f"assets/stylesheets/notebook.{digest}.css"
        self.files[path] = f"{CHARSET}\n{css}\n"
        link = f'<link rel="stylesheet" href="{get_relative_url(path, page_url)}">'
        tail = STYLE.sub("", tail)
        first = STYLE.search(head)
        if first is None:
            return head + notebook + link + tail
        rest = STYLE.sub("", head[first.end() :])
        return head[: first.start()] + link + rest + notebook + tail

    def write(self, site_dir: str) -> None:
        for path, css in self.files.items():
            write_file(css.encode(), str(Path(site_dir) / path))
