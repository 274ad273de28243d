"""The navigation is a reading order: no page uses what only a later page teaches.

A learner who reads the pages in the order of ``nav`` in mkdocs.yml should meet every
Keras call and every term on the page that explains it, or after it. So each English
page declares, in its front matter, what it teaches and what it uses ahead of time:

    introduces:            # taught on this page: each item on exactly one page
      - keras.Input        # a Keras name, written as described below
      - validation_data=
      - validation set     # a term: one of the glossary's English terms
    previews:              # used here, but taught by a later page, which this one
      - EarlyStopping      # links to (a first-reading note, say)

The Korean twin shares the declaration (same navigation, same code); only the English
page carries it.

**Keras names** are written the way the code below reads them from the code a page
shows:

- ``keras.*`` and ``tf.*`` attribute chains, with ``tf.keras`` read as ``keras``: a
  class inside a Keras module is its bare name (``Dense``, ``Adam``, ``EarlyStopping``,
  ``L2``), a top-level one keeps its prefix (``keras.Input``, ``keras.Sequential``,
  ``tf.GradientTape``), a function is its whole chain
  (``keras.utils.set_random_seed``, ``keras.ops.softmax``, ``tf.custom_gradient``);
  ``from keras.layers import Dense`` makes ``Dense`` the same name;
- the model methods ``model.compile``, ``model.fit``, ``model.evaluate``,
  ``model.predict``, ``model.summary``, ``model.get_layer``, ``model.add``,
  ``model.save``, ``model.export``, ``model.predict_classes`` and the attribute
  ``model.layers``; the layer methods ``layer.build``, ``layer.count_params``,
  ``layer.get_weights``, ``layer.set_weights``, ``layer.adapt`` (called on anything but
  an object from another library: scikit-learn's ``fit`` is not Keras's);
- every keyword argument of ``fit`` and ``compile``, as ``validation_data=``,
  ``epochs=``, ``loss=`` ...;
- ``History`` for the attributes ``.history`` and ``.params`` of what ``fit`` returns.

Not tracked: strings (``"relu"``, ``"adam"``), keyword arguments of other calls,
other attributes, dunders (``keras.__version__``).

The code a page shows is every ```` ```python ```` block and every cell that a
``:::snippet`` line shows (its ``cells=``, unless ``hide=code``), read with ``ast``; a
snippet's imports are read from its whole file, shown or not.

**Terms** are the glossary's English terms (docs/reference/glossary.md). A page uses a
term where its prose (headings, paragraphs, lists, tables, link texts, admonitions and
inline code; not code blocks, formulas or front matter) names it, as a whole word, in
the plural too, and not as part of a longer glossary term ("inference" in "inference
mode"). Terms whose English is also an everyday word (``EVERYDAY`` below: "step",
"unit", "model", "shape", ...) are declared and explained like the others, but their
uses are not ordered, since "five steps" is not the parameter update.

The tests check, for the pages of ``nav`` in order (pages the plugin generates, the
gallery and the execution times, have no source and show no code of their own):

(a) every item a page introduces is explained there: the English prose mentions it
    (a Keras name in inline code: ``fit`` for ``model.fit``, ``validation_data`` for
    ``validation_data=``, ``ops.softmax`` (or all of it) for ``keras.ops.softmax``,
    ``Dense`` for ``Dense``; a class whose name does not read as a word, such as
    ``EarlyStopping``, ``RMSprop`` or ``SGD``, counts as a plain word too), and so does
    the Korean twin (a Keras name as in English; a term by the glossary's Korean term);
(b) every item is introduced by exactly one page;
(c) every Keras name in a page's shown code, every declared Keras name its prose
    mentions and every term its prose uses (but the everyday ones) is introduced by that
    page or an earlier one, or is one of its ``previews``;
(d) every Keras name in any shown code, and every glossary term, is introduced by some
    page, so that nothing escapes by not being declared;
(e) every preview is introduced by a later page, is used on the previewing page, and
    that page links to the page that introduces it, in both languages;
(f) the training steps ("1. Choosing a network" ...) are numbered 1 to N, one after the
    other in the navigation, with the same number in the nav title, its Korean
    translation and the page's title in both languages; a link whose text starts with a
    step number names the step it links to; each step ends with a line that links to
    the pages before and after it in the navigation ("Previous: ... Next: ...",
    "이전: ... 다음: ..."), named by their nav titles in that language. (The theme's
    own footer, built from the navigation, is checked in test_site_build.py.)

Every English page under docs/ must be in the navigation, or its declarations would
have no place in the order.
"""

