"""The site builds with --strict from the shared cache; a broken snippet stops it."""

from __future__ import annotations

import datetime
import importlib.metadata
import importlib.util
import json
import platform
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from docexec import downloads


@pytest.mark.parametrize("page", ["layers/activations", "examples/classification"])
def test_page_embeds_code_output_figures_and_downloads(site, page):
    html = (site / page / "index.html").read_text()
    assert 'class="docexec-output"' in html
    assert ":::snippet" not in html
    images = re.findall(r'<img alt="([^"]+)"[^>]*src="([^"]+\.png)"', html)
    assert images, "no figures embedded"
    for alt, src in images:
        assert alt and alt != "Figure"
        assert (site / page / src).resolve().is_file(), src
    links = re.findall(r'<a download href="([^"]+\.(?:py|ipynb))"', html)
    assert {Path(link).suffix for link in links} == {".py", ".ipynb"}
    for link in links:
        assert (site / page / link).resolve().is_file(), link


def test_downloaded_notebook_holds_the_captured_run(site):
    notebook = site / "snippets" / "classification" / "fashion_mnist_mlp.ipynb"
    text = notebook.read_text()
    assert "Total params: 101,770" in text and "image/png" in text
    assert "docexec.kernel_setup" not in text  # the hidden set-up cell is not kept
    rendered = (
        site / "notebooks" / "classification" / "fashion_mnist_mlp" / "index.html"
    )
    assert "Total params: 101,770" in rendered.read_text()


def test_a_run_gives_the_same_download_from_build_to_build(site, executions):
    """A download is made from its run alone: nbformat would give the cell that sets
    up the environment a new random id in each build."""
    runs = executions["classification/fashion_mnist_mlp.py"]
    for run in runs.executions:
        written = (
            site
            / "snippets"
            / "classification"
            / f"fashion_mnist_mlp{run.variant}.ipynb"
        )
        assert written.read_text() == downloads.notebook(run), run.backend


def _installed(name: str) -> str:
    return importlib.metadata.version(name)


def test_each_executed_page_says_what_its_examples_ran_on(site, executions):
    environment = executions["activations/plot_activations.py"].page.environment
    assert (
        environment["date"]
        == datetime.date.fromisoformat(environment["date"]).isoformat()
    )
    versions = f"Python {platform.python_version()} and Keras {_installed('keras')}, "
    versions += (
        f"on TensorFlow {_installed('tensorflow-cpu')}, JAX {_installed('jax')} "
    )
    versions += f"and PyTorch {_installed('torch')}, one CPU thread each "
    versions += f"({environment['cpu']})"
    html = (site / "layers" / "activations" / "index.html").read_text()
    (line,) = re.findall(r'<p class="docexec-provenance">(.*?)</p>', html, re.S)
    assert f"ran on {environment['date']} with {versions}." in " ".join(line.split())
    korean = (site / "ko" / "layers" / "activations" / "index.html").read_text()
    assert f"Keras {_installed('keras')} 환경에서 TensorFlow" in korean
    assert (
        "docexec-provenance"
        not in (site / "reference" / "glossary" / "index.html").read_text()
    )


def test_downloads_say_how_to_get_the_same_numbers(site, executions):
    script = (site / "snippets" / "activations" / "plot_activations.py").read_text()
    pins = f"keras=={_installed('keras')}"
    header, _, code = script.partition('"""')
    assert "pip install" in header and pins in header
    assert f"tensorflow=={_installed('tensorflow-cpu')}" in header
    assert "TF_DETERMINISTIC_OPS=1 TF_NUM_INTRAOP_THREADS=1" in header
    assert 'os.environ["KERAS_BACKEND"] = "tensorflow"' in header  # before Keras
    source = (Path("snippets") / "activations" / "plot_activations.py").read_text()
    assert '"""' + code == source  # the snippet itself follows, unchanged
    notebook = json.loads(
        (site / "snippets" / "activations" / "plot_activations.ipynb").read_text()
    )
    setup = "".join(notebook["cells"][0]["source"])
    assert "%pip install --quiet" in setup and pins in setup
    assert 'os.environ["TF_DETERMINISTIC_OPS"] = "1"' in setup
    assert "import keras" not in setup  # set before any cell imports Keras
    assert any("import keras" in "".join(c["source"]) for c in notebook["cells"][1:])
    assert 'os.environ["KERAS_BACKEND"] = "tensorflow"' in setup


