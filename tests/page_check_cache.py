"""Per-page browser check results, reused while nothing the check sees has changed.

Checking every page of the site in Chromium (page load, axe-core in both themes, a
phone's width) takes minutes, yet one page's result can only change when something that
page shows or runs changes. So each passing result is stored with the list of site files
the page loaded, and reused only while one hash over all of the following is unchanged:

- the check's name and the page's path;
- the environment the test passes in: its own code, axe-core's script, Chromium's and
  Playwright's versions, Python's and its server's content types;
- the page's own HTML and every file it requested (CSS, JavaScript, images, fonts,
  ``sitemap.xml``; a file that was missing counts as missing);
- every file of the theme (``assets/``, ``stylesheets/``, ``javascripts/``), loaded or
  not, so a script or style the page requests late is covered even if the check ended
  before the request.

Left out on purpose: ``search/search_index.json``, read only by the search worker,
which puts nothing on a page until a query is typed. Every prose edit changes it, so
keying on it would re-check every page after any edit; the search test, never cached,
loads and queries it on every run.

A failing result is not stored: the page is checked again next time. Entries live in
``.cache/page-checks/`` (git-ignored), one file per check and page, each written
to a temporary file and renamed into place, so a run killed half-way leaves either the
old entry or the new one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import urllib.parse
from collections.abc import Iterable, Mapping
from pathlib import Path

THEME_FOLDERS = ("assets", "stylesheets", "javascripts")
UNKEYED = frozenset({"search/search_index.json"})


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def site_file(url_path: str) -> str:
    """The site file behind a site-relative URL: ``x/`` is ``x/index.html``."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(url_path).path).lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


class PageCheckCache:
    def __init__(
        self, directory: Path, site: Path, environment: Mapping[str, str]
    ) -> None:
        self.directory = directory
        self.site = site
        self.environment = dict(environment)
        self._digests: dict[str, str] = {}
        self._theme = sorted(
            p.relative_to(site).as_posix()
            for folder in THEME_FOLDERS
            for p in (site / folder).rglob("*")
            if p.is_file()
        )

    def _file_digest(self, rel: str) -> str:
        if rel not in self._digests:
            path = self.site / rel
            self._digests[rel] = (
                _digest(path.read_bytes()) if path.is_file() else "missing"
            )
        return self._digests[rel]

    def _key(self, check: str, page: str, files: Iterable[str]) -> str:
        keyed = sorted((set(files) | set(self._theme) | {site_file(page)}) - UNKEYED)
        parts = {
            "check": check,
            "page": page,
            "environment": self.environment,
            "files": {rel: self._file_digest(rel) for rel in keyed},
        }
        return _digest(json.dumps(parts, sort_keys=True).encode())

    def _entry(self, check: str, page: str) -> Path:
        name = _digest(json.dumps([check, page]).encode())
        return self.directory / f"{name}.json"

    def passed(self, check: str, page: str) -> bool:
        """Whether *page* passed *check* with everything it sees as now."""
        try:
            entry = json.loads(self._entry(check, page).read_text())
            return entry["key"] == self._key(check, page, entry["files"])
        except (OSError, ValueError, KeyError, TypeError):
            return False  # absent or damaged: check the page again

    def record_pass(self, check: str, page: str, loaded: Iterable[str]) -> None:
        """Remember that *page* passed, having requested the site-relative *loaded*."""
        files = sorted({site_file(url) for url in loaded})
        entry = {"key": self._key(check, page, files), "files": files}
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, staging = tempfile.mkstemp(prefix=".entry-", dir=self.directory)
        try:
            with os.fdopen(fd, "w") as fh:
                json.dump(entry, fh)
            os.replace(staging, self._entry(check, page))
        except BaseException:
            os.unlink(staging)
            raise
