"""``make bench``: what execution costs a writer and CI, measured on this machine.

Works on a copy of the project's files, whose own cache starts empty, so the checkout
and its cache are untouched. Scenarios: each snippet run alone with ``python`` on each
Keras backend it claims (the baseline), a cold build, a warm build, a render-only
build, a build after one snippet changed, the test suite after a build, a build after a
test run, the engine's own cost per snippet, and ``make test`` cold (no cache at all),
warm (nothing changed) and after one prose edit. Prints a Markdown table with the
ratios the project targets, and one of each backend's runs in the cold build: how many,
their total and the slowest.

``--only make-test`` measures the ``make test`` scenarios alone; ``--only shards`` a
cold build against the same execution split over two shards (run one after the other
here; on two CI machines they run side by side) and the merge and build after them.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docexec.backends import BACKENDS, NAMES, claim
from docexec.config import Settings
from docexec.execute import determinism_env
from docexec.runner import Runner
from docexec.sources import discover

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
VENV = Path(sys.prefix)  # `make setup`'s environment, which runs this script
# `make test` in the copy, with the environment already set up (hence `-o`).
MAKE_TEST = ["make", "-o", "setup", "-o", f"{VENV}/.installed", "test", f"VENV={VENV}"]
# One page, whose facts the edit leaves alone. Korean: an English prose edit would make
# its Korean twin stale, which fails the strict build until the translation is updated.
PROSE_EDIT = "docs/lifecycle/fit.ko.md"
ADDED_SENTENCE = "\n이 문장은 벤치마크가 덧붙였습니다.\n"
REPEATS = 3  # short scenarios are repeated and their median reported
OVERHEAD_RUNS = 5  # the empty snippet's run is shorter still


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str]:
    start = time.monotonic()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - start
    if done.returncode != 0:
        sys.exit(
            f"failed: {' '.join(cmd)}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        )
    return seconds, done.stdout + done.stderr


def copy_project(target: Path) -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for rel in tracked:
        if (ROOT / rel).is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, target / rel)


def _entries(folder: Path) -> dict[str, int]:
    """Each cache entry's name and modification time: new or rewritten ones differ."""
    if not folder.is_dir():
        return {}
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def make_test_rows(project: Path, env: dict[str, str]) -> list[tuple]:
    """``make test`` from no cache at all, then with nothing changed, then after one
    prose edit; with the snippets each executed and the page checks each ran."""
    caches = project / ".cache"
    shutil.rmtree(caches, ignore_errors=True)

    def row(scenario: str, target: str) -> tuple:
        runs, checks = _entries(caches / "docexec"), _entries(caches / "page-checks")
        seconds, log = timed(MAKE_TEST, project, env)
        verdict = [line for line in log.splitlines() if " passed" in line][-1]
        executed = set(_entries(caches / "docexec")) - set(runs)
        rechecked = _entries(caches / "page-checks").items() - checks.items()
        reused = re.search(r"^(\d+) recorded passes reused", log, re.M)
        name = (
            f"`make test` {scenario}: {len(rechecked)} page checks ran, "
            f"{reused.group(1) if reused else 0} recorded passes reused"
        )
        return (f"{name} ({verdict.strip('= ')})", seconds, len(executed), target, "")

    rows = [
        row("cold, no cache at all", ""),
        row("warm, nothing changed", "≤ 90 s, executes and re-checks none"),
    ]
    page = project / PROSE_EDIT
    page.write_text(page.read_text() + ADDED_SENTENCE)
    rows.append(
        row(
            f"after a prose edit of `{PROSE_EDIT}`",
            "re-checks that page alone (load, axe-core light and dark)",
        )
    )
    return rows


