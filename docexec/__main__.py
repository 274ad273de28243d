"""Command line: ``python -m docexec run [snippets/topic/name.py ...] [--figures DIR]``.

Runs the given snippets (all of them by default) through the cache, like the build, and
prints what each cell printed, so an author can check a snippet without building pages.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from pathlib import Path

from .cache import Cache
from .config import Settings
from .execute import Runner
from .sources import discover, resolve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m docexec")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="execute snippets and print their output")
    run.add_argument("paths", nargs="*", help="snippet files (default: all)")
    run.add_argument("--figures", type=Path, help="write captured figures here")
    compare = commands.add_parser(
        "compare", help="compare the captured runs of two caches (determinism)"
    )
    compare.add_argument("first", type=Path)
    compare.add_argument("second", type=Path)
    args = parser.parse_args(argv)
    if args.command == "compare":
        return compare_caches(args.first, args.second)

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("traitlets").setLevel(logging.WARNING)
    settings = Settings.load(Path.cwd())
    snippets = (
        [
            resolve(
                settings.snippets, str(Path(p).resolve().relative_to(settings.snippets))
            )
            for p in args.paths
        ]
        if args.paths
        else discover(settings.snippets)
    )
    results = Runner(settings).run(snippets)
    failed = 0
    for rel, result in results.items():
        origin = "cache" if result.from_cache else f"ran in {result.seconds:.1f} s"
        print(f"\n=== {result.snippet.display} ({origin})")
        if result.error is not None:
            failed += 1
            print(result.error)
            continue
        for cell in result.cells:
            print(f"--- cell {cell.number} {cell.title}".rstrip())
            for output in cell.outputs:
                if output.figure is not None:
                    print(f"[figure: {output.figure.alt}]")
                else:
                    print(output.text, end="")
            if args.figures:
                for index, figure in enumerate(cell.figures, start=1):
                    target = (
                        args.figures / f"{Path(rel).stem}-{cell.number}-{index}.png"
                    )
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(figure.png)
    return 1 if failed else 0


# Keras prints how long each epoch and step took; those are run times, not results.
TIMING = re.compile(r"\b\d+(?:\.\d+)?(?:ms|us|s)(?:/step)?\b")


def _captured(notebook) -> list[tuple[str, str]]:
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                found.append((output.name, TIMING.sub("<time>", output.text)))
            else:
                found.append((output.output_type, json.dumps(output.get("data", {}))))
    return found


def compare_caches(first: Path, second: Path) -> int:
    """Entries present in both caches must hold the same outputs and figure bytes."""
    a, b = Cache(first), Cache(second)
    keys = sorted(
        p.name for p in first.iterdir() if (second / p.name / "meta.json").exists()
    )
    different = []
    for key in keys:
        left, right = a.load(key), b.load(key)
        if left is None or right is None:
            continue
        if _captured(left.notebook) != _captured(right.notebook):
            different.append(
                left.notebook.metadata.get("docexec", {}).get("snippet", key)
            )
    print(f"{len(keys)} snippets in both caches, {len(different)} differ")
    for name in different:
        print(f"  differs: {name}")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
