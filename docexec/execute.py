"""Run snippets in fresh kernels, once per cache key, two at a time.

Each snippet becomes a notebook (one cell per ``# %%`` cell) executed by nbclient in a
new IPython kernel whose working directory is a scratch folder. A hidden first cell
fixes seeds and blocks the network, the kernel's matplotlib backend captures figures,
and a hidden last cell checks that every figure was shown. Neither hidden cell is kept
in the stored notebook.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from .cache import Cache, cache_key
from .config import Settings
from .outputs import ANSI, clean_outputs
from .results import Execution, SnippetError
from .sources import Snippet, split_cells

log = logging.getLogger("mkdocs.plugins.docexec")

SETUP = "import docexec.kernel_setup as __docexec\n__docexec.setup()\ndel __docexec"
FINISH = "__import__('docexec.kernel_setup').kernel_setup.finish()"
CELL_LINE = re.compile(r"Cell In\[\d+\], line (\d+)")

# One thread per kernel: two kernels use both cores, small models run faster than
# with threads contending, and results do not depend on the machine's core count.
KERNEL_ENV = {
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MPLBACKEND": "module://docexec.mpl_backend",
    "PYTHONHASHSEED": "0",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_DETERMINISTIC_OPS": "1",
    "KERAS_BACKEND": "tensorflow",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


def _notebook(snippet: Snippet) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata.docexec = {"snippet": snippet.display}
    nb.cells.append(nbformat.v4.new_code_cell(SETUP))
    for cell in split_cells(snippet.read()):
        meta = {"docexec": {"first_line": cell.first_line, "title": cell.title}}
        if cell.kind == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(cell.source, metadata=meta))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(cell.source, metadata=meta))
    nb.cells.append(nbformat.v4.new_code_cell(FINISH))
    return nb


def _error(snippet: Snippet, nb: nbformat.NotebookNode, summary: str) -> SnippetError:
    """Locate the failure in the snippet file: the cell that failed and its line."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.output_type != "error":
                continue
            trace = ANSI.sub("", "\n".join(output.traceback))
            line = None
            first = cell.metadata.get("docexec", {}).get("first_line")
            found = CELL_LINE.search(trace)
            if first is not None:
                line = first + int(found.group(1)) - 1 if found else first
            message = f"{output.ename}: {output.evalue}"
            return SnippetError(snippet.display, line, message, trace)
    return SnippetError(snippet.display, None, summary, summary)


def execute(snippet: Snippet, settings: Settings) -> Execution:
    """Run one snippet now, without the cache."""
    nb = _notebook(snippet)
    scratch = tempfile.mkdtemp(prefix="docexec-run-")
    env = {
        **os.environ,
        **KERNEL_ENV,
        "PYTHONPATH": os.pathsep.join(
            p for p in (str(snippet.path.parent), os.environ.get("PYTHONPATH")) if p
        ),
    }
    deadline = time.monotonic() + settings.timeout
    client = NotebookClient(
        nb,
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
        client.execute(env=env, stderr=subprocess.DEVNULL)
    except CellExecutionError as exc:
        error = _error(snippet, nb, str(exc))
    except (CellTimeoutError, TimeoutError):
        error = SnippetError(
            snippet.display,
            None,
            f"TimeoutError: did not finish within {settings.timeout:g} s; killed",
            "",
        )
    except DeadKernelError as exc:
        error = SnippetError(snippet.display, None, f"the kernel died: {exc}", "")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    seconds = time.monotonic() - started
    nb.cells = nb.cells[1:-1]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = clean_outputs(cell.outputs, scratch)
    nb.metadata.pop("widgets", None)
    return Execution(snippet, nb, seconds, error=error, from_cache=False)


@dataclass
class Runner:
    """Executes what the cache lacks, in parallel; returns every snippet's result."""

    settings: Settings
    executed: list[str] = field(default_factory=list)

    def run(
        self, snippets: list[Snippet], execute_missing: bool = True
    ) -> dict[str, Execution]:
        cache = Cache(self.settings.cache)
        results: dict[str, Execution] = {}
        missing: list[tuple[Snippet, str]] = []
        for snippet in snippets:
            key = cache_key(snippet, self.settings)
            entry = cache.load(key)
            if entry is not None:
                results[snippet.rel] = Execution(
                    snippet,
                    entry.notebook,
                    entry.seconds,
                    from_cache=True,
                    notebook_path=entry.notebook_path,
                )
            elif execute_missing:
                missing.append((snippet, key))

        def work(item: tuple[Snippet, str]) -> Execution:
            snippet, key = item
            log.info("docexec: executing %s", snippet.display)
            result = execute(snippet, self.settings)
            if result.error is None:
                cache.store(key, snippet, result.notebook, result.seconds)
                stored = cache.load(key)
                if stored is not None:
                    result.notebook_path = stored.notebook_path
            log.info("docexec: %s took %.1f s", snippet.display, result.seconds)
            return result

        with ThreadPoolExecutor(max_workers=max(1, self.settings.jobs)) as pool:
            for result in pool.map(work, missing):
                self.executed.append(result.snippet.rel)
                results[result.snippet.rel] = result
        return results
