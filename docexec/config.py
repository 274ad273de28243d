"""Settings shared by the MkDocs plugin, the tests and the command line.

They live in ``[tool.docexec]`` of the project's ``pyproject.toml`` so that the
build and the tests cannot disagree about where snippets are or where the cache is.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    root: Path
    snippets: Path
    cache: Path
    lock: Path
    timeout: float
    jobs: int
    execute: bool

    @classmethod
    def load(cls, root: Path) -> Settings:
        """Read ``pyproject.toml`` under *root*; environment variables override it.

        ``DOCEXEC_CACHE`` moves the cache (tests use a scratch one);
        ``DOCEXEC_EXECUTE=0`` renders from the cache only, for writers editing prose.
        """
        root = root.resolve()
        with open(root / "pyproject.toml", "rb") as fh:
            table = tomllib.load(fh).get("tool", {}).get("docexec", {})
        cache = os.environ.get("DOCEXEC_CACHE") or table.get("cache", ".cache/docexec")
        return cls(
            root=root,
            snippets=root / table.get("snippets", "snippets"),
            cache=(root / cache).resolve(),
            lock=root / table.get("lock", "requirements.lock"),
            timeout=float(os.environ.get("DOCEXEC_TIMEOUT", table.get("timeout", 300))),
            jobs=int(os.environ.get("DOCEXEC_JOBS", table.get("jobs", 2))),
            execute=os.environ.get("DOCEXEC_EXECUTE", "1") != "0",
        )
