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
from docexec.sources import discover

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.load(ROOT)


@pytest.fixture(scope="session")
def executions(settings: Settings) -> dict[str, Execution]:
    return Runner(settings).run(discover(settings.snippets))


@pytest.fixture(scope="session")
def run(executions: dict[str, Execution]):
    """``run("topic/name.py")``: the snippet's captured run; failed runs fail."""

    def get(rel: str) -> Execution:
        result = executions[rel]
        if result.error is not None:
            pytest.fail(str(result.error), pytrace=False)
        return result

    return get
