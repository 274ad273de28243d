"""A recorded pass is reused only while everything its test exercises is unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
TEST = """
import pytest
from pathlib import Path

@pytest.mark.reuse_while_unchanged("data.txt")
def test_reads_the_data():
    with open("calls.log", "a") as log:
        log.write("data\\n")
    assert Path("data.txt").read_text() == "good\\n"
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyprojecttoml("[tool.pytest.ini_options]\ntestpaths = ['tests']\n")
    (pytester.path / "requirements.lock").write_text("demo==1\n")
    (pytester.path / "docexec").mkdir()
    (pytester.path / "docexec" / "__init__.py").write_text("")
    (pytester.path / "data.txt").write_text("good\n")
    tests = pytester.path / "tests"
    tests.mkdir()
    shutil.copy(HERE / "reuse.py", tests / "reuse.py")
    (tests / "conftest.py").write_text('pytest_plugins = ["reuse"]\n')
    (tests / "test_demo.py").write_text(TEST)
    return pytester


def calls(project: pytest.Pytester) -> int:
    log = project.path / "calls.log"
    return len(log.read_text().splitlines()) if log.exists() else 0


def run(project: pytest.Pytester, *args: str) -> pytest.RunResult:
    return project.runpytest_subprocess("-p", "no:cacheprovider", *args)


def test_a_pass_is_reused_until_a_file_it_names_changes(project):
    run(project).assert_outcomes(passed=1)
    assert calls(project) == 1
    again = run(project)
    again.assert_outcomes(passed=1)
    assert calls(project) == 1  # the body did not run
    assert "1 recorded passes reused" in again.stdout.str()
    (project.path / "data.txt").write_text("good\n\n")
    run(project).assert_outcomes(failed=1)  # changed data: run, and now it fails
    assert calls(project) == 2


@pytest.mark.parametrize(
    "edit", ["tests/test_demo.py", "tests/conftest.py", "docexec/x.py"]
)
def test_editing_the_test_its_helpers_or_the_engine_runs_it_again(project, edit):
    run(project).assert_outcomes(passed=1)
    path = project.path / edit
    path.write_text((path.read_text() if path.exists() else "") + "\n# edited\n")
    run(project).assert_outcomes(passed=1)
    assert calls(project) == 2


def test_a_failure_is_never_recorded_and_no_reuse_runs_everything(project):
    (project.path / "data.txt").write_text("bad\n")
    run(project).assert_outcomes(failed=1)
    run(project).assert_outcomes(failed=1)
    assert calls(project) == 2
    (project.path / "data.txt").write_text("good\n")
    run(project).assert_outcomes(passed=1)
    run(project, "--no-reuse").assert_outcomes(passed=1)
    assert calls(project) == 4
