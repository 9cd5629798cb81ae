"""SARIF 2.1.0 report, for code-scanning dashboards.

Results: manual items and errors at level "error", warnings at level "warning";
rewrites are left out (they are done, not problems). Rule ids are pass ids; a rule's
properties list the catalogue rows it reported, a result's properties carry its row,
kind, todo and notebook cell. A failed file with no error finding of its own is
reported under the rule FILE_ERROR_RULE. Artifact URIs are relative to the
SRCROOT base (meta["base"], else the working directory) when the file lies under
it, absolute file URIs otherwise. Columns are taken as 1-based; 0 becomes 1.
Notebook findings carry no region: their line counts within a cell, not the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from ..findings import Finding, Kind
from ..result import RunResult
from ._common import TOOL_NAME, all_findings, sorted_files, tool_version

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FILE_ERROR_RULE = "file-error"
LEVELS = {Kind.MANUAL: "error", Kind.ERROR: "error", Kind.WARNING: "warning"}


def _artifact(path: str, base: Path) -> dict:
    p = Path(path)
    if not p.is_absolute():
        p = Path.cwd() / p
    try:
        rel = p.resolve().relative_to(base)
    except ValueError:
        return {"uri": p.resolve().as_uri()}
    return {"uri": quote(rel.as_posix()), "uriBaseId": "SRCROOT"}


def _result(rule_index: dict, f: Finding, base: Path) -> dict:
    text = f.message + (f" To do: {f.todo}" if f.todo else "")
    location: dict = {"artifactLocation": _artifact(f.path, base)}
    if f.cell is None:
        location["region"] = {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)}
    else:
        text = f"[cell {f.cell}, line {f.line}] {text}"
    props = {"row": f.row, "kind": f.kind.value, "todo": f.todo}
    if f.cell is not None:
        props |= {"cell": f.cell, "cellLine": f.line, "cellColumn": f.column}
    return {
        "ruleId": f.pass_id,
        "ruleIndex": rule_index[f.pass_id],
        "level": LEVELS[f.kind],
        "message": {"text": text},
        "locations": [{"physicalLocation": location}],
        "properties": props,
    }


def build(run: RunResult, meta: dict) -> dict:
    base = Path(meta.get("base") or Path.cwd()).resolve()
    summaries = meta.get("passes") or {}  # optional {pass id: one-line summary}
    findings = [f for f in all_findings(run) if f.kind in LEVELS]
    error_paths = {f.path for f in findings if f.kind is Kind.ERROR}
    failed = [fr for fr in sorted_files(run) if fr.error is not None and fr.path not in error_paths]

    rows: dict[str, set[str]] = {}
    for f in findings:
        rows.setdefault(f.pass_id, set()).add(f.row)
    if failed:
        rows.setdefault(FILE_ERROR_RULE, set())
    rules = []
    for pass_id in sorted(rows):
        text = summaries.get(pass_id) or (
            "The file could not be read, parsed or migrated."
            if pass_id == FILE_ERROR_RULE
            else f"{TOOL_NAME} pass {pass_id}"
        )
        rules.append(
            {
                "id": pass_id,
                "shortDescription": {"text": text},
                "properties": {"rows": sorted(rows[pass_id])},
            }
        )
    index = {r["id"]: i for i, r in enumerate(rules)}

    results = [_result(index, f, base) for f in findings]
    results += [
        {
            "ruleId": FILE_ERROR_RULE,
            "ruleIndex": index[FILE_ERROR_RULE],
            "level": "error",
            "message": {"text": fr.error or "could not be migrated"},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(fr.path, base)}}],
            "properties": {"kind": Kind.ERROR.value},
        }
        for fr in failed
    ]
    run_obj = {
        "tool": {"driver": {"name": TOOL_NAME, "version": tool_version(), "rules": rules}},
        "originalUriBaseIds": {"SRCROOT": {"uri": base.as_uri().rstrip("/") + "/"}},
        "results": results,
    }
    if meta.get("command"):
        run_obj["invocations"] = [
            {"commandLine": str(meta["command"]), "executionSuccessful": True}
        ]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run_obj]}


def render(run: RunResult, meta: dict) -> str:
    return json.dumps(build(run, meta), indent=2, ensure_ascii=False) + "\n"