from __future__ import annotations

import ast
import functools
import posixpath
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from test_i18n import (
    EVERYDAY_ENGLISH,
    glossary,
    korean_settings,
    mkdocs_config,
    term_uses,
)
from test_i18n import prose as korean_prose

from docexec.directive import Embed, expand
from docexec.render import select
from docexec.results import Cell
from docexec.sources import resolve, split_cells

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
GENERATED = {"gallery.md", "reference/timings.md"}  # written by the docexec plugin

MODEL_METHODS = {"compile", "fit", "evaluate", "predict", "summary", "get_layer", "add"}
MODEL_METHODS |= {"save", "export", "predict_classes"}
LAYER_METHODS = {"build", "count_params", "get_weights", "set_weights", "adapt"}
KEYWORDS_OF = {"fit", "compile"}
HISTORY_ATTRIBUTES = {"history", "params"}
KERAS_ROOTS = ("keras", "tensorflow")


# ------------------------------------------------------------------ the navigation


@dataclass(frozen=True)
class NavPage:
    path: str  # under docs/, e.g. "lifecycle/fit.md"
    title: str  # the English nav title


def nav_pages() -> list[NavPage]:
    pages: list[NavPage] = []

    def walk(items: list) -> None:
        for item in items:
            for title, target in item.items():
                if isinstance(target, list):
                    walk(target)
                else:
                    pages.append(NavPage(target, title))

    walk(mkdocs_config()["nav"])
    return pages


NAV = nav_pages()
READ = [page for page in NAV if page.path not in GENERATED]  # the pages with a source


def korean_title(title: str) -> str:
    return korean_settings()["nav_translations"].get(title, title)


# ------------------------------------------------------------------ a page's text


FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
CODE_BLOCK = re.compile(r"^(\s*)(`{3,}|~{3,}).*?^\1\2\s*$", re.S | re.M)
PYTHON_BLOCK = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,})python\b[^\n]*\n"
    r"(?P<body>.*?)^(?P=indent)(?P=fence)\s*$",
    re.S | re.M,
)
INSERTION = re.compile(r"\{\{.*?\}\}")
MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.S)
INLINE_CODE = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\]\(([^)\s]+)[^)]*\)")


def front_matter(markdown: str) -> dict:
    found = FRONT_MATTER.match(markdown)
    return (yaml.safe_load(found.group(1)) or {}) if found else {}


def without_code(markdown: str) -> str:
    """The Markdown a reader reads as text: no front matter, code blocks, embeds,
    formulas or numbers inserted from runs."""
    text = FRONT_MATTER.sub("", markdown)
    text = CODE_BLOCK.sub("", text)
    text = re.sub(r"^\s*:::snippet.*$", "", text, flags=re.M)
    return MATH.sub(" ", INSERTION.sub(" ", text))


@dataclass(frozen=True)
class Prose:
    words: str  # the text; inline code kept as words; no links' targets, tags, emphasis
    code: tuple[str, ...]  # the inline code spans
    links: frozenset[str]  # the pages it links to, as paths under docs/


def read_prose(markdown: str, page: str) -> Prose:
    text = without_code(markdown)
    links = set()
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        path = target.split("#")[0]
        links.add(posixpath.normpath(posixpath.join(posixpath.dirname(page), path)))
    code = tuple(INLINE_CODE.findall(text))
    words = INLINE_CODE.sub(lambda m: f" {m.group(1)} ", text)
    words = re.sub(r"<[^>]+>", " ", LINK.sub("]", words)).replace("*", "")
    return Prose(" ".join(words.split()), code, frozenset(links))


