"""A page's browser check is reused only while nothing that check sees has changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_check_cache import PageCheckCache, site_file
from test_browser import base_url, browser, load_problems, visit  # noqa: F401

ENVIRONMENT = {"chromium": "156.0", "axe": "a1", "code": "c1"}
LOADED = [
    "a/",
    "assets/main.css",
    "a/fig.png",
    "sitemap.xml",
    "search/search_index.json",
]


@pytest.fixture
def fake_site(tmp_path: Path) -> Path:
    files = {
        "a/index.html": "<h1>A</h1>",
        "a/fig.png": "png",
        "b/index.html": "<h1>B</h1>",
        "assets/main.css": "h1 {}",
        "assets/late.js": "late()",
        "sitemap.xml": "<urlset/>",
        "search/search_index.json": '{"docs": []}',
    }
    for rel, text in files.items():
        (tmp_path / "site" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "site" / rel).write_text(text)
    return tmp_path / "site"


def cache(built: Path, **environment: str) -> PageCheckCache:
    """A fresh instance each time, as a new test run makes one."""
    return PageCheckCache(
        built.parent / "checks", built, {**ENVIRONMENT, **environment}
    )


def record_both(built: Path) -> None:
    checks = cache(built)
    checks.record_pass("axe", "a/", LOADED)
    checks.record_pass("axe", "b/", ["b/", "assets/main.css"])


def test_a_pass_is_reused_while_nothing_changed(fake_site):
    record_both(fake_site)
    assert cache(fake_site).passed("axe", "a/")
    assert cache(fake_site).passed("axe", "b/")
    entries = sorted(p.name for p in (fake_site.parent / "checks").iterdir())
    assert len(entries) == 2 and all(e.endswith(".json") for e in entries)


@pytest.mark.parametrize(
    "edited",
    ["a/index.html", "a/fig.png", "assets/main.css", "sitemap.xml", "assets/late.js"],
)
def test_editing_the_page_or_anything_it_loads_rechecks_it(fake_site, edited):
    record_both(fake_site)
    (fake_site / edited).write_text("changed")
    assert not cache(fake_site).passed("axe", "a/")


def test_a_prose_edit_rechecks_that_page_alone(fake_site):
    record_both(fake_site)
    (fake_site / "b" / "index.html").write_text("<h1>B, edited</h1>")
    (fake_site / "search" / "search_index.json").write_text('{"docs": ["edited"]}')
    assert cache(fake_site).passed("axe", "a/")
    assert not cache(fake_site).passed("axe", "b/")


def test_a_file_that_appears_or_disappears_rechecks_the_page(fake_site):
    checks = cache(fake_site)
    checks.record_pass("load", "a/", ["a/", "missing.js"])
    (fake_site / "missing.js").write_text("now here")
    assert not cache(fake_site).passed("load", "a/")
    checks = cache(fake_site)
    checks.record_pass("load", "a/", ["a/", "missing.js"])
    (fake_site / "missing.js").unlink()
    assert not cache(fake_site).passed("load", "a/")


@pytest.mark.parametrize(
    "change", [{"chromium": "157.0"}, {"axe": "a2"}, {"code": "c2"}]
)
def test_a_new_browser_axe_or_test_code_rechecks_every_page(fake_site, change):
    record_both(fake_site)
    assert not cache(fake_site, **change).passed("axe", "a/")
    assert not cache(fake_site, **change).passed("axe", "b/")


def test_checks_are_kept_apart(fake_site):
    record_both(fake_site)
    assert not cache(fake_site).passed("load", "a/")


def test_a_damaged_entry_means_checking_again(fake_site):
    record_both(fake_site)
    for entry in (fake_site.parent / "checks").iterdir():
        entry.write_text(entry.read_text()[:20])
    assert not cache(fake_site).passed("axe", "a/")


def test_urls_map_to_the_files_the_server_sends():
    assert site_file("") == "index.html"
    assert site_file("ko/layers/") == "ko/layers/index.html"
    assert site_file("a/fig%201.png?v=2#top") == "a/fig 1.png"


def test_a_real_check_records_the_files_its_page_loaded(browser, base_url):  # noqa: F811
    """What the cache keys a page on, as Chromium really loads the page."""
    problems, loaded = visit(browser, base_url, "layers/activations/", [load_problems])
    files = {site_file(url) for url in loaded}
    assert problems == [("load_problems", [])]
    assert "layers/activations/index.html" in files
    assert "stylesheets/docexec.css" in files
    assert "javascripts/language-switch.js" in files
    assert any(f.startswith("snippets/activations/") for f in files)  # its figures
