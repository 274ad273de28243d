"""The MkDocs plugin: execute (or reuse) every snippet, then expand embeds in pages.

``mkdocs build`` stops with the snippet's path, line and traceback when one fails;
``mkdocs serve`` shows the failure on the page instead and keeps serving.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
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
from .backends import NAMES, MarkerError
from .config import Settings
from .directive import DirectiveError, Embed, expand
from .layout import Layout
from .messages import text
from .notebook_styles import NotebookStyles
from .prose import ProseError, insert_values, on_each_backend
from .render import (
    Renderer,
    SelectionError,
    colab_base,
    render_error,
    render_snippet_error,
)
from .results import Execution
from .runner import Runner
from .runs import Runs
from .sources import SnippetPathError, discover, resolve

log = get_plugin_logger("docexec")


class DocExecConfig(base.Config):
    # Branch of repo_url that holds the built site (``mkdocs gh-deploy``): "Open in
    # Colab" links point at the executed notebooks there. Empty: no Colab links.
    colab_branch = c.Type(str, default="")


class DocExecPlugin(BasePlugin[DocExecConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.results: dict[str, Runs] = {}
        self.discovered: set[str] = set()
        self.embedded: set[str] = set()
        self.explained_on: dict[str, str] = {}  # snippet -> the page that embeds it
        self._notebook_pages: dict[str, str] = {}  # notebook page -> its snippet
        self.notebook_styles = NotebookStyles()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Links to the notebooks of runs on other backends, at their pages' paths.
        self._links = tempfile.TemporaryDirectory(prefix="docexec-pages-")
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
        self.embedded = set()
        runner = Runner(self.settings)
        try:
            self.results = runner.run(snippets, execute_missing=self.settings.execute)
        except MarkerError as exc:
            raise PluginError(f"docexec: {exc}") from None
        self._notebook_pages = {
            self.layout.notebook_page(rel, runs.claim.variant(backend)): rel
            for rel, runs in self.results.items()
            for backend in runs.claim.backends
        }

    def _fail_on_snippet_errors(self) -> None:
        """A build shows no page with a broken example; ``serve`` shows the error."""
        failed = [error for runs in self.results.values() for error in runs.errors]
        if failed and not self.serving:
            details = "\n\n".join(str(error) for error in failed)
            raise PluginError(f"docexec: {len(failed)} run(s) failed\n\n{details}")

    def _run_outputs(self, config: MkDocsConfig) -> list[File]:
        """Downloads, figures and notebook pages of every successful run."""
        made: list[File] = []
        notebooks: list[File] = []
        for runs in self.results.values():
            for result in runs.executions:
                if result.error is None:
                    made += self._downloads_and_figures(result, config)
                    if result.entry is not None:
                        notebooks.append(self._notebook_page(result, config))
        return made + integrations.as_notebook_pages(notebooks, config)

    def _downloads_and_figures(
        self, result: Execution, config: MkDocsConfig
    ) -> list[File]:
        rel, variant, layout = result.snippet.rel, result.variant, self.layout
        made = [
            File.generated(
                config, layout.source(rel, variant), content=downloads.script(result)
            ),
            File.generated(
                config,
                layout.notebook_download(rel, variant),
                content=downloads.notebook(result),
            ),
        ]
        if not variant:  # the page shows the figures of its own run
            for uri, figure in layout.figures(result):
                made.append(File.generated(config, uri, content=figure.png))
        return made

    def _notebook_page(self, result: Execution, config: MkDocsConfig) -> File:
        # Read in place from the cache entry, which holds the notebook at the page
        # run's notebook path: a plain File, since mkdocs-jupyter's wrapper derives the
        # source from src_dir and src_uri. A run on another backend is read through a
        # link at its own path, in a folder of this build's.
        assert result.entry is not None
        rel = result.snippet.rel
        uri = self.layout.notebook_page(rel, result.variant)
        folder = result.entry
        if result.variant:
            folder = Path(self._links.name)
            link = folder / uri
            link.parent.mkdir(parents=True, exist_ok=True)
            link.unlink(missing_ok=True)
            link.symlink_to(result.entry / self.layout.cached_notebook(rel))
        page = File(uri, str(folder), config.site_dir, config.use_directory_urls)
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
            original = markdown
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
                runs = self.results[snippet.rel]
                result = runs.page
                if result is None:
                    return renderer.unexecuted(snippet.read(), snippet.display)
                if result.error is not None:
                    return render_snippet_error(result.error)
                first = snippet.rel not in shown
                shown.add(snippet.rel)
                block = renderer.embed(result, item, first)
                if first:
                    done = [e for e in runs.executions if e.error is None]
                    rows = on_each_backend(original, item.path, done)
                    block += "\n" + renderer.backends(runs, item.page) + "\n"
                    block += "\n" + renderer.numbers(rows)
                return block
            except (SnippetPathError, SelectionError) as exc:
                return self._fail(f"{src}:{item.line}: {exc}")

        try:
            expanded = expand(markdown, src, embed)
        except DirectiveError as exc:
            return self._fail(str(exc)) + markdown
        runs = [
            execution
            for rel in sorted(shown)
            for execution in self.results[rel].executions
            if execution.error is None
        ]
        return expanded + renderer.provenance(runs) if runs else expanded

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # An executed notebook's page is rendered by mkdocs-jupyter from the run
        # alone; it opens with a pointer to the page that explains it, in this language,
        # and, for a run on another backend than the page's, what it is.
        rel = self._notebook_pages.get(page.file.src_uri)
        if rel is not None:  # search leads to the page that explains it instead
            page.meta["search"] = {**page.meta.get("search", {}), "exclude": True}
            html = self.notebook_styles.link(html, page.url)
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
        notes = [note]
        runs = self.results[rel]
        for run in runs.executions:
            here = self.layout.notebook_page(rel, run.variant)
            if run.variant and here == page.file.src_uri:
                # mkdocs-jupyter titles it by its file name: "Plot activations.jax"
                if page.title:
                    name = f" ({NAMES[run.backend]})"
                    page.title = str(page.title).replace(run.variant, name)
                script = files.get_file_from_path(self.layout.source(rel, run.variant))
                notebook = files.get_file_from_path(
                    self.layout.notebook_download(rel, run.variant)
                )
                if script is None or notebook is None:
                    continue
                notes.append(
                    text(
                        lang,
                        "backend_note",
                        name=NAMES[run.backend],
                        primary=NAMES[runs.claim.primary],
                        backend=run.backend,
                        script=escape(script.url_relative_to(page.file)),
                        notebook=escape(notebook.url_relative_to(page.file)),
                    )
                )
        body = "".join(f"<p>{n}</p>" for n in notes)
        return f'<div class="admonition info">{body}</div>\n{html}'

    def _insert_values(self, markdown: str, src: str) -> str:
        """The numbers the prose quotes, from the runs of the snippets it embeds."""
        embedded = self._embedded_snippets(markdown, src)

        def run(path: str, backend: str | None) -> Execution:
            try:
                rel = resolve(self.settings.snippets, path).rel
            except SnippetPathError as exc:
                raise ProseError(str(exc)) from exc
            if rel not in embedded:
                raise ProseError(f"{path} is not embedded on this page")
            runs = self.results[rel]
            if backend is not None and backend not in runs.claim.backends:
                raise ProseError(f"{path} does not claim the backend {backend!r}")
            result = runs.page if backend is None else runs.on(backend)
            if result is None or result.error is not None:
                where = f" on {backend}" if backend else ""
                raise ProseError(f"{path} has no successful run{where} to quote")
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

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.notebook_styles.write(config.site_dir)
