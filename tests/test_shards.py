"""Execution sharded over machines: each shard runs its share, a merge checks that the
shares add up, and the build after it executes nothing (``docexec.shards``)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from docexec.config import Settings
from docexec.shards import Shard, ShardError, merge, plan, units
from docexec.sources import discover

# Scratch projects only: the engine, the pins and this file decide the outcome.
pytestmark = pytest.mark.reuse_while_unchanged()

SNIPPETS = {
    "demo/quick.py": "print('quick: 1')\n",
    "demo/slow.py": "import time\ntime.sleep(1.5)\nprint('slow: 2')\n",
    "demo/plot.py": (
        "import matplotlib.pyplot as plt\n"
        "plt.plot([1, 2, 3])\nplt.title('three points')\nplt.show()\n"
    ),
    "other/count.py": "print('count:', sum(range(10)))\n",
}
PAGE = (
    "# Demo\n\n:::snippet demo/quick.py\n\n:::snippet demo/slow.py\n\n"
    ":::snippet demo/plot.py\n\n:::snippet other/count.py\n\n"
    'The count is {{ other/count.py "count:" }}.\n'
)


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """A small project in a git repository, to clone onto 'machines'."""
    repo = tmp_path / "origin"
    for rel, text in SNIPPETS.items():
        (repo / "snippets" / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / "snippets" / rel).write_text(text)
    (repo / "docs").mkdir()
    (repo / "docs" / "index.md").write_text(PAGE)
    (repo / "pyproject.toml").write_text(
        '[tool.docexec]\nsnippets = "snippets"\ncache = ".cache/docexec"\n'
    )
    (repo / "requirements.lock").write_text("demo==1\n")
    (repo / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - docexec\nmarkdown_extensions:\n"
        "  - attr_list\n  - md_in_html\n  - admonition\n  - pymdownx.superfences\n"
    )
    _git("init", "-q", cwd=repo)
    _git("add", ".", cwd=repo)
    _git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "demo", cwd=repo)
    return repo


def _machine(origin: Path, name: str) -> Path:
    clone = origin.parent / name
    _git("clone", "-q", str(origin), str(clone), cwd=origin.parent)
    return clone


def _docexec(clone: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docexec", *args],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _page(build_site, clone: Path) -> tuple[str, str]:
    done = build_site(clone, clone / "site")
    assert done.returncode == 0, done.stderr
    html = (clone / "site" / "index.html").read_text()
    # Run times differ from machine to machine, and MkDocs stamps the build's time;
    # nothing else may differ.
    html = re.sub(r"Build Date UTC : .*", "", html)
    return done.stderr, re.sub(r"\d+\.\d(?: s|초)", "<time>", html)


def test_two_shards_merged_build_the_same_site_as_one_machine(origin, mkdocs_build):
    shards = []
    for index in (1, 2):
        clone = _machine(origin, f"shard{index}")
        done = _docexec(clone, "run", "--shard", f"{index}/2")
        assert done.returncode == 0, done.stderr
        assert f"shard {index}/2:" in done.stdout  # it prints its plan
        shards.append(clone / ".cache" / "docexec")
    final = _machine(origin, "final")
    done = _docexec(final, "merge", *map(str, shards))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "merged 12 runs from 2 shards" in done.stdout  # 4 snippets, 3 backends
    merged_log, merged_page = _page(mkdocs_build, final)
    assert "executing" not in merged_log  # the merged cache served every snippet
    single = _machine(origin, "single")
    single_log, single_page = _page(mkdocs_build, single)
    assert single_log.count("executing") == 12
    assert merged_page == single_page
    assert "The count is 45." in merged_page


def test_a_merge_names_what_is_missing_or_run_twice(origin):
    first = _machine(origin, "a")
    assert _docexec(first, "run", "--shard", "1/2").returncode == 0
    done = _docexec(first, "merge", str(first / ".cache" / "docexec"))
    assert done.returncode == 1
    assert "shard 2/2 is missing" in done.stdout
    assert re.search(r"\S+\.py@(tensorflow|jax|torch): in no shard", done.stdout)
    again = _machine(origin, "b")
    assert _docexec(again, "run", "--shard", "1/2").returncode == 0
    caches = [str(c / ".cache" / "docexec") for c in (first, again)]
    done = _docexec(first, "merge", *caches)
    assert done.returncode == 1 and "shard 1/2 given twice" in done.stdout


def test_a_merge_refuses_a_shard_that_ran_another_version(origin, tmp_path):
    machines = [_machine(origin, f"m{index}") for index in (1, 2)]
    for index, clone in enumerate(machines, start=1):
        assert _docexec(clone, "run", "--shard", f"{index}/2").returncode == 0
    edited = machines[0] / "snippets" / "other" / "count.py"
    edited.write_text("print('count:', sum(range(11)))\n")
    settings = Settings.load(machines[0])
    with pytest.raises(ShardError, match="ran another version of it"):
        merge(
            settings,
            discover(settings.snippets),
            [m / ".cache" / "docexec" for m in machines],
        )


def test_the_plan_puts_the_longest_runs_on_different_shards(tmp_path):
    seconds = {
        ("t/a.py", "torch"): 60,
        ("t/a.py", "tensorflow"): 50,
        ("t/a.py", "jax"): 20,
        ("t/b.py", "tensorflow"): 20,
        ("t/b.py", "jax"): 5,
    }
    shards = plan(list(seconds), seconds, 2)
    assert shards == [
        [("t/a.py", "torch"), ("t/b.py", "tensorflow")],
        [("t/a.py", "jax"), ("t/a.py", "tensorflow"), ("t/b.py", "jax")],
    ]  # 80 s, 75 s: one snippet's runs on three backends go where there is room
    assert sorted(sum(shards, [])) == sorted(seconds)


def test_every_claimed_backend_of_every_snippet_is_a_unit(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "any.py").write_text("print(1)\n")
    (tmp_path / "t" / "tf.py").write_text(
        '"""X.\n\nBackends: tensorflow. Uses tf.\n"""\n'
    )
    found = units(discover(tmp_path))
    assert found == [
        ("t/any.py", "tensorflow"),
        ("t/any.py", "jax"),
        ("t/any.py", "torch"),
        ("t/tf.py", "tensorflow"),
    ]


@pytest.mark.parametrize("spec", ["0/2", "3/2", "2", "a/b"])
def test_a_bad_shard_spec_is_refused(spec):
    with pytest.raises(ShardError, match="K/N"):
        Shard.parse(spec)