@pytest.mark.parametrize("other", ["jax", "torch"])
def test_each_backend_has_its_own_downloads_set_up_for_it(site, other):
    folder = site / "snippets" / "activations"
    script = (folder / f"plot_activations.{other}.py").read_text()
    header = script.partition('"""')[0]
    assert f'os.environ["KERAS_BACKEND"] = "{other}"' in header
    assert f"{other}=={_installed(other).split('+')[0]}" in header
    assert "tensorflow==" not in header  # nothing it does not need
    notebook = json.loads((folder / f"plot_activations.{other}.ipynb").read_text())
    setup = "".join(notebook["cells"][0]["source"])
    assert f'os.environ["KERAS_BACKEND"] = "{other}"' in setup
    assert notebook["metadata"]["docexec"]["environment"]["backend"] == other


def test_under_each_example_a_line_says_where_it_ran(site):
    html = (site / "layers" / "activations" / "index.html").read_text()
    lines = re.findall(r'<p class="docexec-backends">(.*?)</p>', html, re.S)
    assert lines, "no per-backend line"
    first = lines[0]
    for backend, name in (("", "TensorFlow"), (".jax", "JAX"), (".torch", "PyTorch")):
        target = f"../../notebooks/activations/plot_activations{backend}/"
        assert re.search(
            rf'<a href="{re.escape(target)}">{name} in \d+\.\d s</a>', first
        )
    assert "Not on" not in first  # it claims all three


def test_a_snippet_limited_to_one_backend_says_why_on_its_page(site):
    html = (site / "lifecycle" / "saving" / "index.html").read_text()
    lines = re.findall(r'<p class="docexec-backends">(.*?)</p>', html, re.S)
    limited = [line for line in lines if "Not on" in line]
    assert limited and all(": " in line.split("Not on", 1)[1] for line in limited)


def test_a_run_on_another_backend_says_what_it_is_and_offers_its_downloads(site):
    page = site / "notebooks" / "activations" / "plot_activations.jax" / "index.html"
    html = page.read_text()
    assert "KERAS_BACKEND=jax" in html
    assert 'href="../../../snippets/activations/plot_activations.jax.py"' in html


def test_notebook_pages_point_at_the_page_that_explains_them(site):
    for folder, title in (("", "Activation functions"), ("ko/", "활성화 함수")):
        html = (
            site
            / folder
            / "notebooks"
            / "activations"
            / "plot_activations"
            / "index.html"
        ).read_text()
        assert f'<a href="../../../layers/activations/">{title}</a>' in html


def test_the_korean_gallery_titles_its_cards_in_korean(site):
    html = (site / "ko" / "gallery" / "index.html").read_text()
    cards = re.findall(r"<strong><a [^>]*>(.*?)</a></strong>", html)
    titles = [re.sub(r"<[^>]+>", "", card) for card in cards]  # `code` in a title
    assert len(titles) >= 30
    assert all(re.search(r"[\uac00-\ud7a3]", t) for t in titles), titles
    assert "ran in" not in html and "실행 시간" in html


def test_math_is_mathml_not_a_script(site):
    html = (site / "layers" / "activations" / "index.html").read_text()
    assert "<math" in html and 'class="arithmatex"' not in html


def test_a_number_with_thousands_in_a_formula_is_one_number(site):
    """``3{,}190`` must read "3,190", not "3, 190" with an operator's space."""
    split = re.compile(r"</mn><mrow><mo>&#x0002C;</mo></mrow><mn>")
    pages = [p for p in site.rglob("*.html") if split.search(p.read_text())]
    assert not pages
    assert re.search(
        r"<mn>\d{1,3}(,\d{3})+</mn>",
        (site / "training" / "capacity" / "index.html").read_text(),
    )


