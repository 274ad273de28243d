"""What a run ran on: the versions and the machine, recorded in each executed notebook.

The engine and the kernel run in the same environment (the locked one, whose hash is
part of every cache key), so the versions are read here, without importing the
libraries themselves.
"""

from __future__ import annotations

import datetime
import importlib.metadata
import platform
from functools import cache
from pathlib import Path


@cache
def _providers() -> dict[str, list[str]]:
    """Each top-level module's distributions: a scan of every installed one."""
    return dict(importlib.metadata.packages_distributions())


@cache
def _distribution(module: str) -> tuple[str, str] | None:
    """The installed distribution that provides the top-level *module*, and its
    version: ("tensorflow-cpu", "2.21.0") for ``tensorflow``."""
    names = _providers().get(module)
    if not names:
        return None
    found = importlib.metadata.distribution(names[0])
    return found.metadata["Name"], found.version


def distributions(modules: set[str]) -> dict[str, str]:
    """Name -> version of the distributions that provide *modules*, sorted."""
    found = dict(filter(None, map(_distribution, sorted(modules))))
    return dict(sorted(found.items(), key=lambda item: item[0].lower()))


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def current(backend: str) -> dict[str, str]:
    """The environment of a run on the Keras *backend* that happens now."""
    keras, library = _distribution("keras"), _distribution(backend)
    return {
        "python": platform.python_version(),
        "keras": keras[1] if keras else "",
        "backend": backend,
        "backend_version": library[1] if library else "",
        "cpu": _cpu(),
        "date": datetime.datetime.now(datetime.UTC).date().isoformat(),
    }
