"""Helpers shared by the report writers: ordering, summary counts, tool identity."""

from __future__ import annotations

import dataclasses
from collections import Counter

from ..findings import Finding, Kind
from ..result import FileResult, RunResult

TOOL_NAME = "keras-migrate"

# Order in which the "needs a person" style lists show kinds.
KIND_ORDER = {Kind.MANUAL: 0, Kind.ERROR: 1, Kind.WARNING: 2, Kind.REWRITE: 3}


def tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(TOOL_NAME)
    except PackageNotFoundError:  # running from a source tree that is not installed
        import migrate

        return getattr(migrate, "__version__", None) or "0+unknown"


def sorted_files(run: RunResult) -> list[FileResult]:
    # Reports must not depend on the order in which worker processes finished.
    return sorted(run.files, key=lambda f: f.path)


def finding_key(f: Finding) -> tuple:
    cell = -1 if f.cell is None else f.cell
    return (f.path, cell, f.line, f.column, f.pass_id, f.row, f.message)


def file_findings(fr: FileResult) -> list[Finding]:
    """The file's findings with their path filled in, sorted by path, cell, line, column."""
    out = [f if f.path else dataclasses.replace(f, path=fr.path) for f in fr.findings]
    return sorted(out, key=finding_key)


def all_findings(run: RunResult) -> list[Finding]:
    return sorted((f for fr in run.files for f in file_findings(fr)), key=finding_key)


def summary(run: RunResult) -> dict:
    counts = run.counts()
    findings = run.findings
    return {
        "files": counts["files"],
        "changed": counts["changed"],
        "unchanged": counts["unchanged"],
        "failed": counts["failed"],
        "by_kind": {k.value: counts[k.value] for k in Kind},
        "by_pass": dict(sorted(Counter(f.pass_id for f in findings).items())),
        "by_row": dict(sorted(Counter(f.row for f in findings).items())),
    }