def load_hook(name: str):
    path = Path(__file__).resolve().parent.parent / "hooks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "latex, expected",
    [
        (  # the classification page's model: one piece per arrow
            r"\text{Flatten} \rightarrow \text{Dense}(128,\ \text{relu})",
            [r"\text{Flatten}", r"\rightarrow \text{Dense}(128,\ \text{relu})"],
        ),
        (  # no cut inside brackets, a fraction's braces or |...|; a sign stays
            r"-\frac{a + b}{2} + (c - d) = |e - f|",
            [r"-\frac{a + b}{2}", "+ (c - d)", "= |e - f|"],
        ),
        (  # two formulas set apart by \qquad
            r"\text{MAE} = x \qquad \text{MSE} = y",
            [r"\text{MAE}", "= x", r"\qquad", r"\text{MSE}", "= y"],
        ),
    ],
)
def test_a_long_formula_is_cut_where_a_narrow_screen_may_wrap_it(latex, expected):
    assert load_hook("mathml").pieces(latex) == expected


def test_formulas_are_built_in_pieces_that_look_like_the_whole(site):
    html = (site / "examples" / "classification" / "index.html").read_text()
    model = re.search(r'<div class="math"[^>]*>(.*?)</div>', html, re.S).group(1)
    pieces = model.split("<wbr>")
    assert len(pieces) == 4 and all(p.startswith("<math") for p in pieces)
    assert all('displaystyle="true"' in p for p in pieces)  # display style, centred
    assert all('<mo form="infix">&#x02192;</mo>' in p for p in pieces[1:])


def test_each_training_step_has_the_neighbouring_steps_at_its_foot(site):
    """The theme's footer (navigation.footer) links each of the numbered training steps
    to the step before and after it, under their numbered titles, in both languages."""
    from test_reading_order import korean_title, steps

    numbered = steps()
    pages = {number: nav for number, nav in numbered}
    for number, nav in numbered:
        for language, prefix in (("en", ""), ("ko", "ko/")):
            folder = site / prefix / nav.path.removesuffix(".md")
            html = (folder / "index.html").read_text()
            links = dict(
                (direction, (href, label))
                for href, direction, label in re.findall(
                    r'<a href="([^"]+)" class="md-footer__link '
                    r'md-footer__link--(prev|next)" aria-label="([^"]+)"',
                    html,
                )
            )
            for direction, other in (("prev", number - 1), ("next", number + 1)):
                if other not in pages:
                    continue
                href, label = links[direction]
                title = pages[other].title
                title = title if language == "en" else korean_title(title)
                word = {"en": ("Previous", "Next"), "ko": ("이전", "다음")}[language]
                assert label == f"{word[direction == 'next']}: {title}", (nav, label)
                target = (folder / href / "index.html").resolve()
                expected = site / prefix / pages[other].path.removesuffix(".md")
                assert target == (expected / "index.html").resolve(), (nav, href)


def test_search_offers_the_pages_that_explain_a_run_not_its_notebooks(site):
    """A notebook page repeats its page's code and outputs, on three backends and in
    two languages: the search index holds the explaining pages alone."""
    index = json.loads((site / "search" / "search_index.json").read_text())
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"layers/activations/", "ko/layers/activations/"} <= pages
    assert not [page for page in pages if "notebooks/" in page]


