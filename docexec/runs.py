"""A snippet's runs, one per Keras backend it claims, as builds and tests see them."""

from __future__ import annotations

from dataclasses import dataclass

from .backends import BACKENDS, Claim
from .results import Execution, SnippetError
from .sources import Snippet


@dataclass(frozen=True)
class Runs:
    """One snippet's runs: one per backend it claims that ran (or was cached)."""

    snippet: Snippet
    claim: Claim
    by_backend: dict[str, Execution]

    @property
    def page(self) -> Execution | None:
        """The run the page describes: on the first backend the snippet claims."""
        return self.by_backend.get(self.claim.primary)

    def on(self, backend: str) -> Execution | None:
        return self.by_backend.get(backend)

    @property
    def executions(self) -> list[Execution]:
        """Every run there is, in the order of BACKENDS."""
        return [self.by_backend[b] for b in BACKENDS if b in self.by_backend]

    @property
    def errors(self) -> list[SnippetError]:
        return [e.error for e in self.executions if e.error is not None]
