"""Shared fixtures: every snippet's captured run, from the same cache the build uses.

The first test that needs a run executes all snippets that the cache lacks, two at a
time; a later ``make build`` then executes nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from docexec.config import Settings
from docexec.execute import Runner
from docexec.results import Execution
from docexec.sources import discover, resolve

pytest_plugins = [
    "reuse",  # recorded passes of slow self-contained tests
    "pytester",  # test_reuse.py runs pytest on scratch projects
]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.load(ROOT)


@pytest.fixture(scope="session")
def executions(settings: Settings) -> dict[str, Execution]:
    """Every snippet's run, executed in parallel where the cache lacks it."""
    return Runner(settings).run(discover(settings.snippets))


def build_site(project: Path, site: Path) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of *project* into *site*, as ``make build`` runs it."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DOCEXEC_", "MKDOCS_"))
    }
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=1800,
    )


@pytest.fixture(scope="session")
def mkdocs_build():
    return build_site


@pytest.fixture(scope="session")
def site(executions, tmp_path_factory) -> Path:
    """The real site, built after the tests' own runs filled the cache."""
    failed = [str(r.error) for r in executions.values() if r.error]
    assert not failed, "\n\n".join(failed)
    out = tmp_path_factory.mktemp("site")
    done = build_site(ROOT, out)
    assert done.returncode == 0, done.stderr
    assert "docexec: executing" not in done.stderr  # the cache served every snippet
    return out


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
