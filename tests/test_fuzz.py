"""Fuzzing: generated Keras 1 programs and Keras-free look-alikes through migrate_source.

Properties (tests/fuzz/properties.py): migrate_source never raises and reports no error; the
output parses; lines that are not Keras stay as they were; a second run changes nothing; a
program with no Keras in it comes out byte-identical, without findings.

Example counts and the thorough profile: tests/fuzz/__init__.py. Every distinct failure, not
only the first: `python -m tests.fuzz.explore`. The open bugs the fuzzer found are pinned
below as minimal reproducers; the default profile steers around them (programs.KNOWN_BUGS).
"""

from __future__ import annotations

import pytest
from hypothesis import given

from tests.fuzz import FUZZ
from tests.fuzz.programs import KNOWN_BUGS, keras1_programs, plain_programs
from tests.fuzz.properties import check_keras1, check_plain


@FUZZ
@given(keras1_programs())
def test_keras1_programs(code):
    check_keras1(code)


@FUZZ
@given(plain_programs())
def test_code_without_keras_is_left_byte_identical(code):
    check_plain(code)


def known(name: str, reason: str):
    assert name in KNOWN_BUGS, f"{name} is fixed: drop this reproducer's xfail"
    return pytest.mark.xfail(strict=True, raises=AssertionError, reason=f"{name}: {reason}")


OWN_TRAINER = """\
import keras


class Trainer:
    def fit(self, X, y, nb_epoch=1):
        return nb_epoch

    def compile(self, metrics=()):
        self.metrics = metrics


trainer = Trainer()
trainer.compile(metrics=['accuracy'])
trainer.fit(X, y, nb_epoch=3)
"""
CONCAT_BEFORE_ASSIGNMENT = """\
import keras.backend as K
from keras.layers import Input
a = Input(shape=(3,))
for i in range(3):
    y = K.concatenate([inp, a])
    inp = K.concatenate([a, a])
"""


@pytest.mark.parametrize(
    "check,code",
    [
        pytest.param(
            check_keras1,
            CONCAT_BEFORE_ASSIGNMENT,
            marks=known(
                "concat-origins",
                "backend-concat learns that `inp` is a Keras tensor only after its first use: "
                "the second run rewrites that K.concatenate too",
            ),
            id="concat-before-assignment",
        ),
    ],
)
def test_known_bug(check, code):
    check(code)


# fixed since the fuzzer found them -----------------------------------------------------------


def test_own_trainer_class_with_fit_and_compile():
    # training: fit(nb_epoch=)/compile(metrics=['accuracy']) of a class of the file's own
    check_keras1(OWN_TRAINER)


def test_generator_given_by_keyword_after_others():
    # training: `generator=` after another keyword became a positional argument after
    # keywords (CSTValidationError)
    check_keras1(
        "from keras.models import Model\n"
        "model = Model(input=a, output=b)\n"
        "model.fit_generator(samples_per_epoch=100, generator=gen, nb_epoch=2)\n"
    )


def test_own_model_class_in_a_file_without_keras():
    # training: compile(metrics=['accuracy']) of any object became metrics=['acc']
    check_plain(
        '"""Our own keras-like toolkit."""\n'
        "class Model:\n"
        "    def compile(self, metrics=()):\n"
        "        self.metrics = metrics\n"
        "\n"
        "model = Model()\n"
        "model.compile(metrics=['accuracy'])\n"
    )


def test_concat_of_a_merge_over_layers():
    # merge + backend-concat: the Merge became a tensor only in the output, so the second run
    # rewrote K.concatenate
    check_keras1(
        "from keras.layers import Merge\n"
        "import keras.backend as K\n"
        "x = Merge([left, right], mode='sum')\n"
        "y = K.concatenate([x, y])\n"
    )
