"""The build never shows a stale, partial or wrong result, whatever goes wrong."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from docexec.cache import Cache, cache_key
from docexec.config import Settings
from docexec.execute import execute
from docexec.layout import Layout
from docexec.runner import Runner
from docexec.runs import Runs
from docexec.sources import discover, resolve

# Scratch projects only: the engine, the pins and this file decide the outcome.
pytestmark = pytest.mark.reuse_while_unchanged()


@pytest.fixture
def project(tmp_path: Path) -> Settings:
    (tmp_path / "snippets" / "topic").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.docexec]\nsnippets = "snippets"\ncache = "cache"\n'
        "timeout = 60\njobs = 2\n"
    )
    return dataclasses.replace(Settings.load(tmp_path), backends=("tensorflow",))


def snippet(settings: Settings, rel: str, text: str):
    (settings.snippets / rel).write_text(textwrap.dedent(text))
    return resolve(settings.snippets, rel)


def test_megabytes_of_output_are_capped_with_a_note(project):
    s = snippet(project, "topic/loud.py", "for i in range(200_000):\n    print(i)\n")
    result = execute(s, project, "tensorflow")
    assert result.error is None
    text = result.stdout
    assert len(text) < 25_000
    assert "output truncated" in text and "more characters not shown" in text


def test_fifty_figures_fail_with_a_message(project):
    s = snippet(
        project,
        "topic/many.py",
        """\
        import matplotlib.pyplot as plt
        for i in range(50):
            plt.figure()
            plt.plot([0, i])
            plt.show()
        """,
    )
    result = execute(s, project, "tensorflow")
    assert result.error is not None
    assert "more than 20 figures" in result.error.message
    assert result.error.location == "snippets/topic/many.py:5 on tensorflow"


def test_files_written_by_a_snippet_stay_out_of_the_project(project):
    s = snippet(
        project,
        "topic/writer.py",
        """\
        from pathlib import Path
        Path("model.keras").write_text("weights")
        print(Path("model.keras").resolve().parent.name.startswith("docexec-run-"))
        """,
    )
    before = sorted(p.relative_to(project.root) for p in project.root.rglob("*"))
    result = execute(s, project, "tensorflow")
    assert result.error is None and result.stdout == "True\n"
    after = sorted(p.relative_to(project.root) for p in project.root.rglob("*"))
    assert after == before


def test_a_timeout_kills_the_processes_the_snippet_started(project, tmp_path):
    pid_file = tmp_path / "child.pid"
    s = snippet(
        project,
        "topic/spawn.py",
        f"""\
        import subprocess, time
        child = subprocess.Popen(["sleep", "300"])
        open({str(pid_file)!r}, "w").write(str(child.pid))
        time.sleep(300)
        """,
    )
    quick = Settings(**{**project.__dict__, "timeout": 4})
    result = execute(s, quick, "tensorflow")
    assert result.error is not None and "TimeoutError" in result.error.message
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(child):
        time.sleep(0.2)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split()[2] != "Z"


RUNNER = """\
import sys
from pathlib import Path
from docexec.config import Settings
from docexec.runner import Runner
from docexec.sources import discover
settings = Settings.load(Path(sys.argv[1]))
results = Runner(settings).run(discover(settings.snippets))
print(sorted(e.snippet.rel for r in results.values() for e in r.executions
             if not e.from_cache))
"""


def _runner(project: Settings) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(project.root)],
        env={**os.environ, "DOCEXEC_BACKENDS": ",".join(project.backends)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _stdout(runs: Runs) -> str:
    page = runs.page
    assert page is not None
    return page.stdout


def test_a_build_killed_mid_snippet_leaves_no_entry_to_render(project):
    s = snippet(project, "topic/slow.py", "import time\ntime.sleep(3)\nprint('done')\n")
    key = cache_key(s, project, "tensorflow")
    proc = _runner(project)
    time.sleep(2.5)  # inside the snippet: the kernel is sleeping
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()  # reaps it and closes its pipes
    assert Cache(Layout.of(project)).load(key) is None
    assert not (project.cache / key).exists()
    again = Runner(project)
    results = again.run(discover(project.snippets))
    assert again.executed == [("topic/slow.py", "tensorflow")]
    assert results["topic/slow.py"].errors == []
    assert _stdout(results["topic/slow.py"]) == "done\n"


def test_two_builds_at_once_share_the_cache_safely(project):
    for n in range(3):
        snippet(project, f"topic/s{n}.py", f"import time\ntime.sleep(1)\nprint({n})\n")
    builds = [_runner(project), _runner(project)]
    for build in builds:
        out, err = build.communicate(timeout=120)
        assert build.returncode == 0, f"a build failed:\n{err}"
        assert out.strip(), f"a build reported nothing:\n{err}"
    again = Runner(project)
    results = again.run(discover(project.snippets))
    assert again.executed == []
    assert [_stdout(results[f"topic/s{n}.py"]) for n in range(3)] == [
        "0\n",
        "1\n",
        "2\n",
    ]
    for entry in project.cache.iterdir():
        if not entry.name.startswith("."):
            meta = json.loads((entry / "meta.json").read_text())
            assert (entry / meta["notebook"]).is_file()


@pytest.mark.reuse_while_unchanged("snippets/activations/plot_activations.py")
def test_two_cold_runs_capture_identical_outputs_and_figures(tmp_path, monkeypatch):
    """Determinism on a fast subset: the activation plots, run twice from scratch on
    each backend.

    Its pass is reused while the snippets, the engine and the pins are unchanged
    (tests/reuse.py): the same two runs would run the same code the same way.
    """
    root = Path(__file__).resolve().parent.parent
    subset = [
        s
        for s in discover(Settings.load(root).snippets)
        if s.rel == "activations/plot_activations.py"
    ]
    runs = []
    for n in range(2):
        monkeypatch.setenv("DOCEXEC_CACHE", str(tmp_path / f"cache{n}"))
        results = Runner(Settings.load(root)).run(subset)
        runs.append(
            {
                (rel, r.backend): [
                    (o.kind, o.text, o.figure and o.figure.png)
                    for c in r.cells
                    for o in c.outputs
                ]
                for rel, runs in results.items()
                for r in runs.executions
            }
        )
    assert runs[0] == runs[1]
    assert all(
        any(o[2] for o in outputs) for outputs in runs[0].values()
    )  # has figures
