"""Python 2 front end: turn Python-2-only source into Python 3 before the Keras passes run.

Reported as its own pass, ``py2-syntax``. It converts only what stops a Python 2 file from
compiling or running under Python 3 and leaves every other byte as it was: comments, blank
lines, quotes, CRLF line endings, a coding cookie. A file that already compiles as Python 3 is
returned unchanged without being parsed again, so the conversion is idempotent.

Why fissix (the maintained lib2to3 fork) and not token-level fixers of our own: the Python 2
constructs that matter are grammar-level (``print >>f, a, b,``, ``raise E, V, T``,
``exec code in ns``, tuple parameters, backquotes that nest), and fissix parses the full
Python 2 grammar into a lossless tree whose ``str()`` is the input byte for byte, so an
untouched region cannot drift. Its stock fixers are used where they do exactly the needed change
and nothing more (print, exec, raise, except, repr, ne, has_key, imports, urllib,
reduce, itertools, itertools_imports, renames). Small fixers of our own replace stock ones that
do more than needed: ``numliterals`` (stock leaves ``0777L`` invalid), ``ur_prefix`` and
``escapes`` (stock ``unicode`` also strips every ``u''`` prefix), ``names`` (stock ``xrange``
wraps ``range()`` in ``list()``), ``dict`` (stock wraps ``keys()`` in ``list()`` and
``iteritems()`` in ``iter()``) and ``tuple_params`` (stock names the new parameter
``xxx_todo_changeme``). Fixers that change behaviour nobody asked for (map, filter,
zip, dict views, input, next, division) are left out. Parsing and fixing cost ~130 ms per 1000
lines against ~5 ms for the Python 3 check, so only files that fail that check reach fissix.

Tabs: Python 3 rejects indentation whose meaning depends on the tab size. Inside each top-level
statement that Python 3 would reject, the indentation of logical lines that contain a tab is
expanded with Python 2's rule (a tab advances to the next multiple of 8); nothing else is
touched, so a consistently tab-indented file keeps its tabs.

Division: ``/`` on two ints floored in Python 2 and does not in Python 3. It is not rewritten,
but each ``/`` and ``/=`` whose operands are not obviously floats is reported with the fixer
``division`` (see ``REVIEW_ONLY``) in files without ``from __future__ import division``.
"""

from __future__ import annotations

import ast
import io
import re
import warnings
from dataclasses import dataclass

from fissix import fixer_base, pygram, refactor
from fissix.fixer_util import is_probably_builtin
from fissix.fixes import fix_tuple_params
from fissix.fixes.fix_except import FixExcept
from fissix.fixes.fix_exec import FixExec
from fissix.fixes.fix_has_key import FixHasKey
from fissix.fixes.fix_imports import FixImports
from fissix.fixes.fix_itertools import FixItertools
from fissix.fixes.fix_itertools_imports import FixItertoolsImports
from fissix.fixes.fix_ne import FixNe
from fissix.fixes.fix_print import FixPrint
from fissix.fixes.fix_raise import FixRaise
from fissix.fixes.fix_reduce import FixReduce
from fissix.fixes.fix_renames import FixRenames
from fissix.fixes.fix_repr import FixRepr
from fissix.fixes.fix_urllib import FixUrllib
from fissix.pgen2 import parse, token, tokenize

PASS_ID = "py2-syntax"
REVIEW_ONLY = frozenset({"division"})  # fixers that report a spot without changing it


class Py2Error(Exception):
    """The text is neither Python 3 nor Python 2 (or its conversion does not compile)."""

    def __init__(self, message: str, line: int, column: int = 0):
        super().__init__(f"line {line}: {message}")
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class Py2Change:
    """One converted spot; line is 1-based, column 0-based, both in the original text."""

    line: int
    column: int
    fixer: str
    message: str


# ---------------------------------------------------------------- fixers of our own


