"""The engine's own guarantees: cells, directives, output cleaning, cache keys."""

from __future__ import annotations

import ast
import base64
import dataclasses
import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

import docexec
import docexec.cache
from docexec.backends import ALL, Claim, MarkerError, claim
from docexec.cache import ENGINE_FILES, Cache, cache_key
from docexec.config import ENVIRONMENT, Settings, SettingsError
from docexec.directive import DirectiveError, expand
from docexec.gallery import (
    explaining_pages,
    gallery_page,
    page_title,
    showings,
)
from docexec.layout import Layout
from docexec.notebook_styles import NotebookStyles
from docexec.outputs import clean_text, replay_terminal
from docexec.prose import on_each_backend
from docexec.results import Execution
from docexec.runs import Runs
from docexec.sources import SnippetPathError, resolve, split_cells


@pytest.fixture
def project(tmp_path: Path) -> Settings:
    (tmp_path / "snippets" / "topic").mkdir(parents=True)
    (tmp_path / "requirements.lock").write_text("keras==3.15.1\n")
    return Settings(
        root=tmp_path,
        snippets=tmp_path / "snippets",
        cache=tmp_path / "cache",
        lock=tmp_path / "requirements.lock",
        timeout=60,
        jobs=1,
        execute=True,
    )


def write(settings: Settings, rel: str, text: str):
    path = settings.snippets / rel
    path.write_text(text)
    return resolve(settings.snippets, rel)


def test_cells_keep_titles_and_file_lines():
    text = (
        '"""Doc."""\n\n# %% Load\nx = 1\n\n'
        "# %% [markdown]\n# Some *prose*\n# %% Show\nprint(x)\n"
    )
    cells = split_cells(text)
    assert [(c.kind, c.title, c.first_line) for c in cells] == [
        ("code", "", 1),
        ("code", "Load", 4),
        ("markdown", "", 7),
        ("code", "Show", 9),
    ]
    assert cells[2].source == "Some *prose*"


def test_directive_expands_outside_fences_only():
    page = "Intro\n\n:::snippet a/b.py cells=2\n\n```markdown\n:::snippet a/b.py\n```\n"
    seen = []
    out = expand(page, "p.md", lambda e: seen.append(e) or "EXPANDED")
    assert len(seen) == 1 and seen[0].path == "a/b.py" and seen[0].cells == ("2",)
    assert out.count("EXPANDED") == 1 and ":::snippet a/b.py\n```" in out


def test_directive_indented_in_admonition_keeps_indent():
    out = expand("!!! note\n\n    :::snippet a/b.py\n", "p.md", lambda e: "one\ntwo")
    assert out == "!!! note\n\n    one\n    two\n"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (":::snippet a/b.py colour=red", "unknown :::snippet option 'colour=red'"),
        (":::snippet", "needs a path"),
        (":::snippet a/b.py hide=everything", "hide= takes"),
    ],
)
def test_bad_directive_names_page_and_line(line, message):
    with pytest.raises(DirectiveError) as caught:
        expand(f"# Title\n\n{line}\n", "guide/page.md", lambda e: "")
    assert str(caught.value).startswith("guide/page.md:3: ")
    assert message in str(caught.value)


def test_paths_outside_snippets_are_refused(project, tmp_path):
    (tmp_path / "secret.py").write_text("SECRET = 1\n")
    (project.snippets / "topic" / "link.py").symlink_to(tmp_path / "secret.py")
    for rel in ("../secret.py", "../../etc/passwd", "/etc/passwd", "topic/link.py"):
        with pytest.raises(SnippetPathError):
            resolve(project.snippets, rel)
    with pytest.raises(SnippetPathError, match="no such snippet"):
        resolve(project.snippets, "topic/missing.py")


def test_progress_bars_replay_like_a_terminal():
    raw = "\r 1/50 ━━ 29s - loss: 2.25\b\b\b\b\r50/50 ━━━━ 1s - loss: 1.24\n"
    assert replay_terminal(raw) == "50/50 ━━━━ 1s - loss: 1.24\n"


def test_tensorflow_chatter_and_colour_codes_are_dropped():
    raw = (
        "WARNING: All log messages before absl::InitializeLog() is called are "
        "written to STDERR\n"
        "I0000 00:00:1795849164.313484    4644 port.cc:153] oneDNN custom ops\n"
        '\x1b[1mModel: \x1b[0m"sequential"\n'
    )
    assert clean_text(raw) == 'Model: "sequential"\n'


def test_huge_output_is_capped_with_a_visible_note():
    text = clean_text("x" * 50_000 + "\n")
    assert len(text) < 21_000 and "output truncated" in text


