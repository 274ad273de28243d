"""Reading numbers out of captured output, for the page-fact tests."""

from __future__ import annotations

import re


def numbers(pattern: str, text: str) -> list[float]:
    """The groups of *pattern*'s first match in *text*, as numbers (1,290 -> 1290)."""
    found = re.search(pattern, text, re.M)
    assert found, f"{pattern!r} not in output:\n{text}"
    return [float(value.replace(",", "")) for value in found.groups()]


def number(pattern: str, text: str) -> float:
    """The first group of *pattern*'s first match in *text*, as a number."""
    return numbers(pattern, text)[0]
