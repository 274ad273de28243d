"""Where every output of a snippet's run lives, on the site and in the cache.

The one owner of the output layout: the plugin, the pages, the gallery, the cache and
the command line ask it for a path and never spell one out themselves. All paths are
POSIX URIs relative to the site's docs root unless a name says otherwise.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .config import Settings
from .results import Execution, Figure

NOTEBOOK_PAGES = "notebooks"  # executed notebooks, rendered as pages of their own


@dataclass(frozen=True)
class Layout:
    downloads: str  # site folder of the downloads: the snippets folder, "snippets"
    cache: Path  # the execution cache on disk

    @classmethod
    def of(cls, settings: Settings) -> Layout:
        downloads = settings.snippets.relative_to(settings.root).as_posix()
        return cls(downloads=downloads, cache=settings.cache)

    @staticmethod
    def _stem(rel: str) -> str:
        return posixpath.splitext(rel)[0]

    # *variant* tells a backend's outputs apart: "" for the run the page describes,
    # ".jax" for another backend's (``Claim.variant``).
    def source(self, rel: str, variant: str = "") -> str:
        """The snippet's ``.py`` as a download, set up for the variant's backend."""
        return f"{self.downloads}/{self._stem(rel)}{variant}.py"

    def notebook_download(self, rel: str, variant: str = "") -> str:
        """The executed ``.ipynb`` as a download."""
        return f"{self.downloads}/{self._stem(rel)}{variant}.ipynb"

    def notebook_page(self, rel: str, variant: str = "") -> str:
        """The executed notebook as a page of the site (mkdocs-jupyter renders it)."""
        return f"{NOTEBOOK_PAGES}/{self._stem(rel)}{variant}.ipynb"

    def cached_notebook(self, rel: str) -> str:
        """The notebook's path inside a cache entry (of any backend): laid out as the
        page run's notebook page, which MkDocs reads in place."""
        return self.notebook_page(rel)

    def figure(self, rel: str, cell: int, index: int) -> str:
        """The *index*-th figure (from 1) that code cell *cell* (from 1) showed."""
        return f"{self.downloads}/{self._stem(rel)}/fig-{cell}-{index}.png"

    def figures(self, execution: Execution) -> Iterator[tuple[str, Figure]]:
        """Every figure of a page's run with its URI, in the order the run showed them
        (the runs on other backends show theirs in their notebooks)."""
        rel = execution.snippet.rel
        for cell in execution.cells:
            for index, figure in enumerate(cell.figures, start=1):
                yield self.figure(rel, cell.number, index), figure

    @staticmethod
    def link(page: str, target: str) -> str:
        """A relative link from the page at *page* to the file at *target*."""
        return posixpath.relpath(target, posixpath.dirname(page) or ".")