def test_cache_key_covers_snippet_local_modules_and_lock(project):
    write(project, "topic/_helpers.py", "SCALE = 2\n")
    snippet = write(
        project, "topic/main.py", "from _helpers import SCALE\nprint(SCALE)\n"
    )
    first = cache_key(snippet, project, "tensorflow")
    assert cache_key(snippet, project, "tensorflow") == first  # stable

    (project.root / "page.md").write_text("prose only")
    assert cache_key(snippet, project, "tensorflow") == first  # prose does not count

    (project.snippets / "topic" / "_helpers.py").write_text("SCALE = 3\n")
    second = cache_key(snippet, project, "tensorflow")
    assert second != first  # an imported local module counts

    project.lock.write_text("keras==3.15.2\n")
    third = cache_key(snippet, project, "tensorflow")
    assert third != second  # the locked dependency set counts

    assert cache_key(snippet, project, "jax") != third  # the backend counts

    write(project, "topic/main.py", "from _helpers import SCALE\nprint(SCALE * 2)\n")
    assert cache_key(snippet, project, "tensorflow") != third  # the snippet counts


def test_damaged_cache_entry_is_dropped_not_rendered(project):
    snippet = write(project, "topic/a.py", "print(1)\n")
    cache = Cache(Layout.of(project))
    nb = nbformat.v4.new_notebook()
    cache.store("k" * 64, snippet, nb, 1.0, "tensorflow")
    assert cache.load("k" * 64) is not None
    stored = project.cache / ("k" * 64) / "notebooks" / "topic" / "a.ipynb"
    stored.write_text(stored.read_text().replace("nbformat", "nbformaX"))
    assert cache.load("k" * 64) is None
    assert not (project.cache / ("k" * 64)).exists()


def test_each_snippet_keeps_its_three_most_recently_used_entries(project):
    snippet = write(project, "topic/a.py", "print(1)\n")
    other = write(project, "topic/b.py", "print(2)\n")
    cache = Cache(Layout.of(project))
    nb = nbformat.v4.new_notebook()
    cache.store("o" * 64, other, nb, 1.0, "tensorflow")
    for age, version in enumerate("abc"):  # three versions of a.py, "a" the oldest
        cache.store(version * 64, snippet, nb, 1.0, "tensorflow")
        os.utime(project.cache / (version * 64) / "meta.json", (1000 + age,) * 2)
    assert cache.load("a" * 64) is not None  # used again: now the most recent
    cache.store("j" * 64, snippet, nb, 1.0, "jax")  # a.py's run on another backend
    os.utime(project.cache / ("j" * 64) / "meta.json", (900,) * 2)  # the oldest of all
    cache.store("d" * 64, snippet, nb, 1.0, "tensorflow")
    kept = {folder.name[0] for folder in project.cache.iterdir()}
    # "b" was the least recently used of a.py on TensorFlow; each backend keeps its own
    assert kept == {"o", "a", "c", "d", "j"}


def test_partial_entry_without_meta_is_ignored(project):
    partial = project.cache / ("p" * 64)
    partial.mkdir(parents=True)
    (partial / "meta.json").write_text(json.dumps({"notebook": "x.ipynb"}))
    assert Cache(Layout.of(project)).load("p" * 64) is None


def test_settings_read_from_pyproject():
    settings = Settings.load(Path(__file__).parent.parent)
    assert settings.snippets.name == "snippets" and settings.jobs == 2
    assert dataclasses.replace(settings, jobs=1).jobs == 1


def test_an_entry_missing_its_notebook_is_replaced_not_kept(project):
    snippet = write(project, "topic/a.py", "print(1)\n")
    cache = Cache(Layout.of(project))
    stored = cache.store(
        "m" * 64, snippet, nbformat.v4.new_notebook(), 1.0, "tensorflow"
    )
    (stored.folder / "notebooks" / "topic" / "a.ipynb").unlink()
    assert cache.load("m" * 64) is None
    cache.store("m" * 64, snippet, nbformat.v4.new_notebook(), 2.0, "tensorflow")
    again = cache.load("m" * 64)
    assert again is not None and again.seconds == 2.0


