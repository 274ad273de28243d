"""Shared fixtures: every snippet's captured runs, from the same cache the build uses.

The first test that needs a run executes all runs that the cache lacks, two at a time;
a later ``make build`` then executes nothing. A test that asks for ``run`` is run once
per Keras backend (``backend``): what a page states must hold on every backend its
example claims.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from docexec import warm_kernels
from docexec.backends import BACKENDS, NAMES
from docexec.config import Settings
from docexec.results import Execution
from docexec.runner import Runner
from docexec.runs import Runs
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
def executions(settings: Settings) -> dict[str, Runs]:
    """Every snippet's runs, executed in parallel where the cache lacks them."""
    return Runner(settings).run(discover(settings.snippets))


def pytest_configure(config: pytest.Config) -> None:
    # The builds and runs that tests start in subprocesses fork their kernels from the
    # warm servers of this session, rather than each starting up to three of its own.
    warm_kernels.share()


def scratch_environment(*dropped: str) -> dict[str, str]:
    """This session's environment without the reader's settings (``DOCEXEC_``, and
    the prefixes *dropped*), for a build of a project of its own; it keeps the
    session's warm servers."""
    return {
        k: v
        for k, v in os.environ.items()
        if k == warm_kernels.SHARED or not k.startswith(("DOCEXEC_", *dropped))
    }


def build_site(project: Path, site: Path) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of *project* into *site*, as ``make build`` runs it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env={**scratch_environment("MKDOCS_"), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=1800,
    )


@pytest.fixture(scope="session")
def mkdocs_build():
    return build_site


@pytest.fixture(scope="session")
def scratch_env():
    return scratch_environment


@pytest.fixture(scope="session")
def site(executions, tmp_path_factory) -> Path:
    """The real site, built after the tests' own runs filled the cache."""
    failed = [str(e) for runs in executions.values() for e in runs.errors]
    assert not failed, "\n\n".join(failed)
    out = tmp_path_factory.mktemp("site")
    done = build_site(ROOT, out)
    assert done.returncode == 0, done.stderr
    assert "docexec: executing" not in done.stderr  # the cache served every snippet
    return out


@pytest.fixture(scope="session")
def snippet_runs(request: pytest.FixtureRequest, settings: Settings):
    """``snippet_runs("topic/name.py")``: the snippet's runs on every backend.

    The first call executes, in parallel, what the cache lacks of the snippets of the
    topics whose tests were selected (``tests/test_<topic>.py`` checks
    ``snippets/<topic>/``), so that running one test file does not wait for the site.
    """
    topics = request.config.stash[SELECTED_TOPICS]
    results: dict[str, Runs] = {}

    def get(rel: str) -> Runs:
        if not results:
            wanted = [
                s for s in discover(settings.snippets) if s.rel.split("/")[0] in topics
            ]
            results.update(Runner(settings).run(wanted, settings.execute))
        if rel not in results:
            snippet = resolve(settings.snippets, rel)
            results.update(Runner(settings).run([snippet], settings.execute))
        return results[rel]

    return get


def _succeeded(runs: Runs, backend: str) -> Execution:
    result = runs.on(backend)
    if result is None:
        pytest.fail(
            f"{runs.snippet.display} has no run on {NAMES[backend]} "
            "(DOCEXEC_BACKENDS or DOCEXEC_EXECUTE=0 left it out)",
            pytrace=False,
        )
    if result.error is not None:
        pytest.fail(str(result.error), pytrace=False)
    return result


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", BACKENDS)


@pytest.fixture
def run(snippet_runs, backend: str):
    """``run("topic/name.py")``: the snippet's run on this test's backend; a failed run
    fails the test, and a backend the snippet does not claim skips it with the reason
    the snippet's page gives."""

    def get(rel: str) -> Execution:
        runs = snippet_runs(rel)
        if backend not in runs.claim.backends:
            pytest.skip(
                f"{runs.snippet.display} does not run on {NAMES[backend]}: "
                + runs.claim.reason("en")
            )
        return _succeeded(runs, backend)

    return get


@pytest.fixture
def page_run(snippet_runs):
    """``page_run("topic/name.py")``: the run the snippet's page describes (on its
    first claimed backend, TensorFlow for most), for a number tied to a sentence."""

    def get(rel: str) -> Execution:
        runs = snippet_runs(rel)
        return _succeeded(runs, runs.claim.primary)

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
