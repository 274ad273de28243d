"""A page's browser check is reused only while nothing that check sees has changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_check_cache import PageCheckCache, site_file

ENVIRONMENT = {"chromium": "156.0", "axe": "a1", "code": "c1"}
LOADED = [
    "a/",
    "assets/main.css",
    "a/fig.png",
    "sitemap.xml",
    "search/search_index.json",
]


@pytest.fixture
def site(tmp_path: Path) -> Path:
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


def cache(site: Path, **environment: str) -> PageCheckCache:
    """A fresh instance each time, as a new test run makes one."""
    return PageCheckCache(site.parent / "checks", site, {**ENVIRONMENT, **environment})


def record_both(site: Path) -> None:
    checks = cache(site)
    checks.record_pass("axe", "dark", "a/", LOADED)
    checks.record_pass("axe", "dark", "b/", ["b/", "assets/main.css"])


def test_a_pass_is_reused_while_nothing_changed(site):
    record_both(site)
    assert cache(site).passed("axe", "dark", "a/")
    assert cache(site).passed("axe", "dark", "b/")
    entries = sorted(p.name for p in (site.parent / "checks").iterdir())
    assert len(entries) == 2 and all(e.endswith(".json") for e in entries)


@pytest.mark.parametrize(
    "edited",
    ["a/index.html", "a/fig.png", "assets/main.css", "sitemap.xml", "assets/late.js"],
)
def test_editing_the_page_or_anything_it_loads_rechecks_it(site, edited):
    record_both(site)
    (site / edited).write_text("changed")
    assert not cache(site).passed("axe", "dark", "a/")


def test_a_prose_edit_rechecks_that_page_alone(site):
    record_both(site)
    (site / "b" / "index.html").write_text("<h1>B, edited</h1>")
    (site / "search" / "search_index.json").write_text('{"docs": ["edited"]}')
    assert cache(site).passed("axe", "dark", "a/")
    assert not cache(site).passed("axe", "dark", "b/")


def test_a_file_that_appears_or_disappears_rechecks_the_page(site):
    checks = cache(site)
    checks.record_pass("load", "light", "a/", ["a/", "missing.js"])
    (site / "missing.js").write_text("now here")
    assert not cache(site).passed("load", "light", "a/")
    checks = cache(site)
    checks.record_pass("load", "light", "a/", ["a/", "missing.js"])
    (site / "missing.js").unlink()
    assert not cache(site).passed("load", "light", "a/")


@pytest.mark.parametrize(
    "change", [{"chromium": "157.0"}, {"axe": "a2"}, {"code": "c2"}]
)
def test_a_new_browser_axe_or_test_code_rechecks_every_page(site, change):
    record_both(site)
    assert not cache(site, **change).passed("axe", "dark", "a/")
    assert not cache(site, **change).passed("axe", "dark", "b/")


def test_theme_and_check_are_kept_apart(site):
    record_both(site)
    assert not cache(site).passed("axe", "light", "a/")
    assert not cache(site).passed("load", "dark", "a/")


def test_a_damaged_entry_means_checking_again(site):
    record_both(site)
    for entry in (site.parent / "checks").iterdir():
        entry.write_text(entry.read_text()[:20])
    assert not cache(site).passed("axe", "dark", "a/")


def test_urls_map_to_the_files_the_server_sends():
    assert site_file("") == "index.html"
    assert site_file("ko/layers/") == "ko/layers/index.html"
    assert site_file("a/fig%201.png?v=2#top") == "a/fig 1.png"
