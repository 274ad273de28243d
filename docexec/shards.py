"""Execution split over several machines, then merged: the CI matrix as the engine.

``python -m docexec run --shard K/N`` executes only shard K of N: every run (a snippet
on one backend it claims) is assigned to exactly one shard, longest first onto the
least loaded shard, by the durations of the last recorded runs (a default for runs
never made), so the shards finish at about the same time. Each shard leaves a manifest
beside its cache entries.
``python -m docexec merge CACHE...`` copies the shards' entries into the project's
cache after checking that the manifests cover every run exactly once, with a valid
entry for each; a build after it executes nothing.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from .backends import claim
from .cache import Cache, cache_key
from .config import Settings
from .layout import Layout
from .sources import Snippet

NEW_SNIPPET_SECONDS = 10.0  # a run never made yet: about a typical one
Unit = tuple[str, str]  # (snippet, backend): one run, what a shard is given


def name(unit: Unit) -> str:
    """``topic/name.py@jax``: a run as manifests and plans write it."""
    return f"{unit[0]}@{unit[1]}"


def units(snippets: list[Snippet]) -> list[Unit]:
    """Every run the snippets claim, on every backend (a shard runs all it is given)."""
    return [(s.rel, b) for s in snippets for b in claim(s).backends]


class ShardError(ValueError):
    """A shard spec that makes no sense, or shards that do not add up."""


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    @classmethod
    def parse(cls, spec: str) -> Shard:
        """``"2/3"``: the second of three shards."""
        left, _, right = spec.partition("/")
        if not (left.isdigit() and right.isdigit() and 1 <= int(left) <= int(right)):
            raise ShardError(f"--shard takes K/N with 1 <= K <= N, got {spec!r}")
        return cls(int(left), int(right))

    @property
    def manifest(self) -> str:
        """The manifest's file name in the shard's cache folder."""
        return f".shard-{self.index}-of-{self.count}.json"


def durations(cache: Cache) -> dict[Unit, float]:
    """Each run's time in its most recently used entry, of any version."""
    found: dict[Unit, float] = {}
    for entry in cache.entries():
        found.setdefault((entry.snippet, entry.backend), entry.seconds)
    return found


def plan(units: list[Unit], seconds: dict[Unit, float], count: int) -> list[list[Unit]]:
    """Runs per shard: longest first, each onto the shard with the least work."""
    loads = [0.0] * count
    shards: list[list[Unit]] = [[] for _ in range(count)]
    timed = sorted(
        ((seconds.get(unit, NEW_SNIPPET_SECONDS), unit) for unit in units),
        key=lambda item: (-item[0], item[1]),
    )
    for duration, unit in timed:
        lightest = loads.index(min(loads))
        shards[lightest].append(unit)
        loads[lightest] += duration
    return [sorted(shard) for shard in shards]


def describe(shards: list[list[Unit]], seconds: dict[Unit, float]) -> str:
    lines = []
    for number, shard in enumerate(shards, start=1):
        total = sum(seconds.get(unit, NEW_SNIPPET_SECONDS) for unit in shard)
        lines.append(f"shard {number}/{len(shards)}: {len(shard)} runs, ~{total:.0f} s")
        lines += [f"  {name(unit)}" for unit in shard]
    return "\n".join(lines)


def write_manifest(
    settings: Settings,
    shard: Shard,
    snippets: list[Snippet],
    given: list[Unit],
    executed: list[Unit],
) -> Path:
    """Record what this shard was given, under which keys, and what it executed."""
    path = settings.cache / shard.manifest
    settings.cache.mkdir(parents=True, exist_ok=True)
    by_rel = {s.rel: s for s in snippets}
    manifest = {
        "shard": [shard.index, shard.count],
        "runs": {
            name(unit): cache_key(by_rel[unit[0]], settings, unit[1]) for unit in given
        },
        "executed": sorted(map(name, executed)),
    }
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return path


def merge(settings: Settings, snippets: list[Snippet], caches: list[Path]) -> list[str]:
    """Copy every shard's entries into the project's cache; return the runs merged.

    Raises ShardError naming each run that no shard covered, that two shards covered,
    or whose entry is missing, damaged or of another version.
    """
    manifests: dict[int, tuple[Path, dict[str, str]]] = {}
    count = None
    problems: list[str] = []
    for folder in caches:
        found = sorted(folder.glob(".shard-*-of-*.json"))
        if len(found) != 1:
            raise ShardError(
                f"{folder}: expected one shard manifest, found {len(found)}"
            )
        data = json.loads(found[0].read_text())
        index, total = data["shard"]
        if count not in (None, total):
            problems.append(f"{folder}: shard of {total}, the others are of {count}")
        count = total
        if index in manifests:
            problems.append(f"{folder}: shard {index}/{total} given twice")
        manifests[index] = (folder, data["runs"])
    if count is not None:
        missing = sorted(set(range(1, count + 1)) - set(manifests))
        problems += [f"shard {k}/{count} is missing" for k in missing]
    owners: dict[str, list[int]] = {}
    for index, (_, given) in manifests.items():
        for run in given:
            owners.setdefault(run, []).append(index)
    by_rel = {s.rel: s for s in snippets}
    wanted = {
        name(unit): cache_key(by_rel[unit[0]], settings, unit[1])
        for unit in units(snippets)
    }
    for run in sorted(wanted):
        shards_of = owners.get(run, [])
        if not shards_of:
            problems.append(f"{run}: in no shard")
        elif len(shards_of) > 1:
            problems.append(f"{run}: in shards {shards_of}, run more than once")
    merged = []
    layout = Layout.of(settings)
    for index, (folder, given) in sorted(manifests.items()):
        shard_cache = Cache(Layout(layout.downloads, folder))
        for run, key in sorted(given.items()):
            if run not in wanted:
                problems.append(f"{run}: shard {index} ran a run no longer claimed")
            elif key != wanted[run]:
                problems.append(f"{run}: shard {index} ran another version of it")
            elif shard_cache.load(key, touch=False) is None:
                problems.append(f"{run}: shard {index} has no valid entry for it")
            else:
                merged.append((folder / key, run))
    if problems:
        raise ShardError("shards do not add up:\n  " + "\n  ".join(problems))
    settings.cache.mkdir(parents=True, exist_ok=True)
    for source, _ in merged:
        target = settings.cache / source.name
        if not target.exists():
            staging = settings.cache / f".{source.name[:12]}-merge"
            shutil.rmtree(staging, ignore_errors=True)
            shutil.copytree(source, staging)
            staging.rename(target)  # whole or absent, as the cache's own entries
    return sorted(rel for _, rel in merged)
