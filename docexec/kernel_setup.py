"""Runs inside the kernel before and after a snippet; none of its names leak into it.

It makes a run reproducible and honest: fixed seeds and no network. Figures are
captured by ``docexec.mpl_backend``, which the kernel's ``MPLBACKEND`` selects, so
matplotlib is imported only by snippets that use it.
"""

from __future__ import annotations

import ipaddress
import random
import socket
import sys
from typing import Any


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

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_loopback(host):
            _refuse(host)
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            if not _is_loopback(address[0]):
                _refuse(address[0])
        return real_connect(self, address)

    socket.getaddrinfo = getaddrinfo
    socket.socket.connect = connect  # type: ignore[method-assign,assignment]


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


def finish() -> None:
    """A figure that was drawn but never shown would not appear for a reader either."""
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is None:
        return
    pending = plt.get_fignums()
    if pending:
        plt.close("all")
        raise RuntimeError(
            f"{len(pending)} figure(s) created but never shown: call plt.show()"
        )
