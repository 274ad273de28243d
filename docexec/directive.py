"""The embed directive: a line ``:::snippet topic/name.py [option=value ...]``.

It is not a code fence, so pytest-codeblocks never mistakes it for code, and lines
inside fenced blocks are left alone (a page may show the directive itself).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field

DIRECTIVE = re.compile(r"^(?P<indent>[ \t>]*):::snippet\b(?P<args>.*)$")
FENCE = re.compile(r"^[ \t>]*(?P<mark>`{3,}|~{3,})")
OPTIONS = {
    "cells": "which code cells to show: numbers, ranges (2-4) or # %% titles, "
    "comma-separated",
    "hl_lines": 'lines to highlight within the shown code, e.g. "2 3"',
    "hide": "parts to leave out: code, output, figures (comma-separated)",
}
HIDEABLE = {"code", "output", "figures"}


class DirectiveError(ValueError):
    def __init__(self, page: str, line: int, message: str) -> None:
        super().__init__(f"{page}:{line}: {message}")
        self.page, self.line, self.message = page, line, message


@dataclass(frozen=True)
class Embed:
    page: str
    line: int
    indent: str
    path: str
    cells: tuple[str, ...] = ()
    hl_lines: str = ""
    hide: frozenset[str] = field(default_factory=frozenset)


def _parse(page: str, number: int, indent: str, args: str) -> Embed:
    try:
        words = shlex.split(args)
    except ValueError as exc:
        raise DirectiveError(
            page, number, f"cannot parse :::snippet line: {exc}"
        ) from exc
    if not words or "=" in words[0]:
        raise DirectiveError(page, number, ":::snippet needs a path: topic/name.py")
    options: dict[str, str] = {}
    for word in words[1:]:
        name, sep, value = word.partition("=")
        if not sep or name not in OPTIONS:
            known = "; ".join(f"{k}: {v}" for k, v in OPTIONS.items())
            raise DirectiveError(
                page, number, f"unknown :::snippet option {word!r} (known: {known})"
            )
        options[name] = value
    hide = frozenset(filter(None, options.get("hide", "").split(",")))
    if not hide <= HIDEABLE:
        raise DirectiveError(
            page, number, f"hide= takes {sorted(HIDEABLE)}, got {sorted(hide)}"
        )
    cells = tuple(c.strip() for c in options.get("cells", "").split(",") if c.strip())
    return Embed(
        page, number, indent, words[0], cells, options.get("hl_lines", ""), hide
    )


def expand(markdown: str, page: str, render: Callable[[Embed], str]) -> str:
    """Replace every directive line with ``render(embed)``, indented like the line."""
    out: list[str] = []
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened.group("mark").startswith(fence):
                fence = None
            out.append(line)
            continue
        if opened:
            fence = opened.group("mark")
            out.append(line)
            continue
        found = DIRECTIVE.match(line)
        if not found:
            out.append(line)
            continue
        embed = _parse(page, number, found.group("indent"), found.group("args"))
        block = render(embed)
        out.extend(
            (embed.indent + text) if text else embed.indent.rstrip()
            for text in block.splitlines()
        )
    return "\n".join(out) + ("\n" if markdown.endswith("\n") else "")
