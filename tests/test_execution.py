"""Running snippets in a kernel: failures point at the file and line to fix."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from docexec.__main__ import main
from docexec.config import Settings
from docexec.execute import execute
from docexec.runner import Runner
from docexec.sources import resolve
from docexec.warm_kernels import server_for

# Scratch projects only: the engine, the pins and this file decide the outcome.
pytestmark = pytest.mark.reuse_while_unchanged()


@pytest.fixture
def project(tmp_path: Path) -> Settings:
    (tmp_path / "snippets" / "topic").mkdir(parents=True)
    return Settings(
        root=tmp_path,
        snippets=tmp_path / "snippets",
        cache=tmp_path / "cache",
        lock=tmp_path / "requirements.lock",
        timeout=60,
        jobs=2,
        execute=True,
        backends=("tensorflow",),  # the engine's own behaviour; one backend will do
    )


def snippet(settings: Settings, rel: str, text: str):
    (settings.snippets / rel).write_text(text)
    return resolve(settings.snippets, rel)


def test_output_is_captured_per_cell(project):
    s = snippet(project, "topic/ok.py", "# %% One\nprint('a')\n# %% Two\nprint('b')\n")
    result = execute(s, project, "tensorflow")
    assert result.error is None
    assert [(c.title, c.stdout) for c in result.cells] == [
        ("One", "a\n"),
        ("Two", "b\n"),
    ]


def test_a_raising_snippet_names_its_file_and_line(project):
    text = "# %% Setup\nx = 1\n\n# %% Divide\ny = 2\nprint(x / 0)\n"
    result = execute(snippet(project, "topic/boom.py", text), project, "tensorflow")
    assert result.error is not None
    assert result.error.location == "snippets/topic/boom.py:6 on tensorflow"
    assert result.error.message == "ZeroDivisionError: division by zero"
    assert "print(x / 0)" in result.error.traceback


def test_a_syntax_error_names_its_line(project):
    result = execute(
        snippet(project, "topic/bad.py", "x = 1\nprint(x +)\n"), project, "tensorflow"
    )
    assert result.error is not None
    assert result.error.location == "snippets/topic/bad.py:2 on tensorflow"
    assert result.error.message.startswith("SyntaxError")


def test_the_network_is_blocked_with_a_clear_message(project):
    text = "import urllib.request as r\nr.urlopen('http://example.com', timeout=30)\n"
    result = execute(snippet(project, "topic/net.py", text), project, "tensorflow")
    assert result.error is not None
    assert "examples run offline" in str(result.error)
    assert result.seconds < 20  # failed at once instead of waiting for a timeout


def test_a_figure_never_shown_fails(project):
    text = "import matplotlib.pyplot as plt\nplt.plot([1, 2])\n"
    result = execute(snippet(project, "topic/fig.py", text), project, "tensorflow")
    assert result.error is not None and "never shown" in result.error.message


def test_shown_figures_are_captured_with_alt_text(project):
    text = (
        "import matplotlib.pyplot as plt\n"
        "plt.plot([1, 2])\nplt.title('Line')\nplt.xlabel('step')\nplt.show()\n"
    )
    result = execute(snippet(project, "topic/fig.py", text), project, "tensorflow")
    assert result.error is None
    (figure,) = result.figures
    assert figure.png.startswith(b"\x89PNG") and figure.alt == "Line (x: step)"


def test_a_snippet_without_figures_does_not_load_the_figure_capture(project):
    # MPLBACKEND names the capturing backend; matplotlib loads it at the first figure.
    # (matplotlib itself is loaded by Keras, which imports matplotlib.pyplot.)
    text = "import sys\nprint('docexec.mpl_backend' in sys.modules)\n"
    result = execute(snippet(project, "topic/plain.py", text), project, "tensorflow")
    assert result.error is None and result.stdout == "False\n"


def test_a_slow_snippet_is_stopped_at_its_time_limit(project):
    quick = Settings(**{**project.__dict__, "timeout": 3})
    s = snippet(project, "topic/slow.py", "import time\ntime.sleep(60)\n")
    result = execute(s, quick, "tensorflow")
    assert result.error is not None and "TimeoutError" in result.error.message
    assert result.seconds < 30


def test_failures_are_not_cached_and_successes_are(project):
    snippet(project, "topic/ok.py", "print('fine')\n")
    snippet(project, "topic/boom.py", "raise ValueError('no')\n")
    runner = Runner(project)
    found = [resolve(project.snippets, r) for r in ("topic/ok.py", "topic/boom.py")]
    first = runner.run(found)
    assert first["topic/ok.py"].errors == [] and first["topic/boom.py"].errors
    again = Runner(project)
    second = again.run(found)
    ok = second["topic/ok.py"].page
    assert ok is not None and ok.from_cache
    assert again.executed == [("topic/boom.py", "tensorflow")]
    assert ok.stdout == "fine\n"


BACKEND_BUG = """\
import keras

if keras.backend.backend() == "jax":
    raise RuntimeError("broken on this backend only")
