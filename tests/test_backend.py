"""Backend functions (catalogue §12, V-24..V-30, P-35, P-36, S-15, S-30, modern.md §7)."""

import pytest

from codemods import PASSES
from codemods.backend import BackendPass
from tests import util

EXTRA = [] if BackendPass in PASSES else [BackendPass]
K = "from keras import backend as K\n"


def check(before, after, **options):
    options.setdefault("select", ["backend"])
    return util.check(before, after, passes=EXTRA, **options)


def check_noop(before, **options):
    options.setdefault("select", ["backend"])
    return util.check_noop(before, passes=EXTRA, **options)


# image ordering getter in comparisons (B-01, V-24, X-190) -----------------------------------
@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("K.image_dim_ordering() == 'th'", "K.image_data_format() == 'channels_first'"),
        ("K.image_dim_ordering() == 'tf'", "K.image_data_format() == 'channels_last'"),
        ("K.image_dim_ordering() != 'th'", "K.image_data_format() != 'channels_first'"),
        ("'th' == K.image_dim_ordering()", "'channels_first' == K.image_data_format()"),
        ("'tf' != K.image_dim_ordering()", "'channels_last' != K.image_data_format()"),
        ('K.image_dim_ordering() == "th"', 'K.image_data_format() == "channels_first"'),
        ("(K.image_dim_ordering()) == 'tf'", "(K.image_data_format()) == 'channels_last'"),
        ("K.image_dim_ordering() in ('th',)", "K.image_data_format() in ('channels_first',)"),
        (
            "K.image_dim_ordering() not in ['th', 'tf']",
            "K.image_data_format() not in ['channels_first', 'channels_last']",
        ),
        ("K.image_dim_ordering() in {'tf'}", "K.image_data_format() in {'channels_last'}"),
    ],
)
def test_ordering_compared_with_literal(before, after):
    findings = check(f"{K}flag = {before}\n", f"{K}flag = {after}\n")
    assert findings == [("V-24", "rewrite")]


def test_ordering_branch_keeps_its_meaning():
    findings = check(
        """\
        from keras import backend as K
        if K.image_dim_ordering() == 'th':
            shape = (3, 32, 32)
        else:
            shape = (32, 32, 3)
        axis = 1 if K.image_dim_ordering() == 'th' else -1
        """,
        """\
        from keras import backend as K
        if K.image_data_format() == 'channels_first':
            shape = (3, 32, 32)
        else:
            shape = (32, 32, 3)
        axis = 1 if K.image_data_format() == 'channels_first' else -1
        """,
    )
    assert findings == [("V-24", "rewrite"), ("V-24", "rewrite")]


def test_ordering_value_escaping_a_comparison_keeps_keras1_value():
    findings = check(
        """\
        from keras import backend as K
        ordering = K.image_dim_ordering()
        same = K.image_dim_ordering() == other
        def build(x, dim_ordering=K.image_dim_ordering()):
            return K.image_dim_ordering()
        """,
        """\
        from keras import backend as K
        ordering = {'channels_first': 'th', 'channels_last': 'tf'}[K.image_data_format()]
        same = {'channels_first': 'th', 'channels_last': 'tf'}[K.image_data_format()] == other
        def build(x, dim_ordering={'channels_first': 'th', 'channels_last': 'tf'}[K.image_data_format()]):
            return {'channels_first': 'th', 'channels_last': 'tf'}[K.image_data_format()]
        """,
    )
    assert findings == [("S-15", "warning")] * 4


def test_ordering_passed_to_user_function_is_mapped_back():
    findings = check(
        K + "y = my_block(x, dim_ordering=K.image_dim_ordering())\n",
        K + "y = my_block(x, dim_ordering={'channels_first': 'th', 'channels_last': 'tf'}"
        "[K.image_data_format()])\n",
    )
    assert findings == [("S-15", "warning")]