def test_notebook_pages_share_one_stylesheet_instead_of_a_copy_each(site, executions):
    """JupyterLab's styles (about 590 KB) are one file that every notebook page links
    where they stood, after the theme's and the site's stylesheets."""
    jupyterlab = "--jp-shadow-base-lightness"  # a variable of JupyterLab's theme
    holding = [p for p in site.rglob("*") if p.is_file() and jupyterlab in _text(p)]
    assert [p.relative_to(site).parent.as_posix() for p in holding] == [
        "assets/stylesheets"
    ]
    stylesheet = holding[0]
    css = stylesheet.read_text()
    assert css.startswith('@charset "UTF-8";\n')
    for part in (".jupyter-wrapper{--md-red-50", ".highlight-ipynb", ".jp-Mermaid"):
        assert part in css, part  # JupyterLab's, the highlighting's, Mermaid's
    assert "['" not in css  # mkdocs-jupyter's repr of a list is not copied
    runs = sum(len(r.executions) for r in executions.values())
    notebook_pages = list(site.glob("**/notebooks/**/index.html"))
    assert len(notebook_pages) == 2 * runs  # each run's page, in two languages
    for page in notebook_pages:
        html = page.read_text()
        [href] = re.findall(
            r'<link rel="stylesheet" href="([^"]*notebook[^"]*)">', html
        )
        assert (page.parent / href).resolve() == stylesheet.resolve(), page
        link = f'<link rel="stylesheet" href="{href}">'
        order = [
            html.index("docexec.css"),
            html.index(link),
            html.index("jupyter-wrapper"),
        ]
        assert order == sorted(order), page
        assert "<style" not in html, page


def _text(path: Path) -> str:
    return path.read_text(errors="replace") if path.suffix in {".html", ".css"} else ""


def test_no_asset_from_another_host(site):
    remote = re.compile(r'(src|href)="(https?:)?//')
    for page in site.rglob("*.html"):
        text = page.read_text()
        loaded = re.findall(r"<(?:script|img|iframe)\b[^>]*>", text) + [
            tag
            for tag in re.findall(r"<link\b[^>]*>", text)
            if not re.search(r'rel="(canonical|alternate)"', tag)
        ]
        assert not [tag for tag in loaded if remote.search(tag)], page


def small_project(tmp_path: Path, snippet: str, page: str) -> Path:
    (tmp_path / "snippets" / "demo").mkdir(parents=True)
    (tmp_path / "snippets" / "demo" / "broken.py").write_text(snippet)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(page)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.docexec]\nsnippets = "snippets"\ncache = ".cache"\ntimeout = 60\n'
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - docexec\nmarkdown_extensions:\n"
        "  - attr_list\n  - md_in_html\n  - admonition\n  - pymdownx.superfences\n"
    )
    return tmp_path


@pytest.mark.reuse_while_unchanged()  # a scratch project: the engine decides
def test_a_raising_snippet_fails_the_build_with_path_and_line(tmp_path, mkdocs_build):
    project = small_project(
        tmp_path,
        "# %% Fine\nx = 1\n\n# %% Boom\nraise ValueError('bad value')\n",
        "# Demo\n\n:::snippet demo/broken.py\n",
    )
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode != 0
    for backend in ("tensorflow", "jax", "torch"):  # broken on every backend
        assert f"snippets/demo/broken.py:5 on {backend}: ValueError: bad" in done.stderr


@pytest.mark.reuse_while_unchanged()  # a scratch project: the engine decides
def test_a_snippet_broken_on_one_backend_fails_the_build_naming_it(
    tmp_path, mkdocs_build
):
    project = small_project(
        tmp_path,
        "# %% Fine\nimport keras\n\n# %% Boom\nif keras.backend.backend() == "
        "'torch':\n    raise RuntimeError('not on this one')\n",
        "# Demo\n\n:::snippet demo/broken.py\n",
    )
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode != 0
    assert "1 run(s) failed" in done.stderr
    assert (
        "snippets/demo/broken.py:6 on torch: RuntimeError: not on this" in done.stderr
    )
    assert "raise RuntimeError('not on this one')" in done.stderr  # the traceback


@pytest.mark.reuse_while_unchanged()  # a scratch project: the engine decides
def test_a_missing_snippet_fails_the_build_with_page_and_line(tmp_path, mkdocs_build):
    project = small_project(
        tmp_path,
        "print('ok')\n",
        "# Demo\n\n:::snippet demo/broken.py\n\n:::snippet demo/nope.py\n",
    )
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode != 0
    assert "index.md:5: no such snippet: snippets/demo/nope.py" in done.stderr


