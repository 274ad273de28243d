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
here; on two CI machines they run side by side) and the merge and build after them;
``--only writer`` a writer's loop from the checkout's execution cache: render-only and
warm builds, one snippet changed, and the engine's overhead per run.
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
PAIRS = 5  # warm and render-only builds, in turn
OVERHEAD_RUNS = 5  # the empty snippet's run is shorter still
# `--only writer`'s edit: a snippet of middling length on all three backends.
WRITER_EDIT = "snippets/compile/losses.py"


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


class Bench:
    """The project's copy, its environment and the builds and runs measured on it."""

    def __init__(self, project: Path, scratch: Path, env: dict[str, str]) -> None:
        self.project, self.scratch, self.env = project, scratch, env
        self.cache = project / ".cache" / "docexec"
        self.site = scratch.parent / "site"
        found = discover(project / "snippets")
        self.snippets = [s.path for s in found]
        self.backends = {s.path: claim(s).backends for s in found}

    def build(self, extra: dict[str, str] | None = None) -> tuple[float, int]:
        cmd = [PYTHON, "-m", "mkdocs", "build", "--strict", "-d", str(self.site)]
        seconds, log = timed(cmd, self.project, {**self.env, **(extra or {})})
        return seconds, log.count("docexec: executing")

    def alone(self, path: Path) -> float:
        """The snippet run with ``python`` once on each backend it claims."""
        seconds = 0.0
        for backend in self.backends[path]:
            env = {**self.env, **determinism_env(backend)}
            ran, _ = timed([PYTHON, str(path)], self.scratch, env)
            where = path.relative_to(self.project)
            print(f"standalone {where} on {backend}: {ran:.1f} s", file=sys.stderr)
            seconds += ran
        return seconds

    def warm_and_render_only(self) -> list[tuple]:
        """Warm and render-only builds take seconds, and the machine's speed drifts
        more than they differ: the median of pairs, each a warm build then a
        render-only one, and of the pairs' ratios."""
        warms, render_onlys = [], []
        for _ in range(PAIRS):
            warms.append(self.build())
            render_onlys.append(self.build({"DOCEXEC_EXECUTE": "0"}))
        warm = statistics.median(seconds for seconds, _ in warms)
        render_only = statistics.median(seconds for seconds, _ in render_onlys)
        ratio = statistics.median(
            w / r for (w, _), (r, _) in zip(warms, render_onlys, strict=True)
        )
        self.warm, self.render_only = warm, render_only
        return [
            (f"render-only build (median of {PAIRS})", render_only, 0, "", ""),
            (
                f"warm build (median of {PAIRS}; ratio: the median pair's)",
                warm,
                max(runs for _, runs in warms),
                "≤ 1.2 × render-only",
                ratio,
            ),
        ]

    def one_changed(self, changed: Path) -> tuple:
        """One snippet changed, a new edit each time, against its own standalone
        runs."""
        original = changed.read_text()
        changed_alone = self.alone(changed)
        ones = []
        for edit in range(REPEATS):
            changed.write_text(original + f"\n# edited by make bench ({edit})\n")
            ones.append(self.build())
        one = statistics.median(seconds for seconds, _ in ones)
        claimed = len(self.backends[changed])
        return (
            f"one snippet changed (`{changed.relative_to(self.project)}`, "
            f"{claimed} backends, median of {REPEATS})",
            one,
            max(runs for _, runs in ones),
            f"≤ 1.1 × (its {changed_alone:.1f} s alone on its backends + warm); "
            f"executes {claimed}",
            one / (changed_alone + self.warm),
        )

    def overhead(self, typical: float) -> list[tuple]:
        """A snippet that only prints, through the whole engine (cache key, kernel,
        set-up, capture, shutdown, cache write and read), against plain ``python``:
        the first run of a build also starts the backend's warm kernel server."""
        tiny = self.scratch / "tiny"
        (tiny / "snippets" / "t").mkdir(parents=True)
        for n in range(OVERHEAD_RUNS + 1):
            (tiny / "snippets" / "t" / f"empty{n}.py").write_text("print('hello')\n")
        (tiny / "pyproject.toml").write_text('[tool.docexec]\ncache = "c"\njobs = 1\n')
        shutil.copy2(self.project / "requirements.lock", tiny / "requirements.lock")
        probe = (
            "import sys, time; from pathlib import Path; "
            "from docexec.config import Settings; "
            "from docexec.runner import Runner; from docexec.sources import discover; "
            "s = Settings.load(Path(sys.argv[1])); found = discover(s.snippets); "
            "start = time.monotonic(); Runner(s).run(found[:1]); "
            "first = time.monotonic(); Runner(s).run(found[1:]); "
            "print('FIRST', first - start, 'LATER', (time.monotonic() - first) "
            f"/ {OVERHEAD_RUNS})"
        )
        env = {**self.env, "DOCEXEC_BACKENDS": "tensorflow"}
        _, said = timed([PYTHON, "-c", probe, str(tiny)], self.scratch, env)
        first, later = (float(x) for x in re.findall(r"[\d.]+", said.split("FIRST")[1]))
        empty = tiny / "snippets" / "t" / "empty0.py"
        python = statistics.median(
            timed([PYTHON, str(empty)], self.scratch, env)[0]
            for _ in range(OVERHEAD_RUNS)
        )
        target = f"< 0.15 × a typical snippet ({typical:.1f} s)"
        return [
            (
                "engine, first run of a build on TensorFlow (starts its server)",
                first - python,
                "",
                "",
                "",
            ),
            (
                f"engine overhead per later run (mean of {OVERHEAD_RUNS})",
                later - python,
                "",
                target,
                (later - python) / typical,
            ),
        ]


