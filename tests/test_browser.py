"""The built site in a real browser: Debian's Chromium driven by Playwright.

Every page is served from a plain local folder server and checked the way a reader meets
it: no console error, no failed or foreign request, every image decoded, no serious
accessibility violation (axe-core, in both themes: the dark one reached through the
header's toggle, as a reader reaches it), and on a phone's 390 px no sideways
scrolling and no formula wider than its box; plus downloads, search, the theme toggle
and the sidebars' sticky titles. The load, axe-core and phone-width checks of a page
run in one visit, and each one's result is reused while nothing that check sees has
changed (``page_check_cache``), so a prose edit re-checks the edited page alone.
"""

from __future__ import annotations

import functools
import hashlib
import html.parser
import http.server
import importlib.metadata
import mimetypes
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import axe_playwright_python
import page_check_cache
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text()
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A phone's viewport (CSS pixels), and a desktop's, wide enough for both sidebars.
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 420}  # short, so that both sidebars scroll
# Each theme as Playwright emulates the reader's preference, and the scheme it shows.
SCHEMES = {"light": ("light", "default"), "dark": ("dark", "slate")}
SCHEME = "document.body.getAttribute('data-md-color-scheme')"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Chromium is missing: `make setup` installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def page_checks(browser: Browser, site: Path) -> page_check_cache.PageCheckCache:
    """Past passes, valid while the site's files and all of the below are unchanged."""
    mimetypes.init()  # the content types the server gives, as it reads them
    code = b"".join(
        Path(source).read_bytes() for source in (__file__, page_check_cache.__file__)
    )
    environment = {
        "code": hashlib.sha256(code).hexdigest(),
        "axe": hashlib.sha256(AXE.encode()).hexdigest(),
        "chromium": browser.version,
        "playwright": importlib.metadata.version("playwright"),
        "python": sys.version,
        "content_types": repr(
            sorted({**mimetypes.types_map, **QuietHandler.extensions_map}.items())
        ),
    }
    return page_check_cache.PageCheckCache(
        ROOT / ".cache" / "page-checks", site, environment
    )


def all_pages(site: Path) -> list[str]:
    pages = sorted(
        p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")
    )
    return ["" if p == "." else p + "/" for p in pages] + ["404.html"]


def load_everything(page: Page, url: str) -> None:
    """Open *url* and make lazy images load, as scrolling to them would."""
    page.goto(url, wait_until="load")
    page.evaluate(
        """() => Promise.all(Array.from(document.images).map(img => {
            img.loading = "eager";
            return img.complete ? null : new Promise(done => {
                img.addEventListener("load", done); img.addEventListener("error", done);
            });
        }))"""
    )


def load_problems(page: Page, base_url: str, path: str) -> list[str]:
    """Console errors, failed or foreign requests and undecoded images on a page."""
    problems: list[str] = []
    page.on(
        "console",
        lambda m: m.type == "error" and problems.append(f"console: {m.text}"),
    )
    page.on(
        "requestfailed",
        lambda r: (
            r.failure != "net::ERR_ABORTED"  # left behind when the check ends
            and problems.append(f"failed: {r.url} ({r.failure})")
        ),
    )
    page.on(
        "response",
        lambda r: (
            r.status >= 400
            and not r.url.endswith("404.html")
            and problems.append(f"HTTP {r.status}: {r.url}")
        ),
    )
    page.on(
        "request",
        lambda r: (
            not r.url.startswith((base_url, "data:", "blob:"))
            and problems.append(f"foreign request: {r.url}")
        ),
    )
    load_everything(page, base_url + path)
    broken = page.evaluate(
        "Array.from(document.images).filter(i => !i.naturalWidth).map(i => i.src)"
    )
    return problems + [f"image did not load: {src}" for src in broken]


