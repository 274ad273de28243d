"""The execution cache: one directory per content hash, written atomically.

An entry is complete or absent: it is assembled in a temporary directory and
renamed into place, and its notebook's checksum is verified on every read, so a
build killed half-way or a damaged file is re-executed rather than rendered, and a
damaged entry is replaced by the next run's. Each snippet keeps its few most recently
used entries, so switching branches back and forth stays cheap while a day of edits
does not pile up old versions.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import ENGINE_VERSION
from .config import Settings
from .layout import Layout
from .sources import Snippet, local_imports

KEEP_PER_SNIPPET = 3
ENGINE_DIR = Path(__file__).parent

# The engine's files that decide what a run produces, or how it is stored and read
# back: editing one invalidates every entry.
ENGINE_FILES = (
    "config.py",
    "environment.py",
    "results.py",
    "sources.py",
    "kernel_setup.py",
    "mpl_backend.py",
    "outputs.py",
    "execute.py",
    "warm_kernels.py",
    "cache.py",
    "layout.py",
)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def cache_key(snippet: Snippet, settings: Settings, backend: str) -> str:
    """Hash of everything a run's output depends on.

    The snippet, the local modules it imports, the Keras backend, the locked dependency
    set, the Python version and the engine itself. Prose in pages is not part of it.
    """
    parts = {
        "backend": backend,
        "engine": ENGINE_VERSION,
        "engine_files": {
            n: _digest((ENGINE_DIR / n).read_bytes()) for n in ENGINE_FILES
        },
        "python": sys.version,
        "lock": _digest(settings.lock.read_bytes()) if settings.lock.is_file() else "",
        "snippet": snippet.rel,
        "source": _digest(snippet.path.read_bytes()),
        "imports": {p.name: _digest(p.read_bytes()) for p in local_imports(snippet)},
    }
    return _digest(json.dumps(parts, sort_keys=True).encode())


@dataclass(frozen=True)
class Entry:
    folder: Path
    snippet: str  # the snippet's path under snippets/
    notebook: nbformat.NotebookNode
    seconds: float
    backend: str


class Cache:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.directory = layout.cache

    def _entry_dir(self, key: str) -> Path:
        return self.directory / key

    def load(self, key: str, *, touch: bool = True) -> Entry | None:
        """The entry for *key*, or None when absent or damaged (then it is removed).

        Reading an entry marks it recently used, unless *touch* is false.
        """
        folder = self._entry_dir(key)
        if not folder.is_dir():
            return None
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            data = (folder / meta["notebook"]).read_bytes()
            if _digest(data) != meta["sha256"]:
                raise ValueError("checksum mismatch")
            notebook = nbformat.reads(data.decode("utf-8"), as_version=4)
            entry = Entry(
                folder,
                str(meta["snippet"]),
                notebook,
                float(meta["seconds"]),
                str(meta["backend"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            # Entries appear whole (renamed into place), so a folder with a file
            # missing or damaged is broken, not half-written: drop it.
            shutil.rmtree(folder, ignore_errors=True)
            return None
        if touch:
            with contextlib.suppress(OSError):  # recently used: prune() keeps it
                os.utime(folder / "meta.json")
        return entry

    def store(
        self,
        key: str,
        snippet: Snippet,
        notebook: nbformat.NotebookNode,
        seconds: float,
        backend: str,
    ) -> Entry:
        """Put a run on *backend* in the cache and return it as stored."""
        self.directory.mkdir(parents=True, exist_ok=True)
        name = self.layout.cached_notebook(snippet.rel)
        data = nbformat.writes(notebook).encode("utf-8")
        meta = {
            "snippet": snippet.rel,
            "notebook": name,
            "sha256": _digest(data),
            "seconds": round(seconds, 2),
            "backend": backend,
            "engine": ENGINE_VERSION,
        }
        staging = Path(tempfile.mkdtemp(prefix=f".{key[:12]}-", dir=self.directory))
        try:
            (staging / name).parent.mkdir(parents=True)
            (staging / name).write_bytes(data)
            (staging / "meta.json").write_text(json.dumps(meta, indent=1))
            for path in (staging / name, staging / "meta.json"):
                with open(path, "rb") as fh:
                    os.fsync(fh.fileno())
            try:
                os.rename(staging, self._entry_dir(key))
            except OSError:
                # Another build stored the same key first: its entry is as good as
                # ours. If what is there is broken, load() drops it; ours replaces it.
                if self.load(key) is None:
                    with contextlib.suppress(OSError):
                        os.rename(staging, self._entry_dir(key))
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        self.prune(snippet.rel, backend)
        stored = self.load(key)
        if stored is None:
            raise OSError(f"cache entry {key} vanished right after it was stored")
        return stored

    def entries(self) -> list[Entry]:
        """Every valid entry, most recently used first."""
        found = []
        for folder in self.directory.iterdir() if self.directory.is_dir() else ():
            if folder.name.startswith("."):  # being assembled by store()
                continue
            with contextlib.suppress(OSError):
                used = (folder / "meta.json").stat().st_mtime_ns
                entry = self.load(folder.name, touch=False)
                if entry is not None:
                    found.append((used, entry))
        return [entry for _, entry in sorted(found, key=lambda f: f[0], reverse=True)]

    def prune(self, rel: str, backend: str, keep: int = KEEP_PER_SNIPPET) -> None:
        """Drop all but the *keep* most recently used entries of one snippet's runs on
        one backend."""
        used = []
        for folder in self.directory.iterdir():
            if folder.name.startswith("."):  # being assembled by store()
                continue
            meta = folder / "meta.json"
            try:
                recorded = json.loads(meta.read_text(encoding="utf-8"))
                if (recorded["snippet"], recorded.get("backend")) == (rel, backend):
                    used.append((meta.stat().st_mtime_ns, folder.name))
            except (OSError, ValueError, KeyError, TypeError):
                continue
        for _, name in sorted(used, reverse=True)[keep:]:
            shutil.rmtree(self._entry_dir(name), ignore_errors=True)