# ------------------------------------------------------------------ code a page shows


@dataclass(frozen=True)
class Shown:
    """Code shown to the reader, and the whole file it comes from (for imports)."""

    where: str  # "a ```python block" or "snippets/topic/name.py"
    whole: str
    sources: tuple[str, ...]


def embeds(markdown: str, page: str) -> list[Embed]:
    found: list[Embed] = []
    expand(markdown, page, lambda embed: found.append(embed) or "")
    return found


def shown_code(markdown: str, page: str) -> list[Shown]:
    shown = [
        Shown("a ```python block", body, (body,))
        for body in (
            textwrap.dedent(m.group("body")) for m in PYTHON_BLOCK.finditer(markdown)
        )
    ]
    for embed in embeds(markdown, page):
        if "code" in embed.hide:
            continue
        snippet = resolve(SNIPPETS, embed.path)
        whole = snippet.read()
        code = [c for c in split_cells(whole) if c.kind == "code"]
        cells = tuple(
            Cell(n, c.title, c.source, c.first_line, ())
            for n, c in enumerate(code, start=1)
        )
        chosen = tuple(cell.source for cell in select(cells, embed.cells))
        shown.append(Shown(snippet.display, whole, chosen))
    return shown


def _chain(node: ast.AST) -> list[str] | None:
    """``a.b.c`` as ``["a", "b", "c"]``; None unless it is names and attributes."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id, *reversed(parts)]


def keras_name(path: list[str]) -> str | None:
    """The name of a ``keras.*`` or ``tensorflow.*`` chain, as the docstring says."""
    if path[:2] == ["tensorflow", "keras"]:
        path = ["keras", *path[2:]]
    if path[0] not in KERAS_ROOTS or len(path) < 2:
        return None
    if any(part.startswith("__") for part in path):
        return None
    prefix = "keras" if path[0] == "keras" else "tf"
    for index, part in enumerate(path[1:], start=1):
        if part[:1].isupper():
            if index == 1 or prefix == "tf":
                return ".".join([prefix, *path[1:index], part])
            return part
    return ".".join([prefix, *path[1:]])


class _Reader(ast.NodeVisitor):
    """Collects the Keras names of the shown sources of one file."""

    def __init__(self, whole: str) -> None:
        tree = ast.parse(whole)
        self.imported: dict[str, list[str]] = {}  # local name -> module path
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.imported[alias.asname] = alias.name.split(".")
                    else:
                        root = alias.name.split(".")[0]
                        self.imported[root] = [root]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    local = alias.asname or alias.name
                    self.imported[local] = [*node.module.split("."), alias.name]
        # Names bound to objects of other libraries or to built-in containers.
        self.foreign = {
            name for name, path in self.imported.items() if path[0] not in KERAS_ROOTS
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and self._is_foreign(node.value):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.foreign.add(target.id)
        self.found: set[str] = set()

    def _is_foreign(self, node: ast.AST) -> bool:
        """Whether *node* is, or is taken from, an object of another library."""
        if isinstance(node, (ast.List, ast.Dict, ast.Set, ast.Tuple, ast.Constant)):
            return True
        if isinstance(node, ast.Name):
            return node.id in self.foreign or node.id in ("set", "list", "dict")
        if isinstance(node, ast.Call):
            return self._is_foreign(node.func)
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            return self._is_foreign(node.value)
        return False

    def _path(self, chain: list[str]) -> list[str] | None:
        if chain[0] in self.imported:
            return [*self.imported[chain[0]], *chain[1:]]
        return None

    def visit_Attribute(self, node: ast.Attribute) -> None:
        chain = _chain(node)
        path = self._path(chain) if chain else None
        name = keras_name(path) if path else None
        if name:
            self.found.add(name)
            return  # the whole chain is one name
        if node.attr in HISTORY_ATTRIBUTES and not self._is_foreign(node.value):
            self.found.add("History")
        if node.attr == "layers" and not self._is_foreign(node.value):
            self.found.add("model.layers")
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        path = self._path([node.id])
        name = keras_name(path) if path and len(path) > 1 else None
        if name:
            self.found.add(name)

    def visit_Call(self, node: ast.Call) -> None:
        function = node.func
        if isinstance(function, ast.Attribute) and not self._is_foreign(function.value):
            method = function.attr
            if method in MODEL_METHODS:
                self.found.add(f"model.{method}")
            elif method in LAYER_METHODS:
                self.found.add(f"layer.{method}")
            if method in KEYWORDS_OF:
                self.found |= {f"{k.arg}=" for k in node.keywords if k.arg}
        self.generic_visit(node)


def code_names(shown: Shown) -> set[str]:
    reader = _Reader(shown.whole)
    for source in shown.sources:
        reader.visit(ast.parse(source))
    return reader.found


# ------------------------------------------------------------------ items in prose


TERMS = {english: korean for korean, english in glossary()}
EVERYDAY = {english for english, korean in TERMS.items() if korean in EVERYDAY_ENGLISH}


def is_term(item: str) -> bool:
    return item in TERMS


def _identifier(span: str, name: str) -> bool:
    return bool(re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", span))


def _method(span: str, name: str) -> bool:
    """*name* as a method or attribute: ``fit``, ``model.fit(...)``, not the
    ``layers`` of ``keras.layers.Dense``."""
    for found in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", span):
        before, after = span[: found.start()], span[found.end() :]
        if not before.endswith("keras.") and not re.match(r"\.[A-Z]", after):
            return True
    return False


CAPITALIZED_WORD = re.compile(r"^[A-Z][a-z]+$")


def keras_mentioned(item: str, prose: Prose) -> bool:
    """Whether *prose* mentions the Keras name *item* (see the docstring, (a))."""
    if item.endswith("="):
        return any(_identifier(span, item[:-1]) for span in prose.code)
    if item.startswith(("model.", "layer.")):
        name = item.split(".", 1)[1]
        return any(_method(span, name) for span in prose.code)
    last = item.rsplit(".", 1)[-1]
    if last[:1].isupper():
        if CAPITALIZED_WORD.match(last):  # Dense, Softmax, Adam: also plain words
            return any(_identifier(span, last) for span in prose.code)
        return _identifier(prose.words, last)
    module, _, function = item.rpartition(".")
    tail = f"{module.rsplit('.', 1)[-1]}.{function}"
    return any(_identifier(span, tail) for span in prose.code)


@functools.cache
def _masked(term: str) -> tuple[str, ...]:
    """The glossary terms that contain *term* as a word: masked before looking."""
    return tuple(
        longer
        for longer in sorted(TERMS, key=len, reverse=True)
        if longer != term and re.search(rf"\b{re.escape(term)}\b", longer, re.I)
    )


def term_mentioned(term: str, words: str) -> bool:
    flags = re.I if term.islower() else 0
    for longer in _masked(term):
        words = re.sub(_plural(longer), " ", words, flags=re.I)
    return bool(re.search(_plural(term), words, flags))


def _plural(term: str) -> str:
    """*term* as a whole word, singular or plural (boundary, boundaries)."""
    stem, last = re.escape(term[:-1]), re.escape(term[-1])
    ending = f"(?:{last}|ies)" if term.endswith("y") else f"{last}(?:e?s)?"
    return rf"(?<![\w-]){stem}{ending}(?![\w-])"


def mentioned(item: str, prose: Prose) -> bool:
    if is_term(item):
        return term_mentioned(item, prose.words)
    return keras_mentioned(item, prose)


def korean_mentioned(item: str, markdown: str, prose: Prose) -> bool:
    """The Korean twin explains *item*: its glossary term, or the Keras name."""
    if is_term(item):
        korean = TERMS[item]
        return bool(term_uses(korean_prose(markdown), korean)) or (
            korean in prose.words  # a term kept in English, such as History 객체
        )
    return keras_mentioned(item, prose)


# ------------------------------------------------------------------ the pages


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    index: int  # its place among the pages with a source
    introduces: tuple[str, ...]
    previews: tuple[str, ...]
    english: str
    korean: str
    prose: Prose
    korean_prose: Prose
    code: dict[str, set[str]]  # where -> names shown there

    @property
    def code_uses(self) -> set[str]:
        return set().union(*self.code.values()) if self.code else set()


def _items(meta: dict, key: str, path: str) -> tuple[str, ...]:
    items = meta.get(key) or []
    assert isinstance(items, list) and all(isinstance(i, str) for i in items), (
        f"{path}: `{key}:` is a list of names and terms"
    )
    return tuple(items)


@functools.cache
def pages() -> tuple[Page, ...]:
    found = []
    for index, nav in enumerate(READ):
        path = DOCS / nav.path
        english = path.read_text(encoding="utf-8")
        korean = path.with_suffix(".ko.md").read_text(encoding="utf-8")
        meta = front_matter(english)
        code: dict[str, set[str]] = {}
        for shown in shown_code(english, nav.path):
            code.setdefault(shown.where, set()).update(code_names(shown))
        found.append(
            Page(
                nav.path,
                nav.title,
                index,
                _items(meta, "introduces", nav.path),
                _items(meta, "previews", nav.path),
                english,
                korean,
                read_prose(english, nav.path),
                read_prose(korean, nav.path),
                code,
            )
        )
    return tuple(found)


@functools.cache
def teachers() -> dict[str, list[Page]]:
    """Each declared item and the pages that introduce it."""
    found: dict[str, list[Page]] = {}
    for page in pages():
        for item in page.introduces:
            found.setdefault(item, []).append(page)
    return found


def teacher(item: str) -> Page | None:
    return (teachers().get(item) or [None])[0]


def prose_uses(page: Page) -> set[str]:
    """The declared items and glossary terms this page's prose uses (ordered ones)."""
    declared = set(teachers()) | set(TERMS)
    return {
        item
        for item in declared
        if item not in EVERYDAY and mentioned(item, page.prose)
    }


