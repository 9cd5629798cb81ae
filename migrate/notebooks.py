"""Jupyter notebooks (.ipynb, nbformat 4): migrate the code cells, keep everything else.

The code cells are migrated together, as one Python text with a marker statement between
cells, because a notebook is one namespace: `from keras.layers import merge` in the first cell
is what makes `merge(...)` in a later cell Keras's merge, and the import fix for a rewrite in
a later cell belongs to the import line of the first. The text is split back at the markers
afterwards; a marker is a statement of its own, so no rewrite can move or drop it. A syntax
error in any cell therefore fails the whole notebook: it is reported and nothing is written.

IPython syntax is not Python: line magics (`%time x`), shell lines (`!pip ...`,
`files = !ls`), help (`obj?`) and cell magics (`%%time`) are swapped for placeholder
statements before the migration and put back byte for byte afterwards. A cell whose cell
magic has a body that is not Python (`%%bash`, `%%writefile` ...) is left out.

Findings name the cell by its index in the notebook's `cells` list (0-based, as
`nb["cells"][i]`), and their line counts within that cell. Outputs, metadata and the JSON
layout stay as they were: an unchanged notebook is not rewritten, and a changed one is
written with the layout found in the file (Jupyter's is indent 1, keys in file order,
`source` as a list of lines, a trailing newline), so only the changed cells' `source`
differs. A file that is not valid JSON or not nbformat 4 is an error, never overwritten.
"""

from __future__ import annotations

import dataclasses
import json
import re

from .context import Options
from .engine import migrate_text
from .findings import Finding, Kind
from .passes import Pass
from .result import FileResult

SUFFIX = ".ipynb"
# Cell magics whose body is Python: the first line is protected, the rest migrated.
PYTHON_CELL_MAGICS = {"time", "timeit", "capture", "prun"}
_MARKER = "__keras_migrate_cell__"
_PLACEHOLDER = re.compile(r"^[ \t]*__keras_migrate_magic_(\d+)__\r?\n?$")
_MAGIC = re.compile(
    r"[ \t]*(?:[%!?]"  # %magic, %%magic, !shell, ?help
    r"|[\w.]+\?{1,2}[ \t]*$"  # obj? / obj??
    r"|[\w.]+(?:[ \t]*,[ \t]*[\w.]+)*[ \t]*=[ \t]*[%!])"  # x = !ls, t = %timeit -o f()
)


def migrate(
    data: bytes, *, path: str, passes: list[type[Pass]], options: Options
) -> tuple[FileResult, bytes]:
    """The notebook's result (before/after are the code cells as a `# %%` script, for the diff)
    and the bytes to write (`data` itself when nothing changed)."""
    try:
        text = data.decode("utf-8")
        nb = json.loads(text)
    except (UnicodeDecodeError, ValueError) as exc:
        return _broken(path, f"not a notebook: invalid JSON ({exc})"), data
    if not isinstance(nb, dict) or nb.get("nbformat") != 4 or not isinstance(nb.get("cells"), list):
        version = nb.get("nbformat") if isinstance(nb, dict) else None
        return _broken(path, f"not an nbformat 4 notebook (nbformat: {version!r})"), data
    language = _language(nb)
    if language not in (None, "python"):
        return FileResult(path, "", ""), data  # an R or Julia notebook: nothing for us

    cells: list[tuple[int, str]] = []  # (index in nb["cells"], source text) of code cells
    for index, cell in enumerate(nb["cells"]):
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            source = cell.get("source", "")
            if isinstance(source, list) and all(isinstance(s, str) for s in source):
                source = "".join(source)
            if not isinstance(source, str):
                return _broken(path, f"cell {index}: 'source' is not text"), data
            cells.append((index, source))
    if not cells:
        return FileResult(path, "", ""), data

    protected = [_protect(source) for _, source in cells]
    joined, starts = _join([p[0] for p in protected])
    result = migrate_text(joined, path=path, passes=passes, options=options)
    findings = [_locate(f, starts, cells) for f in result.findings]
    before = _script(cells, [source for _, source in cells])
    if result.error is not None:
        where = next((f for f in findings if f.kind is Kind.ERROR), None)
        error = f"{where.location()}: {where.message}" if where else result.error
        return FileResult(path, before, before, findings, error=error), data
    try:
        new_sources = [
            _restore(part, magics, source)
            for part, (_, magics), (_, source) in zip(
                _split(result.after, len(cells)), protected, cells, strict=True
            )
        ]
    except ValueError as exc:
        return FileResult(
            path, before, before, [_error(path, str(exc))], error=f"{path}: {exc}"
        ), data
    if all(new == source for new, (_, source) in zip(new_sources, cells, strict=True)):
        return FileResult(path, before, before, findings), data
    for (index, old), new in zip(cells, new_sources, strict=True):
        if new != old:
            cell = nb["cells"][index]
            cell["source"] = (
                new.splitlines(keepends=True) if isinstance(cell["source"], list) else new
            )
    out = _dump(nb, text)
    if out is None:
        out = json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        findings.append(
            Finding(
                0,
                0,
                "engine",
                "",
                Kind.WARNING,
                "the notebook's JSON layout is not one this tool can reproduce; it was "
                "written the way Jupyter writes notebooks (indent 1, sorted keys)",
                "Review the whole-file diff before committing.",
                path,
            )
        )
    return FileResult(path, before, _script(cells, new_sources), findings), out.encode("utf-8")