# Only colours differ between the themes, so the dark theme needs axe-core's colour
# rules alone (its category cat.color, less the AAA rule it leaves off by default).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
NOT_COLOUR = {"rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}
# The text of code blocks is a few dozen kinds of token, each repeated hundreds of
# times: the same classes, inline style and ancestors, hence the same colours and
# font, so the colour rules read one of each. The others are hidden, keeping their
# space (the layout does not move), and axe-core leaves hidden text alone. The other
# rules run first, on the page as it is.
ONE_TOKEN_OF_EACH_KIND = """() => {
    const seen = new Set();
    let hidden = 0;
    for (const token of document.querySelectorAll("pre span")) {
        if (token.firstElementChild) continue;  // holds tokens of its own
        const kind = [token.textContent.trim() ? "text" : "blank"];
        for (let element = token; element; element = element.parentElement)
            kind.push(`${element.tagName}.${element.className}[${element.style.cssText}]`);
        const key = kind.join(" < ");
        if (seen.has(key)) {
            token.style.visibility = "hidden";
            hidden++;
        } else {
            seen.add(key);
        }
    }
    return hidden;
}"""


def switch_theme(page: Page, theme: str) -> None:
    """Click the header's theme toggle, as a reader does, and wait until it switched."""
    scheme = SCHEMES[theme][1]
    option = page.get_attribute(f"input[data-md-color-scheme='{scheme}']", "id")
    page.click(f"label[for='{option}']")
    page.wait_for_function(
        "scheme => document.body.getAttribute('data-md-color-scheme') === scheme"
        " && !document.body.hasAttribute('data-md-color-switching')",
        arg=scheme,
    )


def serious_violations(page: Page, options: dict) -> list[str]:
    """Serious and critical axe-core violations on the page as it is now."""
    report = page.evaluate(
        "options => axe.run(document, options)",
        {"resultTypes": ["violations"], **options},
    )
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes'][:3]]}"
        for violation in report["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def axe_problems(page: Page, base_url: str, path: str) -> list[str]:
    """Serious and critical axe-core violations on the page as loaded: every rule in
    the light theme, then the colour rules in the dark one (switched to by the toggle),
    then back to the light one."""
    page.evaluate(AXE)
    problems = serious_violations(page, NOT_COLOUR)
    page.evaluate(ONE_TOKEN_OF_EACH_KIND)
    problems += serious_violations(page, {"runOnly": COLOUR_RULES})
    switch_theme(page, "dark")
    problems += [
        f"dark theme: {problem}"
        for problem in serious_violations(page, {"runOnly": COLOUR_RULES})
    ]
    switch_theme(page, "light")
    return problems


# What a phone's screen must hold: the page no wider than the screen (wide code and
# tables scroll inside boxes of their own), and every formula inside its box (a display
# formula's, or the block of text around an inline one), since a formula never scrolls.
NARROW_SCREEN = """() => {
    const screen = document.documentElement;
    const text = element => element.textContent.trim().slice(0, 60);
    const formulas = Array.from(document.querySelectorAll("article math"))
        .filter(formula => !formula.closest("table"))  // tables scroll in a box
        .map(formula => {
            const box = formula.parentElement.closest(".math, p, li, dd, dt, div");
            const edge = formula.getBoundingClientRect();
            const limit = box.getBoundingClientRect();
            return [text(formula), edge.left - limit.left, edge.right - limit.right];
        });
    const boxes = Array.from(document.querySelectorAll("article .math"))
        .map(box => [text(box), box.scrollWidth, box.clientWidth]);
    return {width: [screen.scrollWidth, screen.clientWidth], formulas, boxes};
}"""


def narrow_screen_problems(page: Page, base_url: str, path: str) -> list[str]:
    """Sideways scrolling and formulas wider than their box, on a phone's screen."""
    page.set_viewport_size(PHONE)
    page.goto(base_url + path, wait_until="load")
    found = page.evaluate(NARROW_SCREEN)
    problems = []
    wide, screen = found["width"]
    if wide > screen:
        problems.append(f"scrolls sideways: {wide} px on a {screen} px screen")
    problems += [
        f"formula scrolls in its box, {wide} px in {shown} px: {formula}"
        for formula, wide, shown in found["boxes"]
        if wide > shown
    ]
    problems += [
        f"formula past its box by {max(-left, right):.0f} px: {formula}"
        for formula, left, right in found["formulas"]
        if left < -0.5 or right > 0.5
    ]
    return problems


Check = Callable[[Page, str, str], list[str]]


def visit(
    browser, base_url, path, checks: list[Check]
) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """Each of *checks* on one page with its problems, in one browser context of its
    own (nothing carried over from the page before) whose reader prefers the light
    theme: the page loads as on a reader's first visit (``load_problems``, kept if it
    is one of *checks*), then the other checks read it in turn; and the site-relative
    URLs the page requested meanwhile, which all of them saw."""
    context = browser.new_context(color_scheme=SCHEMES["light"][0])
    try:
        page = context.new_page()
        loaded: list[str] = []
        page.on(
            "request",
            lambda r: (
                r.url.startswith(base_url)
                and loaded.append(r.url.removeprefix(base_url))
            ),
        )
        found = {load_problems: load_problems(page, base_url, path)}
        scheme = page.evaluate(SCHEME)
        if scheme != SCHEMES["light"][1]:
            found[load_problems].append(f"shown in the {scheme} scheme")
        for check in checks:
            if check is not load_problems:
                found[check] = check(page, base_url, path)
        problems = [
            (check.__name__, [p.replace(base_url, "/") for p in found[check]])
            for check in checks
        ]
        return problems, list(loaded)
    finally:
        context.close()


# A Korean notebook page (ko/notebooks/x/) shows the same rendering of the same
# notebook as the English one, images and all, inside the Korean header and navigation
# that every Korean page has: each page check reads the English one, and every other
# Korean page.
def one_language(path: str) -> bool:
    return not path.startswith("ko/notebooks/")


Kind = tuple[str, ...]
# The attributes that style an element or say what it is, besides its classes.
TELLING = re.compile(r"role|aria-.+|data-.+")


class ElementKinds(html.parser.HTMLParser):
    """The kinds of element in a page's article: each one's tag, classes, ``role``,
    ``aria-*`` and ``data-*`` attributes, whether it has a style of its own and an
    empty ``alt``, and its parent's tag and classes."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []  # the open elements inside <article>, outermost first
        self.kinds: set[Kind] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.open and tag != "article":
            return
        given = dict(attrs)
        classes = " ".join(sorted((given.get("class") or "").split()))
        telling = sorted(f"{k}={v}" for k, v in attrs if TELLING.fullmatch(k))
        alt = "alt" if given.get("alt") else "no alt" if "alt" in given else ""
        parent = self.open[-1] if self.open else ""
        own = f"{tag}.{classes}"
        self.kinds.add((own, *telling, "style" * ("style" in given), alt, parent))
        if tag not in VOID:
            self.open.append(own)

    def handle_endtag(self, tag: str) -> None:
        while self.open and not self.open.pop().startswith(f"{tag}."):
            pass  # an element left open inside the one that ends


VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


@functools.cache
def kinds_of(site: Path, path: str) -> frozenset[Kind]:
    parser = ElementKinds()
    parser.feed((site / path / "index.html").read_text(encoding="utf-8"))
    return frozenset(parser.kinds)


def holding_every_kind(site: Path, pages: list[str]) -> set[str]:
    """A few of *pages* that between them hold every kind of element that any of them
    holds: the page holding most of the kinds not yet held, until none is left."""
    left = set().union(*(kinds_of(site, path) for path in pages))
    chosen = set()
    while left:
        most = max(sorted(pages), key=lambda path: len(kinds_of(site, path) & left))
        chosen.add(most)
        left -= kinds_of(site, most)
    return chosen


# A notebook page of a run on another backend than its page's (notebooks/x.jax/).
OTHER_BACKEND = re.compile(r"notebooks/.+\.(jax|torch|tensorflow)/$")


def pages_each_check_reads(site: Path) -> dict[Check, set[str]]:
    """Every page is loaded (in one language, ``one_language``). Notebook pages are
    made by one template from runs whose cells hold the same kinds of code and output:
    axe-core reads the prose pages and those notebook pages that between them hold
    every kind of element the notebook pages have (a code token of each colour, each
    kind of output, the note on another backend's run). The phone width reads the
    prose pages and each page run's notebook page, since a long line overflows where
    its kind of element would not."""
    pages = [path for path in all_pages(site) if one_language(path)]
    notebooks = [path for path in pages if path.startswith("notebooks/")]
    prose = set(pages) - set(notebooks)
    page_runs = {path for path in notebooks if not OTHER_BACKEND.search(path)}
    return {
        load_problems: set(pages),
        axe_problems: prose | holding_every_kind(site, notebooks),
        narrow_screen_problems: prose | page_runs,
    }


@pytest.fixture(scope="module")
def page_problems(browser, base_url, site, page_checks) -> dict[str, list[str]]:
    """Each page check's problems, page by page: each page is visited once for the
    checks it is due (those without a pass that ``page_checks`` vouches for)."""
    reads = pages_each_check_reads(site)
    found: dict[str, list[str]] = {check.__name__: [] for check in reads}
    for path in all_pages(site):
        due = [
            check
            for check, pages in reads.items()
            if path in pages and not page_checks.passed(check.__name__, path)
        ]
        if not due:
            continue
        results, loaded = visit(browser, base_url, path, due)
        for name, problems in results:
            if problems:
                found[name] += [f"{path}: {problem}" for problem in problems]
            else:
                page_checks.record_pass(name, path, loaded)
    return found


def test_every_page_loads_cleanly_from_this_host_only(site, page_problems):
    pages = pages_each_check_reads(site)[load_problems]
    assert {"layers/activations/", "ko/gallery/", "notebooks/fit/history.jax/"} <= pages
    assert not page_problems["load_problems"], "\n".join(page_problems["load_problems"])


# A code token's colour too dark for the dark theme's code blocks, and nothing else.
DARK_ONLY_FAULT = """document.addEventListener("DOMContentLoaded", () => {
    const style = document.createElement("style");
    style.textContent = "[data-md-color-scheme=slate] .highlight .kn {color: #303040}";
    document.head.append(style);
});"""


def test_the_accessibility_check_finds_a_code_colour_that_fails_in_the_dark_only(
    browser, base_url
):
    """The colour rules read one code token of each kind (ONE_TOKEN_OF_EACH_KIND): an
    `import` keyword too dark on the dark theme's code blocks is still found."""
    context = browser.new_context(color_scheme=SCHEMES["light"][0])
    try:
        context.add_init_script(DARK_ONLY_FAULT)
        page = context.new_page()
        page.goto(base_url + "layers/activations/", wait_until="load")
        problems = axe_problems(page, base_url, "layers/activations/")
    finally:
        context.close()
    assert problems and all(
        p.startswith("dark theme: color-contrast") for p in problems
    )


# What only some notebook pages show: text a run wrote to stderr, and a figure.
RARE = {
    "stderr": 'data-mime-type="application/vnd.jupyter.stderr"',
    "figure": 'src="data:image/png;base64,',
}


def test_axe_core_reads_every_prose_page_and_notebooks_with_each_kind_of_output(site):
    reads = pages_each_check_reads(site)
    notebooks = sorted(p for p in reads[load_problems] if p.startswith("notebooks/"))
    read = sorted(p for p in reads[axe_problems] if p.startswith("notebooks/"))
    assert {"layers/activations/", "ko/layers/activations/"} <= reads[axe_problems]
    assert 0 < len(read) < len(notebooks) / 4
    html = {p: (site / p / "index.html").read_text(encoding="utf-8") for p in read}
    assert any(OTHER_BACKEND.search(path) for path in read)  # with its note
    for name, marker in RARE.items():
        assert any(marker in text for text in html.values()), name


def test_no_serious_accessibility_violations_in_either_theme(page_problems):
    assert not page_problems["axe_problems"], "\n".join(page_problems["axe_problems"])


def test_no_page_scrolls_sideways_on_a_phone_nor_has_a_formula_wider_than_its_box(
    page_problems,
):
    found = page_problems["narrow_screen_problems"]
    assert not found, "\n".join(found)


# The title of a sidebar, the first entry under it, and the box the entries scroll in.
SIDEBAR = """(side) => {
    const title = document.querySelector(`.md-sidebar--${side} .md-nav__title`);
    const entries = title.parentElement.querySelector(".md-nav__list");
    const first = Array.from(entries.querySelectorAll(".md-nav__link"))
        .find(link => link.getBoundingClientRect().height > 0);
    const scroller = title.closest(".md-sidebar__scrollwrap");
    return {title: title.getBoundingClientRect().toJSON(),
            first: first.getBoundingClientRect().toJSON(),
            scroller: scroller.getBoundingClientRect().toJSON(),
            scrolls: scroller.scrollHeight - scroller.clientHeight};
}"""
SCROLL_SIDEBAR = """([side, top]) => {
    const sidebar = document.querySelector(`.md-sidebar--${side}`);
    sidebar.querySelector(".md-sidebar__scrollwrap").scrollTop = top;
}"""
SHOW_ENTRIES = """([side, visibility]) => {
    const title = document.querySelector(`.md-sidebar--${side} .md-nav__title`);
    title.parentElement.querySelector(".md-nav__list").style.visibility = visibility;
}"""


@pytest.mark.parametrize(
    "theme, path",
    [
        ("light", "lifecycle/compile/"),
        ("dark", "lifecycle/compile/"),
        ("light", "ko/lifecycle/compile/"),
    ],
)
def test_entries_scrolled_under_a_sidebar_title_do_not_show_through(
    browser, base_url, theme, path
):
    """On a desktop the navigation's title (the site's name) and the table of contents'
    stay in place while their entries scroll beneath. From the title's top to where the
    first entry rests, the screen must look the same with the entries hidden, at every
    scroll position an entry passes through."""
    context = browser.new_context(color_scheme=SCHEMES[theme][0], viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(base_url + path, wait_until="load")
        for side in ("primary", "secondary"):
            page.evaluate(SCROLL_SIDEBAR, [side, 0])
            rest = page.evaluate(SIDEBAR, side)
            title, scroller = rest["title"], rest["scroller"]
            region = {
                "x": scroller["x"],
                "y": title["y"],
                "width": scroller["width"],
                "height": int(rest["first"]["y"] - title["y"]),  # whole pixels above it
            }
            assert rest["first"]["y"] > title["bottom"], f"{side}: no gap to measure"
            travel = rest["first"]["height"] * 2  # the first entries pass beneath
            assert rest["scrolls"] > travel, f"{side}: too short to scroll beneath"
            for top in range(0, int(travel) + 1, 3):
                page.evaluate(SCROLL_SIDEBAR, [side, top])
                shown = page.screenshot(clip=region)
                page.evaluate(SHOW_ENTRIES, [side, "hidden"])
                bare = page.screenshot(clip=region)
                page.evaluate(SHOW_ENTRIES, [side, ""])
                assert shown == bare, f"{side} sidebar scrolled {top} px: entries show"
    finally:
        context.close()


def test_figures_have_alt_text_that_describes_them(browser, base_url, site):
    page = browser.new_page()
    for path in ("layers/activations/", "examples/classification/"):
        page.goto(base_url + path)
        alts = page.eval_on_selector_all(
            "img.docexec-figure", "els => els.map(e => e.alt)"
        )
        assert alts and all(len(alt) > 10 and alt != "Figure" for alt in alts)


def test_downloads_return_the_files_and_a_downloaded_script_runs(
    browser, base_url, tmp_path
):
    page = browser.new_page()
    page.goto(base_url + "layers/activations/")
    links = page.eval_on_selector_all("a[download]", "els => els.map(e => e.href)")
    assert {Path(link).suffix for link in links} == {".py", ".ipynb"}
    for link in links:
        response = page.request.get(link)
        assert response.ok and len(response.body()) > 100, link
    script = next(link for link in links if link.endswith("softmax_vector.py"))
    with page.expect_download() as download:
        page.click(f'a[href$="{Path(script).name}"][download]')
    target = tmp_path / "softmax_vector.py"
    download.value.save_as(target)
    done = subprocess.run(
        [sys.executable, str(target)],
        cwd=tmp_path,
        env={**os.environ, "MPLBACKEND": "Agg", "TF_CPP_MIN_LOG_LEVEL": "3"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "softmax sums to:  1.0" in done.stdout


def open_first_search_result(page: Page, start: str, query: str, target: str) -> None:
    """Type *query* into the search box at *start*; the first result must be the page
    at *target* (a path such as "/layers/activations/"), and Enter opens it."""
    page.goto(start)
    page.locator("input[name='query']").press_sequentially(query, delay=50)
    page.wait_for_function(
        """(target) => {
            const first = document.querySelector(".md-search-result__item > a");
            return first && first.href.includes(target);
        }""",
        arg=target,
        timeout=20_000,
    )
    page.press("input[name='query']", "Enter")  # opens the first result
    page.wait_for_url(f"**{target}**")


def test_search_finds_softmax_and_lands_on_the_activations_page(browser, base_url):
    page = browser.new_page()
    open_first_search_result(page, base_url, "softmax", "/layers/activations/")
    assert page.locator("article h1").inner_text().startswith("Activation functions")


@pytest.mark.parametrize(
    "preference, path, toggle",
    [
        ("light", "layers/activations/", "Switch to the dark theme"),
        ("dark", "layers/activations/", "Switch to the light theme"),
        ("light", "ko/layers/activations/", "어두운 테마로 바꾸기"),
        ("dark", "ko/layers/activations/", "밝은 테마로 바꾸기"),
    ],
)
def test_the_preferred_theme_shows_first_with_a_toggle_in_the_pages_language(
    browser, base_url, preference, path, toggle
):
    """The page checks all start in the light theme and toggle to the dark one; a
    reader who prefers the dark theme gets it without toggling."""
    context = browser.new_context(color_scheme=SCHEMES[preference][0])
    try:
        page = context.new_page()
        page.goto(base_url + path, wait_until="load")
        assert page.evaluate(SCHEME) == SCHEMES[preference][1]
        shown = page.locator("form[data-md-component='palette'] label:visible")
        assert shown.get_attribute("title") == toggle
    finally:
        context.close()


def test_theme_toggle_switches_and_figures_stay_visible(browser, base_url):
    page = browser.new_page()
    load_everything(page, base_url + "examples/classification/")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.click("label[title='Switch to the dark theme']")
    page.wait_for_function(f"{scheme} === 'slate'")
    figures = page.locator("img.docexec-figure")
    assert figures.count() >= 4
    for index in range(figures.count()):
        figure = figures.nth(index)
        figure.scroll_into_view_if_needed()
        assert figure.is_visible()
        assert figure.evaluate("img => img.naturalWidth > 0 && img.width > 0")
    page.evaluate(AXE)
    report = page.evaluate(
        "axe.run(document, {runOnly: ['color-contrast'], resultTypes: ['violations']})"
    )
    assert not report["violations"], report["violations"][0]["nodes"][:3]
    page.click("label[title='Switch to the light theme']")
    page.wait_for_function(f"{scheme} === 'default'")


def test_language_switch_keeps_the_page_after_instant_navigation(browser, base_url):
    page = browser.new_page()
    page.goto(base_url + "layers/activations/")
    page.click("a.md-nav__link[href$='examples/classification/']")
    page.wait_for_url("**/examples/classification/")
    korean = page.locator(".md-select__link[hreflang='ko']")
    assert korean.get_attribute("href").endswith("/ko/examples/classification/")
    assert korean.get_attribute("target") == "_self"  # a full load, not instant
    page.goto(korean.get_attribute("href"))
    assert page.evaluate("document.documentElement.lang") == "ko"
    assert page.locator("article h1").inner_text().startswith("이미지 분류")
    english = page.locator(".md-select__link[hreflang='en']")
    assert english.get_attribute("href") == base_url + "examples/classification/"


@pytest.mark.parametrize(
    "query, explained",
    [("과적합", "과적합이라고도"), ("정규화", "규제를 정규화라고도")],
)
def test_korean_search_for_another_name_lands_on_the_page_about_it(
    browser, base_url, query, explained
):
    """과적합 and 정규화 (regularization, in older texts) are not this site's terms;
    a reader searching for them lands on 과대적합 막기, which names them as such."""
    page = browser.new_page()
    open_first_search_result(page, base_url + "ko/", query, "/ko/training/overfitting/")
    assert "과대적합 막기" in page.locator("article h1").inner_text()
    assert explained in page.locator("article").inner_text()
