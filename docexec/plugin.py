"""The MkDocs plugin: execute (or reuse) every snippet, then expand embeds in pages.

``mkdocs build`` stops with the snippet's path, line and traceback when one fails;
``mkdocs serve`` shows the failure on the page instead and keeps serving.
"""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path, PurePosixPath

import nbformat
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import gallery, render, timings
from .config import Settings
from .directive import DirectiveError, Embed, expand
from .execute import Runner
from .results import Execution
from .sources import SnippetPathError, discover, resolve
from .timings import timings_page

log = logging.getLogger("mkdocs.plugins.docexec")


class DocExecConfig(base.Config):
    # Branch of repo_url that holds the built site (``mkdocs gh-deploy``): "Open in
    # Colab" links point at the executed notebooks there. Empty: no Colab links.
    colab_branch = c.Type(str, default="")


class DocExecPlugin(BasePlugin[DocExecConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.results: dict[str, Execution] = {}
        self.discovered: set[str] = set()
        self.embedded: set[str] = set()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = Settings.load(Path(config.config_file_path).parent)
        self.colab = render.colab_base(config.repo_url, self.config.colab_branch)
        return config

    def on_serve(self, server, config: MkDocsConfig, builder):
        server.watch(str(self.settings.snippets))
        return server

    @event_priority(-110)  # after mkdocs-static-i18n, which keeps only docs/ files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        snippets = discover(self.settings.snippets)
        self.discovered = {s.rel for s in snippets}
        self.embedded = set()
        runner = Runner(self.settings)
        self.results = runner.run(snippets, execute_missing=self.settings.execute)
        failed = [r.error for r in self.results.values() if r.error]
        if failed and not self.serving:
            details = "\n\n".join(str(error) for error in failed)
            raise PluginError(f"docexec: {len(failed)} snippet(s) failed\n\n{details}")
        notebooks: list[File] = []
        made: list[File] = []
        for result in self.results.values():
            if result.error is None:
                for file in self._files_for(result, config):
                    page = file.src_uri.startswith("notebooks/")
                    (notebooks if page else made).append(file)
        # mkdocs-jupyter renders them as pages; it ran before these files existed.
        jupyter = config.plugins.get("mkdocs-jupyter")
        wrapped = jupyter.on_files(Files(notebooks), config) if jupyter else notebooks
        for page, original in zip(wrapped, notebooks, strict=True):
            page.edit_uri = original.edit_uri  # the wrapper would edit the notebook
        made += wrapped
        lang = language(config)
        timings_md = timings_page(self.results, lang)
        made.append(File.generated(config, timings.URI, content=timings_md))
        pages = gallery.embedding_pages(Path(config.docs_dir))
        gallery_md = gallery.gallery_page(self.results, pages, lang)
        made.append(File.generated(config, gallery.URI, content=gallery_md))
        folder = language_folder(config)
        for file in made:
            if folder:
                move_into(file, folder, config)
            files.append(file)
        return files

    def _files_for(self, result: Execution, config: MkDocsConfig) -> list[File]:
        rel = result.snippet.rel
        made = [
            File.generated(
                config, render.source_uri(rel), abs_src_path=str(result.snippet.path)
            ),
            File.generated(
                config,
                render.notebook_download_uri(rel),
                content=nbformat.writes(result.notebook),
            ),
        ]
        if result.notebook_path is not None:
            # A plain File, not File.generated: mkdocs-jupyter reads src_dir/src_uri.
            uri = render.notebook_page_uri(rel)
            entry = result.notebook_path.parents[len(PurePosixPath(uri).parts) - 1]
            page = File(uri, str(entry), config.site_dir, config.use_directory_urls)
            page.edit_uri = f"../{render.source_uri(rel)}"  # edit the snippet itself
            made.append(page)
        for cell in result.cells:
            for index, figure in enumerate(cell.figures, start=1):
                made.append(
                    File.generated(
                        config,
                        render.figure_uri(rel, cell.number, index),
                        content=figure.png,
                    )
                )
        return made

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        shown: set[str] = set()
        src = page.file.src_uri

        def embed(item: Embed) -> str:
            try:
                snippet = resolve(self.settings.snippets, item.path)
                if snippet.rel not in self.discovered:
                    raise SnippetPathError(
                        f"not a runnable snippet (snippets/<topic>/<name>.py, no "
                        f"leading _): {item.path}"
                    )
                self.embedded.add(snippet.rel)
                result = self.results.get(snippet.rel)
                if result is None:
                    return render.render_unexecuted(
                        snippet.read(), snippet.display, language(config)
                    )
                if result.error is not None:
                    return render.render_snippet_error(result.error)
                first = snippet.rel not in shown
                shown.add(snippet.rel)
                return render.render_embed(
                    result, item, first, self.colab, language(config)
                )
            except (SnippetPathError, render.SelectionError) as exc:
                return self._fail(f"{src}:{item.line}: {exc}")

        try:
            return expand(markdown, src, embed)
        except DirectiveError as exc:
            return self._fail(str(exc)) + markdown

    def _fail(self, message: str) -> str:
        if not self.serving:
            raise PluginError(f"docexec: {message}")
        log.error("docexec: %s", message)
        return render.render_error(message, "")

    def on_env(self, env, config: MkDocsConfig, files: Files):
        for rel in sorted(self.discovered - self.embedded):
            log.warning("docexec: snippets/%s is not embedded in any page", rel)
        return env


def language_folder(config: MkDocsConfig) -> str:
    """Where this language's pages go: "" for the default language, else "ko" etc."""
    i18n = config.plugins.get("i18n")
    current = language(config)
    return "" if current == getattr(i18n, "default_language", current) else current


def move_into(file: File, folder: str, config: MkDocsConfig) -> None:
    """Place a generated file under /<folder>/, as mkdocs-static-i18n does its own."""
    file.dest_path = posixpath.join(folder, file.dest_path)
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_path))
    file.url = file._get_url(config.use_directory_urls)


def language(config: MkDocsConfig) -> str:
    """The language being built: mkdocs-static-i18n builds each one in turn."""
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme.get("language", "en")