class FixNumliterals(fixer_base.BaseFix):
    _accept_type = token.NUMBER

    def match(self, node):
        v = node.value
        return v[-1] in "Ll" or _is_old_octal(v)

    def transform(self, node, results):
        v = node.value.rstrip("Ll")
        if _is_old_octal(v):
            v = "0o" + v[1:]
        node.value = v
        node.changed()


def _is_old_octal(v: str) -> bool:
    v = v.rstrip("Ll")
    return len(v) > 1 and v[0] == "0" and v.isdigit() and v.strip("0") != ""


class FixUrPrefix(fixer_base.BaseFix):
    _accept_type = token.STRING

    def match(self, node):
        return node.value[:2].lower() == "ur"

    def transform(self, node, results):
        node.value = node.value[1:]
        node.changed()


class FixEscapes(fixer_base.BaseFix):
    """Python 2 byte strings keep \\u, \\U and \\N as two characters; Python 3 reads escapes."""

    _accept_type = token.STRING

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.skip = "unicode_literals" in tree.future_features

    def match(self, node):
        prefix = node.value[: len(node.value) - len(node.value.lstrip("bBrRuU"))].lower()
        return not (self.skip or set(prefix) & set("bru")) and _PY3_ESCAPE.search(node.value)

    def transform(self, node, results):
        # after splitting off escaped backslashes, every backslash left starts an escape
        parts = node.value.split("\\\\")
        node.value = "\\\\".join(_PY3_ESCAPE.sub(r"\\\\\1", p) for p in parts)
        node.changed()


_PY3_ESCAPE = re.compile(r"\\([uUN])")


_NAMES = {
    "xrange": "range",
    "long": "int",
    "unicode": "str",
    "unichr": "chr",
    "basestring": "str",
    "raw_input": "input",
}


class FixNames(fixer_base.BaseFix):
    BM_compatible = True
    PATTERN = " | ".join(f"'{n}'" for n in _NAMES)

    def transform(self, node, results):
        if is_probably_builtin(node):  # not an attribute, parameter, keyword or definition
            node.value = _NAMES[node.value]
            node.changed()


class FixDict(fixer_base.BaseFix):
    BM_compatible = True
    PATTERN = """
    power< any+ trailer< '.' method=('iterkeys'|'iteritems'|'itervalues'
                                     |'viewkeys'|'viewitems'|'viewvalues') >
           trailer< '(' ')' > any* >
    """

    def transform(self, node, results):
        method = results["method"][0]
        method.value = method.value[4:]
        method.changed()


class FixTupleParams(fix_tuple_params.FixTupleParams):
    """Names the new parameter after the tuple's names (``b_c``), not ``xxx_todo_changeme``."""

    def transform(self, node, results):
        args = results.get("args")
        tuples = []
        if args is not None and "lambda" not in results:
            kids = [args] if args.type == self.syms.tfpdef else args.children
            tuples = [a for a in kids if a.type == self.syms.tfpdef]
        self.pending = [
            "_".join(leaf.value for leaf in t.leaves() if leaf.type == token.NAME) for t in tuples
        ]
        return super().transform(node, results)

    def new_name(self, template="xxx_todo_changeme"):
        if template == "xxx_todo_changeme" and self.pending:
            template = self.pending.pop(0)
        return super().new_name(template)


class FixDivision(fixer_base.BaseFix):
    """Reports ``/`` and ``/=`` without changing them (see REVIEW_ONLY)."""

    BM_compatible = True
    PATTERN = "'/' | '/='"

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.skip = "division" in tree.future_features

    def match(self, node):
        if self.skip or not super().match(node):
            return False
        if node.value == "/" and node.parent.type != self.syms.term:
            return False  # e.g. a positional-only marker
        operands = [node.next_sibling]
        if node.value == "/":  # the left operand of a left-associative term is all before it
            operands += node.parent.children[: node.parent.children.index(node)]
        return not any(_is_float(o) for o in operands if o is not None)

    def transform(self, node, results):
        return None


_FLOAT = re.compile(r"^(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][-+]?\d+)$")
_FLOAT_CALL = re.compile(r"^float\(|\.astype\(\s*(['\"]|np\.|numpy\.)?float")


