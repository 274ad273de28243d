"""Render ``$...$`` and ``$$...$$`` to MathML while building.

Arithmatex marks the formulas; this hook converts them, so browsers show math natively
and the site needs no math script or web font from anywhere.

A browser never breaks a line inside a ``<math>`` element, so a long formula would run
past the right edge of a phone's screen. Each formula is therefore cut, the way TeX
breaks a long one, before every relation, arrow, ``+`` and ``-`` that stands outside any
group or bracket, and each piece becomes a ``<math>`` of its own: side by side they look
exactly like the whole, and a narrow screen wraps the line between two pieces. A display
formula's pieces keep the display style (large fractions, limits above and below a sum)
and stay centred; ``\\qquad`` between two formulas becomes a wide space that may wrap.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.S)
BLOCK = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.S)

TOKEN = re.compile(r"\\[A-Za-z]+|\\.|.", re.S)
BREAK_BEFORE = {"=", "<", ">", "+", "-", "\\approx", "\\leftarrow", "\\rightarrow"}
BREAK_BEFORE |= {"\\to", "\\le", "\\leq", "\\ge", "\\geq", "\\neq", "\\pm"}
OPEN = {"{", "(", "[", "\\{", "\\left", "\\bigl", "\\Bigl", "\\lvert", "\\lVert"}
CLOSE = {"}", ")", "]", "\\}", "\\right", "\\bigr", "\\Bigr", "\\rvert", "\\rVert"}
BARS = {"|", "\\|"}
GAPS = {"\\qquad", "\\quad"}
GAP = '<span class="math-gap"> </span>'
ENVIRONMENT = re.compile(r"\\(begin|end)\{")
FIRST_OPERATOR = re.compile(r"^(<math[^>]*>(?:<mrow>)*)<mo>")
WRAPPED = re.compile(r"^(<math[^>]*>)<mrow>(.*)</mrow></math>$", re.S)


def pieces(latex: str) -> list[str]:
    """*latex* cut before each break point outside brackets and bars; a gap
    (``\\qquad``) is a piece of its own. A sign that starts a piece stays in it."""
    if ENVIRONMENT.search(latex):
        return [latex]  # an aligned or matrix environment keeps its own layout
    found: list[str] = []
    current: list[str] = []
    depth, bar = 0, False  # brackets open; inside |...| (whose bars look alike)
    for token in TOKEN.findall(latex):
        top = depth == 0 and not bar
        if top and token in GAPS:
            found += ["".join(current), token]
            current = []
            continue
        if top and token in BREAK_BEFORE and "".join(current).strip():
            found.append("".join(current))
            current = []
        depth += (token in OPEN) - (token in CLOSE)
        bar ^= depth == 0 and token in BARS
        current.append(token)
    found.append("".join(current))
    return [piece for piece in (p.strip() for p in found) if piece]


# ``12{,}000`` converts to a number, a comma operator in a row, and a number: drawn
# "12, 000", with the space an operator gets. One number reads as one.
GROUPED_DIGITS = re.compile(
    r"<mn>([\d,]+)</mn><mrow><mo>&#x0002C;</mo></mrow><mn>(\d+)</mn>"
)


def _convert(latex: str, display: str) -> str:
    mathml = convert(latex, display=display)
    while GROUPED_DIGITS.search(mathml):
        mathml = GROUPED_DIGITS.sub(r"<mn>\1,\2</mn>", mathml)
    return mathml


def _piece(latex: str, display: str, first: bool) -> str:
    """One piece as a ``<math>`` of its own, spaced as it was inside the whole."""
    mathml = _convert(latex, display=display)
    if display == "block":  # a piece of a centred line, drawn in display style
        mathml = mathml.replace('display="block"', 'displaystyle="true"', 1)
    wrapped = WRAPPED.match(mathml)
    if wrapped and _balanced(wrapped.group(2)):
        # Without the row around it, an operator followed by text alone (``\to
        # \text{Flatten}``) keeps its spacing on both sides of the operator; inside a
        # row, MathML would space the row as one operator, after the text.
        mathml = wrapped.group(1) + wrapped.group(2) + "</math>"
    if not first:  # its leading operator sits between two operands, as in the whole
        mathml = FIRST_OPERATOR.sub(r'\1<mo form="infix">', mathml, count=1)
    return mathml


def _balanced(mathml: str) -> bool:
    """Whether *mathml* closes every ``<mrow>`` it opens, in order."""
    depth = 0
    for tag in re.findall(r"</?mrow>", mathml):
        depth += 1 if tag == "<mrow>" else -1
        if depth < 0:
            return False
    return depth == 0


def formula(latex: str, display: str) -> str:
    """MathML for one formula, in pieces a line may wrap between. Formulas set apart
    by ``\\qquad`` each wrap within a box of their own, so that a narrow screen breaks
    the line at the gap before it breaks one of them."""
    latex = html.unescape(latex).strip()
    parts = pieces(latex)
    if len(parts) == 1:
        return _convert(latex, display=display)
    groups: list[list[str]] = [[]]
    for part in parts:
        if part in GAPS:
            groups.append([])
        else:
            groups[-1].append(part)
    rendered = [
        "<wbr>".join(
            _piece(part, display, first=index == 0) for index, part in enumerate(group)
        )
        for group in groups
    ]
    if len(rendered) == 1:
        return rendered[0]
    return GAP.join(f'<span class="math-group">{group}</span>' for group in rendered)


def on_page_content(content: str, **_kwargs) -> str:
    content = BLOCK.sub(
        lambda m: f'<div class="math">{formula(m.group(1), "block")}</div>', content
    )
    return INLINE.sub(lambda m: formula(m.group(1), "inline"), content)