@pytest.mark.parametrize(
    ("imports", "call", "after_imports", "after_call"),
    [
        (
            "import keras",
            "keras.backend.image_dim_ordering()",
            "import keras",
            "keras.backend.image_data_format()",
        ),
        (
            "import keras.backend as K",
            "K.image_dim_ordering()",
            "import keras.backend as K",
            "K.image_data_format()",
        ),
        (
            "from keras import backend",
            "backend.image_dim_ordering()",
            "from keras import backend",
            "backend.image_data_format()",
        ),
        (
            "import keras\nK = keras.backend",
            "K.image_dim_ordering()",
            "import keras\nK = keras.backend",
            "K.image_data_format()",
        ),
        (
            "from keras.backend import image_dim_ordering",
            "image_dim_ordering()",
            "from keras.backend import image_data_format",
            "image_data_format()",
        ),
        (
            "from keras.backend import image_dim_ordering as ido",
            "ido()",
            "from keras.backend import image_data_format",
            "image_data_format()",
        ),
        (
            "from keras.backend.common import image_dim_ordering",
            "image_dim_ordering()",
            "from keras.backend import image_data_format",
            "image_data_format()",
        ),
        (
            "from keras.backend import floatx, image_dim_ordering",
            "image_dim_ordering()",
            "from keras.backend import floatx, image_data_format",
            "image_data_format()",
        ),
    ],
)
def test_ordering_spellings(imports, call, after_imports, after_call):
    findings = check(
        f"{imports}\nif {call} == 'th':\n    pass\n",
        f"{after_imports}\nif {after_call} == 'channels_first':\n    pass\n",
    )
    assert findings == [("V-24", "rewrite")]


def test_users_own_image_dim_ordering_untouched():
    findings = check_noop(
        """\
        from keras import backend as K
        def image_dim_ordering():
            return 'th'
        if image_dim_ordering() == 'th':
            pass
        """
    )
    assert findings == []


def test_ordering_given_as_dim_ordering_becomes_data_format_with_layers():
    findings = check(
        """\
        from keras import backend as K
        from keras.layers import Convolution2D, MaxPooling2D
        c = Convolution2D(8, 3, 3, dim_ordering=K.image_dim_ordering())
        p = MaxPooling2D((2, 2), (2, 2), 'valid', K.image_dim_ordering())
        """,
        """\
        from keras import backend as K
        from keras.layers import Conv2D, MaxPooling2D
        c = Conv2D(8, (3, 3), data_format=K.image_data_format())
        p = MaxPooling2D((2, 2), (2, 2), 'valid', data_format=K.image_data_format())
        """,
        select=["backend", "layers"],
    )
    assert findings.count(("B-01", "rewrite")) == 2
    assert not [f for f in findings if f[1] != "rewrite"]


def test_ordering_imported_by_name_given_as_dim_ordering():
    # the attribute form is what the layers pass recognises as an ordering call
    check(
        """\
        from keras.backend import image_dim_ordering
        from keras.layers import Convolution2D
        c = Convolution2D(8, 3, 3, dim_ordering=image_dim_ordering())
        """,
        """\
        from keras import backend as K
        from keras.layers import Conv2D
        c = Conv2D(8, (3, 3), data_format=K.image_data_format())
        """,
        select=["backend", "layers"],
    )


def test_ordering_given_to_backend_function():
    findings = check(
        K + "y = K.pool2d(x, (2, 2), dim_ordering=K.image_dim_ordering())\n",
        K + "y = K.pool2d(x, (2, 2), data_format=K.image_data_format())\n",
    )
    assert findings == [("B-15", "rewrite"), ("B-01", "rewrite")]  # by position: outer call first


def test_ordering_getter_named_without_call_is_manual():
    assert check_noop(K + "get = K.image_dim_ordering\n") == [("B-01", "manual")]


# image ordering setter (B-02, V-25) ---------------------------------------------------------
@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("K.set_image_dim_ordering('th')", "K.set_image_data_format('channels_first')"),
        ("K.set_image_dim_ordering('tf')", "K.set_image_data_format('channels_last')"),
        (
            'K.set_image_dim_ordering(dim_ordering="th")',
            'K.set_image_data_format(data_format="channels_first")',
        ),
    ],
)
def test_set_ordering_literal(before, after):
    assert check(f"{K}{before}\n", f"{K}{after}\n") == [("V-25", "rewrite")]


