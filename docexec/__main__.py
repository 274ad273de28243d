"""Command line: ``python -m docexec run [snippets/topic/name.py ...] [--figures DIR]``.

Runs the given snippets (all of them by default) through the cache, like the build, and
prints what each cell printed, so an author can check a snippet without building pages.
``python -m docexec compare CACHE CACHE`` checks that two caches captured the same runs.
``python -m docexec run --shard K/N`` and ``python -m docexec merge CACHE...`` split
the execution over CI machines and put it back together (``docexec.shards``).
``python -m docexec prose [docs/page.md ...]`` lists the numbers in pages' prose that no
run, code or declared constant accounts for (``docexec.prose``), from the cache.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from pathlib import Path

import nbformat

from . import bump, shards
from .bump import TIMING
from .cache import Cache, Entry
from .config import Settings
from .layout import Layout
from .prose import ProseError, page_numbers
from .runner import Runner
from .shards import Shard
from .sources import Snippet, discover, resolve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m docexec")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="execute snippets and print their output")
    run.add_argument("paths", nargs="*", help="snippet files (default: all)")
    run.add_argument(
        "--figures",
        type=Path,
        help="write captured figures here, laid out as on the site",
    )
    run.add_argument(
        "--shard",
        type=Shard.parse,
        help="K/N: execute only shard K of N (a CI matrix job), see docexec.shards",
    )
    merge = commands.add_parser(
        "merge", help="merge shard caches into the project's cache, checking them"
    )
    merge.add_argument("caches", nargs="+", type=Path, help="each shard's cache")
    compare = commands.add_parser(
        "compare", help="compare the captured runs of two caches (determinism)"
    )
    compare.add_argument("first", type=Path)
    compare.add_argument("second", type=Path)
    bumping = commands.add_parser(
        "bump-report", help="what a candidate lock file changes in every run"
    )
    bumping.add_argument("candidate", type=Path, help="the candidate lock file")
    inside = commands.add_parser(
        "bump-compare", help="(run by bump-report in the candidate's environment)"
    )
    inside.add_argument("current", type=Path, help="the project's execution cache")
    inside.add_argument("out", type=Path, help="where to write the report")
    prose = commands.add_parser(
        "prose", help="list numbers in pages' prose that nothing accounts for"
    )
    prose.add_argument("pages", nargs="*", type=Path, help="pages (default: docs/)")
    args = parser.parse_args(argv)
    settings = Settings.load(Path.cwd())
    if args.command == "compare":
        return compare_caches(Layout.of(settings), args.first, args.second)
    if args.command == "bump-report":
        return bump.bump_report(settings, args.candidate)
    if args.command == "bump-compare":
        bump.bump_compare(settings, args.current, args.out)
        return 0
    if args.command == "merge":
        return merge_shards(settings, args.caches)
    if args.command == "prose":
        pages = args.pages or sorted((settings.root / "docs").rglob("*.md"))
        return check_prose(settings, pages)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("traitlets").setLevel(logging.WARNING)
    return run_snippets(settings, args.paths, args.figures, args.shard)


def _chosen(settings: Settings, paths: list[str]) -> list[Snippet]:
    if not paths:
        return discover(settings.snippets)
    return [
        resolve(
            settings.snippets,
            Path(p).resolve().relative_to(settings.snippets).as_posix(),
        )
        for p in paths
    ]


def run_snippets(
    settings: Settings, paths: list[str], figures: Path | None, shard: Shard | None
) -> int:
    layout = Layout.of(settings)
    snippets = _chosen(settings, paths)
    only = None
    if shard is not None:
        seconds = shards.durations(Cache(layout))
        planned = shards.plan(shards.units(snippets), seconds, shard.count)
        print(shards.describe(planned, seconds))
        only = set(planned[shard.index - 1])
        snippets = [s for s in snippets if any(rel == s.rel for rel, _ in only)]
    runner = Runner(settings)
    runs = runner.run(snippets, only=only)
    if shard is not None and only is not None:
        shards.write_manifest(settings, shard, snippets, sorted(only), runner.executed)
    failed = 0
    results = [e for r in runs.values() for e in r.executions]
    for result in results:
        origin = "cache" if result.from_cache else f"ran in {result.seconds:.1f} s"
        print(f"\n=== {result.snippet.display} on {result.backend} ({origin})")
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
        if figures is not None and not result.variant:
            for uri, figure in layout.figures(result):
                target = figures / uri
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(figure.png)
    return 1 if failed else 0


def merge_shards(settings: Settings, caches: list[Path]) -> int:
    try:
        merged = shards.merge(settings, discover(settings.snippets), caches)
    except shards.ShardError as exc:
        print(exc)
        return 1
    print(f"merged {len(merged)} runs from {len(caches)} shards into {settings.cache}")
    return 0


def check_prose(settings: Settings, pages: list[Path]) -> int:
    results = Runner(settings).run(discover(settings.snippets), execute_missing=False)
    found = 0
    for page in pages:
        try:
            numbers = page_numbers(page, settings, results)
        except ProseError as exc:
            print(exc)
            return 2
        for number in numbers:
            found += 1
            print(f"{page}:{number}")
    print(f"{found} number(s) in {len(pages)} page(s) not accounted for")
    return 1 if found else 0


def _captured(notebook: nbformat.NotebookNode) -> list[tuple[str, str]]:
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                found.append((output.name, TIMING.sub("<time>", output.text)))
            else:
                found.append((output.output_type, json.dumps(output.get("data", {}))))
    return found


def _latest(layout: Layout, directory: Path) -> dict[str, Entry]:
    """Each snippet's most recently used entry in the cache at *directory*."""
    latest: dict[str, Entry] = {}
    for entry in Cache(dataclasses.replace(layout, cache=directory)).entries():
        latest.setdefault(entry.snippet, entry)
    return latest


def compare_caches(layout: Layout, first: Path, second: Path) -> int:
    """Each snippet's latest run in two caches must hold the same outputs and figures.

    Entries are matched by snippet, not by key, so two engine versions (whose keys
    differ by design) can be compared: the check that a refactor changed no output.
    """
    a, b = _latest(layout, first), _latest(layout, second)
    both = sorted(a.keys() & b.keys())
    different = [
        rel for rel in both if _captured(a[rel].notebook) != _captured(b[rel].notebook)
    ]
    print(f"{len(both)} snippets in both caches, {len(different)} differ")
    for rel in sorted(a.keys() ^ b.keys()):
        print(f"  only in {'the first' if rel in a else 'the second'}: {rel}")
    for rel in different:
        print(f"  differs: {rel}")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
