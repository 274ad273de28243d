"""Snippet files: where they are, how they split into cells, what they import."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

CELL_MARKER = re.compile(r"^# %%(?P<rest>.*)$")


class SnippetPathError(ValueError):
    """An embed named a snippet that does not exist or lies outside ``snippets/``."""


@dataclass(frozen=True)
class Cell:
    """One ``# %%`` cell. ``first_line`` is the 1-based line of its code in the file."""

    kind: str  # "code" or "markdown"
    source: str
    first_line: int
    title: str = ""


@dataclass(frozen=True)
class Snippet:
    root: Path
    rel: str  # POSIX path relative to the snippets root, e.g. "activations/plot.py"

    @property
    def path(self) -> Path:
        return self.root / self.rel

    @property
    def display(self) -> str:
        """The path a reader or author recognises in messages: ``snippets/...``."""
        return f"{self.root.name}/{self.rel}"

    def read(self) -> str:
        return self.path.read_text(encoding="utf-8")


def resolve(root: Path, rel: str) -> Snippet:
    """Turn a path written in a page into a snippet, refusing anything outside *root*.

    Nothing is read before the check: an absolute path, ``..`` or a link that leads out
    of the snippets folder is refused by its resolved location.
    """
    if not rel or PurePosixPath(rel).is_absolute() or rel.startswith("~"):
        raise SnippetPathError(f"snippet path must be relative to snippets/: {rel!r}")
    base = root.resolve()
    target = (base / rel).resolve()
    if not target.is_relative_to(base):
        raise SnippetPathError(f"snippet path leaves snippets/: {rel!r}")
    if target.suffix != ".py":
        raise SnippetPathError(f"a snippet is a .py file: {rel!r}")
    if not target.is_file():
        raise SnippetPathError(f"no such snippet: snippets/{rel}")
    return Snippet(root=base, rel=target.relative_to(base).as_posix())


def discover(root: Path) -> list[Snippet]:
    """Every runnable snippet: ``snippets/<topic>/<name>.py``, helpers excluded.

    Files whose name starts with ``_`` are local modules that snippets import.
    """
    base = root.resolve()
    return [
        Snippet(root=base, rel=p.relative_to(base).as_posix())
        for p in sorted(base.glob("*/*.py"))
        if not p.name.startswith("_")
    ]


def split_cells(text: str) -> list[Cell]:
    """Split a percent-format script into cells, the way Jupytext and VS Code do.

    ``# %% Title`` starts a code cell; ``# %% [markdown]`` a Markdown cell whose lines
    are comments. Code before the first marker is a cell of its own.
    """
    cells: list[Cell] = []
    lines = text.splitlines()
    kind, title, start = "code", "", 1
    body: list[str] = []

    def flush() -> None:
        while body and not body[-1].strip():
            body.pop()
        lead = 0
        while lead < len(body) and not body[lead].strip():
            lead += 1
        if body[lead:]:
            source = "\n".join(body[lead:])
            if kind == "markdown":
                source = "\n".join(re.sub(r"^# ?", "", line) for line in body[lead:])
            cells.append(Cell(kind, source, start + lead, title))

    for number, line in enumerate(lines, start=1):
        marker = CELL_MARKER.match(line)
        if marker:
            flush()
            rest = marker.group("rest").strip()
            kind = "markdown" if "[markdown]" in rest else "code"
            title = rest.replace("[markdown]", "").strip()
            start, body = number + 1, []
        else:
            body.append(line)
    flush()
    return cells


def local_imports(snippet: Snippet) -> list[Path]:
    """Files beside the snippet that it imports, directly or through each other.

    ``python snippets/topic/name.py`` puts ``snippets/topic`` on ``sys.path``, so a
    module there is part of what the snippet runs and belongs in its cache key.
    """
    folder = snippet.path.parent
    seen: dict[Path, None] = {}
    pending = [snippet.path]
    while pending:
        try:
            tree = ast.parse(pending.pop().read_text(encoding="utf-8"))
        except SyntaxError:
            continue  # execution reports it, with the line
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                candidate = folder / f"{name.split('.')[0]}.py"
                if candidate.is_file() and candidate not in seen:
                    seen[candidate] = None
                    pending.append(candidate)
    return sorted(seen)