def _language(nb: dict) -> str | None:
    meta = nb.get("metadata")
    if not isinstance(meta, dict):
        return None
    for key in ("kernelspec", "language_info"):
        info = meta.get(key)
        name = (
            info.get("language" if key == "kernelspec" else "name")
            if isinstance(info, dict)
            else None
        )
        if isinstance(name, str):
            return name.lower()
    return None


def _protect(source: str) -> tuple[str, dict[int, str]]:
    """The cell as plain Python, and the original of each placeholder line by its number."""
    lines = source.splitlines(keepends=True)
    magics: dict[int, str] = {}

    def hide(i: int, indent: str) -> None:
        n = len(magics)
        magics[n] = lines[i]
        ending = lines[i][len(lines[i].rstrip("\r\n")) :]
        lines[i] = f"{indent}__keras_migrate_magic_{n}__{ending}"

    first = lines[0].lstrip() if lines else ""
    if first.startswith("%%"):
        name = first[2:].split(maxsplit=1)[0] if first[2:].strip() else ""
        if name not in PYTHON_CELL_MAGICS:
            hide_all = range(len(lines))
            for i in hide_all:
                hide(i, "")
            return "".join(lines), magics
        hide(0, "")
        start = 1
    else:
        start = 0

    depth, quote, continued, in_magic, indent = 0, None, False, False, ""
    for i in range(start, len(lines)):
        line = lines[i]
        body = line.rstrip("\r\n")
        if in_magic:  # a magic continued with a trailing backslash
            in_magic = body.endswith("\\")
            hide(i, indent)
            continue
        if depth == 0 and quote is None and not continued and _MAGIC.match(body):
            indent = body[: len(body) - len(body.lstrip())]
            in_magic = body.endswith("\\")
            hide(i, indent)
            continue
        depth, quote = _scan(body, depth, quote)
        continued = body.endswith("\\") and quote is None
    return "".join(lines), magics


def _scan(line: str, depth: int, quote: str | None) -> tuple[int, str | None]:
    """Bracket depth and open string after `line`: enough to tell where logical lines start."""
    i = 0
    while i < len(line):
        c = line[i]
        if quote is not None:
            if c == "\\":
                i += 2
            elif line.startswith(quote, i):
                i += len(quote)
                quote = None
            else:
                i += 1
            continue
        if c == "#":
            break
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth = max(0, depth - 1)
        elif c in "'\"":
            quote = line[i : i + 3] if line[i : i + 3] in ('"""', "'''") else c
            i += len(quote)
            continue
        i += 1
    if quote in ("'", '"') and not line.endswith("\\"):
        quote = None  # a one-line string cannot run past the end of its line
    return depth, quote


def _join(parts: list[str]) -> tuple[str, list[int]]:
    """The cells as one text with a marker line between them; the first line of each cell."""
    out, starts, line = [], [], 1
    for k, part in enumerate(parts):
        if k:
            out.append(f"{_MARKER}\n")
            line += 1
        if part and not part.endswith(("\n", "\r")):
            part += "\n"
        starts.append(line)
        out.append(part)
        line += part.count("\n")
    return "".join(out), starts


def _split(text: str, count: int) -> list[str]:
    parts = re.split(rf"(?m)^{_MARKER}\r?\n", text)
    if len(parts) != count:
        raise ValueError(f"internal error: {count} cells went in, {len(parts)} came out")
    return parts


def _restore(part: str, magics: dict[int, str], original: str) -> str:
    lines = part.splitlines(keepends=True)
    seen = set()
    for i, line in enumerate(lines):
        m = _PLACEHOLDER.match(line)
        if m and int(m.group(1)) in magics:
            seen.add(int(m.group(1)))
            lines[i] = magics[int(m.group(1))]
    if seen != set(magics):
        raise ValueError("internal error: an IPython magic line was lost in the migration")
    text = "".join(lines)
    if not original.endswith(("\n", "\r")) and text.endswith("\n"):
        text = text[:-1]  # _join added it
    return text


def _locate(f: Finding, starts: list[int], cells: list[tuple[int, str]]) -> Finding:
    k = max((k for k, s in enumerate(starts) if s <= f.line), default=0)
    line = f.line - starts[k] + 1 if f.line else 0
    return dataclasses.replace(f, cell=cells[k][0], line=line)


def _script(cells: list[tuple[int, str]], sources: list[str]) -> str:
    """The code cells as a `# %%` script: what the terminal and report diffs show."""
    out = []
    for (index, _), source in zip(cells, sources, strict=True):
        if source and not source.endswith("\n"):
            source += "\n"
        out.append(f"# %% [cell {index}]\n{source}")
    return "".join(out)


def _dump(nb: dict, original: str) -> str | None:
    """`nb` in the layout `original` was written in, or None when no layout reproduces it."""
    body = original.rstrip("\n")
    tail = original[len(body) :]
    before = json.loads(original)
    for indent in (1, 2, 4, None):
        for ascii_only in (False, True):
            if json.dumps(before, indent=indent, ensure_ascii=ascii_only) == body:
                return json.dumps(nb, indent=indent, ensure_ascii=ascii_only) + tail
    return None


def _error(path: str, message: str) -> Finding:
    return Finding(0, 0, "engine", "", Kind.ERROR, message, "", path)


def _broken(path: str, message: str) -> FileResult:
    return FileResult(path, "", "", [_error(path, message)], error=f"{path}: {message}")