def by_page(test):
    return pytest.mark.parametrize(
        "page", pages(), ids=[page.path for page in pages()]
    )(test)


# ------------------------------------------------------------------ the checks


def test_every_english_page_is_in_the_navigation():
    listed = {page.path for page in NAV}
    missing = [
        str(p.relative_to(DOCS))
        for p in sorted(DOCS.rglob("*.md"))
        if "." not in p.stem and str(p.relative_to(DOCS)) not in listed
    ]
    assert not missing, f"pages outside the navigation: {missing}"
    assert {page.path for page in NAV if not (DOCS / page.path).exists()} <= GENERATED


@by_page
def test_what_a_page_introduces_is_explained_on_it_in_both_languages(page):
    problems = [
        f"{item!r} is not mentioned in the English prose"
        for item in page.introduces
        if not mentioned(item, page.prose)
    ] + [
        f"{item!r} is not mentioned in the Korean prose"
        + (f" (as {TERMS[item]!r})" if is_term(item) else "")
        for item in page.introduces
        if not korean_mentioned(item, page.korean, page.korean_prose)
    ]
    assert not problems, "\n".join(problems)


def test_every_item_is_introduced_by_exactly_one_page():
    twice = {
        item: [page.path for page in where]
        for item, where in teachers().items()
        if len(where) > 1
    }
    assert not twice, f"introduced on more than one page: {twice}"


