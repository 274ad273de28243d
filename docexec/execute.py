"""Run one snippet on one Keras backend in a fresh kernel (``runner`` decides which).

Each snippet becomes a notebook (one cell per ``# %%`` cell) executed by nbclient in a
new IPython kernel whose working directory is a scratch folder, forked from a process
that has imported Keras on that backend already (``warm_kernels``). A hidden first cell
fixes seeds and blocks the network, the kernel's matplotlib backend captures figures,
and a hidden last cell checks that every figure was shown. Neither hidden cell is kept
in the stored notebook.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from traitlets import Unicode
from traitlets.config import Config

from .config import Settings
from .environment import current
from .outputs import ANSI, clean_outputs
from .results import Execution, SnippetError
from .sources import Snippet, split_cells
from .warm_kernels import server_for

SETUP = "import docexec.kernel_setup as __docexec\n__docexec.setup()\ndel __docexec"
FINISH = "__import__('docexec.kernel_setup').kernel_setup.finish()"
# How IPython names a frame in a cell, and the numbered source lines it shows under it.
FRAME = re.compile(r"Cell In\[(?P<count>\d+)\], line (?P<line>\d+)")
NUMBERED = re.compile(r"^(?P<mark>-*>?\s*)(?P<line>\d+)(?P<rest>\s.*|)$")

# What the numbers depend on besides the versions and the backend; the downloads tell
# readers to set the same. One thread per kernel: two kernels use both cores, small
# models run faster than with threads contending, and results do not depend on the core
# count. TensorFlow reads its own variables; PyTorch honours OMP_NUM_THREADS; XLA (JAX)
# takes a flag.
DETERMINISM_ENV = {
    "TF_DETERMINISTIC_OPS": "1",
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "XLA_FLAGS": "--xla_cpu_multi_thread_eigen=false",
    "PYTHONHASHSEED": "0",
}


def determinism_env(backend: str) -> dict[str, str]:
    """The variables a run on *backend* sets before Keras is imported."""
    return {"KERAS_BACKEND": backend, **DETERMINISM_ENV}


KERNEL_ENV = {
    "MPLBACKEND": "module://docexec.mpl_backend",  # figures are captured
    "TF_CPP_MIN_LOG_LEVEL": "3",  # no TensorFlow start-up chatter
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",  # no debugger warning in every kernel
}


class WarmKernelManager(AsyncKernelManager):
    """Starts each kernel as a child of the warm server at ``server_socket``."""

    server_socket = Unicode(config=True)

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        connection_file = os.path.realpath(self.connection_file)
        warm = ["-m", "docexec.warm_kernels", "attach", str(self.server_socket)]
        return [sys.executable, *warm, "-f", connection_file, *(extra_arguments or [])]


def _notebook(snippet: Snippet, backend: str) -> nbformat.NotebookNode:
    nb: nbformat.NotebookNode = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata.docexec = {
        "snippet": snippet.display,
        "environment": current(backend),
    }
    nb.cells.append(nbformat.v4.new_code_cell(SETUP))
    for cell in split_cells(snippet.read()):
        meta = {"docexec": {"first_line": cell.first_line, "title": cell.title}}
        if cell.kind == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(cell.source, metadata=meta))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(cell.source, metadata=meta))
    nb.cells.append(nbformat.v4.new_code_cell(FINISH))
    return nb


def _map_frames(trace: str, firsts: dict[int, int], display: str) -> tuple[str, int]:
    """Point every frame of *trace* that lies in the snippet at its file and line.

    ``firsts`` maps an execution count (``Cell In[k]``) to the snippet line where that
    cell's code starts. Returns the mapped traceback and the innermost mapped line.
    """
    out: list[str] = []
    offset: int | None = None  # file line of the current frame's cell line 1, minus 1
    innermost = 0
    for text in trace.splitlines():
        frame = FRAME.search(text)
        if frame:
            first = firsts.get(int(frame["count"]))
            offset = None if first is None else first - 1
            if offset is not None:
                innermost = offset + int(frame["line"])
                text = FRAME.sub(f"{display}:{innermost}", text, count=1)
        elif offset is not None:
            numbered = NUMBERED.match(text)
            if numbered:
                number = str(offset + int(numbered["line"]))
                width = len(numbered["mark"]) + len(numbered["line"]) - len(number)
                if ">" in numbered["mark"]:  # the arrow at the line that ran
                    lead = "-" * max(0, width - 2) + "> "
                else:
                    lead = " " * max(0, width)
                text = f"{lead}{number}{numbered['rest']}"
            elif not text.strip() or not text.startswith(" "):
                offset = None  # the frame's listing ended
        out.append(text)
    return "\n".join(out), innermost


def _error(
    snippet: Snippet, nb: nbformat.NotebookNode, summary: str, backend: str
) -> SnippetError:
    """Locate the failure in the snippet file: every frame in it, the innermost line."""
    firsts = {
        int(cell.execution_count): int(cell.metadata["docexec"]["first_line"])
        for cell in nb.cells
        if cell.cell_type == "code"
        and cell.get("execution_count") is not None
        and "docexec" in cell.metadata
    }
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.output_type != "error":
                continue
            raw = ANSI.sub("", "\n".join(output.traceback))
            trace, innermost = _map_frames(raw, firsts, snippet.display)
            first = cell.metadata.get("docexec", {}).get("first_line")
            line = innermost or first
            message = f"{output.ename}: {output.evalue}"
            return SnippetError(snippet.display, line, message, trace, backend)
    return SnippetError(snippet.display, None, summary, summary, backend)


def execute(
    snippet: Snippet, settings: Settings, backend: str, variant: str = ""
) -> Execution:
    """Run one snippet on one Keras backend now, without the cache."""
    nb = _notebook(snippet, backend)
    scratch = tempfile.mkdtemp(prefix="docexec-run-")
    kernel_env = {**os.environ, **determinism_env(backend), **KERNEL_ENV}
    env = {
        **kernel_env,
        "PYTHONPATH": os.pathsep.join(
            p for p in (str(snippet.path.parent), os.environ.get("PYTHONPATH")) if p
        ),
    }
    deadline = time.monotonic() + settings.timeout
    # The kernel's sockets are files in a folder of its own, not TCP ports: picking a
    # free port and binding it later races with a kernel that another build starts at
    # the same moment, and the loser dies before it runs anything.
    sockets = tempfile.mkdtemp(prefix="docexec-kernel-")
    kernel = {"transport": "ipc", "ip": os.path.join(sockets, "kernel")}
    warm = {"server_socket": server_for(kernel_env)}
    client = NotebookClient(
        nb,
        config=Config({"KernelManager": kernel, "WarmKernelManager": warm}),
        kernel_manager_class=WarmKernelManager,
        kernel_name="python3",
        timeout_func=lambda _cell: max(1, int(deadline - time.monotonic())),
        resources={"metadata": {"path": scratch}},
        record_timing=False,
        shutdown_kernel="immediate",
    )
    started = time.monotonic()
    error = None
    try:
        # The kernel's own stderr only repeats what it captures; keep terminals quiet.
        # asyncio.run closes the event loop it made, which client.execute() leaves.
        asyncio.run(client.async_execute(env=env, stderr=subprocess.DEVNULL))
    except CellExecutionError as exc:
        error = _error(snippet, nb, str(exc), backend)
    except (CellTimeoutError, TimeoutError):
        error = SnippetError(
            snippet.display,
            None,
            f"TimeoutError: did not finish within {settings.timeout:g} s; killed",
            "",
            backend,
        )
    except DeadKernelError as exc:
        error = SnippetError(
            snippet.display, None, f"the kernel died: {exc}", "", backend
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(sockets, ignore_errors=True)
    seconds = time.monotonic() - started
    nb.cells = nb.cells[1:-1]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = clean_outputs(cell.outputs, scratch)
    nb.metadata.pop("widgets", None)
    return Execution(
        snippet, nb, seconds, error=error, backend=backend, variant=variant
    )