print("fine on", keras.backend.backend())
"""


def test_a_snippet_runs_once_per_backend_and_a_failure_names_its_backend(project):
    s = snippet(project, "topic/one_bug.py", BACKEND_BUG)
    every = Settings(**{**project.__dict__, "backends": ("tensorflow", "jax", "torch")})
    runs = Runner(every).run([s])["topic/one_bug.py"]
    (error,) = runs.errors
    assert error.location == "snippets/topic/one_bug.py:4 on jax"
    assert "broken on this backend only" in str(error)
    for backend in ("tensorflow", "torch"):  # KERAS_BACKEND set before Keras loads
        run = runs.on(backend)
        assert run is not None and run.stdout == f"fine on {backend}\n"


CHANGES = """\
import json, os, keras
keras.config.set_floatx("float64")
json.changed = True
os.environ["CHANGED"] = "1"
"""
LOOKS = """\
import json, os, subprocess, sys, keras
print(keras.config.floatx(), hasattr(json, "changed"), "CHANGED" in os.environ)
print(sys.path[0])
print(subprocess.run([sys.executable, "-c", "raise SystemExit(3)"]).returncode)
"""


def test_each_kernel_starts_as_fresh_as_a_new_python(project):
    """Kernels are forked from a process that imported Keras once (warm_kernels): what
    one run changes is gone in the next, which has its own path and subprocesses."""
    changes = snippet(project, "topic/changes.py", CHANGES)
    looks = snippet(project, "topic/looks.py", LOOKS)
    runner = Runner(project)
    assert not runner.run([changes])["topic/changes.py"].errors
    run = runner.run([looks])["topic/looks.py"].on("tensorflow")
    assert run is not None and run.error is None, run and run.error
    assert run.stdout.splitlines() == [
        "float32 False False",
        str(project.snippets / "topic"),
        "3",  # its exit status: the kernel reaps its own children
    ]


# The process that started the kernel's warm server: the kernel is its grandchild.
SERVERS_PARENT = """\
import os
stat = open(f"/proc/{os.getppid()}/stat").read()
print(stat.rsplit(")", 1)[1].split()[1])
"""
BUILD = """\
import sys
from pathlib import Path
from docexec.config import Settings
from docexec.runner import Runner
from docexec.sources import discover
settings = Settings.load(Path(sys.argv[1]))
runs = Runner(settings).run(discover(settings.snippets))["topic/child.py"]
print(runs.on("tensorflow").stdout, end="")
"""


def test_a_build_the_session_starts_forks_its_kernels_from_the_sessions_servers(
    project, scratch_env
):
    """The session shares its warm servers (conftest): a build in a subprocess, with
    the session's environment, starts none of its own."""
    here = snippet(project, "topic/here.py", SERVERS_PARENT)
    run = Runner(project).run([here])["topic/here.py"].on("tensorflow")
    assert run is not None and run.stdout == f"{os.getpid()}\n"
    snippet(project, "topic/child.py", SERVERS_PARENT)
    (project.root / "pyproject.toml").write_text('[tool.docexec]\ncache = "cache"\n')
    build = subprocess.run(
        [sys.executable, "-c", BUILD, str(project.root)],
        env={**scratch_env(), "DOCEXEC_BACKENDS": "tensorflow"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert build.returncode == 0, build.stderr
    assert build.stdout == f"{os.getpid()}\n"


def test_a_warm_server_that_cannot_start_says_why():
    with pytest.raises(RuntimeError, match="Unable to import backend : nonsense"):
        server_for({**os.environ, "KERAS_BACKEND": "nonsense"})


def test_a_marker_limits_the_backends_and_the_others_are_not_run(project):
    text = '"""Uses TensorFlow.\n\nBackends: tensorflow. It calls tf.\n"""\nprint(1)\n'
    s = snippet(project, "topic/tf_only.py", text)
    every = Settings(**{**project.__dict__, "backends": ("tensorflow", "jax", "torch")})
    runs = Runner(every).run([s])["topic/tf_only.py"]
    assert list(runs.by_backend) == ["tensorflow"]
    assert runs.claim.reason("ko") == "It calls tf."  # no Korean given: the English


def test_every_frame_in_the_snippet_points_at_its_file_and_line(project):
    text = (
        "# %% Define\n"
        "def ratio(a, b):\n"
        "    return a / b\n"
        "\n"
        "# %% Use\n"
        "print('before')\n"
        "print(ratio(1, 0))\n"
    )
    result = execute(snippet(project, "topic/deep.py", text), project, "tensorflow")
    assert result.error is not None
    trace = result.error.traceback
    assert "snippets/topic/deep.py:7" in trace  # the call, in the second cell
    assert "snippets/topic/deep.py:3" in trace  # the raise, in the first cell
    assert "Cell In[" not in trace
    assert "----> 7 print(ratio(1, 0))" in trace  # listings numbered as the file
    assert "----> 3     return a / b" in trace
    assert (
        result.error.location == "snippets/topic/deep.py:3 on tensorflow"
    )  # innermost


def test_figures_of_snippets_with_one_name_do_not_overwrite_each_other(
    project, tmp_path, monkeypatch
):
    (project.root / "pyproject.toml").write_text('[tool.docexec]\ncache = "cache"\n')
    for topic in ("layers", "overfitting"):
        (project.snippets / topic).mkdir()
        snippet(
            project,
            f"{topic}/dropout.py",
            f"import matplotlib.pyplot as plt\nplt.title('{topic}')\nplt.show()\n",
        )
    monkeypatch.chdir(project.root)
    out = tmp_path / "figures"
    assert main(["run", "--figures", str(out)]) == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.png"))
    assert written == [
        "snippets/layers/dropout/fig-1-1.png",
        "snippets/overfitting/dropout/fig-1-1.png",
    ]
    first, second = (out / name for name in written)
    assert first.read_bytes() != second.read_bytes()
