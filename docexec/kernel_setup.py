"""Runs inside the kernel before and after a snippet; none of its names leak into it.

It makes a run reproducible and honest: fixed seeds, no network, headless matplotlib,
and every figure captured where ``plt.show()`` is called, in order with printed output.
"""

from __future__ import annotations

import base64
import io
import ipaddress
import random
import socket

MAX_FIGURES = 20
FIGURE_DPI = 100

_state = {"shown": 0}


class OfflineError(ConnectionError):
    """Raised instead of a connection: examples run offline."""


def _is_loopback(host: object) -> bool:
    if host in (None, "", "localhost"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _refuse(host: object) -> None:
    raise OfflineError(
        f"examples run offline: this snippet tried to reach {host!r}. "
        "Load data from a local copy (see the Data section of README.md)."
    )


def _block_network() -> None:
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect

    def getaddrinfo(host, *args, **kwargs):
        if not _is_loopback(host):
            _refuse(host)
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            if not _is_loopback(address[0]):
                _refuse(address[0])
        return real_connect(self, address)

    socket.getaddrinfo = getaddrinfo
    socket.socket.connect = connect


def _describe(fig) -> str:
    """Alt text from what the author wrote on the figure: titles and axis labels."""
    parts = []
    if fig._suptitle is not None and fig._suptitle.get_text():
        parts.append(fig._suptitle.get_text())
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


def _show(*_args, **_kwargs) -> None:
    import matplotlib.pyplot as plt
    from IPython.display import display

    for number in plt.get_fignums():
        fig = plt.figure(number)
        _state["shown"] += 1
        if _state["shown"] > MAX_FIGURES:
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
        display({"image/png": payload, "text/plain": _describe(fig)}, raw=True)
        plt.close(fig)


def setup() -> None:
    from IPython import get_ipython

    # Show only what ``python snippet.py`` would show: no echo of a cell's last value.
    get_ipython().ast_node_interactivity = "none"
    random.seed(0)
    try:
        import numpy
    except ImportError:
        pass
    else:
        numpy.random.seed(0)
    _block_network()
    try:
        import matplotlib
    except ImportError:
        return
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.show = _show


def finish() -> None:
    """A figure that was drawn but never shown would not appear for a reader either."""
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        return
    pending = plt.get_fignums()
    if pending:
        plt.close("all")
        raise RuntimeError(
            f"{len(pending)} figure(s) created but never shown: call plt.show()"
        )
