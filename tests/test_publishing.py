"""Links that leave the site: none until its addresses are set, and then real ones.

``MKDOCS_REPO_URL`` and ``MKDOCS_SITE_URL`` (mkdocs.yml) are the only two addresses
the site links to. The site the other tests build has neither, so it may show no link
that depends on them. With both set, ``make deploy`` publishes into a local bare
repository here, and every "Open in Colab" link must name a notebook that is on the
branch it published, every edit link a file of the repository.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_URL = "https://github.com/docs-owner/docs-repo"
SITE_URL = "https://docs-owner.github.io/docs-repo/"
COLAB = re.compile(
    r'href="https://colab\.research\.google\.com/github/([^/]+/[^/]+)/blob/'
    r'([^/]+)/([^"]+)"'
)
EDIT = re.compile(r'href="' + re.escape(REPO_URL) + r'/edit/([^/]+)/([^"]+)"')
# What the build needs from the checkout; docexec itself comes from the environment.
PROJECT = ("mkdocs.yml", "pyproject.toml", "requirements.lock", "Makefile")
PROJECT_DIRS = ("docs", "snippets", "hooks")


def test_without_addresses_no_link_depends_on_them(site):
    for page in site.rglob("*.html"):
        html = page.read_text()
        assert "colab.research.google.com" not in html, page
        assert 'rel="canonical"' not in html, page
        assert 'class="md-source"' not in html, page  # the repository link
        assert "md-content__button" not in html, page  # "Edit this page"
    assert "://" not in re.sub(
        r'xmlns(:\w+)?="[^"]*"', "", (site / "sitemap.xml").read_text()
    )


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    return done.stdout


# Everything the deploy copies and builds (PROJECT, PROJECT_DIRS) is in the key.
@pytest.mark.reuse_while_unchanged(*PROJECT, *PROJECT_DIRS)
def test_deployed_colab_links_open_notebooks_on_the_published_branch(
    settings, executions, tmp_path, scratch_env
):
    assert not [e for runs in executions.values() for e in runs.errors]
    project, remote = tmp_path / "project", tmp_path / "published.git"
    project.mkdir()
    for name in PROJECT:
        shutil.copy2(settings.root / name, project / name)
    for name in PROJECT_DIRS:
        shutil.copytree(
            settings.root / name,
            project / name,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    # mkdocs-jupyter's renderings, keyed by each notebook's content: the tests' own
    # build made them, so the deploy does not render every notebook page again.
    rendered = settings.root / ".cache" / "mkdocs-jupyter"
    if rendered.is_dir():
        shutil.copytree(rendered, project / ".cache" / "mkdocs-jupyter")
    identity = {
        "GIT_AUTHOR_NAME": "docs",
        "GIT_AUTHOR_EMAIL": "docs@localhost",
        "GIT_COMMITTER_NAME": "docs",
        "GIT_COMMITTER_EMAIL": "docs@localhost",
    }
    git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    env = {
        **scratch_env("MKDOCS_", "GIT_"),
        **identity,
        "MKDOCS_REPO_URL": REPO_URL,
        "MKDOCS_SITE_URL": SITE_URL,
        "DOCEXEC_CACHE": str(settings.cache),  # the cache the tests filled
    }
    for args in (
        ["init", "--quiet", "--initial-branch", "main"],
        ["add", "--all"],
        ["commit", "--quiet", "--message", "docs"],
        ["remote", "add", "origin", str(remote)],
    ):
        subprocess.run(["git", *args], cwd=project, env=env, check=True)
    # `make deploy` as the workflow runs it, in the environment this test runs in.
    done = subprocess.run(
        ["make", "-o", "setup", "deploy", f"VENV={sys.prefix}"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "docexec: executing" not in done.stderr

    published = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split())
    sources = set(git("ls-files", cwd=project).split())
    linked, edited = set(), set()
    for page in (project / "site").rglob("*.html"):
        html = page.read_text()
        for repository, branch, path in COLAB.findall(html):
            assert (repository, branch) == ("docs-owner/docs-repo", "gh-pages"), page
            assert path in published, f"{page}: Colab link to unpublished {path}"
            linked.add(path)
        for branch, path in EDIT.findall(html):
            assert branch == "main" and posixpath.normpath(path) in sources, path
            edited.add(posixpath.normpath(path))
        if page.name == "index.html" and "404" not in page.parts:
            assert re.search(f'<link rel="canonical" href="{re.escape(SITE_URL)}', html)
        assert f'href="{REPO_URL}"' in html, page  # the repository link
    notebooks = {f"snippets/{rel.removesuffix('.py')}.ipynb" for rel in executions}
    assert linked == notebooks  # every executed notebook, and nothing else
    assert "docs/layers/activations.md" in edited
    assert "docs/layers/activations.ko.md" in edited
