"""Notebooks: code cells migrated as one namespace, IPython syntax kept, JSON layout kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate import make_options, resolve_passes
from migrate.findings import Finding, Kind
from migrate.notebooks import migrate

OPTIONS = make_options("2.15", "tf")
PASSES = resolve_passes()


def code(source, outputs=(), count=None, **metadata):
    return {
        "cell_type": "code",
        "execution_count": count,
        "metadata": metadata,
        "outputs": list(outputs),
        "source": source,
    }


def lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def notebook(*cells, language="python") -> dict:
    return {
        "cells": list(cells),
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": language, "name": "python3"},
            "language_info": {"name": language, "version": "3.11.7"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def jupyter(nb: dict) -> bytes:
    """The bytes Jupyter writes (nbformat.writes): indent 1, sorted keys, non-ASCII kept."""
    return (json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


IMPORTS = "%matplotlib inline\n!pip install keras==1.2.2\nfrom keras.layers import Input, Dense, merge\nfrom keras.models import Model"
IMPORTS_AFTER = IMPORTS.replace("Dense, merge", "Dense, concatenate")
MODEL = """\
a = Input(shape=(4,))
b = Input(shape=(4,))
x = merge([a, b], mode='concat')
files = !ls
model = Model(input=[a, b], output=Dense(1)(x))
model?"""
MODEL_AFTER = MODEL.replace("merge([a, b], mode='concat')", "concatenate([a, b])").replace(
    "input=[a, b], output=", "inputs=[a, b], outputs="
)
BASH = "%%bash\necho merge([a], mode='sum')"
TIMED = """\
%%time
for i in range(2):
    %time model.fit(x, y, nb_epoch=1)
    !echo done \\
        again
    h = model.fit(x, y, nb_epoch=2)"""
TIMED_AFTER = TIMED.replace("h = model.fit(x, y, nb_epoch=2)", "h = model.fit(x, y, epochs=2)")
OUTPUT = {"name": "stdout", "output_type": "stream", "text": ["épsilon ✓\n"]}


def demo(imports=IMPORTS, model=MODEL, timed=TIMED) -> dict:
    return notebook(
        {"cell_type": "markdown", "metadata": {}, "source": lines("# Keras 1 demo\nmerge([a])")},
        code(lines(imports), count=1),
        code(lines(model), [OUTPUT], count=2, scrolled=True),
        code(lines(BASH), count=3),
        code(lines(timed), count=4),
        code([], count=None),
    )


def test_code_cells_are_migrated_as_one_namespace_and_the_rest_is_kept():
    result, out = migrate(jupyter(demo()), path="nb.ipynb", passes=PASSES, options=OPTIONS)
    assert result.error is None
    assert out == jupyter(demo(IMPORTS_AFTER, MODEL_AFTER, TIMED_AFTER))
    assert [(f.cell, f.line, f.column, f.row, f.kind) for f in result.findings] == [
        (2, 3, 5, "M-05", Kind.REWRITE),
        (2, 5, 9, "K-54", Kind.REWRITE),
        (2, 5, 9, "K-55", Kind.REWRITE),
        (4, 6, 9, "T-02", Kind.REWRITE),
    ]
    assert all(f.path == "nb.ipynb" for f in result.findings)
    assert result.before.startswith("# %% [cell 1]\n%matplotlib inline\n")
    assert "+x = concatenate([a, b])\n" in result.diff()


def test_findings_say_cell_and_line():
    result, _ = migrate(jupyter(demo()), path="nb.ipynb", passes=PASSES, options=OPTIONS)
    assert result.findings[0] == Finding(
        3,
        5,
        "merge",
        "M-05",
        Kind.REWRITE,
        "merge(mode='concat') -> concatenate()",
        "",
        "nb.ipynb",
        2,
    )
    assert result.findings[0].location() == "nb.ipynb[cell 2]:3:5"


def test_unchanged_notebook_comes_back_as_the_same_bytes():
    data = jupyter(notebook(code(lines("import numpy as np\nnp.zeros(3)"), [OUTPUT])))
    result, out = migrate(data, path="nb.ipynb", passes=PASSES, options=OPTIONS)
    assert out is data and not result.changed and result.findings == []


def test_layout_of_the_file_is_kept():
    nb = demo()
    # indent 2, keys in a non-sorted order, ASCII escapes, no trailing newline
    data = json.dumps(nb, indent=2, ensure_ascii=True).encode()
    _, out = migrate(data, path="nb.ipynb", passes=PASSES, options=OPTIONS)
    expected = demo(IMPORTS_AFTER, MODEL_AFTER, TIMED_AFTER)
    assert out == json.dumps(expected, indent=2, ensure_ascii=True).encode()


def test_source_as_one_string_stays_a_string():
    nb = notebook(code(IMPORTS), code(MODEL))
    _, out = migrate(jupyter(nb), path="nb.ipynb", passes=PASSES, options=OPTIONS)
    assert out == jupyter(notebook(code(IMPORTS_AFTER), code(MODEL_AFTER)))


def test_layout_that_cannot_be_reproduced_is_rewritten_as_jupyter_does_with_a_warning():
    data = jupyter(notebook(code(lines(IMPORTS)), code(lines(MODEL)))).replace(b"\n ", b"\n\t")
    result, out = migrate(data, path="nb.ipynb", passes=PASSES, options=OPTIONS)
    assert out == jupyter(notebook(code(lines(IMPORTS_AFTER)), code(lines(MODEL_AFTER))))
    assert result.findings[-1].kind is Kind.WARNING
    assert result.findings[-1].message.startswith("the notebook's JSON layout is not one")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"cells": [', "not a notebook: invalid JSON (Expecting value: line 1 column 12"),
        (b"\xff\xfe{}", "not a notebook: invalid JSON ('utf-8' codec can't decode"),
        (b'{"nbformat": 3, "worksheets": []}', "not an nbformat 4 notebook (nbformat: 3)"),
        (b"[1, 2]", "not an nbformat 4 notebook (nbformat: None)"),
        (
            b'{"nbformat": 4, "cells": [{"cell_type": "code", "source": 5}]}',
            "cell 0: 'source' is not text",
        ),
    ],
)
def test_broken_notebooks_are_errors(data, message):
    result, out = migrate(data, path="nb.ipynb", passes=PASSES, options=OPTIONS)
    assert out is data
    assert result.error.startswith(f"nb.ipynb: {message}")
    assert [(f.kind, f.message[: len(message)]) for f in result.findings] == [(Kind.ERROR, message)]


def test_syntax_error_names_the_cell_and_nothing_is_written():
    nb = notebook(code(lines(IMPORTS)), code(lines("x = merge([a, b], mode='concat'\n")))
    data = jupyter(nb)
    result, out = migrate(data, path="nb.ipynb", passes=PASSES, options=OPTIONS)
    assert out is data and result.error is not None
    (error,) = [f for f in result.findings if f.kind is Kind.ERROR]
    assert (error.cell, error.path) == (1, "nb.ipynb")
    assert result.error.startswith("nb.ipynb[cell 1]:")


def test_other_languages_are_left_alone():
    data = jupyter(notebook(code(lines(MODEL)), language="R"))
    result, out = migrate(data, path="nb.ipynb", passes=PASSES, options=OPTIONS)
    assert out is data and result.findings == [] and not result.changed


def test_magic_like_text_inside_brackets_and_strings_is_python():
    source = 'from keras.layers import merge\ns = ("%d"\n     % 3)\nt = """\n!not shell\n"""\ny = merge([a, b], mode=\'sum\')'
    result, out = migrate(
        jupyter(notebook(code(lines(source)))), path="nb.ipynb", passes=PASSES, options=OPTIONS
    )
    after = source.replace("merge([a, b], mode='sum')", "add([a, b])").replace(
        "import merge", "import add"
    )
    assert out == jupyter(notebook(code(lines(after))))


# through the command line --------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path, monkeypatch):
    from migrate.cli import app

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "none"))
    monkeypatch.chdir(tmp_path)
    return lambda *args: CliRunner().invoke(app, list(args), prog_name="keras-migrate")


def test_notebook_through_the_cli(tmp_path, cli):
    nb = tmp_path / "src" / "demo.ipynb"
    nb.parent.mkdir()
    nb.write_bytes(jupyter(demo()))
    r = cli("diff", "src")
    assert r.exit_code == 1
    assert "--- a/src/demo.ipynb\n+++ b/src/demo.ipynb\n" in r.stdout
    assert " # %% [cell 2]\n" in r.stdout and "+x = concatenate([a, b])\n" in r.stdout
    r = cli("check", "src", "--verbose")
    assert "  [cell 2]:3:5 rewrite [merge M-05] merge(mode='concat') -> concatenate()" in r.stdout
    assert cli("migrate", "src", "-o", "out").exit_code == 0
    assert (tmp_path / "out" / "demo.ipynb").read_bytes() == jupyter(
        demo(IMPORTS_AFTER, MODEL_AFTER, TIMED_AFTER)
    )
    assert nb.read_bytes() == jupyter(demo())
    assert cli("migrate", "src").exit_code == 0
    assert nb.read_bytes() == jupyter(demo(IMPORTS_AFTER, MODEL_AFTER, TIMED_AFTER))
    assert cli("check", "src").exit_code == 0


def test_broken_notebook_through_the_cli_is_never_overwritten(tmp_path, cli):
    bad = tmp_path / "bad.ipynb"
    bad.write_bytes(b'{"cells": [')
    r = cli("migrate", "bad.ipynb")
    assert r.exit_code == 4
    assert "  bad.ipynb error [engine] not a notebook: invalid JSON" in r.stdout
    assert bad.read_bytes() == b'{"cells": ['


def test_sample_notebook_report_names_cells(tmp_path, cli):
    (tmp_path / "nb.ipynb").write_bytes(jupyter(demo()))
    assert cli("check", "nb.ipynb", "--report", "r.json").exit_code == 1
    report = json.loads(Path("r.json").read_text())
    findings = report["files"][0]["findings"]
    assert [(f["cell"], f["line"], f["row"]) for f in findings] == [
        (2, 3, "M-05"),
        (2, 5, "K-54"),
        (2, 5, "K-55"),
        (4, 6, "T-02"),
    ]
