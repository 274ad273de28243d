"""The pages' Markdown, for tests that check a number a page quotes against the run."""

from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"


def page_source(page: str, language: str = "en") -> str:
    """``docs/<page>.md`` (or its Korean twin ``<page>.ko.md``), lines unwrapped.

    Every run of whitespace becomes one space, so that a sentence or formula the
    Markdown wraps over two lines can be found with ``in``.
    """
    suffix = ".md" if language == "en" else f".{language}.md"
    path = DOCS / f"{page}{suffix}"
    assert path.is_file(), f"no page {path}"
    return " ".join(path.read_text(encoding="utf-8").split())


def twins(page: str) -> dict[str, str]:
    """The English page and its Korean twin, unwrapped: ``{"en": ..., "ko": ...}``."""
    return {language: page_source(page, language) for language in ("en", "ko")}
