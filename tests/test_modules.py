"""Module moves (catalogue §11, modern.md X-101..X-108): exact before and after."""

import pytest

from tests.util import check, check_noop


@pytest.mark.parametrize(
    ("before", "after", "row"),
    [
        (
            "from keras.layers.core import Dense, Dropout\n",
            "from keras.layers import Dense, Dropout\n",
            "X-102",
        ),
        (
            "from keras.layers.convolutional import Convolution2D, MaxPooling2D\nc = Convolution2D(8, 3, 3)\n",
            "from keras.layers import Conv2D, MaxPooling2D\nc = Conv2D(8, (3, 3))\n",
            "X-102",
        ),
        (
            "from keras.layers.recurrent import LSTM\n",
            "from keras.layers import LSTM\n",
            "X-102",
        ),
        (
            "from keras.engine.topology import Layer, InputSpec\n",
            "from keras.layers import Layer, InputSpec\n",
            "I-22",
        ),
        (
            "from keras.engine import Input, Model\n",
            "from keras.layers import Input\nfrom keras.models import Model\n",
            "I-22",
        ),
        (
            "from keras.backend.common import image_dim_ordering\n",
            "from keras.backend import image_dim_ordering\n",
            "X-106",
        ),
        (
            "import keras.backend.tensorflow_backend as KTF\n",
            "import keras.backend as KTF\n",
            "X-106",
        ),
        (
            "from keras.layers import core\ny = core.Dense(8)\n",
            "from keras import layers as core\ny = core.Dense(8)\n",
            "X-102",
        ),
        (
            "import keras\ny = keras.layers.core.Dense(8)\n",
            "import keras\ny = keras.layers.Dense(8)\n",
            "X-102",
        ),
        (  # a Keras 2.0-2.8 module (X-307) beside Keras 1's merge function
            "from keras.layers import merge\nfrom keras.layers.merge import concatenate\n"
            "y = merge([a, b], mode='sum')\n",
            "from keras.layers import add\nfrom keras.layers import concatenate\ny = add([a, b])\n",
            "X-102",
        ),
    ],
)
def test_module_moves(before, after, row):
    assert (row, "rewrite") in check(before, after)


def test_container_becomes_model_with_warning():
    findings = check(
        "from keras.engine.topology import Container, Layer\n",
        "from keras.models import Model as Container\nfrom keras.layers import Layer\n",
    )
    assert ("X-103", "warning") in findings


def test_training_internals_are_manual():
    source = "from keras.engine.training import slice_X\nx = slice_X(data, 0, 10)\n"
    assert check_noop(source, target="2.2") == []
    assert ("T-23", "manual") in check_noop(source)


def test_recurrent_base_is_manual():
    findings = check(
        "from keras.layers.recurrent import Recurrent\nclass R(Recurrent):\n    pass\n",
        "from keras.layers import Recurrent\nclass R(Recurrent):\n    pass\n",
    )
    assert ("I-29", "manual") in findings and ("X-120", "manual") in findings


def test_tf_keras_target_spells_every_import():
    check(
        """\
        import keras
        import keras.backend as K
        from keras.models import Sequential
        from keras.layers.core import Dense
        """,
        """\
        import tf_keras as keras
        import tf_keras.backend as K
        from tf_keras.models import Sequential
        from tf_keras.layers import Dense
        """,
        target="tf-keras",
    )


def test_keras_2_2_target_keeps_submodules():
    assert check_noop("from keras.layers.core import Dense\n", target="2.2") == []


@pytest.mark.parametrize(
    "source",
    [
        "from keras.layers import Dense\n",
        "import keras\nfrom keras import backend as K\n",
        "from mypkg.layers.core import Dense\n",
        "from .layers.core import Dense\n",
    ],
)
def test_untouched(source):
    assert check_noop(source) == []


def test_unused_import_of_a_gone_name_is_dropped():
    check(
        "from keras.layers import merge, Input, Merge\nfrom keras.utils import np_utils\nx = Input(shape=(3,))\n",
        "from keras.layers import Input\nx = Input(shape=(3,))\n",
    )


def test_gone_name_still_used_is_manual_at_its_import():
    findings = check_noop("from keras.layers import Merge\nok = isinstance(layer, Merge)\n")
    assert findings == [("X-120", "manual")]


def test_gone_names_kept_for_keras_2_0():
    assert check_noop("from keras.layers import merge\n", target="2.0") == []


def test_unused_session_import_is_dropped():
    check(
        "from keras.backend import set_session\nfrom keras.layers import Dense\nd = Dense(3)\n",
        "from keras.layers import Dense\nd = Dense(3)\n",
    )


def test_keras2_merge_module_kept_for_keras_2_2():
    check_noop("from keras.layers.merge import concatenate\ny = concatenate([a, b])\n", target="2.2")


def test_unused_import_of_a_training_internal_is_dropped():
    # the name is never used: only the import itself would fail on Keras 2
    findings = check(
        "from keras.engine.training import collect_trainable_weights\n"
        "from keras.models import Sequential\nm = Sequential()\n",
        "from keras.models import Sequential\nm = Sequential()\n",
    )
    assert findings == [("T-23", "rewrite")]


def test_keras_0_modules_are_manual_at_import_and_call():
    source = (
        "from keras.layers.extra import TimeDistributedConvolution2D as TDConv\n"
        "y = TDConv(32, 3, 3, border_mode='same')\n"
    )
    findings = check_noop(source)
    assert findings.count(("X-25", "manual")) == 2
    assert check_noop(source, target="2.2").count(("X-25", "manual")) == 2


def test_star_imports_resolve_to_the_module_that_exports_the_name():
    check(
        "from keras import *\nfrom keras.layers import *\nfrom keras.models import *\n"
        "m = Sequential()\nm.add(Convolution2D(8, 3, 3, border_mode='same'))\n",
        "from keras import *\nfrom keras.layers import *\nfrom keras.models import *\n"
        "from keras.layers import Conv2D\n"
        "m = Sequential()\nm.add(Conv2D(8, (3, 3), padding='same'))\n",
    )


def test_star_imports_of_several_keras_modules():
    check(
        "from keras.constraints import *\nfrom keras.optimizers import *\n"
        "from keras.layers import Dense\nd = Dense(4, W_constraint=nonneg(), init='normal')\n",
        "from keras.constraints import *\nfrom keras.optimizers import *\n"
        "from keras.layers import Dense\nfrom keras.constraints import non_neg\n"
        "d = Dense(4, kernel_constraint=non_neg(), kernel_initializer='normal')\n",
    )


def test_keras1_merge_imported_beside_a_layer_submodule():
    # `merge` is Keras 1's function even beside `core`, which is a module
    check(
        "from keras.layers import merge, core\ny = merge([a, b], mode=my_mode)\nd = core.Dense(3)\n",
        "from keras.layers import merge\nfrom keras import layers as core\n"
        "y = merge([a, b], mode=my_mode)\nd = core.Dense(3)\n",
    )