@by_page
def test_a_page_uses_only_what_it_or_an_earlier_page_introduces(page):
    uses = {
        name: f"in the code of {where}"
        for where in page.code
        for name in page.code[where]
    }
    uses |= {item: "in the prose" for item in prose_uses(page) if item not in uses}
    problems = []
    for item, where in sorted(uses.items()):
        source = teacher(item)
        if source is None or source.index <= page.index or item in page.previews:
            continue
        problems.append(
            f"{item!r} ({where}) is introduced later, by {source.path}: move the page, "
            f"or list it under `previews:` and link to {source.path}"
        )
    assert not problems, "\n".join(problems)


def test_every_name_in_shown_code_and_every_glossary_term_is_introduced():
    shown_on: dict[str, list[str]] = {}
    for page in pages():
        for where, names in page.code.items():
            for name in names:
                shown_on.setdefault(name, []).append(f"{page.path} ({where})")
    missing = [
        f"{name!r}, shown on {', '.join(where)}"
        for name, where in sorted(shown_on.items())
        if teacher(name) is None
    ] + [f"the glossary term {term!r}" for term in sorted(TERMS) if not teacher(term)]
    assert not missing, "introduced by no page:\n" + "\n".join(missing)


@by_page
def test_a_preview_is_used_here_taught_later_and_linked_to(page):
    problems = []
    uses = (
        page.code_uses
        | prose_uses(page)
        | {item for item in page.previews if mentioned(item, page.prose)}
    )
    for item in page.previews:
        source = teacher(item)
        if source is None:
            problems.append(f"{item!r} is previewed but no page introduces it")
            continue
        if source.index <= page.index:
            problems.append(f"{item!r} is no preview: {source.path} comes first")
        if item not in uses:
            problems.append(f"{item!r} is previewed but not used here")
        for language, prose in (("English", page.prose), ("Korean", page.korean_prose)):
            if source.path not in prose.links:
                problems.append(
                    f"the {language} page previews {item!r} "
                    f"without a link to {source.path}"
                )
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ the training steps


