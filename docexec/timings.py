"""The execution-time page: every snippet's run time, slowest first.

Like sphinx-gallery's timing table, it makes slow examples visible to whoever maintains
the build. Times are those of the run whose output the site shows.
"""

from __future__ import annotations

import posixpath

from . import render
from .results import Execution

URI = "reference/timings.md"


def timings_page(results: dict[str, Execution]) -> str:
    rows = sorted(results.values(), key=lambda r: r.seconds, reverse=True)
    lines = [
        "---",
        "description: How long each example on this site took to run when its output "
        "was captured.",
        "---",
        "",
        "# Execution times",
        "",
        "Each example ran once in a fresh Python kernel; its output is reused until "
        "the example, a module it imports, the locked dependencies or the engine "
        "change. The times below are those of the runs shown on the site, on the "
        "machine that built it.",
        "",
        "| Example | Run time | Executed notebook |",
        "|---|---:|---|",
    ]
    for result in rows:
        rel = result.snippet.rel
        if result.error is not None:
            cell = "failed"
        else:
            target = posixpath.relpath(render.notebook_page_uri(rel), "reference")
            cell = f"[view]({target})"
        lines.append(
            f"| `{result.snippet.display}` | {result.seconds:.1f} s | {cell} |"
        )
    total = sum(r.seconds for r in rows)
    lines += ["", f"**{len(rows)} examples, {total:.0f} s in all.**", ""]
    return "\n".join(lines)
