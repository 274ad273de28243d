"""The Korean edition: complete, in Korean, and consistent with its glossary.

The glossary (docs/reference/glossary*.md) gives one Korean term per concept. A page
uses that term for the concept and gives the English once, in parentheses at its first
use in running text (not in a heading or a link text); everyday words such as 모델 and
층 need no English. Other names readers meet in other books (과적합, 라벨, …) may appear
only where they are marked as such: in a sentence that says the concept is "also
called" so (「…라고도 합니다」), or in the glossary's list of other names.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from docexec.backends import ALL, claim
from docexec.config import Settings
from docexec.sources import discover

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN = re.compile(r"[A-Za-z]")
# Glossary terms that are plain Korean: no English gloss is expected.
PLAIN_KOREAN = {"모델", "층", "예측", "평가", "분류", "확률", "모양", "갱신"}
# Terms whose English is also an everyday word ("five steps", "a unit of error"), so an
# English page using the word need not be about the concept.
EVERYDAY_ENGLISH = PLAIN_KOREAN | {"스텝", "유닛"}
# Another name for a glossary concept -> the glossary's term. Allowed only where marked.
OTHER_NAMES = {
    "과적합": "과대적합",
    "오버피팅": "과대적합",
    "완전 연결": "밀집층",
    "전결합층": "밀집층",
    "최적화기": "옵티마이저",
    "에폭": "에포크",
    "학습 세트": "훈련 세트",
    "기울기": "그레이디언트",
    "그래디언트": "그레이디언트",
    "드랍아웃": "드롭아웃",
    "L2 정규화": "L2 규제",
    "라벨": "레이블",
    "교차 엔트로피": "크로스 엔트로피",
    "매개변수": "파라미터",
    "계층": "층",
    "레이어": "층",
    "피처": "특성",
}
# Words outside the glossary that drifted between pages -> the one the site uses.
DRIFTED = {
    "형태": "모양 (shape)",
    "업데이트": "갱신 (update)",
    "인자": "인수 (argument)",
    "학습 노트": "공부 노트",
    "케라스": "Keras",
    "반환": "돌려주다",
    "벌칙": "벌점",
    "표준 편차": "표준편차",
    "two-moons": "두 반달",
    "작업별 출력층": "문제에 맞는 출력층",
    "읽을 거리": "다음으로 읽을 글",
    "정직": "제대로 / 믿을 만한",
    "평범한": "기본 / 일반 / 1차원",
}
ALSO_CALLED = "라고도"  # 「…이라고도 합니다」 marks a sentence naming another term
OTHER_NAMES_SECTION = "## 다른 책과 강의에서 만나는 용어"
# The particle a number takes depends on how its last digit is read (3 is 삼: 3으로).
PARTICLES = {  # after a final consonant, after a vowel, after ㄹ
    "으로": ("으로", "로", "로"),
    "로": ("으로", "로", "로"),
    "은": ("은", "는", "은"),
    "는": ("은", "는", "은"),
    "이": ("이", "가", "이"),
    "가": ("이", "가", "이"),
    "을": ("을", "를", "을"),
    "를": ("을", "를", "을"),
    "과": ("과", "와", "과"),
    "와": ("과", "와", "과"),
}
LAST_DIGIT_ENDS_IN = {"0": 0, "1": 2, "2": 1, "3": 0, "4": 1, "5": 1, "6": 0}
LAST_DIGIT_ENDS_IN |= {"7": 2, "8": 2, "9": 1}  # 0 consonant, 1 vowel, 2 ㄹ
NUMBER_AND_PARTICLE = re.compile(
    r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)(으로|로|은|는|이|가|을|를|과|와)(?![\uac00-\ud7a3])"
)
# \text{} words a formula may keep in English: Keras strings and fan-in/out subscripts.
FORMULA_NAMES = {"relu", "softmax", "rate", "out"}


def load_stale_translations_hook():
    path = ROOT / "hooks" / "stale_translations.py"
    spec = importlib.util.spec_from_file_location("stale_translations", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


STALE = load_stale_translations_hook()


def english_pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if "." not in p.stem)


def korean_twin(page: Path) -> Path:
    return page.with_suffix(".ko.md")


def page_id(page: Path) -> str:
    return str(page.relative_to(DOCS))


def is_glossary(page: Path) -> bool:
    return page.stem == "glossary"


def pages(test):
    return pytest.mark.parametrize("page", english_pages(), ids=page_id)(test)


def prose(markdown: str) -> str:
    """The words a reader reads: no front matter, code, math, embeds, URLs or HTML."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"^(\s*)(`{3,}|~{3,}).*?^\1\2\s*$", "", text, flags=re.S | re.M)
    text = re.sub(r"^\s*:::snippet.*$", "", text, flags=re.M)
    text = re.sub(r"\{\{.*?\}\}", " ", text)  # a number inserted from a run
    text = re.sub(r"\$\$.*?\$\$|\$[^$\n]+\$", "", text, flags=re.S)
    text = re.sub(r"`[^`\n]+`", "", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return re.sub(r"<[^>]+>", "", text)


def running_text(markdown: str) -> str:
    """Prose without headings, link texts, admonition or tab titles, the bold titles
    that open list items (「- **테스트 세트로 조정하기.**」) and the sentences that
    name other terms (「…라고도 합니다」), as one line."""
    text = re.sub(r"^#{1,6} .*$", "", prose(markdown), flags=re.M)
    text = re.sub(r"^\s*(!!!|\?\?\?\+?|===) .*$", "", text, flags=re.M)
    text = re.sub(r"^(\s*(?:[-*]|\d+\.) )\*\*[^*]*\.\*\*", r"\1", text, flags=re.M)
    text = re.sub(r"\[[^\]]*\]", "", text)
    return " ".join(s for s in sentences(text) if ALSO_CALLED not in s)


def glossary() -> list[tuple[str, str]]:
    """(Korean, English) pairs from the Korean glossary's table."""
    table = (DOCS / "reference" / "glossary.ko.md").read_text()
    rows = re.findall(r"^\| ([^|]+?) \| ([^|]+?) \| [^|]+ \|$", table, re.M)
    return [(ko, en) for ko, en in rows if ko not in ("한국어", "---")]


TERMS = [ko for ko, _ in glossary()]


def term_uses(text: str, term: str) -> list[re.Match]:
    """Where *term* names its concept: not inside a longer glossary term (이진 분류
    for 분류) or compound (입력층 for 층), not as a verb (초기화하면, 과대적합된)."""
    for longer in sorted((t for t in TERMS if term in t and t != term), key=len)[::-1]:
        text = text.replace(longer, "□" * len(longer))
    verb = r"(?![하한할합해했되된될됩돼됐시])"
    return list(re.finditer(r"(?<![\uac00-\ud7a3])" + re.escape(term) + verb, text))


def glossed(text: str, end: int, english: str, own: bool = False) -> bool:
    """Does a parenthesis holding *english* follow the term ending at *end*? With
    *own*, only one that starts with it: 정수 레이블(integer labels) is a gloss of the
    phrase, not of 레이블."""
    gloss = re.match(r"[*_]*\(([^)]*)\)", text[end:])
    inside = gloss.group(1).lower() if gloss else ""
    return inside.startswith(english.lower()) if own else english.lower() in inside


def words(text: str) -> str:
    """*text* with every run of whitespace, line breaks included, as one space."""
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    return [words(s) for s in re.split(r"(?<=[.!?])\s+|\n\s*\n", text)]


def other_names(text: str) -> list[str]:
    """Other names for glossary concepts, outside sentences that mark them as such."""
    return [
        f"{wrong!r} is not the glossary's term; use {right!r} (or say 「…라고도」)"
        for sentence in sentences(text)
        if ALSO_CALLED not in sentence
        for wrong, right in OTHER_NAMES.items()
        if wrong in sentence
    ]


def drift(text: str) -> list[str]:
    return [
        f"{word!r}: this site writes {ours}"
        for word, ours in DRIFTED.items()
        if word in text
    ]


def number_particles(text: str) -> list[str]:
    """Particles after numbers that do not fit how the number is read."""
    problems = []
    for match in NUMBER_AND_PARTICLE.finditer(text):
        number, particle = match.groups()
        digits = number.replace(",", "")
        whole = digits.split(".")[0]
        if "." not in digits and len(whole) > 1 and whole.endswith("0"):
            ending = 0  # 십, 백, 천, 만
        else:
            ending = LAST_DIGIT_ENDS_IN[digits[-1]]
        if particle != PARTICLES[particle][ending]:
            problems.append(f"{match.group()!r}: {number}{PARTICLES[particle][ending]}")
    return problems


def english_in_formulas(markdown: str) -> list[str]:
    """English words a Korean page leaves inside a formula's \\text{}."""
    texts = re.findall(
        r"\\text\{([^}]*)\}",
        " ".join(re.findall(r"\$\$.*?\$\$|\$[^$\n]+\$", markdown, flags=re.S)),
    )
    return [
        word
        for text in texts
        for word in re.findall(r"[A-Za-z][A-Za-z-]*", text)
        if word.islower() and len(word) >= 3 and word not in FORMULA_NAMES
    ]


def test_every_page_has_a_korean_twin_and_the_reverse():
    english = english_pages()
    assert len(english) >= 19
    missing = [p.relative_to(DOCS) for p in english if not korean_twin(p).exists()]
    orphans = [
        p.relative_to(DOCS)
        for p in DOCS.rglob("*.ko.md")
        if not p.with_name(p.name.replace(".ko.md", ".md")).exists()
    ]
    assert not missing, f"pages without a Korean twin: {missing}"
    assert not orphans, f"Korean pages without an English original: {orphans}"


@pages
def test_korean_page_is_mostly_hangul(page):
    words = prose(korean_twin(page).read_text())
    hangul, latin = len(HANGUL.findall(words)), len(LATIN.findall(words))
    assert hangul / max(1, hangul + latin) > 0.6, f"{hangul} Hangul, {latin} Latin"


@pages
def test_korean_page_keeps_the_same_examples(page):
    embeds = re.compile(r"^\s*:::snippet.*$", re.M)
    assert embeds.findall(korean_twin(page).read_text()) == embeds.findall(
        page.read_text()
    )


def test_glossary_covers_the_same_terms_in_both_languages():
    english = (DOCS / "reference" / "glossary.md").read_text()
    rows = re.findall(r"^\| ([^|]+?) \| ([^|]+?) \| [^|]+ \|$", english, re.M)
    pairs = {(ko, en) for en, ko in rows if en not in ("Term", "---")}
    assert pairs == set(glossary())


def english_mentions(text: str, en: str) -> bool:
    """Whether the English running *text* names the term *en* on its own, not only
    inside a longer glossary term ("inference" in "inference mode")."""
    flags = re.I if en.islower() else 0
    for _, longer in glossary():
        if longer != en and re.search(rf"\b{re.escape(en)}\b", longer, re.I):
            text = re.sub(rf"\b{re.escape(longer)}s?\b", " ", text, flags=re.I)
    return bool(re.search(rf"\b{re.escape(en)}s?\b", text, flags))


@pages
def test_korean_page_uses_the_glossary_term_for_each_concept(page):
    if is_glossary(page):
        pytest.skip("the glossary defines the terms rather than using them")
    english = running_text(page.read_text())
    korean = running_text(korean_twin(page).read_text())
    missing = [
        f"{en!r} is on the English page but {ko!r} is not used"
        for ko, en in glossary()
        if ko not in EVERYDAY_ENGLISH
        and english_mentions(english, en)
        and not term_uses(korean, ko)
    ]
    assert not missing, "\n".join(missing)


@pages
def test_english_is_given_once_at_the_first_use_of_a_term(page):
    if is_glossary(page):
        pytest.skip("the glossary gives the English of every term in its own column")
    text = running_text(korean_twin(page).read_text())
    problems = []
    for ko, en in glossary():
        if en.lower() in ko.lower():
            continue  # "History 객체" already says it in English
        uses = term_uses(text, ko)
        glosses = [use for use in uses if glossed(text, use.end(), en, own=True)]
        if uses and ko not in PLAIN_KOREAN and not glossed(text, uses[0].end(), en):
            context = text[max(0, uses[0].start() - 20) : uses[0].end() + 20]
            problems.append(f"first use of {ko!r} lacks ({en}): …{context.strip()}…")
        if len(glosses) > 1:
            problems.append(f"{ko}({en}) is given {len(glosses)} times; once is enough")
    assert not problems, "\n".join(problems)


@pages
def test_other_names_appear_only_where_marked(page):
    text = prose(korean_twin(page).read_text())
    if is_glossary(page):
        assert OTHER_NAMES_SECTION in text, "the glossary lists the other names"
        text = text.split(OTHER_NAMES_SECTION)[0]
    problems = other_names(text)
    assert not problems, "\n".join(problems)


def test_the_glossary_lists_every_other_name_a_page_may_mention():
    text = (DOCS / "reference" / "glossary.ko.md").read_text()
    listed = text.split(OTHER_NAMES_SECTION)[1]
    assert not [name for name in OTHER_NAMES if name not in listed]


@pages
def test_words_outside_the_glossary_do_not_drift(page):
    text = re.sub(r"\]\([^)]*\)", "]", korean_twin(page).read_text())
    problems = drift(text) + number_particles(prose(text))
    assert not problems, "\n".join(problems)


@pages
def test_formulas_on_korean_pages_have_no_english_words(page):
    words = english_in_formulas(korean_twin(page).read_text())
    assert not words, f"translate these \\text{{}} words: {words}"


def mkdocs_config() -> dict:
    """mkdocs.yml as data; its !ENV and !!python tags load as None."""
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("!", lambda *_: None)
    loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=loader)


def korean_settings() -> dict:
    i18n = next(p["i18n"] for p in mkdocs_config()["plugins"] if "i18n" in p)
    return next(lang for lang in i18n["languages"] if lang["locale"] == "ko")


def nav_titles(nav: list) -> list[str]:
    titles = []
    for item in nav:
        for title, target in item.items():
            titles.append(title)
            if isinstance(target, list):
                titles += nav_titles(target)
    return titles


def test_korean_strings_in_mkdocs_yml_follow_the_same_rules():
    korean = korean_settings()
    nav = korean["nav_translations"]
    toggles = [option["toggle"]["name"] for option in korean["theme"]["palette"]]
    strings = [korean["site_name"], korean["site_description"], *nav.values(), *toggles]
    problems = [
        problem
        for text in strings
        for problem in drift(text) + number_particles(text) + other_names(text)
    ]
    assert not problems, "\n".join(problems)
    index = (DOCS / "index.ko.md").read_text()
    assert f"# {korean['site_name']}\n" in index, "the home page's title is the name"


def test_every_navigation_title_has_a_korean_translation():
    korean = korean_settings()
    untranslated = [
        title
        for title in nav_titles(mkdocs_config()["nav"])
        if title not in korean["nav_translations"] and not title.endswith("()")
    ]
    assert not untranslated, f"English titles in the Korean navigation: {untranslated}"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Keras 3으로 옮기고 3은 2와 10을 8로 나눈 0.5를 보면", []),
        ("Keras 3로 옮기고 3는 2과 10를 6로", ["3로", "3는", "2과", "10를", "6로"]),
    ],
)
def test_number_particles_follow_the_reading(text, expected):
    assert [p.split("'")[1] for p in number_particles(text)] == expected


