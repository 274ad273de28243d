"""The MkDocs plugin: execute (or reuse) every snippet, then expand embeds in pages.

``mkdocs build`` stops with the snippet's path, line and traceback when one fails;
``mkdocs serve`` shows the failure on the page instead and keeps serving.
"""

from __future__ import annotations

import contextlib
import os
from html import escape
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import downloads, gallery, integrations, timings
from .config import Settings
from .directive import DirectiveError, Embed, expand
from .execute import Runner
from .layout import Layout
from .messages import text
from .prose import ProseError, insert_values
from .render import (
    Renderer,
    SelectionError,
    colab_base,
    render_error,
    render_snippet_error,
)
from .results import Execution
from .sources import SnippetPathError, discover, resolve

log = get_plugin_logger("docexec")


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
        self.explained_on: dict[str, str] = {}  # snippet -> the page that embeds it
        self._notebook_pages: dict[str, str] = {}  # notebook page -> its snippet

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = Settings.load(Path(config.config_file_path).parent)
        self.layout = Layout.of(self.settings)
        self.colab = colab_base(config.repo_url, self.config.colab_branch)
        return config

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        server.watch(str(self.settings.snippets))
        return server

    # After mkdocs-static-i18n (-100), which keeps only the files it placed, so that
    # the files made here survive; once per language, which reuses the cached runs.
    @event_priority(-110)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._run_snippets()
        self._fail_on_snippet_errors()
        made = self._run_outputs(config)
        made += self._generated_pages(config)
        for file in integrations.place_in_language(made, config):
            files.append(file)
        return files

    def _run_snippets(self) -> None:
        """Every snippet's run: from the cache, executing what it lacks."""
        snippets = discover(self.settings.snippets)
        self.discovered = {s.rel for s in snippets}
        self._notebook_pages = {
            self.layout.notebook_page(s.rel): s.rel for s in snippets
        }
        self.embedded = set()
        runner = Runner(self.settings)
        self.results = runner.run(snippets, execute_missing=self.settings.execute)

    def _fail_on_snippet_errors(self) -> None:
        """A build shows no page with a broken example; ``serve`` shows the error."""
        failed = [r.error for r in self.results.values() if r.error]
        if failed and not self.serving:
            details = "\n\n".join(str(error) for error in failed)
            raise PluginError(f"docexec: {len(failed)} snippet(s) failed\n\n{details}")

    def _run_outputs(self, config: MkDocsConfig) -> list[File]:
        """Downloads, figures and notebook pages of every successful run."""
        made: list[File] = []
        notebooks: list[File] = []
        for result in self.results.values():
            if result.error is None:
                made += self._downloads_and_figures(result, config)
                if result.entry is not None:
                    notebooks.append(self._notebook_page(result, config))
        return made + integrations.as_notebook_pages(notebooks, config)

    def _downloads_and_figures(
        self, result: Execution, config: MkDocsConfig
    ) -> list[File]:
        rel, layout = result.snippet.rel, self.layout
        made = [
            File.generated(
                config, layout.source(rel), content=downloads.script(result)
            ),
            File.generated(
                config,
                layout.notebook_download(rel),
                content=downloads.notebook(result),
            ),
        ]
        for uri, figure in layout.figures(result):
            made.append(File.generated(config, uri, content=figure.png))
        return made

    def _notebook_page(self, result: Execution, config: MkDocsConfig) -> File:
        # Read in place from the cache entry, which is laid out as the site: a plain
        # File rather than File.generated, since mkdocs-jupyter reads src_dir/src_uri.
        rel = result.snippet.rel
        page = File(
            self.layout.notebook_page(rel),
            str(result.entry),
            config.site_dir,
            config.use_directory_urls,
        )
        # Its edit link opens the snippet, the file an author changes.
        page.edit_uri = Path(
            os.path.relpath(result.snippet.path, config.docs_dir)
        ).as_posix()
        return page

    def _generated_pages(self, config: MkDocsConfig) -> list[File]:
        """The gallery and the execution-time table, in this language."""
        lang = integrations.language(config)
        docs, snippets = Path(config.docs_dir), self.settings.snippets
        shown = gallery.showings(docs, snippets)
        self.explained_on = gallery.explaining_pages(shown)
        titles: dict[tuple[str, str], str] = {}
        for showing in shown:
            path = gallery.translated(docs, showing.page, lang)
            if self.explained_on[showing.rel] != showing.page:
                titles[showing.key] = gallery.page_title(path)  # a later page's card
            elif lang != "en":
                titles[showing.key] = gallery.section_title(path, snippets, showing.rel)
        gallery_md = gallery.gallery_page(
            self.results, shown, self.layout, lang, titles
        )
        timings_md = timings.timings_page(self.results, self.layout, lang)
        return [
            File.generated(config, gallery.URI, content=gallery_md),
            File.generated(config, timings.URI, content=timings_md),
        ]

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        renderer = Renderer(self.layout, integrations.language(config), self.colab)
        shown: set[str] = set()
        src = page.file.src_uri
        try:
            markdown = self._insert_values(markdown, src)
        except (ProseError, DirectiveError) as exc:
            return self._fail(str(exc)) + markdown

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
                    return renderer.unexecuted(snippet.read(), snippet.display)
                if result.error is not None:
                    return render_snippet_error(result.error)
                first = snippet.rel not in shown
                shown.add(snippet.rel)
                return renderer.embed(result, item, first)
            except (SnippetPathError, SelectionError) as exc:
                return self._fail(f"{src}:{item.line}: {exc}")

        try:
            expanded = expand(markdown, src, embed)
        except DirectiveError as exc:
            return self._fail(str(exc)) + markdown
        runs = [self.results[rel] for rel in sorted(shown)]
        return expanded + renderer.provenance(runs) if runs else expanded

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # An executed notebook's page is rendered by mkdocs-jupyter from the run
        # alone; it opens with a pointer to the page that explains it, in this language.
        rel = self._notebook_pages.get(page.file.src_uri)
        explained = self.explained_on.get(rel or "")
        target = files.get_file_from_path(explained) if explained else None
        if rel is None or target is None or target.abs_src_path is None:
            return html
        lang = integrations.language(config)  # the target is this language's page
        title = gallery.page_title(Path(target.abs_src_path))
        note = text(
            lang,
            "notebook_note",
            snippet=self.layout.source(rel),
            page=escape(title),
            url=escape(target.url_relative_to(page.file)),
        )
        return f'<div class="admonition info"><p>{note}</p></div>\n{html}'

    def _insert_values(self, markdown: str, src: str) -> str:
        """The numbers the prose quotes, from the runs of the snippets it embeds."""
        embedded = self._embedded_snippets(markdown, src)

        def run(path: str) -> Execution:
            try:
                rel = resolve(self.settings.snippets, path).rel
            except SnippetPathError as exc:
                raise ProseError(str(exc)) from exc
            if rel not in embedded:
                raise ProseError(f"{path} is not embedded on this page")
            result = self.results.get(rel)
            if result is None or result.error is not None:
                raise ProseError(f"{path} has no successful run to quote")
            return result

        return insert_values(markdown, src, run)

    def _embedded_snippets(self, markdown: str, src: str) -> set[str]:
        found: set[str] = set()

        def collect(item: Embed) -> str:
            with contextlib.suppress(SnippetPathError):
                found.add(resolve(self.settings.snippets, item.path).rel)
            return ""

        expand(markdown, src, collect)
        return found

    def _fail(self, message: str) -> str:
        if not self.serving:
            raise PluginError(f"docexec: {message}")
        log.error(message)
        return render_error(message, "")

    def on_env(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files
    ) -> Environment:
        for rel in sorted(self.discovered - self.embedded):
            log.warning("%s is not embedded in any page", self.layout.source(rel))
        return env