def test_set_ordering_expression_mapped_at_run_time():
    findings = check(
        K + "K.set_image_dim_ordering(config['ordering'])\n",
        K + "K.set_image_data_format({'th': 'channels_first', 'tf': 'channels_last'}"
        "[config['ordering']])\n",
    )
    assert findings == [("B-02", "warning")]


def test_set_ordering_imported_by_name():
    check(
        "from keras.backend import set_image_dim_ordering\nset_image_dim_ordering('th')\n",
        "from keras.backend import set_image_data_format\nset_image_data_format('channels_first')\n",
    )


# renames and keywords (B-03..B-08, B-24, B-25, X-191, X-195) --------------------------------
@pytest.mark.parametrize(
    ("before", "after", "row"),
    [
        ("K.lesser(a, b)", "K.less(a, b)", "B-03"),
        ("K.lesser_equal(a, b)", "K.less_equal(a, b)", "B-04"),
        ("K.expand_dims(x, dim=1)", "K.expand_dims(x, axis=1)", "B-05"),
        (
            "K.random_normal((2, 3), 0.0, std=0.5)",
            "K.random_normal((2, 3), 0.0, stddev=0.5)",
            "B-06",
        ),
        (
            "K.random_uniform((2,), low=-1, high=1, seed=3)",
            "K.random_uniform((2,), minval=-1, maxval=1, seed=3)",
            "B-07",
        ),
        ("K.one_hot(i, nb_classes=10)", "K.one_hot(i, num_classes=10)", "B-08"),
        (
            "K.moving_average_update(variable=v, value=m, momentum=0.99)",
            "K.moving_average_update(x=v, value=m, momentum=0.99)",
            "B-25",
        ),
        ("K.batch_get_value(xs=[a, b])", "K.batch_get_value([a, b])", "X-195"),
        ("K.get_variable_shape(w)", "K.int_shape(w)", "X-191"),
    ],
)
def test_renames(before, after, row):
    assert check(f"{K}y = {before}\n", f"{K}y = {after}\n") == [(row, "rewrite")]


def test_batch_get_value_keyword_for_old_targets():
    findings = check(
        K + "y = K.batch_get_value(xs=[a])\n", K + "y = K.batch_get_value(ops=[a])\n", target="2.0"
    )
    assert findings == [("B-24", "rewrite")]


def test_get_variable_shape_kept_for_targets_that_have_it():
    assert check_noop(K + "y = K.get_variable_shape(w)\n", target="2.0") == []


def test_renamed_function_imported_by_name():
    check(
        "from keras.backend import lesser, floatx\ny = lesser(a, b)\n",
        "from keras.backend import less, floatx\ny = less(a, b)\n",
    )


def test_renamed_function_named_without_call():
    findings = check(
        K + "op = K.lesser\nf = Lambda(K.lesser_equal)\n",
        K + "op = K.less\nf = Lambda(K.less_equal)\n",
    )
    assert findings == [("B-03", "rewrite"), ("B-04", "rewrite")]


def test_plain_rename_with_splat():
    assert check(K + "y = K.lesser(*pair)\n", K + "y = K.less(*pair)\n") == [("B-03", "rewrite")]


def test_splat_with_keyword_changes_is_manual():
    assert check_noop(K + "y = K.conv2d(x, k, **options)\n") == [("B-10", "manual")]


