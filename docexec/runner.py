"""Which runs a build needs, from the cache or executed, two at a time."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from mkdocs.plugins import get_plugin_logger

from .backends import claim
from .cache import Cache, cache_key
from .config import Settings
from .execute import execute
from .layout import Layout
from .results import Execution
from .runs import Runs
from .sources import Snippet

log = get_plugin_logger("docexec")


@dataclass
class Runner:
    """Executes what the cache lacks, in parallel; returns every snippet's runs.

    Each snippet runs on every backend it claims that the settings execute; a claimed
    backend that they do not execute is shown from the cache if it has a run, else as
    not yet run.
    """

    settings: Settings
    executed: list[tuple[str, str]] = field(default_factory=list)  # (rel, backend)

    def run(
        self,
        snippets: list[Snippet],
        execute_missing: bool = True,
        only: set[tuple[str, str]] | None = None,
    ) -> dict[str, Runs]:
        """Each snippet's runs; *only* limits them to these (snippet, backend) pairs
        (a shard's share)."""
        cache = Cache(Layout.of(self.settings))
        found: dict[str, dict[str, Execution]] = {}
        claims = {snippet.rel: claim(snippet) for snippet in snippets}
        missing: list[tuple[Snippet, str, str]] = []
        for snippet in snippets:
            found[snippet.rel] = {}
            for backend in claims[snippet.rel].backends:
                if only is not None and (snippet.rel, backend) not in only:
                    continue
                key = cache_key(snippet, self.settings, backend)
                entry = cache.load(key)
                variant = claims[snippet.rel].variant(backend)
                if entry is not None:
                    found[snippet.rel][backend] = Execution(
                        snippet,
                        entry.notebook,
                        entry.seconds,
                        from_cache=True,
                        entry=entry.folder,
                        backend=backend,
                        variant=variant,
                    )
                elif execute_missing and backend in self.settings.backends:
                    missing.append((snippet, backend, key))

        def work(item: tuple[Snippet, str, str]) -> Execution:
            snippet, backend, key = item
            where = f"{snippet.display} on {backend}"
            log.info("executing %s", where)
            variant = claims[snippet.rel].variant(backend)
            result = execute(snippet, self.settings, backend, variant)
            log.info("%s took %.1f s", where, result.seconds)
            if result.error is not None:
                return result
            stored = cache.store(key, snippet, result.notebook, result.seconds, backend)
            return replace(result, entry=stored.folder)

        with ThreadPoolExecutor(max_workers=max(1, self.settings.jobs)) as pool:
            for result in pool.map(work, missing):
                self.executed.append((result.snippet.rel, result.backend))
                found[result.snippet.rel][result.backend] = result
        return {s.rel: Runs(s, claims[s.rel], found[s.rel]) for s in snippets}
