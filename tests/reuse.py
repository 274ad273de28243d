"""Passes of slow, self-contained tests, reused while nothing they exercise has changed.

The engine's own tests build small projects in scratch folders, start real kernels and
builds, clone repositories and deploy: seconds each, and their outcome can only change
when the code they run changes. A test marked

    @pytest.mark.reuse_while_unchanged("snippets/activations")

records its pass under one hash of everything it can see, and while that hash is
unchanged a later run counts the recorded pass instead of calling the test again (its
fixtures still run, so only what the test's body does is skipped). The hash covers:

- the test's node id, the text of its module and of the helpers beside it (every
  ``.py`` file in its folder whose name does not start with ``test_``: conftest,
  this file, the page and run helpers);
- the engine (``docexec/``), the settings and pins (``pyproject.toml``,
  ``requirements.lock``), and every path the marker names (files, or folders read
  whole, ``__pycache__`` left out), each by its path and bytes;
- Python's version, the platform, and the name and version of every installed
  distribution, so a package installed or upgraded by hand re-runs the test.

A failing or skipped test records nothing. Records live in ``.cache/test-results/``
(git-ignored), one file per test, written to a temporary file and renamed into place. A
fresh clone has none, so CI runs every test; ``pytest --no-reuse`` runs every test here.
The terminal summary says how many passes were reused.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

RECORDS = Path(".cache") / "test-results"  # under the project's root
MARKER = "reuse_while_unchanged"
ALWAYS = ("docexec", "pyproject.toml", "requirements.lock")
REUSED = pytest.StashKey[list[str]]()
KEY = pytest.StashKey[str]()


def _files(root: Path, rel: str) -> Iterator[Path]:
    path = root / rel
    if path.is_file():
        yield path
    elif path.is_dir():
        for p in sorted(path.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                yield p
    else:
        raise pytest.UsageError(f"{MARKER}: {rel} does not exist")


def _environment() -> str:
    installed = sorted(
        f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()
    )
    return "\n".join([sys.version, platform.platform(), *installed])


def _key(item: pytest.Item, paths: tuple[str, ...], environment: str) -> str:
    root = item.config.rootpath
    digest = hashlib.sha256()
    digest.update(f"{item.nodeid}\n{environment}\n".encode())
    module = item.path.relative_to(root)
    helpers = {
        p.relative_to(root).as_posix()
        for p in item.path.parent.glob("*.py")
        if not p.name.startswith("test_")
    }
    for rel in sorted({module.as_posix(), *helpers, *ALWAYS, *paths}):
        for path in _files(root, rel):
            digest.update(f"{path.relative_to(root).as_posix()}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _record(item: pytest.Item) -> Path:
    name = hashlib.sha256(item.nodeid.encode()).hexdigest()[:32]
    return item.config.rootpath / RECORDS / f"{name}.json"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--no-reuse",
        action="store_true",
        help=f"run every @{MARKER} test instead of reusing its recorded pass",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(*paths): reuse the test's recorded pass while the engine, the pins, "
        "the test's code and these project paths are unchanged (tests/reuse.py)",
    )
    config.stash[REUSED] = []


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    marked = [i for i in items if i.get_closest_marker(MARKER)]
    if not marked:
        return
    environment = _environment()
    for item in marked:
        marker = item.get_closest_marker(MARKER)
        assert marker is not None
        item.stash[KEY] = _key(item, tuple(marker.args), environment)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    key = pyfuncitem.stash.get(KEY, None)
    if key is None or pyfuncitem.config.getoption("no_reuse"):
        return None
    try:
        recorded = json.loads(_record(pyfuncitem).read_text())
    except (OSError, ValueError):
        return None
    if recorded.get("key") != key:
        return None
    pyfuncitem.config.stash[REUSED].append(pyfuncitem.nodeid)
    return True  # the body is not called: the same code passed on the same inputs


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    outcome = yield
    report = outcome.get_result()
    key = item.stash.get(KEY, None)
    if (
        key is None
        or call.when != "call"
        or not report.passed
        or item.nodeid in item.config.stash[REUSED]
    ):
        return
    record = _record(item)
    record.parent.mkdir(parents=True, exist_ok=True)
    fd, staging = tempfile.mkstemp(dir=record.parent, prefix=".tmp-")
    with os.fdopen(fd, "w") as out:
        json.dump({"test": item.nodeid, "key": key, "passed": time.time()}, out)
    os.replace(staging, record)


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    reused = config.stash[REUSED]
    if reused:
        terminalreporter.write_line(
            f"{len(reused)} recorded passes reused: nothing those tests exercise "
            "changed (tests/reuse.py; --no-reuse runs them)"
        )
