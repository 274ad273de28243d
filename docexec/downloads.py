"""The ``.py`` and ``.ipynb`` a reader downloads: the run, and how to repeat it.

Each download says which versions produced the page and sets what the build sets for
the numbers to come out the same: the script in its header comment, the notebook in a
first cell that installs those versions and sets the same variables before Keras is
imported.
"""

from __future__ import annotations

import ast
import copy
import re
import sys

import nbformat

from .environment import distributions
from .execute import determinism_env
from .results import Execution

# PyPI's TensorFlow for every machine, of the same release as the CPU-only build the
# site runs; a reader's Colab already has it.
FOR_READERS = {"tensorflow-cpu": "tensorflow"}
# What each backend needs installed besides the module it is named after.
BACKEND_MODULES = {
    "tensorflow": {"tensorflow"},
    "jax": {"jax", "jaxlib"},
    "torch": {"torch"},
}


def _imported(source: str) -> set[str]:
    """Top-level third-party modules the snippet imports (not stdlib, not local)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names}


def pins(execution: Execution) -> list[str]:
    """``name==version`` for what the snippet needs, as installed when it ran."""
    environment = execution.environment
    backend = BACKEND_MODULES.get(environment["backend"], {environment["backend"]})
    modules = _imported(execution.snippet.read()) | {"keras"} | backend
    names = {
        re.sub(r"[-_.]+", "-", name).lower(): version  # as pip writes it
        for name, version in distributions(modules).items()
    }
    return [
        f"{FOR_READERS.get(name, name)}=={version.split('+')[0]}"  # torch's "+cpu"
        for name, version in names.items()
    ]


def _ran_with(execution: Execution) -> str:
    env = execution.environment
    return (
        f"Ran for the site on {env['date']} with Python {env['python']}, "
        f"Keras {env['keras']} and {env['backend']} {env['backend_version']} "
        f"on one thread of a {env['cpu']} CPU."
    )


def _variables(execution: Execution) -> dict[str, str]:
    return determinism_env(execution.environment["backend"])


def script(execution: Execution) -> str:
    """The snippet's source, opened by lines that choose its backend before Keras is
    imported, under a comment saying how to get the page's numbers."""
    backend = execution.environment["backend"]
    others = " ".join(
        f"{k}='{v}'" if " " in v else f"{k}={v}"
        for k, v in _variables(execution).items()
        if k != "KERAS_BACKEND"
    )
    name = execution.snippet.rel.rsplit("/", 1)[-1]
    header = [
        f"# {execution.snippet.display}, on the {backend} backend",
        f"# {_ran_with(execution)}",
        "# For the same numbers, install these versions and run it with these",
        "# variables (another version, backend, CPU or a GPU may change the digits):",
        f"#   pip install {' '.join(pins(execution))}",
        f"#   {others} python {name}",
        "import os",
        "",
        f'os.environ["KERAS_BACKEND"] = "{backend}"  # before Keras is imported',
        "",
    ]
    return "\n".join(header) + execution.snippet.read()


def notebook(execution: Execution) -> str:
    """The executed notebook, opened by a cell that sets up the same environment."""
    nb = copy.deepcopy(execution.notebook)
    settings = "\n".join(
        f'os.environ["{name}"] = "{value}"'
        for name, value in _variables(execution).items()
        if name != "PYTHONHASHSEED"  # read when Python starts: no effect from here
    )
    setup = (
        f"# {_ran_with(execution)}\n"
        "# The same versions and settings give the same numbers; run this cell first.\n"
        f"%pip install --quiet {' '.join(pins(execution))}\n"
        "import os\n\n"
        f"{settings}"
    )
    # A fixed id, not nbformat's random one: the same run gives the same download.
    cell = nbformat.v4.new_code_cell(
        setup, id="docexec-setup", metadata={"docexec": {}}
    )
    nb.cells.insert(0, cell)
    return str(nbformat.writes(nb))
