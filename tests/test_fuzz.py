"""Fuzzing: generated Keras 1 programs and Keras-free look-alikes through migrate_source.

Properties (tests/fuzz/properties.py): migrate_source never raises and reports no error; the
output parses; lines that are not Keras stay as they were; a second run changes nothing; a
program with no Keras in it comes out byte-identical, without findings.

Example counts and the thorough profile: tests/fuzz/__init__.py. Every distinct failure, not
only the first: `python -m tests.fuzz.explore`. Each bug the fuzzer found is pinned below as
a minimal reproducer.
"""

from __future__ import annotations

from hypothesis import given

from tests.fuzz import FUZZ
from tests.fuzz.programs import keras1_programs, plain_programs
from tests.fuzz.properties import check_keras1, check_plain
from tests.util import check, check_noop


@FUZZ
@given(keras1_programs())
def test_keras1_programs(code):
    check_keras1(code)


@FUZZ
@given(plain_programs())
def test_code_without_keras_is_left_byte_identical(code):
    check_plain(code)


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


def test_concatenation_read_before_its_binding_in_a_loop():
    # backend-concat: `inp` became a Keras tensor only once its binding was a layer call, so the
    # K.concatenate reading it earlier in the loop was rewritten by the second run only
    code = (
        "import keras.backend as K\n"
        "from keras.layers import Input\n"
        "a = Input(shape=(3,))\n"
        "for i in range(3):\n"
        "    y = K.concatenate([inp, a])\n"
        "    inp = K.concatenate([a, a])\n"
    )
    check(
        code,
        "import keras.backend as K\n"
        "from keras.layers import Input, concatenate\n"
        "a = Input(shape=(3,))\n"
        "for i in range(3):\n"
        "    y = concatenate([inp, a])\n"
        "    inp = concatenate([a, a])\n",
    )


def test_concatenation_of_a_name_bound_to_an_input_and_to_a_concatenation():
    # backend-concat: `x` is an Input and, later, a K.concatenate of Keras tensors; the second
    # run saw two layer outputs and rewrote the first K.concatenate too
    code = (
        "from keras.layers import Input\n"
        "import keras.backend as K\n"
        "x = Input(shape=(56,))\n"
        "b = Input(shape=(37,))\n"
        "b: object = K.concatenate([x], axis=-1)\n"
        "x = K.concatenate([b], -1)\n"
    )
    check(
        code,
        "from keras.layers import Input, concatenate\n"
        "import keras.backend as K\n"
        "x = Input(shape=(56,))\n"
        "b = Input(shape=(37,))\n"
        "b: object = concatenate([x])\n"
        "x = concatenate([b])\n",
    )


def test_concatenation_of_a_name_bound_only_to_backend_tensors_stays():
    # the other side: a name whose bindings are not all Keras tensors is not taken for one
    code = (
        "import keras.backend as K\n"
        "from keras.layers import Input\n"
        "a = Input(shape=(3,))\n"
        "for i in range(3):\n"
        "    y = K.concatenate([inp, a])\n"
        "    inp = K.concatenate([a, K.variable(v)])\n"
    )
    assert check_noop(code) == []


def test_concatenation_of_a_merge_over_layers():
    # backend-concat: `h` became a Keras tensor only once the merge pass had rewritten its
    # binding, so the second run rewrote the K.concatenate reading it
    code = (
        "from keras.layers import Merge, Input\n"
        "from keras import backend as K\n"
        "left = Input(shape=(1,))\n"
        "h = Merge(layers=[left, right])\n"
        "x = K.concatenate([h], axis=-1)\n"
    )
    check(
        code,
        "from keras.layers import add, Input, concatenate\n"
        "left = Input(shape=(1,))\n"
        "h = add([left.output, right.output])\n"
        "x = concatenate([h])\n",
    )
    # without the merge pass, the Merge stays, and so does the K.concatenate of it
    check_noop(code, ignore=["merge"])


def test_concatenation_in_a_function_of_a_module_name_bound_below_it():
    # backend-concat: `out` becomes a layer output below the function that reads it; its value
    # is judged where it is assigned (`inp` there is the Input, not the function's parameter)
    code = (
        "import keras.layers as KL\n"
        "from keras import backend as K\n"
        "inp = KL.Input(shape=(48,))\n"
        "def build(x):\n"
        "    return K.concatenate([out, out])\n"
        "def build_from(inp):\n"
        "    return K.concatenate([out, inp])\n"
        "out = K.concatenate([inp], -1)\n"
    )
    check(
        code,
        "import keras.layers as KL\n"
        "from keras import backend as K\n"
        "from keras.layers import concatenate\n"
        "inp = KL.Input(shape=(48,))\n"
        "def build(x):\n"
        "    return concatenate([out, out])\n"
        "def build_from(inp):\n"
        "    return K.concatenate([out, inp])\n"
        "out = concatenate([inp])\n",
    )
