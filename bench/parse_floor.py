"""The floor under any LibCST-based migration: read every file, apply keras-migrate's text
pre-filter, and parse the files that pass it with LibCST, nothing else.

    python bench/parse_floor.py FOLDER [--jobs N]

bench/run.py times it beside keras-migrate and the LibCST no-op codemod: a tool that parses
each Keras file whole cannot be faster than this.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import libcst

from migrate.engine import may_need_migration


def parse(path: Path) -> bool:
    text = path.read_text(encoding="utf-8", errors="replace")
    if not may_need_migration(text):
        return False
    libcst.parse_module(text)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    files = sorted(args.folder.rglob("*.py"))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(args.jobs, context) as pool:
        parsed = sum(pool.map(parse, files, chunksize=8))
    print(f"{len(files)} files read, {parsed} parsed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
