"""What a dependency bump does to the site, before it lands: ``make bump-report``.

Given a candidate lock file, it builds an environment of its own from it, runs every
snippet there into a cache of its own, and compares each run with the one the site
shows now: new errors, new warnings, text that changed, numbers that moved, figures
that changed, and the page-fact tests that fail, worst first, as Markdown. Nothing in
the project's environment or execution cache changes: the current runs are only read.

``python -m docexec bump-report CANDIDATE.lock`` sets up the environment and calls
``python -m docexec bump-compare`` inside it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .backends import NAMES
from .cache import Cache, cache_key
from .config import Settings
from .layout import Layout
from .prose import NUMBER_RE
from .results import Execution
from .runner import Runner
from .sources import discover

# Keras prints how long each epoch and step took; those are run times, not results.
TIMING = re.compile(r"\b\d+(?:\.\d+)?(?:ms|us|s)(?:/step)?\b")
FAILED = re.compile(r"^FAILED (?P<test>tests/\S+)(?: - (?P<why>.*))?$", re.M)


@dataclass
class Change:
    snippet: str
    error: str = ""
    warnings: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # cells whose words changed
    numbers: list[tuple[str, str, str]] = field(default_factory=list)  # old, new, where
    figures: list[str] = field(default_factory=list)

    @property
    def severity(self) -> tuple[int, float]:
        """Sort key, worst first: errors, warnings, text, numbers (by how far they
        moved), figures."""
        if self.error:
            return (1, 0.0)
        if self.warnings:
            return (2, 0.0)
        if self.text:
            return (3, 0.0)
        if self.numbers:
            return (4, -max(abs(_relative(a, b)) for a, b, _ in self.numbers))
        return (5 if self.figures else 6, 0.0)


def _relative(old: str, new: str) -> float:
    """The signed relative change from *old* to *new* (+0.1 is 10 % more)."""
    a, b = (float(x.replace(",", "")) for x in (old, new))
    return (b - a) / abs(a) if a else float(b != a)


def _warnings(execution: Execution) -> set[str]:
    return {
        line.strip()
        for cell in execution.cells
        for output in cell.outputs
        if output.kind == "stderr"
        for line in output.text.splitlines()
        if "Warning" in line
    }


def _first_difference(old: str, new: str) -> str:
    """The first line whose words changed, before and after (numbers aside)."""
    pairs = itertools.zip_longest(old.splitlines(), new.splitlines(), fillvalue="")
    for before, after in pairs:
        if NUMBER_RE.sub("#", before) != NUMBER_RE.sub("#", after):
            return f"`{before.strip()[:70]}` → `{after.strip()[:70]}`"
    return "line breaks"


def compare(old: Execution | None, new: Execution) -> Change:
    """How the candidate's run of a snippet differs from the current one."""
    change = Change(f"{new.snippet.rel} on {new.backend}")
    if new.error is not None:
        change.error = f"{new.error.location}: {new.error.message}"
        return change
    if old is None:
        change.text.append("no current run to compare with")
        return change
    change.warnings = sorted(_warnings(new) - _warnings(old))
    for before, after in zip(old.cells, new.cells, strict=False):
        where = f"cell {before.number} {before.title}".rstrip()
        a, b = (TIMING.sub("<time>", cell.stdout) for cell in (before, after))
        if NUMBER_RE.sub("#", a) != NUMBER_RE.sub("#", b):
            change.text.append(f"{where}: {_first_difference(a, b)}")
        else:
            moved = [
                (x, y, where)
                for x, y in zip(NUMBER_RE.findall(a), NUMBER_RE.findall(b), strict=True)
                if x != y
            ]
            change.numbers += moved
        if [f.png for f in before.figures] != [f.png for f in after.figures]:
            change.figures.append(where)
    if len(old.cells) != len(new.cells):
        change.text.append(f"{len(old.cells)} cells before, {len(new.cells)} now")
    return change


