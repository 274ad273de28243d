"""Glue for the two MkDocs plugins docexec works with, kept in one place.

- mkdocs-static-i18n builds the site once per language, each under its own folder
  (``/ko/`` for Korean), and keeps only the files under ``docs/`` that it placed there
  itself: files docexec generates are placed the same way here.
- mkdocs-jupyter renders ``.ipynb`` files as pages, but its ``on_files`` ran before
  docexec added the executed notebooks, so it is asked again for those.
"""

from __future__ import annotations

import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files


def language(config: MkDocsConfig) -> str:
    """The language being built: mkdocs-static-i18n builds each one in turn."""
    i18n = config.plugins.get("i18n")
    current = getattr(i18n, "current_language", None)
    return str(current or config.theme.get("language", "en"))


def language_folder(config: MkDocsConfig) -> str:
    """Where this language's pages go: "" for the default language, else "ko" etc."""
    i18n = config.plugins.get("i18n")
    current = language(config)
    return "" if current == getattr(i18n, "default_language", current) else current


def place_in_language(files: list[File], config: MkDocsConfig) -> list[File]:
    """Put generated files under this language's folder, as mkdocs-static-i18n does
    with the pages it builds."""
    folder = language_folder(config)
    if folder:
        for file in files:
            file.dest_uri = posixpath.join(folder, file.dest_uri)
            # url and abs_dest_path are derived from dest_uri on first use; a file
            # that was already asked for them (mkdocs-jupyter's) derives them again.
            for derived in ("url", "abs_dest_path"):
                file.__dict__.pop(derived, None)
    return files


def as_notebook_pages(notebooks: list[File], config: MkDocsConfig) -> list[File]:
    """The executed notebooks as pages that mkdocs-jupyter renders."""
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None:
        return notebooks
    wrapped = list(jupyter.on_files(Files(notebooks), config=config))
    for page, original in zip(wrapped, notebooks, strict=True):
        page.edit_uri = original.edit_uri  # the wrapper would edit the notebook itself
    return wrapped
