"""The kernel's matplotlib backend: Agg drawing, and ``plt.show()`` captures figures.

Selected with ``MPLBACKEND=module://docexec.mpl_backend``, so matplotlib loads it only
when a snippet imports pyplot; a snippet without figures pays nothing for it. Each
``plt.show()`` displays every open figure as a PNG, in order with printed output, with
alt text taken from the titles and axis labels the author wrote.
"""

from __future__ import annotations

import base64
import io

from matplotlib import pyplot as plt
from matplotlib.backend_bases import FigureManagerBase as FigureManager
from matplotlib.backends.backend_agg import FigureCanvasAgg as FigureCanvas
from matplotlib.figure import Figure

MAX_FIGURES = 20
FIGURE_DPI = 100

__all__ = ["FigureCanvas", "FigureManager", "show"]

_shown = {"count": 0}


def describe(fig: Figure) -> str:
    """Alt text from what the author wrote on the figure: titles and axis labels."""
    parts = []
    if fig.get_suptitle():
        parts.append(fig.get_suptitle())
    for ax in fig.axes:
        bits = [ax.get_title()] if ax.get_title() else []
        labels = [
            f"{axis}: {label}"
            for axis, label in (("x", ax.get_xlabel()), ("y", ax.get_ylabel()))
            if label
        ]
        if labels:
            bits.append(f"({', '.join(labels)})")
        if bits:
            parts.append(" ".join(bits))
    return "; ".join(parts) or "Figure"


def show(*_args: object, **_kwargs: object) -> None:
    from IPython.display import display

    for number in plt.get_fignums():
        fig = plt.figure(number)
        _shown["count"] += 1
        if _shown["count"] > MAX_FIGURES:
            plt.close("all")
            raise RuntimeError(
                f"more than {MAX_FIGURES} figures shown: a page cannot use that many; "
                "combine them into subplots"
            )
        buffer = io.BytesIO()
        fig.savefig(
            buffer,
            format="png",
            dpi=FIGURE_DPI,
            facecolor="white",
            bbox_inches="tight",
            metadata={"Software": None},
        )
        payload = base64.b64encode(buffer.getvalue()).decode("ascii")
        display({"image/png": payload, "text/plain": describe(fig)}, raw=True)
        plt.close(fig)