# convolution and pooling (B-09..B-16) --------------------------------------------------------
@pytest.mark.parametrize(
    ("before", "after", "findings"),
    [
        (
            "K.conv1d(x, k, stride=2, border_mode='same', image_shape=s, filter_shape=f)",
            "K.conv1d(x, k, strides=2, padding='same')",
            [("B-09", "rewrite")],
        ),
        (
            "K.conv2d(x, k, (2, 2), 'same', 'tf', image_shape=s)",
            "K.conv2d(x, k, (2, 2), 'same', 'channels_last')",
            [("B-10", "rewrite")],
        ),
        (
            "K.conv2d(x, k, border_mode='same', dim_ordering='default', filter_dilation=(2, 2))",
            "K.conv2d(x, k, padding='same', dilation_rate=(2, 2))",
            [("B-10", "rewrite")],
        ),
        (
            "K.conv3d(x, k, border_mode='valid', volume_shape=v, filter_shape=f)",
            "K.conv3d(x, k, padding='valid')",
            [("B-11", "rewrite")],
        ),
        (
            "K.deconv2d(x, k, shape, (2, 2), 'same', 'tf')",
            "K.conv2d_transpose(x, k, shape, (2, 2), 'same', 'channels_last')",
            [("B-12", "rewrite"), ("B-12", "warning")],
        ),
        (
            "K.atrous_conv2d(x, k, 2, 'same')",
            "K.conv2d(x, k, dilation_rate=(2, 2), padding='same')",
            [("B-13", "rewrite")],
        ),
        (
            "K.atrous_conv2d(x, k, rate=r, border_mode='valid', dim_ordering='tf')",
            "K.conv2d(x, k, dilation_rate=(r, r), padding='valid', data_format='channels_last')",
            [("B-13", "rewrite")],
        ),
        (
            "K.separable_conv2d(x, dk, pk, (1, 1), border_mode='same')",
            "K.separable_conv2d(x, dk, pk, (1, 1), padding='same')",
            [("B-14", "rewrite")],
        ),
        (
            "K.pool2d(x, (2, 2), (2, 2), border_mode='valid', dim_ordering='tf', pool_mode='avg')",
            "K.pool2d(x, (2, 2), (2, 2), padding='valid', data_format='channels_last', pool_mode='avg')",
            [("B-15", "rewrite")],
        ),
        (
            "K.pool3d(x, (2, 2, 2), (2, 2, 2), 'same', 'tf', 'max')",
            "K.pool3d(x, (2, 2, 2), (2, 2, 2), 'same', 'channels_last', 'max')",
            [("B-16", "rewrite")],
        ),
    ],
)
def test_conv_and_pool(before, after, findings):
    assert check(f"{K}y = {before}\n", f"{K}y = {after}\n") == findings


def test_conv_channels_first_warns_about_kernel_layout():
    findings = check(
        K + "y = K.conv2d(x, k, border_mode='same', dim_ordering='th')\n",
        K + "y = K.conv2d(x, k, padding='same', data_format='channels_first')\n",
    )
    assert findings == [("B-10", "rewrite"), ("B-10", "warning")]


def test_th_project_makes_channels_first_explicit():
    findings = check(
        """\
        from keras import backend as K
        a = K.conv2d(x, k)
        b = K.pool2d(x, (2, 2), dim_ordering='default')
        c = K.conv1d(x, k)
        """,
        """\
        from keras import backend as K
        a = K.conv2d(x, k, data_format='channels_first')
        b = K.pool2d(x, (2, 2), data_format='channels_first')
        c = K.conv1d(x, k)
        """,
        image_dim_ordering="th",
    )
    assert findings == [("B-10", "rewrite"), ("B-10", "warning"), ("B-15", "rewrite")]


def test_dim_ordering_expression_mapped_at_run_time():
    findings = check(
        K + "y = K.pool2d(x, (2, 2), dim_ordering=self.dim_ordering)\n",
        K + "y = K.pool2d(x, (2, 2), data_format={'th': 'channels_first', 'tf': 'channels_last'}"
        "[self.dim_ordering])\n",
    )
    assert findings == [("B-15", "rewrite"), ("B-15", "warning")]


def test_multiline_call_keeps_layout_and_comments():
    check(
        """\
        from keras import backend as K
        y = K.conv2d(
            x,  # input
            kernel,
            image_shape=shape,
            border_mode='same',  # keep size
        )
        """,
        """\
        from keras import backend as K
        y = K.conv2d(
            x,  # input
            kernel,
            padding='same',  # keep size
        )
        """,
    )