def main() -> None:
    only = sys.argv[2] if sys.argv[1:2] == ["--only"] and len(sys.argv) == 3 else ""
    work = Path(tempfile.mkdtemp(prefix="docexec-bench-"))
    project, scratch = work / "project", work / "scratch"
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
    bench = Bench(project, scratch, env)
    if only == "make-test":
        print_table(make_test_rows(project, env))
    elif only == "shards":
        cold, ran = bench.build()
        print_table(
            [("cold build", cold, ran, "", "")] + shard_rows(project, env, cold)
        )
    elif only == "writer":
        writer(bench)
    elif not only:
        everything(bench)
    else:
        sys.exit("usage: build_bench.py [--only make-test|shards|writer]")
    shutil.rmtree(work, ignore_errors=True)


def writer(bench: Bench) -> None:
    """A writer's loop from the checkout's execution cache: render-only, warm, one
    snippet changed, and the engine's overhead per run."""
    shutil.copytree(ROOT / ".cache" / "docexec", bench.cache)
    rows = bench.warm_and_render_only()
    changed = bench.project / WRITER_EDIT
    rows.append(bench.one_changed(changed))
    runs = Runner(Settings.load(bench.project)).run(
        discover(bench.project / "snippets"), execute_missing=False
    )
    times = [e.seconds for r in runs.values() for e in r.executions]
    print_table(rows + bench.overhead(statistics.median(times)))


def everything(bench: Bench) -> None:
    project, env, cache = bench.project, bench.env, bench.cache
    snippets = bench.snippets
    standalone = {path: bench.alone(path) for path in snippets}
    total_alone = sum(standalone.values())
    cold, cold_runs = bench.build()
    per_backend = backend_rows(project)
    rows = [
        ("each snippet alone (`python`), summed", total_alone, len(snippets), "", ""),
        *bench.warm_and_render_only(),
    ]
    rows.insert(
        2,
        (
            "cold build",
            cold,
            cold_runs,
            "≤ 0.65 × summed alone + render-only",
            (cold - bench.render_only) / total_alone,
        ),
    )
    rows.append(
        bench.one_changed(sorted(snippets, key=standalone.get)[len(snippets) // 2])
    )

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
    after_tests, after_tests_runs = bench.build()
    rows += [
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
        *bench.overhead(statistics.median(standalone.values())),
    ]
    print_table(rows + shard_rows(project, env, cold) + make_test_rows(project, env))
    print()
    print(per_backend)


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
