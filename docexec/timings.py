"""The execution-time page: every snippet's run time, slowest first.

Like sphinx-gallery's timing table, it makes slow examples visible to whoever maintains
the build. Times are those of the run whose output the site shows.
"""

from __future__ import annotations

from .layout import Layout
from .messages import text
from .results import Execution

URI = "reference/timings.md"


def timings_page(
    results: dict[str, Execution], layout: Layout, lang: str = "en"
) -> str:
    rows = sorted(results.values(), key=lambda r: r.seconds, reverse=True)
    lines = [
        "---",
        f"description: {text(lang, 'timings_description')}",
        "---",
        "",
        f"# {text(lang, 'timings_title')}",
        "",
        text(lang, "timings_intro"),
        "",
        text(lang, "timings_header"),
        "|---|---:|---|",
    ]
    for result in rows:
        rel = result.snippet.rel
        if result.error is not None:
            cell = text(lang, "failed")
        else:
            target = layout.link(URI, layout.notebook_page(rel))
            cell = f"[{text(lang, 'view')}]({target})"
        seconds = f"{result.seconds:.1f} s"
        lines.append(f"| `{result.snippet.display}` | {seconds} | {cell} |")
    total = sum(r.seconds for r in rows)
    summary = text(lang, "timings_total", count=len(rows), seconds=total)
    lines += ["", f"**{summary}**", ""]
    return "\n".join(lines)