# padding and resizing (B-17..B-23, V-27..V-30) -----------------------------------------------
@pytest.mark.parametrize(
    ("before", "after", "findings"),
    [
        (
            "K.spatial_2d_padding(x, (1, 2))",
            "K.spatial_2d_padding(x, ((1, 1), (2, 2)))",
            [("V-27", "rewrite")],
        ),
        (
            "K.spatial_2d_padding(x, padding=[p, q], dim_ordering='th')",
            "K.spatial_2d_padding(x, padding=[(p, p), (q, q)], data_format='channels_first')",
            [("B-17", "rewrite"), ("V-27", "rewrite")],
        ),
        (
            "K.asymmetric_spatial_2d_padding(x, 1, 2, 3, 4, 'tf')",
            "K.spatial_2d_padding(x, ((1, 2), (3, 4)), 'channels_last')",
            [("B-18", "rewrite")],
        ),
        (
            "K.asymmetric_spatial_2d_padding(x, top_pad=2, right_pad=0)",
            "K.spatial_2d_padding(x, padding=((2, 1), (1, 0)))",
            [("B-18", "rewrite")],
        ),
        (
            "K.spatial_3d_padding(x, padding=(1, 2, 3))",
            "K.spatial_3d_padding(x, padding=((1, 1), (2, 2), (3, 3)))",
            [("V-28", "rewrite")],
        ),
        ("K.temporal_padding(x, 2)", "K.temporal_padding(x, (2, 2))", [("V-29", "rewrite")]),
        (
            "K.temporal_padding(x, padding=1)",
            "K.temporal_padding(x, padding=(1, 1))",
            [("V-29", "rewrite")],
        ),
        (
            "K.asymmetric_temporal_padding(x, 1, right_pad=3)",
            "K.temporal_padding(x, padding=(1, 3))",
            [("B-21", "rewrite")],
        ),
        (
            "K.resize_images(X, 2, 2, 'th')",
            "K.resize_images(X, 2, 2, 'channels_first')",
            [("V-30", "rewrite")],
        ),
        (
            "K.resize_images(X=t, height_factor=2, width_factor=2, dim_ordering='tf')",
            "K.resize_images(x=t, height_factor=2, width_factor=2, data_format='channels_last')",
            [("B-22", "rewrite"), ("V-30", "rewrite")],
        ),
        (
            "K.resize_volumes(X, 2, 2, 2, 'tf')",
            "K.resize_volumes(X, 2, 2, 2, 'channels_last')",
            [("V-30", "rewrite")],
        ),
    ],
)
def test_padding_and_resize(before, after, findings):
    assert check(f"{K}y = {before}\n", f"{K}y = {after}\n") == findings


def test_padding_expressions_warn():
    findings = check(
        K
        + "nb_epoch = 1\na = K.temporal_padding(x, self.pad)\nb = K.spatial_2d_padding(x, pads)\n",
        K + "nb_epoch = 1\na = K.temporal_padding(x, (self.pad, self.pad))\n"
        "b = K.spatial_2d_padding(x, tuple((p, p) for p in pads))\n",
    )
    assert findings == [("B-20", "warning"), ("B-17", "warning")]


def test_padding_expressions_in_keras2_code_untouched():
    code = K + "a = K.temporal_padding(x, self.pad)\nb = K.spatial_2d_padding(x, pads)\n"
    assert check_noop(code) == []


def test_resize_volumes_keyword():
    findings = check(
        K
        + "y = K.resize_volumes(X=t, depth_factor=2, height_factor=2, width_factor=2, dim_ordering='th')\n",
        K
        + "y = K.resize_volumes(x=t, depth_factor=2, height_factor=2, width_factor=2, data_format='channels_first')\n",
    )
    assert findings == [("B-23", "rewrite"), ("V-30", "rewrite")]


def test_asymmetric_spatial_padding_positional_default_pads():
    findings = check(
        K + "y = K.asymmetric_spatial_2d_padding(x)\n",
        K + "y = K.spatial_2d_padding(x, ((1, 1), (1, 1)))\n",
    )
    assert findings == [("B-18", "rewrite")]


# crossentropy order (B-26, P-36, S-30) and batch_normalization (B-27, P-35) -----------------
@pytest.mark.parametrize(
    "name", ["categorical_crossentropy", "sparse_categorical_crossentropy", "binary_crossentropy"]
)
def test_crossentropy_keras1_order_made_explicit(name):
    findings = check(
        f"""\
        from keras import backend as K
        def loss(y_true, y_pred):
            return K.{name}(y_pred, y_true)
        """,
        f"""\
        from keras import backend as K
        def loss(y_true, y_pred):
            return K.{name}(target=y_true, output=y_pred)
        """,
    )
    assert findings == [("P-36", "rewrite")]