def shard_rows(project: Path, env: dict[str, str], cold: float) -> list[tuple]:
    """Two shards, each in a copy of its own, then a third copy that merges them.

    The copies take the project's cache for the run times that pack the shards, and a
    changed lock file, so that every snippet must execute again.
    """
    copies = []
    for name in ("shard1", "shard2", "merged"):
        copy = project.parent / name
        shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site"))
        with open(copy / "requirements.lock", "a") as lock:
            lock.write("# bench: a new lock, so every snippet runs again\n")
        copies.append(copy)
    rows: list[tuple] = []
    shard_times = []
    for index, copy in enumerate(copies[:2], start=1):
        seconds, log = timed(
            [PYTHON, "-m", "docexec", "run", "--shard", f"{index}/2"],
            copy,
            {**env, "PYTHONPATH": str(copy)},
        )
        shard_times.append(seconds)
        ran = log.count("docexec: executing")
        rows.append(
            (f"shard {index}/2 (`docexec run --shard {index}/2`)", seconds, ran, "", "")
        )
    merged = copies[2]
    caches = [str(c / ".cache" / "docexec") for c in copies[:2]]
    merge_seconds, _ = timed(
        [PYTHON, "-m", "docexec", "merge", *caches],
        merged,
        {**env, "PYTHONPATH": str(merged)},
    )
    build = [PYTHON, "-m", "mkdocs", "build", "--strict", "-d", str(merged / "site")]
    build_seconds, log = timed(build, merged, {**env, "PYTHONPATH": str(merged)})
    rows.append(
        (
            "merge, then build",
            merge_seconds + build_seconds,
            log.count("docexec: executing"),
            "executes none",
            "",
        )
    )
    rows.append(
        (
            "two machines: slower shard + merge and build",
            max(shard_times) + merge_seconds + build_seconds,
            "",
            "against the cold build",
            (max(shard_times) + merge_seconds + build_seconds) / cold,
        )
    )
    return rows


def print_table(rows: list[tuple]) -> None:
    print("| scenario | time | snippets executed | target | ratio |")
    print("|---|---:|---:|---|---:|")
    for name, seconds, runs, target, ratio in rows:
        shown = f"{ratio:.2f}" if ratio != "" else ""
        print(f"| {name} | {seconds:.1f} s | {runs} | {target} | {shown} |")