def failing_tests(settings: Settings, cache: Path) -> dict[str, list[str]]:
    """Page-fact tests that fail on the candidate's runs, by topic."""
    topics = sorted({s.rel.split("/")[0] for s in discover(settings.snippets)})
    files = [
        f"tests/test_{t}.py"
        for t in topics
        if (settings.root / f"tests/test_{t}.py").exists()
    ]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rf", *files],
        cwd=settings.root,
        env={**os.environ, "DOCEXEC_CACHE": str(cache)},
        capture_output=True,
        text=True,
    )
    found: dict[str, list[str]] = {}
    for match in FAILED.finditer(done.stdout):
        topic = match["test"].split("/")[1].removeprefix("test_").split(".py")[0]
        found.setdefault(topic, []).append(match["test"].split("::", 1)[1])
    return found


def report(changes: list[Change], tests: dict[str, list[str]], versions: str) -> str:
    """The Markdown report, worst first: failing page facts, then each snippet."""
    changed = [c for c in changes if c.severity[0] < 6]
    lines = [f"# Bump report: {versions}", ""]
    failing = sum(len(names) for names in tests.values())
    lines += [f"## Page facts that fail: {failing}", ""]
    for topic, names in sorted(tests.items()):
        lines += [f"- `tests/test_{topic}.py::{name}`" for name in names]
    lines += [
        "",
        f"## Snippets: {len(changed)} of {len(changes)} differ from the site's runs",
        "",
        "| snippet | error | new warnings | text changed | numbers moved | figures |",
        "|---|---|---|---|---|---|",
    ]
    for change in sorted(changed, key=lambda c: (c.severity, c.snippet)):
        numbers = "; ".join(
            f"{a} → {b} ({_relative(a, b):+.1%})" for a, b, _ in change.numbers[:4]
        )
        if len(change.numbers) > 4:
            numbers += f"; … {len(change.numbers) - 4} more"
        cells = [
            change.error,
            "<br>".join(change.warnings)[:300],
            "<br>".join(change.text),
            numbers,
            ", ".join(change.figures),
        ]
        lines.append(f"| `{change.snippet}` | " + " | ".join(cells) + " |")
    same = len(changes) - len(changed)
    lines += ["", f"{same} snippets print and draw exactly what they do now.", ""]
    return "\n".join(lines)


def bump_compare(settings: Settings, current: Path, out: Path) -> str:
    """Run in the candidate environment: execute everything, compare, report."""
    snippets = discover(settings.snippets)
    ran = [
        e for runs in Runner(settings).run(snippets).values() for e in runs.executions
    ]
    layout = Layout.of(settings)
    now = Cache(dataclasses.replace(layout, cache=current))
    tests = failing_tests(settings, settings.cache)
    changes = [compare(_current(now, e, settings), e) for e in ran]
    found: dict[str, str] = {}
    for execution in ran:
        env = execution.environment
        found.setdefault("Keras", env.get("keras", ""))
        found.setdefault(
            NAMES.get(env["backend"], env["backend"]), env["backend_version"]
        )
    versions = ", ".join(f"{name} {version}" for name, version in found.items())
    text = report(changes, tests, versions)
    out.write_text(text)
    return text


def _current(cache: Cache, new: Execution, settings: Settings) -> Execution | None:
    """The project's run of the same snippet on the same backend, if it has one."""
    entry = cache.load(cache_key(new.snippet, settings, new.backend), touch=False)
    if entry is None:
        return None
    return Execution(
        new.snippet, entry.notebook, entry.seconds, from_cache=True, backend=new.backend
    )


def bump_report(settings: Settings, candidate: Path) -> int:
    """Set up the candidate's environment, then compare there (see module doc)."""
    digest = hashlib.sha256(candidate.read_bytes()).hexdigest()[:12]
    work = settings.root / ".cache" / "bump" / digest
    venv = work / "venv"
    python = venv / "bin" / "python"
    if not (venv / ".installed").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(python), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, "--upgrade", "pip"], check=True)
        subprocess.run([*pip, "-r", str(candidate.resolve())], check=True)
        (venv / ".installed").touch()
    env = {
        **os.environ,
        "DOCEXEC_CACHE": str(work / "cache"),
        "PYTHONPATH": str(settings.root),  # the engine from this checkout, uninstalled
    }
    out = work / "report.md"
    done = subprocess.run(
        [str(python), "-m", "docexec", "bump-compare", str(settings.cache), str(out)],
        cwd=settings.root,
        env=env,
    )
    if done.returncode == 0:
        print(out.read_text())
        print(f"(report saved in {out})")
    return done.returncode
