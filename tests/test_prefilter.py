"""The text pre-check (files that never import Keras are not parsed) skips nothing that needs
migrating: with the check switched off, every file it would skip comes out unchanged and
without findings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given

import migrate.engine
from migrate import FileResult, migrate_source
from migrate.engine import may_need_migration
from tests.fuzz import FUZZ
from tests.fuzz.programs import keras1_programs, plain_programs
from tests.util import KERAS1_FILES

FILES = KERAS1_FILES


def unfiltered(code: str) -> FileResult:
    """What the engine does with the file when the pre-check lets everything through."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(migrate.engine, "may_need_migration", lambda text: True)
        return migrate_source(code)


def needs_migrating(code: str) -> bool:
    result = unfiltered(code)
    return result.changed or bool(result.findings) or result.error is not None


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_sample_and_corpus_file_passes_the_check(path):
    code = path.read_text(encoding="utf-8")
    assert needs_migrating(code)
    assert may_need_migration(code)


@FUZZ
@given(keras1_programs())
def test_every_generated_keras1_program_passes_the_check(code):
    assert may_need_migration(code)


@FUZZ
@given(plain_programs())
def test_look_alikes_come_out_unchanged_with_the_check_off(code):
    # programs with a `merge`, `Input`, `Model(input=...)` of their own: whether the check lets
    # them through or not, the engine has nothing to do in them
    result = unfiltered(code)
    assert result.after == code and result.findings == [] and result.error is None


@pytest.mark.parametrize(
    "code",
    [
        "import keras\n",
        "import os, keras\n",
        "import numpy as np, keras.backend as K\n",
        "from keras.layers import merge\n",
        "from keras import backend as K\n",
        "if True:\n    from keras.models import Sequential\n",
        "try:\n\timport keras\nexcept ImportError:\n\tpass\n",
        "from keras.layers import (\n    Dense,\n)\n",
        "import os; import keras\n",
        "try: import keras\nexcept ImportError: pass\n",
        "import os, \\\n    keras\n",
    ],
)
def test_every_way_to_import_keras_passes_the_check(code):
    assert may_need_migration(code)


@pytest.mark.parametrize(
    "code",
    [
        "import tensorflow as tf\nx = tf.keras.layers.Dense(3)\n",  # Keras 1 was never in tf
        "# from keras.layers import merge\n",
        "def merge(a, mode='sum'):\n    return a\n",
        "import kerasfoo\n",
    ],
)
def test_files_without_a_keras_import_are_skipped(code):
    assert not may_need_migration(code)
    assert not needs_migrating(code)


def _tree(root):
    keras = "from keras.layers import merge\nx = merge([a, b], mode='concat')\n"
    files = {
        "a_keras.py": keras.encode(),
        "b_plain.py": b"import os\nprint(os.sep)\n",
        "c_latin1.py": b"# -*- coding: latin-1 -*-\ns = '\xe9'\n",
        "d_binary.py": b"x = 1\0\n",
        "e_keras_latin1.py": b"# -*- coding: latin-1 -*-\n# \xe9\n" + keras.encode(),
        "f_mentions.py": b"# keras is not imported here\nkeras = 1\n",
    }
    for name, data in files.items():
        (root / name).write_bytes(data)
    return files


@pytest.mark.parametrize("mode", ["diff", "in place", "output tree"])
def test_files_the_parent_settles_come_out_as_the_workers_would_have_them(tmp_path, mode):
    """With several jobs, the parent process reads each file and settles those that never
    import Keras itself; the results, writes and copies are those of a one-process run."""
    from migrate import migrate_paths
    from migrate.context import Options
    from migrate.run import Job, _settled

    runs = {}
    for jobs in (1, 2):  # the same tree made again for each run, so paths match
        shutil.rmtree(tmp_path / "w", ignore_errors=True)
        root = tmp_path / "w" / "src"
        root.mkdir(parents=True)
        files = _tree(root)
        out = tmp_path / "w" / "out" if mode == "output tree" else None
        result = migrate_paths(
            [root], jobs=jobs, write=mode == "in place", output=out, image_dim_ordering="tf"
        )
        results = [(r.path, r.before, r.after, r.written, r.error) for r in result.files]
        findings = [(f.path, f.line, f.row, f.message) for r in result.files for f in r.findings]
        disk = {
            p.relative_to(root.parent).as_posix(): p.read_bytes() for p in root.parent.rglob("*.py")
        }
        runs[jobs] = (results, findings, disk)
    assert runs[1] == runs[2]
    results, findings, disk = runs[2]
    assert [Path(r[0]).name for r in results] == sorted(files)
    assert [Path(r[0]).name for r in results if r[4]] == ["d_binary.py"]
    assert [Path(f[0]).name for f in findings if f[2] == "M-05"] == [
        "a_keras.py",
        "e_keras_latin1.py",
    ]
    if mode == "in place":
        assert disk["src/b_plain.py"] == files["b_plain.py"]
        assert disk["src/e_keras_latin1.py"].startswith(b"# -*- coding: latin-1 -*-\n# \xe9\n")
        assert b"concatenate" in disk["src/e_keras_latin1.py"]
    if mode == "output tree":
        assert sorted(p for p in disk if p.startswith("out/")) == [
            f"out/{n}" for n in sorted(files)
        ]
        assert disk["out/b_plain.py"] == files["b_plain.py"]
        assert disk["out/c_latin1.py"] == files["c_latin1.py"]
        assert disk["out/d_binary.py"] == files["d_binary.py"]  # not Python text: copied as is

    settings = ([], Options(), False, True)

    def job(name):
        return Job(root / name, None, name)

    assert _settled(job("b_plain.py"), *settings).after == files["b_plain.py"].decode()
    assert _settled(job("f_mentions.py"), *settings) is not None
    for name in ("a_keras.py", "e_keras_latin1.py", "d_binary.py"):
        assert _settled(job(name), *settings) is None  # to a worker
