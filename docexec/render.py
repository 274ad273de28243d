"""Markdown for an embed: the code, the captured output under it, figures, downloads.

The Markdown goes through MkDocs like hand-written Markdown, so every link and image it
contains is validated by ``mkdocs build --strict``.
"""

from __future__ import annotations

import posixpath
import textwrap
from dataclasses import dataclass

from .backends import BACKENDS, NAMES
from .directive import Embed
from .layout import Layout
from .messages import text
from .results import Cell, Execution, Output, SnippetError
from .runs import Runs


class SelectionError(ValueError):
    """An embed asked for cells the snippet does not have."""


FOLD_LINES = 30  # longer outputs are folded, with their length in the summary
COLAB = "https://colab.research.google.com/github/"


def colab_base(repo_url: str | None, branch: str) -> str | None:
    """Where Colab finds the published notebooks, from the repository's GitHub URL."""
    if not (repo_url and branch and "github.com/" in repo_url):
        return None
    repository = repo_url.split("github.com/", 1)[1].strip("/")
    return f"{COLAB}{repository}/blob/{branch}/"


def select(cells: tuple[Cell, ...], wanted: tuple[str, ...]) -> list[Cell]:
    """Cells by number, range (``2-4``) or ``# %%`` title, in the order asked."""
    if not wanted:
        return list(cells)
    by_title = {cell.title: cell for cell in cells if cell.title}
    chosen: list[Cell] = []
    for item in wanted:
        if item in by_title:
            chosen.append(by_title[item])
            continue
        low, _, high = item.partition("-")
        if not (low.isdigit() and (high.isdigit() or not high)):
            raise SelectionError(f"no cell titled {item!r} (titles: {list(by_title)})")
        first, last = int(low), int(high or low)
        if not 1 <= first <= last <= len(cells):
            raise SelectionError(f"cells={item} but the snippet has {len(cells)} cells")
        chosen.extend(cells[first - 1 : last])
    return chosen


def _fence(language: str, body: str, attrs: str = "") -> str:
    ticks = "````" if "```" in body else "```"
    head = f"{ticks}{language}" + (f" {attrs}" if attrs else "")
    return f"{head}\n{body.rstrip()}\n{ticks}"


def _text_output(output: Output, lang: str) -> str:
    label = ' title="stderr"' if output.kind == "stderr" else ""
    fence = _fence("text", output.text, label.strip())
    lines = output.text.count("\n")
    if lines <= FOLD_LINES:
        return f'<div class="docexec-output" markdown>\n\n{fence}\n\n</div>'
    name = "stderr" if output.kind == "stderr" else text(lang, "output")
    summary = text(lang, "lines", name=name, lines=lines)
    return f'??? docexec-fold "{summary}"\n\n' + textwrap.indent(fence, "    ")


