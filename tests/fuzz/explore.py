"""Find every distinct property failure, not only the first: draws examples, groups failures
by signature (exception and where it was raised, or which property broke), and shrinks one
example of each group line by line.

    .venv/bin/python -m tests.fuzz.explore --examples 5000 [--property keras1|plain] [--seed N]
        [--no-models]   (no Model/Sequential/training calls: look past their failures)
"""

from __future__ import annotations

import argparse
import ast
import re
import time
import traceback

from hypothesis import Phase, given, seed, settings

from tests.fuzz.programs import keras1_programs, plain_programs
from tests.fuzz.properties import check_keras1, check_plain

PROPERTIES = {"keras1": (keras1_programs, check_keras1), "plain": (plain_programs, check_plain)}


def signature(exc: BaseException) -> str:
    if isinstance(exc, AssertionError):
        text = str(exc).splitlines()[0] if str(exc) else "assertion"
        text = re.sub(r"<source>:\d+:", "<source>:N:", text)
        return re.sub(r"'[^']*'|\d+", "_", text)[:120]
    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if "/codemods/" in f.filename or "/migrate/" in f.filename
    ]
    where = f"{frames[-1].filename.rsplit('/', 2)[-2]}/{frames[-1].name}" if frames else "?"
    return f"{type(exc).__name__} in {where}: {str(exc).splitlines()[0][:80] if str(exc) else ''}"


def failure(check, code: str) -> str | None:
    try:
        check(code)
    except Exception as exc:  # every failure is collected, whatever it is
        return signature(exc)
    return None


def shrink(check, code: str, sig: str) -> str:
    """Drop runs of lines while the code still parses and fails the same way."""
    lines = code.splitlines(keepends=True)
    size = max(1, len(lines) // 2)
    while size >= 1:
        i, progress = 0, False
        while i < len(lines):
            candidate = lines[:i] + lines[i + size :]
            text = "".join(candidate)
            try:
                ast.parse(text)
                same = failure(check, text) == sig
            except SyntaxError:
                same = False
            if same:
                lines, progress = candidate, True
            else:
                i += 1 if size <= 3 else size  # small runs: every offset, to free blocks
        if not progress:
            size //= 2
    return "".join(lines)


def explore(name: str, examples: int, start: int, models: bool) -> dict[str, tuple[int, str]]:
    strategy, check = PROPERTIES[name]
    found: dict[str, tuple[int, str]] = {}  # signature -> (count, shortest example)
    ran = 0

    @seed(start)
    @settings(max_examples=examples, phases=[Phase.generate], database=None, deadline=None)
    @given(strategy(models=models))
    def run(code):
        nonlocal ran
        ran += 1
        sig = failure(check, code)
        if sig is not None:
            count, best = found.get(sig, (0, code))
            found[sig] = (count + 1, min(best, code, key=len))

    begun = time.perf_counter()
    run()
    print(
        f"{name}: {ran} examples in {time.perf_counter() - begun:.0f} s, {len(found)} distinct failures"
    )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=500)
    parser.add_argument("--property", choices=sorted(PROPERTIES), action="append")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-models", action="store_true")
    args = parser.parse_args()
    for name in args.property or sorted(PROPERTIES):
        found = explore(name, args.examples, args.seed, not args.no_models)
        for sig, (count, code) in found.items():
            small = shrink(PROPERTIES[name][1], code, sig)
            print(f"\n=== [{name}] {count}x {sig}\n{small}")


if __name__ == "__main__":
    main()