def _is_float(node) -> bool:
    text = str(node).strip()
    return bool(_FLOAT.match(text) or _FLOAT_CALL.search(text))


class FixParenthesisedPrint(FixPrint):
    """The stock fixer, except that `print (expr)` with one parenthesised expression that is
    not a tuple is already a valid Python 3 call and is left alone (stock: `print((x[0]))`)."""

    def transform(self, node, results):
        args = node.children[1:]
        if len(args) == 1 and args[0].type == pygram.python_symbols.atom:
            inner = args[0].children
            is_tuple = len(inner) == 2 or (
                len(inner) == 3
                and inner[1].type == pygram.python_symbols.testlist_gexp
                and any(c.type == token.COMMA for c in inner[1].children)
            )
            if inner[0].value == "(" and not is_tuple:
                return None
        return super().transform(node, results)


# Order of the report is by position; the run order is fissix's own.
_FIXERS = {
    "print": (FixParenthesisedPrint, "print statement -> print() call"),
    "exec": (FixExec, "exec statement -> exec() call"),
    "raise": (FixRaise, "raise E, V -> raise E(V)"),
    "except": (FixExcept, "except E, e -> except E as e"),
    "repr": (FixRepr, "backquotes -> repr()"),
    "ne": (FixNe, "Python 2 inequality operator"),
    "numliterals": (FixNumliterals, "Python 2 number literal (0777 octal, L suffix)"),
    "ur_prefix": (FixUrPrefix, "ur'' string prefix -> r''"),
    "escapes": (FixEscapes, "\\u, \\U, \\N are no escapes in a Python 2 byte string: doubled"),
    "names": (FixNames, "Python 2 builtin renamed"),
    "dict": (FixDict, "dict.iter*() -> dict.*()"),
    "has_key": (FixHasKey, "d.has_key(k) -> k in d"),
    "imports": (FixImports, "Python 2 module renamed"),
    "urllib": (FixUrllib, "urllib/urllib2 names moved"),
    "tuple_params": (FixTupleParams, "tuple parameter unpacked in the body"),
    "reduce": (FixReduce, "reduce is no builtin: from functools import reduce added"),
    "itertools": (FixItertools, "itertools.izip/imap/ifilter -> zip/map/filter"),
    "itertools_imports": (FixItertoolsImports, "izip/imap/ifilter import dropped"),
    "renames": (FixRenames, "sys.maxint -> sys.maxsize"),
    "division": (
        FixDivision,
        "not changed: `/` floors two ints in Python 2 but not in Python 3; "
        "use // where an integer result is meant",
    ),
}


class _Tool(refactor.RefactoringTool):
    """fissix's driver with our fixer objects; every transform is recorded."""

    def __init__(self):
        self.changes: list[tuple[int, int, str, str]] = []
        super().__init__([])

    def get_fixers(self):
        pre, post = [], []
        for name, (cls, desc) in _FIXERS.items():
            fixer = cls(self.options, self.fixer_log)
            fixer.transform = self._recording(fixer.transform, name, desc)
            (pre if fixer.order == "pre" else post).append(fixer)
        key = lambda f: f.run_order  # noqa: E731
        return sorted(pre, key=key), sorted(post, key=key)

    def _recording(self, transform, name, desc):
        def run(node, results):
            before = [(leaf, leaf.value, leaf.prefix) for leaf in node.leaves()]
            text = str(node).strip()
            root = node
            while root.parent is not None:
                root = root.parent
            n_root = len(root.children)
            new = transform(node, results)
            after_node = new if new is not None else node
            after = str(after_node).strip()
            if name not in REVIEW_ONLY and after == text and len(root.children) == n_root:
                return new
            line, column = _first_change(before, list(after_node.leaves()))
            msg = desc
            short = "\n" not in text + after and len(text) <= 80 and len(after) <= 80
            if name not in REVIEW_ONLY and short and text != after:
                msg = f"{desc}: {text} -> {after or '(removed)'}"
            self.changes.append((line, column, name, msg))
            return new

        return run