def main() -> None:
    only_make_test = sys.argv[1:] == ["--only", "make-test"]
    work = Path(tempfile.mkdtemp(prefix="docexec-bench-"))
    project, scratch = work / "project", work / "scratch"
    cache = project / ".cache" / "docexec"
    project.mkdir()
    scratch.mkdir()
    copy_project(project)
    env = {
        **os.environ,
        "PYTHONPATH": str(project),
        "NO_MKDOCS_2_WARNING": "1",
        "MPLBACKEND": "Agg",
        "TF_CPP_MIN_LOG_LEVEL": "3",
    }
    if only_make_test:
        print_table(make_test_rows(project, env))
        shutil.rmtree(work, ignore_errors=True)
        return
    build = [PYTHON, "-m", "mkdocs", "build", "--strict", "-d", str(work / "site")]
    if sys.argv[1:] == ["--only", "shards"]:
        cold, log = timed(build, project, env)
        ran = log.count("docexec: executing")
        print_table(
            [("cold build", cold, ran, "", "")] + shard_rows(project, env, cold)
        )
        shutil.rmtree(work, ignore_errors=True)
        return
    found = discover(project / "snippets")
    snippets = [s.path for s in found]
    backends = {s.path: claim(s).backends for s in found}

    def alone(path: Path) -> float:
        """The snippet run with ``python`` once on each backend it claims."""
        seconds = 0.0
        for backend in backends[path]:
            ran, _ = timed(
                [PYTHON, str(path)], scratch, {**env, **determinism_env(backend)}
            )
            print(
                f"standalone {path.relative_to(project)} on {backend}: {ran:.1f} s",
                file=sys.stderr,
            )
            seconds += ran
        return seconds

    standalone = {path: alone(path) for path in snippets}
    total_alone = sum(standalone.values())

    def run_build(extra: dict[str, str] | None = None) -> tuple[float, int]:
        seconds, log = timed(build, project, {**env, **(extra or {})})
        return seconds, log.count("docexec: executing")

    cold, cold_runs = run_build()
    per_backend = backend_rows(project)
    # Warm and render-only builds take seconds each: the median of a few, interleaved.
    warms, render_onlys = [], []
    for _ in range(REPEATS):
        warms.append(run_build())
        render_onlys.append(run_build({"DOCEXEC_EXECUTE": "0"}))
    warm = statistics.median(seconds for seconds, _ in warms)
    warm_runs = max(runs for _, runs in warms)
    render_only = statistics.median(seconds for seconds, _ in render_onlys)

    # One snippet changed, a new edit each time, against its own standalone runs.
    changed = sorted(snippets, key=standalone.get)[len(snippets) // 2]
    original = changed.read_text()
    changed_alone = alone(changed)
    ones = []
    for edit in range(REPEATS):
        changed.write_text(original + f"\n# edited by make bench ({edit})\n")
        ones.append(run_build())
    one = statistics.median(seconds for seconds, _ in ones)
    one_runs = max(runs for _, runs in ones)

    before = set(cache.iterdir())
    start = time.monotonic()
    pytest = subprocess.run(
        [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    tests = time.monotonic() - start
    verdict = pytest.stdout.strip().splitlines()[-1] if pytest.stdout.strip() else "?"
    test_runs = len(set(cache.iterdir()) - before)  # new entries: executed runs

    # The reverse order: a test run executes a changed snippet; the build reuses it.
    second = sorted(snippets, key=standalone.get)[len(snippets) // 2 - 1]
    second.write_text(second.read_text() + "\n# edited by make bench\n")
    topic_tests = Path("tests") / f"test_{second.parent.name}.py"
    before = set(cache.iterdir())
    topic_seconds, _ = timed(
        [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(topic_tests)],
        project,
        env,
    )
    topic_runs = len(set(cache.iterdir()) - before)
    after_tests, after_tests_runs = run_build()

    # Overhead: a snippet that only prints, through the whole engine (cache key, kernel
    # start, set-up, capture, shutdown, cache write and read) against plain ``python``.
    tiny = scratch / "tiny"
    (tiny / "snippets" / "t").mkdir(parents=True)
    (tiny / "snippets" / "t" / "empty.py").write_text("print('hello')\n")
    (tiny / "pyproject.toml").write_text('[tool.docexec]\ncache = "c"\n')
    shutil.copy2(project / "requirements.lock", tiny / "requirements.lock")
    probe = (
        "import sys, time; from pathlib import Path; "
        "from docexec.config import Settings; "
        "from docexec.runner import Runner; from docexec.sources import discover; "
        "s = Settings.load(Path(sys.argv[1])); start = time.monotonic(); "
        "Runner(s).run(discover(s.snippets)); "
        "print('ENGINE_SECONDS', time.monotonic() - start)"
    )
    engine_runs, python_runs = [], []
    for _ in range(OVERHEAD_RUNS):
        shutil.rmtree(tiny / "c", ignore_errors=True)
        _, said = timed([PYTHON, "-c", probe, str(tiny)], scratch, env)
        engine_runs.append(float(re.search(r"ENGINE_SECONDS (\S+)", said).group(1)))
        python_runs.append(
            timed([PYTHON, str(tiny / "snippets" / "t" / "empty.py")], scratch, env)[0]
        )
    overhead = statistics.median(engine_runs) - statistics.median(python_runs)
    typical = statistics.median(standalone.values())

    edited = (
        f"one snippet changed (`{changed.relative_to(project)}`, median of {REPEATS})"
    )
    rows = [
        ("each snippet alone (`python`), summed", total_alone, len(snippets), "", ""),
        (f"render-only build (median of {REPEATS})", render_only, 0, "", ""),
        (
            "cold build",
            cold,
            cold_runs,
            "≤ 0.65 × summed alone + render-only",
            (cold - render_only) / total_alone,
        ),
        (
            f"warm build (median of {REPEATS})",
            warm,
            warm_runs,
            "≤ 1.2 × render-only",
            warm / render_only,
        ),
        (
            edited,
            one,
            one_runs,
            f"≤ 1.1 × (its {changed_alone:.1f} s alone on its backends + warm)",
            one / (changed_alone + warm),
        ),
        (
            f"`pytest` after the build ({verdict.strip('= ')})",
            tests,
            test_runs,
            "executes none",
            "",
        ),
        (
            f"`pytest {topic_tests}` after `{second.relative_to(project)}` changed",
            topic_seconds,
            topic_runs,
            "executes only that snippet",
            "",
        ),
        (
            "build after that test run",
            after_tests,
            after_tests_runs,
            "executes none",
            "",
        ),
        (
            f"engine overhead per snippet (median of {OVERHEAD_RUNS})",
            overhead,
            "",
            f"< 0.15 × a typical snippet ({typical:.1f} s)",
            overhead / typical,
        ),
    ]
    print_table(rows + shard_rows(project, env, cold) + make_test_rows(project, env))
    print()
    print(per_backend)
    shutil.rmtree(work, ignore_errors=True)


def backend_rows(project: Path) -> str:
    """Each backend's runs in the project's cache (the cold build's): how many, their
    total time and the slowest, as a Markdown table."""
    settings = Settings.load(project)
    runs = Runner(settings).run(discover(settings.snippets), execute_missing=False)
    lines = [
        "| backend | runs | total | slowest |",
        "|---|---:|---:|---|",
    ]
    for backend in BACKENDS:
        done = [r.on(backend) for r in runs.values()]
        ran = [e for e in done if e is not None and e.error is None]
        slowest = max(ran, key=lambda e: e.seconds, default=None)
        worst = f"`{slowest.snippet.rel}` {slowest.seconds:.1f} s" if slowest else ""
        total = sum(e.seconds for e in ran)
        lines.append(f"| {NAMES[backend]} | {len(ran)} | {total:.1f} s | {worst} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