@pages
def test_korean_page_records_the_english_prose_it_translates(page):
    front = yaml.safe_load(korean_twin(page).read_text().split("---\n")[1])
    assert front.get(STALE.KEY) == STALE.prose_hash(page.read_text()), (
        f"bring {page_id(korean_twin(page))} up to date with {page_id(page)}, then "
        f"run `make translated PAGE=docs/{page_id(korean_twin(page))}`"
    )


def test_the_prose_hash_changes_with_the_prose_only():
    english = (DOCS / "training" / "overfitting.md").read_text()
    edits = {
        "code": ("Dropout(0.5, seed=0)", "Dropout(0.4, seed=0)"),
        "embed": (
            "overfitting/l2.py cells=L2\n",
            "overfitting/l2.py cells=L2 hl_lines=2\n",
        ),
        "wrapping": ("The symptom\nis in", "The symptom is\nin"),
        "paragraph": ("The symptom", "The first symptom"),
    }
    hashes = {}
    for name, (old, new) in edits.items():
        assert old in english, name
        hashes[name] = STALE.prose_hash(english.replace(old, new, 1))
    unchanged = STALE.prose_hash(english)
    assert hashes["code"] == hashes["embed"] == hashes["wrapping"] == unchanged
    assert hashes["paragraph"] != unchanged


def test_a_snippet_limited_to_some_backends_gives_its_reason_in_korean_too():
    """The Korean page shows the reason beside the backends a snippet does not run on:
    it must be the Korean one, under the drift and particle rules of the pages."""
    settings = Settings.load(ROOT)
    limited = [
        (s.display, claim(s)) for s in discover(settings.snippets) if claim(s) != ALL
    ]
    assert limited, "no snippet is limited to some backends"
    problems = []
    for display, found in limited:
        korean = found.reason("ko")
        if korean == found.reason("en") or not re.search(r"[\uac00-\ud7a3]", korean):
            problems.append(f"{display}: no 'Backends (ko):' paragraph")
        problems += [
            f"{display}: {p}" for p in drift(korean) + number_particles(korean)
        ]
    assert not problems, "\n".join(problems)
