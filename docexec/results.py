"""What a run produced, read from its executed notebook.

Pages render it and tests assert on it: both see the same captured text and figures.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .sources import Snippet


@dataclass(frozen=True)
class SnippetError:
    snippet: str  # "snippets/topic/name.py"
    line: int | None
    message: str
    traceback: str

    @property
    def location(self) -> str:
        return f"{self.snippet}:{self.line}" if self.line else self.snippet

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


def _output(raw) -> Output | None:
    if raw.output_type == "stream":
        return Output(raw.name, raw.text)
    data = raw.get("data", {})
    if "image/png" in data:
        png = base64.b64decode(data["image/png"])
        return Output("figure", figure=Figure(png, data.get("text/plain", "Figure")))
    if raw.output_type == "execute_result" and "text/plain" in data:
        return Output("result", data["text/plain"])
    if "text/plain" in data:
        return Output("stdout", data["text/plain"])
    return None


@dataclass
class Execution:
    snippet: Snippet
    notebook: nbformat.NotebookNode
    seconds: float
    error: SnippetError | None = None
    from_cache: bool = False
    notebook_path: Path | None = None

    @property
    def cells(self) -> list[Cell]:
        cells = []
        for raw in self.notebook.cells:
            if raw.cell_type != "code":
                continue
            meta = raw.metadata.get("docexec", {})
            outputs = tuple(o for o in map(_output, raw.get("outputs", [])) if o)
            cells.append(
                Cell(
                    number=len(cells) + 1,
                    title=meta.get("title", ""),
                    source=raw.source,
                    first_line=meta.get("first_line", 1),
                    outputs=outputs,
                )
            )
        return cells

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
    def figures(self) -> list[Figure]:
        return [f for cell in self.cells for f in cell.figures]
