"""The text pre-check (files that never import Keras are not parsed) skips nothing that needs
migrating: with the check switched off, every file it would skip comes out unchanged and
without findings."""

from __future__ import annotations

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
