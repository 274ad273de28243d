"""Shared fixtures: every snippet's captured run, from the same cache the build uses.

The first test that needs a run executes all snippets that the cache lacks, two at a
time; a later ``make build`` then executes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docexec.config import Settings
from docexec.execute import Runner
from docexec.results import Execution
from docexec.sources import discover, resolve

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.load(ROOT)


@pytest.fixture(scope="session")
def executions(settings: Settings) -> dict[str, Execution]:
    """Every snippet's run, executed in parallel where the cache lacks it."""
    return Runner(settings).run(discover(settings.snippets))


@pytest.fixture(scope="session")
def run(request: pytest.FixtureRequest, settings: Settings):
    """``run("topic/name.py")``: the snippet's captured run; failed runs fail.

    The first call executes, in parallel, every snippet of the topics whose tests were
    selected (``tests/test_<topic>.py`` checks ``snippets/<topic>/``), so that running
    one test file does not wait for the whole site.
    """
    topics = request.config.stash[SELECTED_TOPICS]
    results: dict[str, Execution] = {}

    def get(rel: str) -> Execution:
        if not results:
            wanted = [
                s for s in discover(settings.snippets) if s.rel.split("/")[0] in topics
            ]
            results.update(Runner(settings).run(wanted))
        if rel not in results:
            results.update(Runner(settings).run([resolve(settings.snippets, rel)]))
        result = results[rel]
        if result.error is not None:
            pytest.fail(str(result.error), pytrace=False)
        return result

    return get


SELECTED_TOPICS = pytest.StashKey[set[str]]()


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    config.stash[SELECTED_TOPICS] = {
        item.path.stem.removeprefix("test_")
        for item in items
        if item.path.suffix == ".py"
    }
