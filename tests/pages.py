"""The pages' Markdown as a reader reads it, for tests that check what a page states.

Numbers the prose inserts from runs (``{{ topic/name.py "label" }}``) are filled in
from the same cached runs the build shows, so a test sees the page's sentence.
"""

from __future__ import annotations

import functools
from pathlib import Path

from docexec.config import Settings
from docexec.prose import ProseError, insert_values
from docexec.results import Execution
from docexec.runner import Runner
from docexec.sources import resolve

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@functools.cache
def _run(path: str, backend: str | None = None) -> Execution:
    """The run a page quotes: the page's own, or the one on *backend*."""
    settings = Settings.load(ROOT)
    snippet = resolve(settings.snippets, path)
    runs = Runner(settings).run([snippet], settings.execute)[snippet.rel]
    result = runs.page if backend is None else runs.on(backend)
    if result is None:
        raise ProseError(f"{path} has no run on {backend}")
    if result.error is not None:
        raise ProseError(str(result.error))
    return result


def page_source(page: str, language: str = "en") -> str:
    """``docs/<page>.md`` (or its twin ``<page>.ko.md``), numbers inserted, unwrapped.

    Every run of whitespace becomes one space, so that a sentence or formula the
    Markdown wraps over two lines can be found with ``in``.
    """
    suffix = ".md" if language == "en" else f".{language}.md"
    path = DOCS / f"{page}{suffix}"
    assert path.is_file(), f"no page {path}"
    text = insert_values(path.read_text(encoding="utf-8"), f"{page}{suffix}", _run)
    return " ".join(text.split())


def twins(page: str) -> dict[str, str]:
    """The English page and its Korean twin, unwrapped: ``{"en": ..., "ko": ...}``."""
    return {language: page_source(page, language) for language in ("en", "ko")}