STEP = re.compile(r"^(\d+)\. ")
FOOT = {
    "en": re.compile(
        r"Previous: \[([^\]]+)\]\(([^)]+)\)\.\s+Next:\s+\[([^\]]+)\]\(([^)]+)\)\.\s*\Z"
    ),
    "ko": re.compile(
        r"이전: \[([^\]]+)\]\(([^)]+)\)\.\s+다음:\s+\[([^\]]+)\]\(([^)]+)\)\.\s*\Z"
    ),
}


def steps() -> list[tuple[int, NavPage]]:
    return [
        (int(found.group(1)), nav) for nav in NAV if (found := STEP.match(nav.title))
    ]


def test_the_training_steps_are_numbered_one_after_the_other():
    numbered = steps()
    assert [number for number, _ in numbered] == list(range(1, len(numbered) + 1))
    places = [NAV.index(nav) for _, nav in numbered]
    assert places == list(range(places[0], places[0] + len(places))), (
        "the steps follow each other in the navigation"
    )


@pytest.mark.parametrize("number, nav", steps(), ids=lambda x: getattr(x, "path", x))
def test_a_step_has_its_number_in_every_title_and_in_its_footer_links(number, nav):
    path = DOCS / nav.path
    texts = {"en": path.read_text(), "ko": path.with_suffix(".ko.md").read_text()}
    titles = {"en": nav.title, "ko": korean_title(nav.title)}
    place = NAV.index(nav)
    before, after = NAV[place - 1], NAV[place + 1]
    problems = []
    for language, text in texts.items():
        if not titles[language].startswith(f"{number}. "):
            problems.append(f"{language} nav title {titles[language]!r}")
        heading = re.search(r"^# (.*)$", FRONT_MATTER.sub("", text), re.M).group(1)
        if not heading.startswith(f"{number}. "):
            problems.append(f"{language} title {heading!r}")
        foot = FOOT[language].search(without_code(text).rstrip())
        if not foot:
            problems.append(f"the {language} page does not end with its footer line")
            continue
        named = [(foot.group(1), foot.group(2)), (foot.group(3), foot.group(4))]
        for (text_, target), neighbour in zip(named, (before, after), strict=True):
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(nav.path), target.split("#")[0])
            )
            title = (
                neighbour.title if language == "en" else korean_title(neighbour.title)
            )
            if (text_, target) != (title, neighbour.path):
                problems.append(
                    f"{language} footer links [{text_}]({target}), "
                    f"not [{title}]({neighbour.path})"
                )
    assert not problems, "\n".join(problems)


