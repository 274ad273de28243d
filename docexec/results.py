"""What a run produced, read from its executed notebook.

Pages render it and tests assert on it: both see the same captured text and figures.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .sources import Snippet


@dataclass(frozen=True)
class SnippetError:
    snippet: str  # "snippets/topic/name.py"
    line: int | None
    message: str
    traceback: str
    backend: str = ""  # the Keras backend it failed on

    @property
    def location(self) -> str:
        where = f"{self.snippet}:{self.line}" if self.line else self.snippet
        return f"{where} on {self.backend}" if self.backend else where

    def __str__(self) -> str:
        return f"{self.location}: {self.message}\n{self.traceback}".rstrip()


@dataclass(frozen=True)
class Figure:
    png: bytes
    alt: str


@dataclass(frozen=True)
class Output:
    kind: str  # "stdout", "stderr", "result" or "figure"
    text: str = ""
    figure: Figure | None = None


@dataclass(frozen=True)
class Cell:
    number: int  # 1-based among code cells
    title: str
    source: str
    first_line: int
    outputs: tuple[Output, ...]

    @property
    def stdout(self) -> str:
        return "".join(o.text for o in self.outputs if o.kind == "stdout")

    @property
    def figures(self) -> list[Figure]:
        return [o.figure for o in self.outputs if o.figure is not None]


def _output(raw: nbformat.NotebookNode) -> Output | None:
    """One output of a stored notebook, as the pages and tests see it."""
    if raw.output_type == "stream":
        return Output(str(raw.name), str(raw.text))
    data = raw.get("data", {})
    if "image/png" in data:
        png = base64.b64decode(data["image/png"])
        return Output("figure", figure=Figure(png, data.get("text/plain", "Figure")))
    if raw.output_type == "execute_result" and "text/plain" in data:
        return Output("result", str(data["text/plain"]))
    if "text/plain" in data:
        return Output("stdout", str(data["text/plain"]))
    return None


def _cells(notebook: nbformat.NotebookNode) -> tuple[Cell, ...]:
    cells: list[Cell] = []
    for raw in notebook.cells:
        if raw.cell_type != "code":
            continue
        meta = raw.metadata.get("docexec", {})
        outputs = tuple(o for o in map(_output, raw.get("outputs", [])) if o)
        cells.append(
            Cell(
                number=len(cells) + 1,
                title=str(meta.get("title", "")),
                source=str(raw.source),
                first_line=int(meta.get("first_line", 1)),
                outputs=outputs,
            )
        )
    return tuple(cells)


@dataclass(frozen=True)
class Execution:
    """One run of a snippet: its executed notebook and the cells read from it once."""

    snippet: Snippet
    notebook: nbformat.NotebookNode
    seconds: float
    error: SnippetError | None = None
    from_cache: bool = False
    entry: Path | None = None  # its cache entry, laid out as ``Layout`` says
    backend: str = "tensorflow"  # the Keras backend it ran on
    variant: str = ""  # "" for the run its page describes, else ".jax" (Claim.variant)
    cells: tuple[Cell, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "cells", _cells(self.notebook))

    def cell(self, title: str) -> Cell:
        """The code cell whose ``# %%`` title is *title*."""
        for cell in self.cells:
            if cell.title == title:
                return cell
        titles = [c.title for c in self.cells]
        raise KeyError(f"{self.snippet.display} has no cell titled {title!r}: {titles}")

    @property
    def stdout(self) -> str:
        return "".join(cell.stdout for cell in self.cells)

    @property
    def environment(self) -> dict[str, str]:
        """What it ran on: python, keras, backend, backend_version, cpu, date."""
        recorded = self.notebook.metadata.get("docexec", {}).get("environment", {})
        return {str(k): str(v) for k, v in recorded.items()}

    @property
    def figures(self) -> list[Figure]:
        return [f for cell in self.cells for f in cell.figures]