@dataclass(frozen=True)
class Renderer:
    """Markdown for the embeds of one language's pages."""

    layout: Layout
    lang: str = "en"
    colab: str | None = None  # where Colab opens published notebooks; None: no links

    def embed(self, execution: Execution, embed: Embed, first_on_page: bool) -> str:
        """The code of the chosen cells, each followed by what it printed and drew.

        Cells that printed nothing join the code block of the next cell that did.
        """
        blocks = [self.downloads(execution, embed.page)] if first_on_page else []
        attrs = f'title="{execution.snippet.display}"'
        if embed.hl_lines:
            attrs += f' hl_lines="{embed.hl_lines}"'
        pending: list[str] = []
        for cell in select(execution.cells, embed.cells):
            pending.append(cell.source)
            shown = self._outputs(execution, cell, embed)
            if shown:
                if "code" not in embed.hide:
                    blocks.append(_fence("python", "\n\n".join(pending), attrs))
                pending = []
                blocks.extend(shown)
        if pending and "code" not in embed.hide:
            blocks.append(_fence("python", "\n\n".join(pending), attrs))
        return "\n\n".join(blocks) + "\n"

    def _outputs(self, execution: Execution, cell: Cell, embed: Embed) -> list[str]:
        blocks: list[str] = []
        index = 0
        for output in cell.outputs:
            if output.figure is not None:
                index += 1
                if "figures" in embed.hide:
                    continue
                alt = output.figure.alt.replace("[", "(").replace("]", ")")
                uri = self.layout.figure(execution.snippet.rel, cell.number, index)
                src = self.layout.link(embed.page, uri)
                image = f'![{alt}]({src}){{ .docexec-figure loading="lazy" }}'
                blocks.append(f'[{image}]({src} "{text(self.lang, "full_size")}")')
            elif "output" not in embed.hide:
                blocks.append(_text_output(output, self.lang))
        return blocks

    def downloads(self, execution: Execution, page: str) -> str:
        """The line above an example: get the script or the executed notebook."""
        rel, lang, link = execution.snippet.rel, self.lang, self.layout.link
        script = link(page, self.layout.source(rel))
        notebook = link(page, self.layout.notebook_download(rel))
        rendered = link(page, self.layout.notebook_page(rel))
        links = [
            f"[:material-language-python: {posixpath.basename(rel)}]({script})"
            "{ download }",
            f"[:material-notebook-outline: {posixpath.basename(notebook)}]({notebook})"
            "{ download }",
            f"[:material-eye-outline: {text(lang, 'executed_notebook')}]({rendered})",
        ]
        if self.colab:
            colab_url = self.colab + self.layout.notebook_download(rel)
            links.append(
                f"[:simple-googlecolab: {text(lang, 'open_in_colab')}]({colab_url})"
            )
        return '<div class="docexec-links" markdown>' + " ".join(links) + "</div>"

    def backends(self, runs: Runs, page: str) -> str:
        """The line under an example: on which backends it ran, each with its time and
        a link to that run's notebook, and why the others do not apply."""
        lang, rel = self.lang, runs.snippet.rel
        shown: list[str] = []
        for backend in runs.claim.backends:
            name, run = NAMES[backend], runs.on(backend)
            if run is None:
                shown.append(text(lang, "not_yet_run", name=name))
            elif run.error is not None:
                shown.append(text(lang, "run_failed", name=name))
            else:
                uri = self.layout.notebook_page(rel, run.variant)
                ran = text(lang, "ran_on", name=name, seconds=run.seconds)
                shown.append(f"[{ran}]({self.layout.link(page, uri)})")
        line = f"{text(lang, 'ran_on_title')} " + " · ".join(shown)
        others = [NAMES[b] for b in BACKENDS if b not in runs.claim.backends]
        if others:
            why = text(
                lang,
                "not_on",
                names=listing(lang, others),
                reason=runs.claim.reason(lang),
            )
            line += f"<br>{why}"
        return f'<p class="docexec-backends" markdown>{line}</p>'

    def numbers(self, rows: list[tuple[str, dict[str, str]]]) -> str:
        """The numbers the prose quotes from an example, as each backend's run printed
        them, folded under the example."""
        backends = [b for b in BACKENDS if any(b in values for _, values in rows)]
        if not rows or len(backends) < 2:
            return ""
        header = "| " + text(self.lang, "printed_after") + " | "
        header += " | ".join(NAMES[b] for b in backends) + " |"
        lines = [header, "|---|" + "---:|" * len(backends)]
        for label, values in rows:
            cells = " | ".join(values.get(b) or "–" for b in backends)
            lines.append(f"| `{label}` | {cells} |")
        title = text(self.lang, "numbers_title")
        table = textwrap.indent("\n".join(lines), "    ")
        return f'??? docexec-numbers "{title}"\n\n{table}\n'

    def provenance(self, executions: list[Execution]) -> str:
        """The line at a page's foot: what its examples ran on, and when, as recorded
        in their runs."""
        # Versions are part of every cache key, so they agree; machines and days may
        # not, when runs were cached on several (shards of a CI build, say).
        envs = [e.environment for e in executions]
        dates = sorted({env.get("date", "") for env in envs})
        when = dates[0] if len(dates) == 1 else f"{dates[0]} – {dates[-1]}"
        cpus = " / ".join(sorted({env.get("cpu", "") for env in envs}))
        versions = {
            env.get("backend", ""): env.get("backend_version", "") for env in envs
        }
        ordered = [b for b in BACKENDS if b in versions]
        versions_text = listing(
            self.lang, [f"{NAMES[b]} {versions[b]}" for b in ordered]
        )
        fields = {**envs[0], "cpu": cpus, "when": when, "backends": versions_text}
        line = text(self.lang, "ran_with", **fields)
        return f'\n\n<p class="docexec-provenance" markdown>{line}</p>\n'

    def unexecuted(self, source: str, display: str) -> str:
        note = (
            f'!!! note "{text(self.lang, "not_executed")}"\n\n'
            f"    {text(self.lang, 'not_executed_body')}\n"
        )
        return note + "\n" + _fence("python", source, f'title="{display}"') + "\n"


def listing(lang: str, items: list[str]) -> str:
    """ "a, b and c" in *lang*."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + text(lang, "and") + items[-1]


def render_error(title: str, details: str) -> str:
    body = textwrap.indent(_fence("text", details or title), "    ")
    return f'!!! failure "{title}"\n\n{body}\n'


def render_snippet_error(error: SnippetError) -> str:
    return render_error(f"{error.location}: {error.message}", error.traceback)
