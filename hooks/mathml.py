"""Render ``$...$`` and ``$$...$$`` to MathML while building.

Arithmatex marks the formulas; this hook converts them, so browsers show math natively
and the site needs no math script or web font from anywhere.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.S)
BLOCK = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.S)


def _mathml(latex: str, display: str) -> str:
    return convert(html.unescape(latex).strip(), display=display)


def on_page_content(content: str, **_kwargs) -> str:
    content = BLOCK.sub(
        lambda m: f'<div class="math">{_mathml(m.group(1), "block")}</div>', content
    )
    return INLINE.sub(lambda m: _mathml(m.group(1), "inline"), content)
