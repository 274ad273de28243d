"""Korean pages that say so when the English page they translate has changed.

Each Korean page records in its front matter which text of its English twin it
translates, as a hash of that page's prose:

    ---
    description: ...
    english_prose_hash: 3f2a9c0d1b7e
    ---

The prose is everything a translator translates: the description, headings, paragraphs,
tables, formulas and links. Code blocks and `:::snippet` lines are left out, and
whitespace is collapsed, so fixing code, a snippet's output or the line wrapping never
asks for a new translation. When the English prose no longer matches the record, the
build warns naming both files (a strict build fails) and the Korean page opens with a
notice linking to the current English page.

After bringing a Korean page up to date, record the English text it now translates:

    make translated PAGE=docs/x/page.ko.md   # one page
    make translated                          # every Korean page
"""

from __future__ import annotations

import hashlib
import logging
import posixpath
import re
import sys
from pathlib import Path

import yaml

KEY = "english_prose_hash"
SUFFIX = ".ko.md"
LOCALE = "ko"
FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)
CODE_BLOCK = re.compile(r"^(\s*)(`{3,}|~{3,}).*?^\1\2\s*$", re.S | re.M)
SNIPPET = re.compile(r"^\s*:::snippet.*$", re.M)
TITLE = re.compile(r"^# .*$", re.M)
NOTICE = """
!!! warning "번역이 영어 원문보다 오래되었습니다"

    이 페이지를 번역한 뒤에 영어 원문이 바뀌었습니다. 아직 반영하지 못한 내용이 있을 수
    있으니 <a href="{url}" hreflang="en">최신 영어 원문</a>을 함께 확인하세요.
"""

log = logging.getLogger("mkdocs.hooks.stale_translations")


def prose_hash(english: str) -> str:
    """A hash of the prose of an English page's Markdown *english*."""
    front = FRONT_MATTER.match(english)
    meta, body = {}, english
    if front:
        meta, body = yaml.safe_load(front.group(1)) or {}, english[front.end() :]
    body = SNIPPET.sub("", CODE_BLOCK.sub("", body))
    text = " ".join([str(meta.get("description", "")), *body.split()])
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def english_twin(korean: Path) -> Path:
    return korean.with_name(korean.name.removesuffix(SUFFIX) + ".md")


def with_record(korean: str, digest: str) -> str:
    """Korean Markdown *korean* with *digest* recorded in its front matter."""
    line = f'{KEY}: "{digest}"\n'  # quoted: a hash of digits alone is still text
    front = FRONT_MATTER.match(korean)
    if not front:
        return f"---\n{line}---\n\n{korean}"
    fields = re.sub(rf"^{KEY}:.*\n", "", front.group(1), flags=re.M)
    return f"---\n{fields}{line}---\n{korean[front.end() :]}"


def record(korean: Path) -> bool:
    """Record the current English prose in *korean*; True if the record changed."""
    text = korean.read_text()
    updated = with_record(text, prose_hash(english_twin(korean).read_text()))
    korean.write_text(updated)
    return updated != text


def on_page_markdown(markdown: str, page, config, **_kwargs) -> str:
    if not page.file.src_uri.endswith(SUFFIX):
        return markdown
    korean = Path(page.file.abs_src_path)
    english = english_twin(korean)
    if not english.exists() or page.meta.get(KEY) == prose_hash(english.read_text()):
        return markdown
    root = Path(config.config_file_path).parent
    ko, en = korean.relative_to(root), english.relative_to(root)
    log.warning(
        f"{ko} translates an older text of {en}: bring it up to date, "
        f"then run `make translated PAGE={ko}`"
    )
    english_url = page.url.removeprefix(f"{LOCALE}/")
    url = posixpath.relpath(f"/{english_url}", f"/{page.url}")
    directory = not english_url or english_url.endswith("/")
    notice = NOTICE.format(url=url + "/" if directory else url)
    title = TITLE.search(markdown)
    at = title.end() if title else 0
    return f"{markdown[:at]}\n{notice}\n{markdown[at:]}"


def main(paths: list[str]) -> None:
    docs = Path(__file__).resolve().parent.parent / "docs"
    pages = [Path(p) for p in paths] or sorted(docs.rglob(f"*{SUFFIX}"))
    for korean in pages:
        if not korean.name.endswith(SUFFIX) or not english_twin(korean).exists():
            sys.exit(f"{korean}: not a Korean page with an English twin")
        print(f"{korean}: {'recorded' if record(korean) else 'already up to date'}")


if __name__ == "__main__":
    main(sys.argv[1:])