def test_links_that_name_a_step_give_its_number():
    numbers = {nav.path: number for number, nav in steps()}
    problems = []
    for page in sorted(DOCS.rglob("*.md")):
        rel = str(page.relative_to(DOCS)).replace(".ko.md", ".md")
        text = without_code(page.read_text())
        for link_text, target in re.findall(r"\[([^\]]+)\]\(([^)\s]+)\)", text):
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(rel), target.split("#")[0])
            )
            step = STEP.match(link_text)
            if step and target in numbers and int(step.group(1)) != numbers[target]:
                problems.append(f"{page.relative_to(DOCS)}: [{link_text}]({target})")
    assert not problems, "step links with the wrong number:\n" + "\n".join(problems)


# ------------------------------------------------------------------ the reader itself


def names(code: str, shown: str | None = None) -> set[str]:
    return code_names(Shown("test", code, (shown if shown is not None else code,)))


@pytest.mark.parametrize(
    "code, expected",
    [
        (
            "import keras\nmodel = keras.Sequential([keras.Input(shape=(4,)),"
            " keras.layers.Dense(3)])",
            {"keras.Sequential", "keras.Input", "Dense"},
        ),
        (
            "import keras\nh = model.fit(x, y, validation_data=(a, b), epochs=2)\n"
            "h.history['loss']",
            {"model.fit", "validation_data=", "epochs=", "History"},
        ),
        (
            "from keras.layers import Dense\nfrom keras import callbacks\n"
            "Dense(2)\ncallbacks.EarlyStopping(patience=3)",
            {"Dense", "EarlyStopping"},
        ),
        (
            "import tensorflow as tf\nwith tf.GradientTape() as tape: pass\n"
            "tf.keras.optimizers.Adam(learning_rate=0.1)\ntf.custom_gradient",
            {"tf.GradientTape", "Adam", "tf.custom_gradient"},
        ),
        (
            "import keras\nkeras.utils.set_random_seed(0)\nkeras.ops.softmax(x)",
            {"keras.utils.set_random_seed", "keras.ops.softmax"},
        ),
        (  # scikit-learn's fit and predict, a set's add: not Keras
            "from sklearn.linear_model import LogisticRegression\n"
            "clf = LogisticRegression().fit(x, y)\nclf.predict(x)\n"
            "LogisticRegression().fit(x, y)\nseen = set()\nseen.add(1)",
            set(),
        ),
        ("import keras\nprint(keras.__version__)", set()),
    ],
)
def test_the_reader_finds_the_keras_names_of_code(code, expected):
    assert names(code) == expected


def test_only_the_shown_cells_count_but_imports_come_from_the_whole_file():
    whole = "import keras\n# %% Hidden\nkeras.layers.Dense(1)\n# %% Shown\nmodel.fit(x)"
    assert names(whole, "model.fit(x)") == {"model.fit"}


def test_a_snippet_embedded_with_hidden_code_shows_none():
    markdown = ":::snippet layers/dense.py cells=Input hide=code\n"
    assert shown_code(markdown, "x.md") == []
    shown = shown_code(":::snippet layers/dense.py cells=Input\n", "x.md")
    assert len(shown) == 1 and "keras.Input" in code_names(shown[0])


@pytest.mark.parametrize(
    "item, text, expected",
    [
        ("model.fit", "`fit` trains", True),
        ("model.fit", "fit the data", False),  # a verb, not the method
        ("model.layers", "`keras.layers.Dense(3)`", False),
        ("model.layers", "`model.layers[0]`", True),
        ("validation_data=", "pass `validation_data=(x, y)`", True),
        ("keras.ops.softmax", "apply `keras.ops.softmax`", True),
        ("keras.activations.relu", "`activations.relu(z)`", True),
        ("keras.activations.relu", 'with `keras.activations`: `"relu"`', False),
        ("Dense", "a `Dense` layer", True),
        ("Softmax", "Softmax acts on a whole vector", False),  # a word, not the layer
        ("EarlyStopping", "the EarlyStopping callback", True),
        ("inference", "runs in inference mode", False),  # the longer term
        ("validation set", "the validation sets", True),
        ("History", "the history of the note", False),
    ],
)
def test_mentions_are_read_as_the_docstring_says(item, text, expected):
    assert mentioned(item, read_prose(text, "x.md")) == expected