def test_crossentropy_from_logits_and_mixed_keywords():
    findings = check(
        K + "a = K.binary_crossentropy(p, t, True)\nb = K.categorical_crossentropy(p, target=t)\n"
        "nb_classes = 3\n",
        K + "a = K.binary_crossentropy(target=t, output=p, from_logits=True)\n"
        "b = K.categorical_crossentropy(target=t, output=p)\nnb_classes = 3\n",
    )
    assert findings == [("P-36", "rewrite"), ("P-36", "rewrite")]


def test_crossentropy_keywords_unchanged():
    assert check_noop(K + "a = K.categorical_crossentropy(output=p, target=t)\n") == []
    assert check_noop(K + "a = K.categorical_crossentropy(target=t, output=p, axis=1)\n") == []


def test_crossentropy_keras2_order_in_keras2_file_unchanged():
    assert check_noop(K + "loss = K.categorical_crossentropy(y_true, y_pred)\n") == []
    assert check_noop(K + "loss = K.categorical_crossentropy(a, b)\n") == []


def test_crossentropy_swapped_looking_names_in_keras1_file_warn():
    findings = check(
        K + "nb_epoch = 3\nloss = K.categorical_crossentropy(y_true, y_pred)\n",
        K + "nb_epoch = 3\nloss = K.categorical_crossentropy(target=y_pred, output=y_true)\n",
    )
    assert findings == [("P-36", "rewrite"), ("S-30", "warning")]


def test_batch_normalization_epsilon():
    findings = check(
        K + "nb_epoch = 1\ny = K.batch_normalization(x, m, v, b, g, 1e-5)\n",
        K + "nb_epoch = 1\ny = K.batch_normalization(x, m, v, b, g, epsilon=1e-5)\n",
    )
    assert findings == [("P-35", "rewrite")]


def test_batch_normalization_keras2_forms_unchanged():
    assert check_noop(K + "y = K.batch_normalization(x, m, v, b, g, -1)\n") == []
    assert check_noop(K + "y = K.batch_normalization(x, m, v, b, g, epsilon=1e-3)\n") == []
    assert check_noop(K + "y = K.batch_normalization(x, m, v, b, g, axis=1, epsilon=1e-3)\n") == []


# removed (B-30..B-32) ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "row"),
    [
        ("flag = K.legacy_weight_ordering()\n", "B-30"),
        ("K.set_legacy_weight_ordering(True)\n", "B-30"),
        ("ok = K.is_explicit_shape(s)\n", "B-31"),
        ("v = K.tf_major_version\n", "B-32"),
        ("v = K.tf_minor_version\n", "B-32"),
    ],
)
def test_removed_are_manual(code, row):
    assert check_noop(K + code) == [(row, "manual")]


def test_removed_imported_by_name_reported_at_import():
    findings = check_noop(
        "from keras.backend.tensorflow_backend import tf_major_version\n"
        "from keras.backend import legacy_weight_ordering\n"
        "if tf_major_version >= 1 and legacy_weight_ordering():\n"
        "    pass\n"
    )
    assert findings == [("B-32", "manual"), ("B-30", "manual")]


# unchanged (B-28, B-29, B-33..B-37, X-199, X-200) and Keras 2 code --------------------------
UNCHANGED = """\
from keras import backend as K
a = K.in_train_phase(x, alt)
b = K.in_test_phase(x, alt)
c = K.stack([x, y])
d = K.l2_normalize(x, -1)
e = K.softmax(x)
f = K.relu(x, 0.1, 6.0)
g = K.variable(v, 'float32', 'w')
h = K.epsilon() + K.cast_to_floatx(1)
i = K.abs(K.sum(K.square(x), axis=1))
j = K.batch_dot(x, y, axes=1)
k = K.int_shape(x)
l = K.floatx()
"""


@pytest.mark.parametrize("target", ["2.15", "2.0"])
def test_unchanged_functions(target):
    assert check_noop(UNCHANGED, target=target) == []