def _engine_modules_a_run_depends_on() -> set[str]:
    """The engine modules that execute.py imports, directly or not, and those the
    kernel imports: whatever decides what a run produces and how it is stored."""
    package = Path(docexec.__file__).parent
    found, pending = set(), ["execute.py", "kernel_setup.py", "mpl_backend.py"]
    while pending:
        name = pending.pop()
        if name in found:
            continue
        found.add(name)
        tree = ast.parse((package / name).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                names = [node.module] if node.module else [a.name for a in node.names]
                pending += [
                    f"{name}.py" for name in names if (package / f"{name}.py").is_file()
                ]
    return found


def test_every_engine_module_a_run_depends_on_is_in_the_key():
    assert _engine_modules_a_run_depends_on() <= set(ENGINE_FILES)


def test_editing_the_cell_splitter_changes_the_key(project, tmp_path, monkeypatch):
    snippet = write(project, "topic/a.py", "print(1)\n")
    engine = tmp_path / "engine"
    shutil.copytree(Path(docexec.__file__).parent, engine)
    monkeypatch.setattr(docexec.cache, "ENGINE_DIR", engine)
    before = cache_key(snippet, project, "tensorflow")
    with open(engine / "sources.py", "a") as fh:
        fh.write("\n# a change to how snippets split into cells\n")
    assert cache_key(snippet, project, "tensorflow") != before


def test_unknown_settings_are_refused_with_a_suggestion(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.docexec]\ntimout = 5\n")
    with pytest.raises(SettingsError) as caught:
        Settings.load(tmp_path)
    message = str(caught.value)
    assert "unknown key 'timout'" in message and "did you mean 'timeout'?" in message
    assert "known: snippets" in message


def test_settings_of_the_wrong_type_are_refused(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.docexec]\njobs = "two"\n')
    with pytest.raises(SettingsError, match="jobs must be int, got 'two'"):
        Settings.load(tmp_path)


def test_every_environment_variable_is_documented():
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    source = "".join(p.read_text() for p in Path(docexec.__file__).parent.glob("*.py"))
    used = set(re.findall(r"DOCEXEC_[A-Z_]+", source))
    assert used == set(ENVIRONMENT)
    assert all(f"`{name}`" in readme for name in used)


def test_layout_names_each_output_once_per_snippet(project):
    layout = Layout.of(project)
    rels = ["layers/dropout.py", "overfitting/dropout.py"]
    outputs = [
        {
            layout.source(rel),
            layout.notebook_download(rel),
            layout.notebook_page(rel),
            layout.figure(rel, 1, 1),
        }
        for rel in rels
    ]
    assert len(outputs[0] | outputs[1]) == 8  # two snippets of one name stay apart
    assert layout.link("layers/layers.md", layout.figure(rels[0], 2, 1)) == (
        "../snippets/layers/dropout/fig-2-1.png"
    )


def test_downloads_live_in_the_configured_snippets_folder(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.docexec]\nsnippets = "examples"\n')
    layout = Layout.of(Settings.load(tmp_path))
    assert layout.source("a/b.py") == "examples/a/b.py"
    assert layout.figure("a/b.py", 1, 2) == "examples/a/b/fig-1-2.png"


def _execution(project: Settings) -> Execution:
    snippet = write(project, "topic/fig.py", "print(1)\n")
    nb = nbformat.v4.new_notebook()
    png = base64.b64encode(b"\x89PNG fake").decode()
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "plot()",
            metadata={"docexec": {"first_line": 1, "title": "Plot"}},
            outputs=[
                nbformat.v4.new_output(
                    "display_data", data={"image/png": png, "text/plain": "Curve"}
                )
            ],
        )
    )
    return Execution(snippet, nb, 1.5)


def _runs(execution: Execution) -> Runs:
    """The execution as a snippet's only run, on TensorFlow."""
    return Runs(execution.snippet, Claim(("tensorflow",)), {"tensorflow": execution})


def test_an_execution_reads_its_cells_once_and_cannot_change(project):
    execution = _execution(project)
    assert execution.cells is execution.cells
    assert execution.figures[0] is execution.figures[0]  # decoded once
    with pytest.raises(dataclasses.FrozenInstanceError):
        execution.seconds = 2.0  # type: ignore[misc]


def test_the_gallery_finds_a_card_however_the_embed_spells_the_path(project, tmp_path):
    execution = _execution(project)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(":::snippet ./topic/fig.py\n")
    shown = showings(docs, project.snippets)
    assert explaining_pages(shown) == {"topic/fig.py": "page.md"}
    md = gallery_page(
        {"topic/fig.py": _runs(execution)}, shown, Layout.of(project), "ko"
    )
    assert "(page.md)" in md and "snippets/topic/fig/fig-1-1.png" in md
    assert "실행 시간 1.5초" in md and "[노트북](notebooks/topic/fig.ipynb)" in md
    assert "ran in" not in md


