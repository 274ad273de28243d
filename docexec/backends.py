"""The Keras backends a snippet runs on, and the marker that limits them.

Every snippet runs once on each backend it claims; by default it claims all three. A
snippet that uses one backend's own API says so in its module docstring, in a paragraph
that opens with ``Backends:``, lists the backends it runs on, and gives the reason that
the page shows beside the others::

    \"\"\"Check tf.GradientTape gradients against central finite differences.

    Backends: tensorflow. It takes its gradients with tf.GradientTape; the other tabs
    do the same with jax.grad and torch.autograd.
    \"\"\"

A paragraph that opens with ``Backends (ko):`` gives the reason in Korean, for the
Korean pages. The first backend a snippet claims, in the order of ``BACKENDS``, is its
page's: the prose describes that run, and its figures are the ones the page shows.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from .config import BACKENDS, parse
from .sources import Snippet

__all__ = ["BACKENDS", "NAMES", "Claim", "MarkerError", "claim", "parse"]

NAMES = {"tensorflow": "TensorFlow", "jax": "JAX", "torch": "PyTorch"}
MARKER = re.compile(r"^Backends:\s*(?P<names>[\w\s,]+?)\.(?:\s+(?P<why>.*))?$", re.S)


class MarkerError(ValueError):
    """A ``Backends:`` paragraph that names no backend, an unknown one, or no reason."""


@dataclass(frozen=True)
class Claim:
    backends: tuple[str, ...]  # in the order of BACKENDS
    reasons: tuple[tuple[str, str], ...] = ()  # (language, why the others do not apply)

    def reason(self, language: str) -> str:
        """Why the other backends do not apply, in *language* if it is given, else in
        English; empty when the snippet claims them all."""
        given = dict(self.reasons)
        return given.get(language) or given.get("en", "")

    @property
    def primary(self) -> str:
        """The backend whose run the page describes."""
        return self.backends[0]

    def variant(self, backend: str) -> str:
        """How the outputs of *backend*'s run are told apart: "" for the page's run,
        ".jax" for another (``name.jax.ipynb``)."""
        return "" if backend == self.primary else f".{backend}"


ALL = Claim(BACKENDS)


def claim(snippet: Snippet) -> Claim:
    """The backends *snippet* claims, read from its docstring's ``Backends:`` line."""
    try:
        tree = ast.parse(snippet.read())
    except SyntaxError:
        return ALL  # execution reports the error, with the line, on every backend
    docstring = ast.get_docstring(tree, clean=True) or ""
    first = tree.body[0].lineno if docstring else 1
    paragraphs = re.split(r"\n\s*\n", docstring)
    translated = tuple(
        (language, " ".join(p.split(":", 1)[1].split()))
        for p in paragraphs
        for language in re.findall(r"^Backends \((\w+)\):", p)
    )
    for paragraph in paragraphs:
        if not paragraph.startswith("Backends:"):
            continue
        line = first + docstring[: docstring.find(paragraph)].count("\n")
        where = f"{snippet.display}:{line}"
        found = MARKER.match(" ".join(paragraph.split()))
        if found is None:
            raise MarkerError(
                f"{where}: write 'Backends: tensorflow, jax. The reason.' "
                f"(backends: {', '.join(BACKENDS)})"
            )
        try:
            backends = parse(found["names"])
        except ValueError as exc:
            raise MarkerError(f"{where}: {exc}") from None
        reason = (found["why"] or "").strip()
        if backends != BACKENDS and not reason:
            raise MarkerError(
                f"{where}: say why it does not run on the others, after the period"
            )
        return Claim(backends, (("en", reason), *translated))
    return ALL