def test_function_with_updates_unchanged_for_old_targets():
    assert check_noop(K + "f = K.function([x], [y], updates=[u])\n", target="2.0") == []


KERAS2 = """\
from keras import backend as K
if K.image_data_format() == 'channels_first':
    pass
K.set_image_data_format('channels_last')
a = K.conv2d(x, k, padding='same', data_format='channels_first', dilation_rate=(2, 2))
b = K.conv2d_transpose(x, k, s, (2, 2), 'same')
c = K.spatial_2d_padding(x, ((1, 1), (2, 2)))
d = K.temporal_padding(x, (1, 2))
e = K.expand_dims(x, axis=1)
f = K.random_normal((2,), stddev=2.0)
g = K.categorical_crossentropy(target=t, output=p)
h = K.resize_images(x, 2, 2, 'channels_last', interpolation='bilinear')
i = K.one_hot(idx, num_classes=3)
j = K.less(a, b)
"""


@pytest.mark.parametrize("ordering", ["tf", "th"])
def test_keras2_code_is_untouched(ordering):
    assert check_noop(KERAS2, image_dim_ordering=ordering) == []


# modern Keras: sessions and eager execution (X-192..X-198) ----------------------------------
def test_session_through_tf_compat():
    findings = check(
        """\
        import tensorflow as tf
        from keras import backend as K
        K.set_session(tf.Session(config=config))
        sess = K.get_session()
        """,
        """\
        import tensorflow as tf
        tf.compat.v1.keras.backend.set_session(tf.Session(config=config))
        sess = tf.compat.v1.keras.backend.get_session()
        """,
    )
    assert findings == [("X-192", "warning"), ("X-192", "warning")]


def test_session_without_tensorflow_import():
    check(
        K + "sess = K.get_session()\nK.clear_session()\n",
        K + "from tensorflow.compat.v1.keras.backend import get_session\nsess = get_session()\n"
        "K.clear_session()\n",
    )


def test_session_kept_for_old_targets():
    assert check_noop(K + "sess = K.get_session()\n", target="2.2") == []


def test_graph_mode_idioms_warn():
    findings = check_noop(
        """\
        from keras import backend as K
        img = K.placeholder((1, 3, 64, 64))
        grads = K.gradients(loss, img)[0]
        step = K.function([img], [loss], updates=[K.update(v, v + 1)])
        K.update_add(counter, 1)
        """
    )
    assert findings == [("X-193", "warning")] * 4


def test_graph_mode_inside_raw_code_and_classes_not_flagged():
    findings = check_noop(
        """\
        from keras import backend as K
        from keras.layers import Lambda
        def grad_norm(x):
            return K.gradients(K.sum(x), [x])[0]
        y = Lambda(grad_norm)(x)
        class Opt(object):
            def get_updates(self, params, loss):
                grads = K.gradients(loss, params)
                return [K.update(p, p - g) for p, g in zip(params, grads)]
        """
    )
    assert findings == []


def test_learning_phase_dropped_when_every_call_passes_zero():
    findings = check(
        """\
        from keras import backend as K
        get_features = K.function([model.layers[0].input, K.learning_phase()],
                                  [model.layers[3].output])
        features = get_features([X, 0])[0]
        more = get_features([X2, 0])
        """,
        """\
        from keras import backend as K
        get_features = K.function([model.layers[0].input],
                                  [model.layers[3].output])
        features = get_features([X])[0]
        more = get_features([X2])
        """,
    )
    assert findings == [("X-194", "rewrite")] * 3


def test_learning_phase_inline_call():
    findings = check(
        K + "out = K.function([inp, K.learning_phase()], [o])([x, 0])\n",
        K + "out = K.function([inp], [o])([x])\n",
    )
    assert findings == [("X-194", "rewrite")]


def test_learning_phase_training_call_warns():
    findings = check_noop(
        """\
        from keras import backend as K
        f = K.function([inp, K.learning_phase()], [out])
        train_out = f([x, 1])
        test_out = f([x, 0])
        """
    )
    assert findings == [("X-194", "warning")]


def test_learning_phase_kept_for_old_targets():
    code = K + "f = K.function([inp, K.learning_phase()], [out])\ny = f([x, 0])\n"
    assert check_noop(code, target="2.2") == []