def _first_change(before, after_leaves) -> tuple[int, int]:
    """Position of the first leaf that a fixer replaced or edited (original coordinates).

    Leaves are compared by value, prefix and position: fixers clone freely, and a clone keeps
    its position while a new leaf has none."""
    index = 0
    for i, (leaf, value, prefix) in enumerate(before):
        new = after_leaves[i] if i < len(after_leaves) else None
        if new is None or (new.value, new.prefix, new.lineno, new.column) != (
            value,
            prefix,
            leaf.lineno,
            leaf.column,
        ):
            index = i
            break
    for leaf, _, _ in [*before[index::-1], *before[index + 1 :]]:
        if leaf.lineno:  # leaves made by an earlier fixer have no position
            return leaf.lineno, leaf.column
    return 1, 0


_tool: _Tool | None = None


def _get_tool() -> _Tool:
    global _tool
    if _tool is None:
        _tool = _Tool()
    return _tool


# ---------------------------------------------------------------- detection


def _compile(text: str, flags: int = 0) -> None:
    with warnings.catch_warnings():  # invalid escapes in Python 2 strings are only warnings
        warnings.simplefilter("ignore")
        compile(text, "<py2>", "exec", flags, dont_inherit=True)


def _parses_py3(text: str) -> bool:
    try:
        _compile(text, ast.PyCF_ONLY_AST)
    except (SyntaxError, ValueError):
        return False
    return True


def _parse_py2(text: str):
    """Parse with fissix's Python 2 grammar; raise Py2Error with its message and position."""
    driver = _get_tool().driver
    if "print_function" in refactor._detect_future_features(text):
        driver.grammar = pygram.python_grammar_no_print_statement
    try:
        return driver.parse_string(text)
    except parse.ParseError as e:
        line, column = e.context[1]
        raise Py2Error(f"Python 2 parser: {e.msg} {e.value!r}", line, column) from None
    except tokenize.TokenError as e:
        line, column = e.args[1]
        raise Py2Error(f"Python 2 tokenizer: {e.args[0]}", line, column) from None
    except SyntaxError as e:  # IndentationError from the tokenizer
        raise Py2Error(f"Python 2 tokenizer: {e.msg}", e.lineno or 1, e.offset or 0) from None
    finally:
        driver.grammar = _get_tool().grammar


def _split_bom(text: str) -> tuple[str, str]:
    return ("\ufeff", text[1:]) if text.startswith("\ufeff") else ("", text)


def is_python2(text: str) -> bool:
    """True when the text does not compile as Python 3 but parses as Python 2."""
    _, body = _split_bom(text)
    if _parses_py3(body):
        return False
    try:
        _parse_py2(body if body.endswith("\n") else body + "\n")
    except Py2Error:
        return False
    return True


# ---------------------------------------------------------------- tabs


