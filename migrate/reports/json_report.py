"""JSON report, schema version 1 (described by schema.json beside this module).

Top level: schema_version, tool {name, version}, meta {target, command, options,
image_ordering, ...}, summary {files, changed, unchanged, failed, by_kind, by_pass,
by_row}, files [{path, changed, written, error, diff, findings}]. Files are sorted by
path; each file's findings by path, cell, line, column. Bump SCHEMA_VERSION on any
change that could break a reader (renamed or removed field, changed meaning).
"""

from __future__ import annotations

import json

from ..result import RunResult
from ._common import TOOL_NAME, file_findings, sorted_files, summary, tool_version

SCHEMA_VERSION = 1
META_KEYS = ("target", "command", "options", "image_ordering")


def build(run: RunResult, meta: dict) -> dict:
    # The four documented keys are always present so readers need not guess.
    full_meta = {k: None for k in META_KEYS} | dict(meta)
    if full_meta["options"] is None:
        full_meta["options"] = {}
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": tool_version()},
        "meta": full_meta,
        "summary": summary(run),
        "files": [
            {
                "path": fr.path,
                "changed": fr.changed,
                "written": fr.written,
                "error": fr.error,
                "diff": fr.diff(),
                "findings": [f.to_dict() for f in file_findings(fr)],
            }
            for fr in sorted_files(run)
        ],
    }


def render(run: RunResult, meta: dict) -> str:
    # default=str: options may hold Paths or enums straight from the CLI.
    return json.dumps(build(run, meta), indent=2, ensure_ascii=False, default=str) + "\n"
