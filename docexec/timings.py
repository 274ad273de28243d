"""The execution-time page: every snippet's run time on each backend, slowest first.

Like sphinx-gallery's timing table, it makes slow examples visible to whoever maintains
the build. Times are those of the runs whose output the site shows; a total per backend
closes the table.
"""

from __future__ import annotations

from .backends import BACKENDS, NAMES
from .layout import Layout
from .messages import text
from .runs import Runs

URI = "reference/timings.md"


def _cell(runs: Runs, backend: str, layout: Layout, lang: str) -> str:
    run = runs.on(backend)
    if backend not in runs.claim.backends:
        return text(lang, "does_not_apply")
    if run is None:
        return text(lang, "not_yet_run_short")
    if run.error is not None:
        return text(lang, "failed")
    target = layout.link(URI, layout.notebook_page(runs.snippet.rel, run.variant))
    return f"[{text(lang, 'seconds', seconds=run.seconds)}]({target})"


def timings_page(results: dict[str, Runs], layout: Layout, lang: str = "en") -> str:
    def slowest(runs: Runs) -> float:
        return max((e.seconds for e in runs.executions), default=0.0)

    rows = sorted(results.values(), key=slowest, reverse=True)
    names = " | ".join(NAMES[b] for b in BACKENDS)
    lines = [
        "---",
        f"description: {text(lang, 'timings_description')}",
        "---",
        "",
        f"# {text(lang, 'timings_title')}",
        "",
        text(lang, "timings_intro"),
        "",
        f"| {text(lang, 'example')} | {names} |",
        "|---|" + "---:|" * len(BACKENDS),
    ]
    for runs in rows:
        cells = " | ".join(_cell(runs, b, layout, lang) for b in BACKENDS)
        lines.append(f"| `{runs.snippet.display}` | {cells} |")
    totals = []
    for backend in BACKENDS:
        ran = [r.on(backend) for r in rows]
        seconds = [e.seconds for e in ran if e is not None and e.error is None]
        totals.append(
            text(lang, "timings_total", count=len(seconds), seconds=sum(seconds))
        )
    lines.append(
        f"| **{text(lang, 'total')}** | "
        + " | ".join(f"**{t}**" for t in totals)
        + " |"
    )
    lines.append("")
    return "\n".join(lines)