def test_set_floatx_and_epsilon_positional():
    findings = check(
        K + "K.set_floatx(floatx='float64')\nK.set_epsilon(e=1e-4)\n",
        K + "K.set_floatx('float64')\nK.set_epsilon(1e-4)\n",
    )
    assert findings == [("X-196", "rewrite"), ("X-196", "rewrite")]
    assert check_noop(K + "K.set_floatx(floatx='float64')\n", target="2.0") == []


def test_set_learning_phase_warns():
    assert check_noop(K + "K.set_learning_phase(0)\n") == [("X-197", "warning")]


def test_backend_name_check_is_manual():
    code = K + "if K.backend() == 'theano':\n    import theano\n"
    assert check_noop(code) == [("X-198", "manual")]
    assert check_noop(code, target="2.2") == []


def test_ordering_rewrite_same_for_old_targets():
    findings = check(
        K + "if K.image_dim_ordering() == 'th':\n    pass\n",
        K + "if K.image_data_format() == 'channels_first':\n    pass\n",
        target="2.0",
    )
    assert findings == [("V-24", "rewrite")]


def test_explanation_and_rows():
    assert BackendPass.explanation.startswith("Keras 1 backend functions")
    assert {"B-01", "B-37", "V-24", "P-36", "S-15", "S-30", "X-190", "X-200"} <= set(
        BackendPass.rows
    )


def test_odd_literals_left_alone():
    assert check_noop(K + "K.set_image_dim_ordering(['th'])\n") == []
    findings = check(
        K + "flag = K.image_dim_ordering() == ['th']\n",
        K
        + "flag = {'channels_first': 'th', 'channels_last': 'tf'}[K.image_data_format()] == ['th']\n",
    )
    assert findings == [("S-15", "warning")]


def test_keras2_padding_with_keras1_ordering_keyword_left_alone():
    code = K + "y = K.spatial_2d_padding(x, ((1, 1), (2, 2)), dim_ordering=self.dim_ordering)\n"
    assert check_noop(code) == []


def test_learning_phase_with_keyword_inputs_warns():
    code = K + "f = K.function(inputs=[inp, K.learning_phase()], outputs=[out])\n"
    assert check_noop(code) == [("X-194", "warning")]


def test_ordering_constant_precedes_code_above_a_late_import():
    from tests.util import check as full_check

    full_check(
        "from keras import backend as K\n"
        "axis = 1 if K.image_dim_ordering() == 'th' else -1\n"
        "import numpy as np\n",
        "\nIMAGE_DATA_FORMAT = 'channels_first'  # this project's Keras 1 image_dim_ordering was 'th'\n"
        "axis = 1 if IMAGE_DATA_FORMAT == 'channels_first' else -1\n"
        "import numpy as np\n",
        image_dim_ordering="th",
    )


def test_modules_the_keras1_backend_imported():
    # K.tf was TensorFlow as Keras 1's backend imported it; keras 2.15's backend exports
    # functions only
    findings = check(
        "import tensorflow as tf\nfrom keras import backend as K\n"
        "y = K.tf.reduce_sum(x)\n",
        "import tensorflow as tf\nfrom keras import backend as K\n"
        "y = tf.reduce_sum(x)\n",
    )
    assert findings == [("B-36", "rewrite")]
    theano = "from keras import backend as K\ny = K.T.nnet.conv2d(x, W, border_mode='valid')\n"
    assert check_noop(theano) == [("B-36", "manual")]
    assert check_noop("from keras import backend as K\ny = K.tf.reduce_sum(x)\n") == [
        ("B-36", "manual")
    ]
    assert check_noop(theano, target="2.2") == []  # Keras 2.2 still ran on Theano


def test_private_settings_read_through_their_getters():
    findings = check(
        "from keras import backend as K\neps = K._EPSILON\nif K._FLOATX == 'float32':\n    pass\n",
        "from keras import backend as K\neps = K.epsilon()\nif K.floatx() == 'float32':\n    pass\n",
    )
    assert findings == [("B-36", "rewrite"), ("B-36", "rewrite")]
