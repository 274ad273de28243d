"""The Korean edition: complete, in Korean, and consistent with its glossary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN = re.compile(r"[A-Za-z]")
# Words a translator might reach for instead of the glossary's choice.
NOT_OUR_TERMS = {
    "과적합": "과대적합",
    "완전 연결층": "밀집층",
    "최적화기": "옵티마이저",
    "에폭": "에포크",
    "학습 세트": "훈련 세트",
    "기울기 소실": "그레이디언트 소실",
    "드랍아웃": "드롭아웃",
    "L2 정규화": "L2 규제",
}


def english_pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if "." not in p.stem)


def korean_twin(page: Path) -> Path:
    return page.with_suffix(".ko.md")


def prose(markdown: str) -> str:
    """The words a reader reads: no front matter, code, math, embeds, URLs or HTML."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"^(\s*)(`{3,}|~{3,}).*?^\1\2\s*$", "", text, flags=re.S | re.M)
    text = re.sub(r"^\s*:::snippet.*$", "", text, flags=re.M)
    text = re.sub(r"\$\$.*?\$\$|\$[^$\n]+\$", "", text, flags=re.S)
    text = re.sub(r"`[^`\n]+`", "", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return re.sub(r"<[^>]+>", "", text)


def glossary() -> list[tuple[str, str]]:
    """(Korean, English) pairs from the Korean glossary's table."""
    table = (DOCS / "reference" / "glossary.ko.md").read_text()
    rows = re.findall(r"^\| ([^|]+?) \| ([^|]+?) \| [^|]+ \|$", table, re.M)
    return [(ko, en) for ko, en in rows if ko not in ("한국어", "---")]


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


@pytest.mark.parametrize(
    "page", english_pages(), ids=lambda p: str(p.relative_to(DOCS))
)
def test_korean_page_is_mostly_hangul(page):
    words = prose(korean_twin(page).read_text())
    hangul, latin = len(HANGUL.findall(words)), len(LATIN.findall(words))
    assert hangul / max(1, hangul + latin) > 0.6, f"{hangul} Hangul, {latin} Latin"


@pytest.mark.parametrize(
    "page", english_pages(), ids=lambda p: str(p.relative_to(DOCS))
)
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


def without_longer_terms(text: str, term: str, terms: list[str]) -> str:
    """*text* minus longer glossary terms containing *term* (이진 분류 for 분류)."""
    for longer in sorted((t for t in terms if term in t and t != term), key=len)[::-1]:
        text = text.replace(longer, " ")
    return text


@pytest.mark.parametrize(
    "page", english_pages(), ids=lambda p: str(p.relative_to(DOCS))
)
def test_korean_page_uses_the_glossary_terms(page):
    if page.name.startswith("glossary"):
        return
    english, korean = (
        prose(page.read_text()).lower(),
        prose(korean_twin(page).read_text()),
    )
    terms = [ko for ko, _ in glossary()]
    problems = []
    for ko, en in glossary():
        if en.lower() in ko.lower():
            continue  # "History 객체" already says it in English
        own = without_longer_terms(korean, ko, terms)
        if re.search(rf"\b{re.escape(en.lower())}\b", english) and ko not in own:
            problems.append(f"{en!r} is on the English page but {ko!r} is not used")
        if ko in own and f"{ko}({en.lower()}" not in korean.lower():
            problems.append(f"first use of {ko!r} lacks its English term: {ko}({en})")
    for wrong, right in NOT_OUR_TERMS.items():
        if wrong in korean:
            problems.append(f"{wrong!r} is not the glossary's term; use {right!r}")
    assert not problems, "\n".join(problems)
