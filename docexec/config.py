"""Settings shared by the MkDocs plugin, the tests and the command line.

They live in ``[tool.docexec]`` of the project's ``pyproject.toml`` so that the
build and the tests cannot disagree about where snippets are or where the cache is.
Environment variables override them for one run (all are listed in ``ENVIRONMENT``
and in the README).
"""

from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BACKENDS = (
    "tensorflow",
    "jax",
    "torch",
)  # Keras's backends, in the order pages list them


def parse(names: str) -> tuple[str, ...]:
    """``"tensorflow, jax"`` as backends in the order of BACKENDS; ValueError if one is
    unknown or none is given."""
    given = [name.strip() for name in names.split(",") if name.strip()]
    unknown = sorted(set(given) - set(BACKENDS))
    if unknown or not given:
        raise ValueError(f"backends are {', '.join(BACKENDS)}; got {names.strip()!r}")
    return tuple(b for b in BACKENDS if b in given)


# Key in [tool.docexec] -> (type, default, what it sets).
KEYS: dict[str, tuple[type, Any, str]] = {
    "snippets": (str, "snippets", "folder of the snippet files"),
    "cache": (str, ".cache/docexec", "folder of the execution cache"),
    "lock": (str, "requirements.lock", "locked dependency set, part of every key"),
    "timeout": (float, 300.0, "seconds a snippet may run"),
    "jobs": (int, 2, "snippets executed in parallel"),
}

ENVIRONMENT = {
    "DOCEXEC_CACHE": "use another cache folder (tests and benchmarks use scratch ones)",
    "DOCEXEC_EXECUTE": "0: render from the cache only, execute nothing (prose edits)",
    "DOCEXEC_TIMEOUT": "override timeout (seconds per snippet)",
    "DOCEXEC_JOBS": "override jobs (snippets executed in parallel)",
    "DOCEXEC_BACKENDS": "execute only on these backends, comma-separated (`make serve` "
    "sets tensorflow; the others show as not yet run unless cached)",
    "DOCEXEC_WARM_SERVERS": "set by a test session for the builds it starts: where "
    "they find its warm kernel servers (warm_kernels.share)",
}


class SettingsError(ValueError):
    """``[tool.docexec]`` names a key the engine does not know, or a wrong type."""


def _checked(table: dict[str, Any], source: Path) -> dict[str, Any]:
    where = f"{source}: [tool.docexec]"
    for key in table:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            known = ", ".join(f"{k} ({v[2]})" for k, v in KEYS.items())
            raise SettingsError(f"{where}: unknown key {key!r}{hint}; known: {known}")
    values = {}
    for key, (kind, default, _) in KEYS.items():
        value = table.get(key, default)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise SettingsError(
                f"{where}: {key} must be {kind.__name__}, got {value!r}"
            )
        values[key] = value
    return values


@dataclass(frozen=True)
class Settings:
    root: Path
    snippets: Path
    cache: Path
    lock: Path
    timeout: float
    jobs: int
    execute: bool
    backends: tuple[str, ...] = BACKENDS  # executed; runs of the others only if cached

    @classmethod
    def load(cls, root: Path) -> Settings:
        """Read ``pyproject.toml`` under *root*; environment variables override it."""
        root = root.resolve()
        source = root / "pyproject.toml"
        with open(source, "rb") as fh:
            table = tomllib.load(fh).get("tool", {}).get("docexec", {})
        values = _checked(table, source)
        cache = os.environ.get("DOCEXEC_CACHE") or values["cache"]
        return cls(
            root=root,
            snippets=root / values["snippets"],
            cache=(root / cache).resolve(),
            lock=root / values["lock"],
            timeout=float(os.environ.get("DOCEXEC_TIMEOUT", values["timeout"])),
            jobs=int(os.environ.get("DOCEXEC_JOBS", values["jobs"])),
            execute=os.environ.get("DOCEXEC_EXECUTE", "1") != "0",
            backends=_backends(os.environ.get("DOCEXEC_BACKENDS", "")),
        )


def _backends(names: str) -> tuple[str, ...]:
    if not names.strip():
        return BACKENDS
    try:
        return parse(names)
    except ValueError as exc:
        raise SettingsError(f"DOCEXEC_BACKENDS: {exc}") from None
