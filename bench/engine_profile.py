"""Where keras-migrate spends its time, in one process (no pool).

    .venv/bin/python bench/engine_profile.py [FOLDER] [--cprofile N] [--save FILE.prof]

FOLDER defaults to bench/out/keras_100000, the Keras corpus bench/run.py makes. The stage table comes from timers
wrapped around the engine's stage functions (exclusive time: a stage called inside another is
counted once, in the inner one); it costs almost nothing, unlike cProfile, which inflates code
with many small Python calls (the walk, code generation) far more than the native parser.
`--cprofile N` adds cProfile's top N functions by own time.
"""

from __future__ import annotations

import argparse
import ast
import cProfile
import pickle
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

import libcst
from libcst.metadata import MetadataWrapper

import migrate.codegen
import migrate.cstutil
import migrate.engine
import migrate.imports
import migrate.run
from migrate.context import Context

spent: dict[str, float] = defaultdict(float)
calls: dict[str, int] = defaultdict(int)
_stack: list[list] = []  # [label, time spent in timed callees]
EMPTY_WALK = "positions: LibCST's batched walk"
FOLD = {"codegen", EMPTY_WALK}  # whatever these call is counted as part of them


def timed(label: str, fn):
    def wrapper(*args, **kwargs):
        if _stack and _stack[-1][0] == label:  # a recursive call: the outermost one counts
            return fn(*args, **kwargs)
        name = _stack[-1][0] if _stack and _stack[-1][0] in FOLD else label
        _stack.append([name, 0.0])
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            elapsed = time.perf_counter() - start
            _, inner = _stack.pop()
            spent[name] += elapsed - inner
            calls[name] += name == label
            if _stack:
                _stack[-1][1] += elapsed

    return wrapper


def install() -> None:
    """Wrap the stage functions where the engine looks them up at call time."""
    libcst.parse_module = timed("parse (libcst.parse_module)", libcst.parse_module)
    libcst.parse_expression = timed("parse snippets (parse_expression)", libcst.parse_expression)
    libcst.parse_statement = timed("parse snippets (parse_statement)", libcst.parse_statement)
    migrate.engine._Runner.walk = timed("walk (_Runner)", migrate.engine._Runner.walk)
    migrate.engine._Runner._run = timed("pass hooks (_Runner._run)", migrate.engine._Runner._run)
    # resolve(PositionProvider) is one code generation with position tracking, then a walk of
    # the whole tree for batchable providers, of which there are none here
    MetadataWrapper.resolve = timed("positions: codegen with positions", MetadataWrapper.resolve)
    MetadataWrapper.visit_batched = timed(EMPTY_WALK, MetadataWrapper.visit_batched)
    Context.findings = timed("findings", Context.findings)
    migrate.engine.start_positions = timed(
        "positions (start_positions)", migrate.engine.start_positions
    )
    migrate.engine._bracket_depth = timed("bracket depth", migrate.engine._bracket_depth)
    migrate.engine.Context = timed("Context (source regexes)", migrate.engine.Context)
    libcst.Module.code = property(timed("codegen", libcst.Module.code.fget))
    libcst.Module.code_for_node = timed("codegen", libcst.Module.code_for_node)
    for module in (migrate.imports, migrate.cstutil):  # they import generate by name
        module.generate = timed("codegen", migrate.codegen.generate)
    migrate.imports.fix = timed("imports.fix (without codegen, ast)", migrate.imports.fix)
    ast.parse = timed("ast.parse (verify, used names, literals)", ast.parse)
    migrate.run.read = timed("read files", migrate.run.read)
    migrate.engine.migrate_text = timed(
        "engine other (filters, Context)", migrate.engine.migrate_text
    )
    migrate.run.migrate_text = migrate.engine.migrate_text
    migrate.run.process = timed("process other", migrate.run.process)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent / "out" / "keras_100000"
    parser.add_argument("folder", nargs="?", type=Path, default=default)
    parser.add_argument("--cprofile", type=int, default=0, metavar="N")
    parser.add_argument("--save", type=Path)
    args = parser.parse_args()

    install()
    profiler = cProfile.Profile() if args.cprofile or args.save else None
    began = time.perf_counter()
    if profiler:
        profiler.enable()
    result = migrate.run.run([args.folder], jobs=1)
    if profiler:
        profiler.disable()
    wall = time.perf_counter() - began
    lines = sum(f.before.count("\n") for f in result.files)
    print(
        f"{len(result.files)} files, {lines} lines: {wall:.2f} s in one process, {lines / wall:,.0f} lines/s"
    )
    for label, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {label:<42}{seconds:>8.2f} s{100 * seconds / wall:>5.0f}%{calls[label]:>9} calls")

    # what the pool sends back: every FileResult is pickled in a worker and unpickled here
    start = time.perf_counter()
    blob = pickle.dumps(result.files, protocol=pickle.HIGHEST_PROTOCOL)
    dumped = time.perf_counter() - start
    pickle.loads(blob)
    loaded = time.perf_counter() - start - dumped
    print(
        f"result transfer: {len(blob) / 1e6:.1f} MB pickled, dump {dumped:.2f} s, load {loaded:.2f} s"
        f" ({sum(len(f.before) + len(f.after) for f in result.files) / 1e6:.1f} MB of before+after text)"
    )
    if profiler:
        if args.save:
            profiler.dump_stats(args.save)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.cprofile or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
