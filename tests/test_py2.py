"""The Python 2 front end: one test per construct, per fault, and golden tests over samples/py2."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate import migrate_source
from migrate.py2 import REVIEW_ONLY, Py2Change, Py2Error, convert_py2, is_python2

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PY2_SAMPLES = sorted((SAMPLES / "py2").glob("*.py"))

# A file that only uses names like xrange still compiles as Python 3 and is left alone, so the
# construct tests add this line to make their text Python 2.
P = "print 'x'\n"
P3 = "print('x')\n"


def read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as f:
        return f.read()


def check(before: str, after: str, fixers: list[str]) -> list[Py2Change]:
    out, changes = convert_py2(before)
    assert out == after
    assert [c.fixer for c in changes] == fixers
    compile(out.removeprefix("\ufeff"), "<test>", "exec")
    assert convert_py2(out) == (out, [])  # idempotent
    return changes


CONSTRUCTS = {
    "print": ("print 'a', b\n", "print('a', b)\n", ["print"]),
    "print-bare": ("print\n" + P, "print()\n" + P3, ["print", "print"]),
    "print-trailing-comma": ("print 'a',\n", "print('a', end=' ')\n", ["print"]),
    "print-to-file": (
        # alone this line is a valid Python 3 expression, hence the second line
        "print >>sys.stderr, 'err:', e\n" + P,
        "print('err:', e, file=sys.stderr)\n" + P3,
        ["print", "print"],
    ),
    "print-comment-kept": (
        "print x  # show it\n\n\nprint\t'y'\n",
        "print(x)  # show it\n\n\nprint('y')\n",
        ["print", "print"],
    ),
    "exec": ("exec code\n", "exec(code)\n", ["exec"]),
    "exec-in": ("exec code in ns\n", "exec(code, ns)\n", ["exec"]),
    "raise": ("raise ValueError, 'bad'\n", "raise ValueError('bad')\n", ["raise"]),
    "raise-traceback": ("raise E, V, tb\n", "raise E(V).with_traceback(tb)\n", ["raise"]),
    "except": (
        "try:\n    f()\nexcept (IOError, OSError), e:\n    pass\n",
        "try:\n    f()\nexcept (IOError, OSError) as e:\n    pass\n",
        ["except"],
    ),
    "backquote": ("x = `y`\n", "x = repr(y)\n", ["repr"]),
    "ne": ("if a <> b: pass\n", "if a != b: pass\n", ["ne"]),
    "octal": ("os.chmod(p, 0755)\n", "os.chmod(p, 0o755)\n", ["numliterals"]),
    "long-suffix": (
        "n = 10L\nh = 0xFFL\no = 0777L\nz = 0\n",
        "n = 10\nh = 0xFF\no = 0o777\nz = 0\n",
        ["numliterals"] * 3,
    ),
    "ur-prefix": (
        "s = ur'\\d+'\nt = UR\"x\"\nu = u'kept'\n",
        "s = r'\\d+'\nt = R\"x\"\nu = u'kept'\n",
        ["ur_prefix", "ur_prefix"],
    ),
    "escapes": (  # Python 2 byte strings keep backslash-u as two characters
        "print 'caf\\u00e9', u'\\u00e9', r'\\u', '\\\\u', '\\N{x}'\n",
        "print('caf\\\\u00e9', u'\\u00e9', r'\\u', '\\\\u', '\\\\N{x}')\n",
        ["print", "escapes", "escapes"],
    ),
    "escapes-unicode-literals": (
        "from __future__ import unicode_literals\nprint '\\u00e9'\n",
        "from __future__ import unicode_literals\nprint('\\u00e9')\n",
        ["print"],
    ),
    "names": (
        P + "for i in xrange(3): x = long(i) + unicode(s) + unichr(3)\n"
        "isinstance(s, basestring)\nr = raw_input('> ')\n",
        P3 + "for i in range(3): x = int(i) + str(s) + chr(3)\n"
        "isinstance(s, str)\nr = input('> ')\n",
        ["print"] + ["names"] * 6,
    ),
    "names-not-builtin": (
        P + "obj.xrange = 1\nf(long=2)\ndef g(unicode=1): pass\n",
        P3 + "obj.xrange = 1\nf(long=2)\ndef g(unicode=1): pass\n",
        ["print"],
    ),
    "dict-iter": (
        P + "for k, v in d.iteritems(): pass\nks = d.keys()\nvs = self.d[0].itervalues()\n"
        "it = d.iterkeys()\n",
        P3 + "for k, v in d.items(): pass\nks = d.keys()\nvs = self.d[0].values()\nit = d.keys()\n",
        ["print", "dict", "dict", "dict"],
    ),
    "has_key": (P + "if d.has_key(k): pass\n", P3 + "if k in d: pass\n", ["print", "has_key"]),
    "imports": (
        P + "import cPickle\ncPickle.dump(x, f)\nfrom StringIO import StringIO\n",
        P3 + "import pickle\npickle.dump(x, f)\nfrom io import StringIO\n",
        ["print", "imports", "imports", "imports"],
    ),
    "urllib": (
        P + "import urllib\nurllib.urlretrieve(u, p)\n",
        P3
        + "import urllib.request, urllib.parse, urllib.error\nurllib.request.urlretrieve(u, p)\n",
        ["print", "urllib", "urllib"],
    ),
    "tuple-params": (
        "def f(a, (b, c)):\n    'doc'\n    return b\nkey = lambda (w, n): -n\n",
        "def f(a, b_c):\n    'doc'\n    (b, c) = b_c\n    return b\nkey = lambda w_n: -w_n[1]\n",
        ["tuple_params", "tuple_params"],
    ),
    "reduce": (
        P + "import os\n\nx = reduce(add, l)\n",
        P3 + "import os\nfrom functools import reduce\n\nx = reduce(add, l)\n",
        ["print", "reduce"],
    ),
    "itertools": (
        P + "from itertools import izip, chain\nfor a in izip(x, y): pass\n"
        "import itertools\nm = itertools.imap(f, x)\n",
        P3 + "from itertools import chain\nfor a in zip(x, y): pass\n"
        "import itertools\nm = map(f, x)\n",
        ["print", "itertools_imports", "itertools", "itertools"],
    ),
    "maxint": (P + "n = sys.maxint\n", P3 + "n = sys.maxsize\n", ["print", "renames"]),
    "tabs": (
        "if x:\n\ty = 1\n        z = 2\n",
        "if x:\n        y = 1\n        z = 2\n",
        ["tabs"],
    ),
}


@pytest.mark.parametrize("name", CONSTRUCTS)
def test_construct(name):
    before, after, fixers = CONSTRUCTS[name]
    assert is_python2(before)
    check(before, after, fixers)


def test_positions_are_in_the_original_text():
    changes = check(
        "try:\n    x = 0777L\nexcept E, e:\n\tprint e\n        print `e`\n",
        "try:\n    x = 0o777\nexcept E as e:\n        print(e)\n        print(repr(e))\n",
        ["numliterals", "except", "tabs", "print", "print", "repr"],
    )
    assert changes == [
        Py2Change(
            2, 8, "numliterals", "Python 2 number literal (0777 octal, L suffix): 0777L -> 0o777"
        ),
        Py2Change(3, 8, "except", "except E, e -> except E as e"),
        Py2Change(
            4,
            0,
            "tabs",
            "indentation mixing tabs and spaces expanded (tab = next multiple of 8) "
            "on 1 line(s) from line 4 to 4",
        ),
        # column 1 in the original line "\tprint e", not 8 in the expanded one
        Py2Change(4, 1, "print", "print statement -> print() call: print e -> print(e)"),
        Py2Change(5, 8, "print", "print statement -> print() call: print `e` -> print(`e`)"),
        Py2Change(5, 14, "repr", "backquotes -> repr(): `e` -> repr(e)"),
    ]


def test_division_is_reported_not_changed():
    changes = check(
        "print a / b, a / 2.0, 1. * a / b, x.astype('float32') / 255, c // d\nn /= 3\nm /= 3.\n",
        "print(a / b, a / 2.0, 1. * a / b, x.astype('float32') / 255, c // d)\nn /= 3\nm /= 3.\n",
        ["print", "division", "division"],
    )
    assert [(c.line, c.column) for c in changes if c.fixer in REVIEW_ONLY] == [(1, 8), (2, 2)]
    assert changes[1].message.startswith("not changed:")


def test_division_with_future_import_is_not_reported():
    check(
        "from __future__ import division\nprint a / b\n",
        "from __future__ import division\nprint(a / b)\n",
        ["print"],
    )


def test_print_function_future_keeps_calls():
    check(
        "from __future__ import print_function\nprint('a', file=f)\nexec c\n",
        "from __future__ import print_function\nprint('a', file=f)\nexec(c)\n",
        ["exec"],
    )


def test_parenthesised_print_is_kept():
    check(
        "print('a')\nprint ('b')\nprint 'c'\n", "print('a')\nprint ('b')\nprint('c')\n", ["print"]
    )


# ---------------------------------------------------------------- Python 3 text is never changed


@pytest.mark.parametrize(
    "text",
    [
        "print('a')\n",
        "for i in xrange(3): pass\n",  # runs badly, but compiles: not this pass's business
        "def f():\n\treturn 1\ndef g():\n    return 2\n",  # tabs and spaces that Python 3 accepts
        "",
        "x = 1",
    ],
)
def test_python3_is_unchanged(text):
    assert not is_python2(text)
    out, changes = convert_py2(text)
    assert out is text
    assert changes == []


def test_neither_is_not_python2():
    assert not is_python2("x = = 1\n")


# ---------------------------------------------------------------- faults


@pytest.mark.parametrize(
    "text, line, column, message",
    [
        ("import os\n\nx = = 1\n", 3, 4, "Python 2 parser: bad input '='"),
        ("print 'a'\ndef f(:\n    pass\n", 2, 6, "Python 2 parser: bad input ':'"),
        ("x = (1,\n     2\n", 3, 0, "Python 2 tokenizer: EOF in multi-line statement"),
        (
            "if x:\n    a\n  b\n",
            3,
            2,
            "Python 2 tokenizer: unindent does not match any outer indentation level",
        ),
        ("from __future__ import print_function\nprint 'a'\n", 2, 6, "Python 2 parser: bad input"),
    ],
)
def test_neither_python2_nor_3_raises(text, line, column, message):
    with pytest.raises(Py2Error) as info:
        convert_py2(text)
    assert (info.value.line, info.value.column) == (line, column)
    assert info.value.message.startswith(message)


def test_conversion_that_does_not_compile_raises():
    with pytest.raises(Py2Error) as info:
        convert_py2("print 'a'\nasync = 1\n")  # a Python 2 name, a Python 3 keyword
    assert info.value.line == 2
    assert info.value.message.startswith("converted text is not valid Python 3")


# ---------------------------------------------------------------- bytes that must survive


def test_crlf_round_trip():
    before = "# top\r\nimport os\r\n\r\nprint 'a'  # c\r\nx = reduce(f, l)\r\n"
    after = (
        "# top\r\nimport os\r\nfrom functools import reduce\r\n\r\n"
        "print('a')  # c\r\nx = reduce(f, l)\r\n"
    )
    check(before, after, ["print", "reduce"])


def test_latin1_cookie_round_trip():
    before = "# -*- coding: latin-1 -*-\n# d\xe9j\xe0 vu\nprint 'caf\xe9'\n"
    check(before, "# -*- coding: latin-1 -*-\n# d\xe9j\xe0 vu\nprint('caf\xe9')\n", ["print"])


def test_bom_and_missing_final_newline_kept():
    check("\ufeffprint 'a'", "\ufeffprint('a')", ["print"])
    check("print 'a'\r\nprint 'b'", "print('a')\r\nprint('b')", ["print", "print"])


def test_tabs_only_where_python3_rejects_them():
    before = (
        "def f():\n\treturn 1\n"  # consistent: kept
        "def g():\n\ts = '''\n\tkept\n'''\n        t = (1,\n\t\t2)\n\t# comment kept\n"
        "\tif s:\n\t    return t\n"  # rejected statement: its tab-indented logical lines expand
        "print 'x'\n"
    )
    after = (
        "def f():\n\treturn 1\n"
        "def g():\n        s = '''\n\tkept\n'''\n        t = (1,\n\t\t2)\n\t# comment kept\n"
        "        if s:\n            return t\n"
        "print('x')\n"
    )
    changes = check(before, after, ["tabs", "print"])
    assert changes[0].message.endswith("on 3 line(s) from line 4 to 11")


def test_tab_inconsistency_alone_is_python2():
    before = "if x:\n\ta = 1\n        b = 2\n"
    assert is_python2(before)
    check(before, "if x:\n        a = 1\n        b = 2\n", ["tabs"])


# ---------------------------------------------------------------- samples


def test_samples_exist():
    assert len(PY2_SAMPLES) >= 2
    assert any("\r\n" in read(p) for p in PY2_SAMPLES)
    assert any("\t" in read(p) for p in PY2_SAMPLES)


@pytest.mark.parametrize("path", PY2_SAMPLES, ids=lambda p: p.name)
def test_sample_converts_to_expected(path):
    before = read(path)
    assert is_python2(before)
    out, changes = convert_py2(before)
    assert out == read(SAMPLES / "py2_expected" / path.name)
    compile(out, str(path), "exec")
    assert changes and all(c.line >= 1 for c in changes)


@pytest.mark.parametrize("path", PY2_SAMPLES, ids=lambda p: p.name)
def test_sample_conversion_is_idempotent(path):
    out, _ = convert_py2(read(path))
    assert not is_python2(out)
    assert convert_py2(out) == (out, [])


def test_parenthesised_print_is_already_a_call():
    text, changes = convert_py2("print (x[0])\nprint (a, b)\nprint x\n")
    assert text == "print (x[0])\nprint((a, b))\nprint(x)\n"
    assert [c.line for c in changes] == [2, 3]


def test_python3_file_with_a_tab_then_spaces_is_read():
    # Python 3 accepts `\t    ` after 4 spaces (8 + 4 columns either way); LibCST's tokenizer
    # does not, so that indentation is expanded and reported
    source = (
        "from keras.models import Model\n"
        "def build(optimizer=None):\n"
        "    model = Model(input=a, output=b)\n"
        "    if optimizer:\n"
        "\t    model.compile(optimizer=optimizer, loss='mse')\n"
        "    return model\n"
    )
    result = migrate_source(source)
    assert result.error is None
    assert result.after == source.replace("\t    ", " " * 12).replace(
        "input=a, output=b", "inputs=a, outputs=b"
    )
    assert [(f.pass_id, f.line) for f in result.findings if "tabs" in f.message] == [
        ("py2-syntax", 5)
    ]