def test_a_second_page_showing_cells_of_a_run_gets_its_own_card(project, tmp_path):
    snippet = write(project, "topic/fig.py", "print(1)\n")
    nb = nbformat.v4.new_notebook()
    png = base64.b64encode(b"\x89PNG fake").decode()
    for number, title in enumerate(["Train", "Errors"], start=1):
        nb.cells.append(
            nbformat.v4.new_code_cell(
                "plot()",
                metadata={"docexec": {"first_line": number, "title": title}},
                outputs=[
                    nbformat.v4.new_output(
                        "display_data", data={"image/png": png, "text/plain": title}
                    )
                ],
            )
        )
    execution = Execution(snippet, nb, 1.5)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n\n:::snippet topic/fig.py cells=Train\n")
    (docs / "b.md").write_text(
        "# B\n\n## 2. The errors\n\n:::snippet topic/fig.py cells=Errors\n"
    )
    shown = showings(docs, project.snippets)
    assert explaining_pages(shown) == {"topic/fig.py": "a.md"}  # the notebook's note
    titles = {("topic/fig.py", "b.md"): page_title(docs / "b.md")}  # as the plugin
    md = gallery_page(
        {"topic/fig.py": _runs(execution)}, shown, Layout.of(project), "en", titles
    )
    cards = md.split("-   **")[1:]
    assert len(cards) == 2
    assert cards[0].startswith("[topic/fig.py](a.md)")  # no docstring: its path
    assert "fig-1-1.png" in cards[0] and "fig-2-1.png" not in cards[0]
    assert cards[1].startswith("[B](b.md)")
    assert "fig-2-1.png" in cards[1]


def test_a_backends_marker_limits_a_snippet_and_gives_the_reason(project):
    text = (
        '"""Export a SavedModel.\n\nBackends: tensorflow. A SavedModel is\n'
        "TensorFlow's format.\n\nBackends (ko): SavedModel은 TensorFlow의\n"
        '형식입니다.\n"""\nprint(1)\n'
    )
    found = claim(write(project, "topic/export.py", text))
    assert found.backends == ("tensorflow",) and found.primary == "tensorflow"
    assert found.reason("en") == "A SavedModel is TensorFlow's format."
    assert found.reason("ko") == "SavedModel은 TensorFlow의 형식입니다."
    assert found.variant("tensorflow") == "" and found.variant("jax") == ".jax"
    assert claim(write(project, "topic/any.py", '"""Any."""\n')) == ALL


@pytest.mark.parametrize(
    "marker, message",
    [
        ("Backends: tensorflw. Typo.", "got 'tensorflw'"),
        ("Backends: jax.", "say why it does not run on the others"),
        ("Backends: none", "write 'Backends: tensorflow, jax. The reason.'"),
    ],
)
def test_a_wrong_marker_stops_with_the_file_and_line(project, marker, message):
    snippet = write(project, "topic/bad.py", f'"""Title.\n\n{marker}\n"""\n')
    with pytest.raises(MarkerError) as caught:
        claim(snippet)
    assert str(caught.value).startswith("snippets/topic/bad.py:3: ")
    assert message in str(caught.value)


def test_the_numbers_table_holds_each_backends_printed_number(project):
    snippet = write(project, "topic/fit.py", "print('loss 0.5')\n")
    runs = []
    for backend, printed in (("tensorflow", "0.51"), ("jax", "0.48")):
        nb = nbformat.v4.new_notebook()
        nb.cells.append(
            nbformat.v4.new_code_cell(
                "",
                outputs=[nbformat.v4.new_output("stream", text=f"loss {printed}\n")],
            )
        )
        runs.append(Execution(snippet, nb, 1.0, backend=backend))
    page = (
        'The loss is {{ topic/fit.py "loss" .1f }}, once {{ topic/fit.py@jax "loss" }}.'
    )
    rows = on_each_backend(page, "topic/fit.py", runs)
    assert rows == [("loss", {"tensorflow": "0.5", "jax": "0.5"})]  # @jax: not a row


def test_the_styles_before_a_notebook_move_to_one_file_and_an_outputs_stay():
    wrapper = '<div class="jupyter-wrapper">'
    output = "<style>.df td { color: red }</style><!-- jupyter-wrapper --><pre>1</pre>"
    page = (
        '<p>note</p><style>@charset "UTF-8";.a{x:1}</style><script>s</script>'
        f"<style>.b{{x:2}}</style>{wrapper}{output}</div> <!-- jupyter-wrapper -->"
        "<style>['.c { x: 3 }']</style><style>.d{x:4}</style>"
    )
    styles = NotebookStyles()
    html = styles.link(page, "notebooks/t/")
    [(path, css)] = styles.stylesheets.items()
    assert css == '@charset "UTF-8";\n.a{x:1}\n.b{x:2}\n'
    link = f'<link rel="stylesheet" href="../../{path}">'
    assert html == (
        f"<p>note</p>{link}<script>s</script>{wrapper}{output}</div> "
        "<!-- jupyter-wrapper --><style>.d{x:4}</style>"
    )  # in order; the output's style stays; the list's repr goes, CSS after stays
    assert styles.link("<p>no notebook</p><style>.a{}</style>", "x/") == (
        "<p>no notebook</p><style>.a{}</style>"
    )