def _columns(indent: str) -> tuple[int, int]:
    """Indentation width with tab size 8 and with tab size 1, as CPython's tokenizer counts."""
    col = alt = 0
    for ch in indent:
        if ch == "\t":
            col, alt = (col // 8 + 1) * 8, alt + 1
        elif ch == "\f":
            col = alt = 0
        else:
            col, alt = col + 1, alt + 1
    return col, alt


def _logical_indents(text: str) -> list[tuple[int, str]]:
    """(line, indentation) of every logical line, from fissix's Python 2 tokenizer."""
    result, at_start = [], True
    skip = (tokenize.NL, tokenize.COMMENT, token.INDENT, token.DEDENT, token.ENDMARKER)
    try:
        for tok_type, _, (row, col), _, line in tokenize.generate_tokens(
            io.StringIO(text).readline
        ):
            if tok_type == token.NEWLINE:
                at_start = True
            elif at_start and tok_type not in skip:
                result.append((row, line[:col]))
                at_start = False
    except tokenize.TokenError:
        pass  # the parser reports it with its own message
    except SyntaxError:
        pass
    return result


def _py3_rejects(group: list[tuple[int, str]]) -> bool:
    """Would Python 3's tokenizer raise TabError on this top-level statement?"""
    stack = [(0, 0)]
    for _, indent in group:
        col, alt = _columns(indent)
        if col > stack[-1][0]:
            if alt <= stack[-1][1]:
                return True
            stack.append((col, alt))
            continue
        while len(stack) > 1 and col < stack[-1][0]:
            stack.pop()
        if col == stack[-1][0] and alt != stack[-1][1]:
            return True
    return False


def _expand_tabs(text: str, mixed: bool = False):
    """Expand tab indentation in rejected top-level statements (with `mixed`, in every one
    whose indentation mixes tabs and spaces).

    Returns the new text, {line: added columns}, and one change per statement."""
    groups: list[list[tuple[int, str]]] = []
    for row, indent in _logical_indents(text):
        if not indent or not groups:
            groups.append([])
        groups[-1].append((row, indent))
    lines = text.split("\n")
    shift: dict[int, int] = {}
    changes = []
    for group in groups:
        tabs = any("\t" in indent for _, indent in group)
        spaces = any(" " in indent for _, indent in group)
        if not tabs or not (_py3_rejects(group) or (mixed and spaces)):
            continue
        rows = []
        for row, indent in group:
            if "\t" in indent:
                new = " " * _columns(indent)[0]
                lines[row - 1] = new + lines[row - 1][len(indent) :]
                shift[row] = len(new) - len(indent)
                rows.append(row)
        changes.append(
            Py2Change(
                rows[0],
                0,
                "tabs",
                f"indentation mixing tabs and spaces expanded (tab = next multiple of 8) "
                f"on {len(rows)} line(s) from line {rows[0]} to {rows[-1]}",
            )
        )
    return "\n".join(lines), shift, changes


# ---------------------------------------------------------------- conversion


def convert_py2(text: str) -> tuple[str, list[Py2Change]]:
    """Python 3 text for a Python 2 text, and the spots changed; Python 3 text comes back as
    is, except for indentation mixing tabs and spaces, which LibCST cannot read.

    Raises Py2Error with the Python 2 parser's message and position when the text is not
    Python 2 either, and when the converted text does not compile as Python 3."""
    bom, body = _split_bom(text)
    if _parses_py3(body):
        # valid Python 3 that LibCST's tokenizer rejects: tabs and spaces mixed in a way
        # Python accepts (a tab, then spaces); the same expansion makes it readable
        expanded, _, changes = _expand_tabs(body, mixed=True)
        return (bom + expanded, changes) if changes else (text, [])
    crlf_only = "\r\n" in body and body.count("\n") == body.count("\r\n")
    added = "" if body.endswith("\n") else "\r\n" if crlf_only else "\n"
    body += added

    expanded, shift, changes = _expand_tabs(body)
    tool = _get_tool()
    tree = _parse_py2(expanded)
    tree.future_features = refactor._detect_future_features(expanded)
    tool.changes = []
    tool.fixer_log.clear()  # fissix's warnings; the fixers share this list
    tool.refactor_tree(tree, "<py2>")
    out = str(tree)
    for line, column, fixer, message in tool.changes:
        if line in shift:
            column = max(0, column - shift[line])
        changes.append(Py2Change(line, column, fixer, message))
    changes.sort(key=lambda c: (c.line, c.column))

    if crlf_only:  # lines that fixers insert end in "\n"
        out = re.sub(r"(?<!\r)\n", "\r\n", out)
    if added and out.endswith(added):
        out = out[: -len(added)]
    try:
        _compile(out)
    except SyntaxError as e:
        raise Py2Error(
            f"converted text is not valid Python 3: {e.msg}", e.lineno or 1, (e.offset or 1) - 1
        ) from None
    return bom + out, changes


__all__ = ["PASS_ID", "REVIEW_ONLY", "Py2Change", "Py2Error", "convert_py2", "is_python2"]