@pytest.mark.reuse_while_unchanged()  # a scratch project: the engine decides
def test_an_unembedded_snippet_fails_the_strict_build(tmp_path, mkdocs_build):
    project = small_project(tmp_path, "print('ok')\n", "# Demo\n\nNo embed here.\n")
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode != 0
    assert "snippets/demo/broken.py is not embedded in any page" in done.stderr


@pytest.mark.reuse_while_unchanged()  # a scratch project: the engine decides
def test_serve_shows_a_failing_snippet_on_its_page_and_keeps_serving(
    tmp_path, scratch_env
):
    project = small_project(
        tmp_path,
        "# %% Fine\nx = 1\n\n# %% Boom\nraise ValueError('bad value')\n",
        "# Demo\n\n:::snippet demo/broken.py\n",
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = scratch_env()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload"]
        + ["--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        html = ""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and "broken.py" not in html:
            time.sleep(1)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as reply:
                    html = reply.read().decode()
            except OSError:
                continue
        assert "admonition failure" in html
        assert "snippets/demo/broken.py:5 on tensorflow: ValueError: bad value" in html
        assert server.poll() is None  # still serving
    finally:
        server.terminate()
        server.wait(timeout=30)


STALE_TRANSLATIONS = (
    Path(__file__).resolve().parent.parent / "hooks" / "stale_translations.py"
)


def bilingual_project(tmp_path: Path) -> Path:
    """An English page, its Korean twin recorded as up to date, and the hook."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        "# Demo\n\nA paragraph to translate.\n\n```python\nprint('code')\n```\n"
    )
    (tmp_path / "docs" / "index.ko.md").write_text(
        "# 데모\n\n번역할 문단입니다.\n\n```python\nprint('code')\n```\n"
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme: material\nmarkdown_extensions:\n  - admonition\n"
        f"hooks:\n  - {STALE_TRANSLATIONS}\n"
        "plugins:\n  - i18n:\n      docs_structure: suffix\n      languages:\n"
        "        - {locale: en, name: English, default: true}\n"
        "        - {locale: ko, name: 한국어}\n"
    )
    record_translation(tmp_path)
    return tmp_path


def record_translation(project: Path) -> None:
    """What `make translated PAGE=docs/index.ko.md` runs."""
    subprocess.run(
        [sys.executable, str(STALE_TRANSLATIONS), "docs/index.ko.md"],
        cwd=project,
        check=True,
        capture_output=True,
    )


@pytest.mark.reuse_while_unchanged("hooks/stale_translations.py")
def test_a_stale_translation_fails_the_strict_build_until_it_is_updated(
    tmp_path, mkdocs_build
):
    project = bilingual_project(tmp_path)
    english = project / "docs" / "index.md"
    assert mkdocs_build(project, tmp_path / "site").returncode == 0

    english.write_text(english.read_text().replace("print('code')", "print('more')"))
    code_only = mkdocs_build(project, tmp_path / "site")
    assert code_only.returncode == 0, code_only.stderr  # code is not translated

    english.write_text(
        english.read_text().replace("A paragraph", "An edited paragraph")
    )
    stale = mkdocs_build(project, tmp_path / "site")
    assert stale.returncode != 0
    assert "docs/index.ko.md translates an older text of docs/index.md" in stale.stderr
    korean = (tmp_path / "site" / "ko" / "index.html").read_text()
    assert "번역이 영어 원문보다 오래되었습니다" in korean
    assert 'href="../" hreflang="en">최신 영어 원문</a>' in korean

    korean_page = project / "docs" / "index.ko.md"
    korean_page.write_text(korean_page.read_text().replace("번역할", "고친"))
    record_translation(project)
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    assert "최신 영어 원문" not in (tmp_path / "site" / "ko" / "index.html").read_text()
