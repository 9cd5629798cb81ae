"""merge()/Merge (catalogue §6) and merge on raw backend tensors (§7): exact before and after."""

import pytest

from tests.util import check, check_noop

HEADER = "from keras.layers import Input, merge\n"


@pytest.mark.parametrize(
    ("call", "expected", "row", "kind"),
    [
        ("merge([a, b])", "add([a, b])", "M-01", "rewrite"),
        ("merge([a, b], mode='sum')", "add([a, b])", "M-01", "rewrite"),
        ("merge([a, b], mode='mul')", "multiply([a, b])", "M-02", "rewrite"),
        ("merge([a, b], mode='ave')", "average([a, b])", "M-03", "rewrite"),
        ("merge([a, b], mode='max')", "maximum([a, b])", "M-04", "rewrite"),
        ("merge([a, b], mode='concat')", "concatenate([a, b])", "M-05", "rewrite"),
        (
            "merge([a, b], mode='concat', concat_axis=1)",
            "concatenate([a, b], axis=1)",
            "M-05",
            "rewrite",
        ),
        ("merge([a, b], mode='concat', concat_axis=-1)", "concatenate([a, b])", "M-05", "rewrite"),
        ('merge([a, b], "concat", 1)', "concatenate([a, b], axis=1)", "M-05", "rewrite"),
        ("merge([a, b], mode='dot')", "dot([a, b], axes=-1)", "M-06", "rewrite"),
        ("merge([a, b], mode='dot', dot_axes=1)", "dot([a, b], axes=1)", "M-06", "rewrite"),
        (
            "merge([a, b], mode='dot', dot_axes=[1, 2])",
            "dot([a, b], axes=[1, 2])",
            "M-06",
            "rewrite",
        ),
        (
            "merge([a, b], mode='cos', dot_axes=1)",
            "dot([a, b], axes=1, normalize=True)",
            "M-07",
            "warning",
        ),
        (
            "merge(inputs=[a, b], mode='concat', name='joined')",
            "concatenate(inputs=[a, b], name='joined')",
            "M-05",
            "rewrite",
        ),
        (
            "merge([a, b], mode='sum', name='res1')",
            "add([a, b], name='res1')",
            "M-01",
            "rewrite",
        ),
    ],
)
def test_string_modes(call, expected, row, kind):
    func = expected.split("(")[0]
    findings = check(
        f"{HEADER}y = {call}\n",
        f"from keras.layers import Input, {func}\ny = {expected}\n",
    )
    assert findings == [(row, kind)]


def test_shape_arguments_dropped_for_string_mode():
    findings = check(
        HEADER + "y = merge([a, b], mode='concat', output_shape=(20,))\n",
        "from keras.layers import Input, concatenate\ny = concatenate([a, b])\n",
    )
    assert ("M-11", "warning") in findings


def test_layout_and_comments_kept():
    check(
        """\
        from keras.layers import merge  # Keras 1
        x = merge(
            [left, right],  # both branches
            mode='concat',
            concat_axis=1,
        )
        """,
        """\
        from keras.layers import concatenate  # Keras 1
        x = concatenate(
            [left, right],  # both branches
            axis=1,
        )
        """,
    )


def test_callable_modes():
    findings = check(
        """\
        from keras.layers import merge
        from keras import backend as K

        def diff(x, scale):
            return (x[0] - x[1]) * scale

        y = merge([a, b], mode=lambda x: K.abs(x[0] - x[1]), output_shape=lambda s: s[0])
        z = merge([a, b], mode=diff, output_shape=(10,), arguments={'scale': 2}, name='d')
        """,
        """\
        from keras.layers import Lambda
        from keras import backend as K

        def diff(x, scale):
            return (x[0] - x[1]) * scale

        y = Lambda(lambda x: K.abs(x[0] - x[1]), output_shape=lambda s: s[0])([a, b])
        z = Lambda(diff, output_shape=(10,), arguments={'scale': 2}, name='d')([a, b])
        """,
    )
    assert findings == [("M-08", "rewrite"), ("M-08", "rewrite")]


def test_output_mask_signature():
    findings = check(
        """\
        from keras.layers import merge
        def m(x):
            return x[0]
        def first_mask(mask):
            return mask[0]
        y = merge([a, b], mode=m, output_shape=(4,), output_mask=lambda mask: mask[0])
        z = merge([a, b], mode=m, output_shape=(4,), output_mask=first_mask)
        """,
        """\
        from keras.layers import Lambda
        def m(x):
            return x[0]
        def first_mask(mask):
            return mask[0]
        y = Lambda(m, output_shape=(4,), mask=lambda inputs, mask: mask[0])([a, b])
        z = Lambda(m, output_shape=(4,), mask=lambda inputs, mask: first_mask(mask))([a, b])
        """,
    )
    assert ("M-09", "rewrite") in findings


def test_mode_in_a_variable_is_manual():
    findings = check_noop(
        """\
        from keras.layers import merge
        y = merge([a, b], mode=merge_mode)
        """
    )
    assert findings == [("X-120", "manual"), ("M-12", "manual")]


def test_splat_is_manual():
    findings = check_noop("from keras.layers import merge\ny = merge(*args, **kw)\n")
    assert findings == [("X-120", "manual"), ("P-25", "manual")]


@pytest.mark.parametrize(
    ("imports", "callee", "after_imports", "after_callee"),
    [
        (
            "from keras.layers import merge",
            "merge",
            "from keras.layers import concatenate",
            "concatenate",
        ),
        (
            "from keras.layers import merge as m",
            "m",
            "from keras.layers import concatenate",
            "concatenate",
        ),
        (
            "from keras.layers.core import Merge, merge",
            "merge",
            "from keras.layers import concatenate",
            "concatenate",
        ),
        (
            "from keras.engine.topology import merge",
            "merge",
            "from keras.layers import concatenate",
            "concatenate",
        ),
        (
            "from keras.engine import merge",
            "merge",
            "from keras.layers import concatenate",
            "concatenate",
        ),
        ("import keras", "keras.layers.merge", "import keras", "keras.layers.concatenate"),
        (
            "from keras import layers",
            "layers.merge",
            "from keras import layers",
            "layers.concatenate",
        ),
        ("import keras.layers as KL", "KL.merge", "import keras.layers as KL", "KL.concatenate"),
        (
            "from keras.layers import *",
            "merge",
            "from keras.layers import *\nfrom keras.layers import concatenate",
            "concatenate",
        ),
    ],
)
def test_import_spellings(imports, callee, after_imports, after_callee):
    findings = check(
        f"{imports}\nx = {callee}([a, b], mode='concat')\n",
        f"{after_imports}\nx = {after_callee}([a, b])\n",
    )
    assert ("M-05", "rewrite") in findings


def test_merge_imported_inside_a_function():
    check(
        """\
        def build():
            from keras.layers import Input, merge
            return merge([a, b], mode='mul')
        """,
        """\
        from keras.layers import multiply
        def build():
            from keras.layers import Input
            return multiply([a, b])
        """,
    )


def test_name_taken_gets_an_alias():
    check(
        """\
        from keras.layers import merge
        def add(a, b):
            return a + b
        y = merge([a, b], mode='sum')
        """,
        """\
        from keras.layers import keras_add
        def add(a, b):
            return a + b
        y = keras_add([a, b])
        """.replace("import keras_add", "import add as keras_add"),
    )


@pytest.mark.parametrize(
    "source",
    [
        "def merge(a, b):\n    return {**a, **b}\n\nimport keras\nc = merge(x, y)\n",
        "from keras.layers import merge\ndef f(merge):\n    return merge([a, b], mode='concat')\n",
        "from keras.layers import Bidirectional, LSTM\nx = Bidirectional(LSTM(8), merge_mode='concat')(x)\n",
        "import numpy as np\nimport keras\nx = np.concatenate([a, b], axis=1)\n",
        "import tensorflow as tf\nimport keras\nx = tf.concat([a, b], 1)\n",
        "from keras.layers import concatenate, add\nx = concatenate([a, b], axis=1)\ny = add([a, b])\n",
        "from keras.layers import Concatenate\nx = Concatenate(axis=1)([a, b])\n",
        "from mylib import merge\nimport keras\nx = merge([a, b], mode='concat')\n",
        "import os\nx = os.path.merge([a, b])\n",
    ],
)
def test_never_touched(source):
    assert check_noop(source) == []


# Merge class --------------------------------------------------------------------------------


def test_merge_layer_built_once_then_called():
    findings = check(
        """\
        from keras.layers import Merge
        m = Merge(mode='concat', concat_axis=1)
        y = m([a, b])
        z = Merge(mode='dot', dot_axes=1, name='sim')([a, b])
        s = Merge()([a, b])
        """,
        """\
        from keras.layers import Concatenate, Dot, Add
        m = Concatenate(axis=1)
        y = m([a, b])
        z = Dot(axes=1, name='sim')([a, b])
        s = Add()([a, b])
        """,
    )
    assert findings == [("M-13", "rewrite")] * 3


def test_merge_layer_callable_mode():
    check(
        """\
        from keras.layers import Merge
        y = Merge(mode=lambda x: x[0] * x[1], output_shape=(8,))([a, b])
        """,
        """\
        from keras.layers import Lambda
        y = Lambda(lambda x: x[0] * x[1], output_shape=(8,))([a, b])
        """,
    )


def test_merge_over_layer_instances():
    findings = check(
        """\
        from keras.layers import Merge, Dense
        merged = Merge([dense_a, dense_b], mode='concat')
        y = Dense(4)(merged.output)
        """,
        """\
        from keras.layers import concatenate, Dense
        merged = concatenate([dense_a.output, dense_b.output])
        y = Dense(4)(merged)
        """,
    )
    assert findings == [("M-14", "warning"), ("M-14", "rewrite")]


def test_merge_of_sequentials_in_sequential_is_manual():
    findings = check_noop(
        """\
        from keras.models import Sequential
        from keras.layers import Merge, Dense
        left = Sequential()
        left.add(Dense(8, input_dim=4))
        right = Sequential()
        right.add(Dense(8, input_dim=4))
        model = Sequential()
        model.add(Merge([left, right], mode='concat'))
        """,
        ignore=["sequential"],
    )
    assert findings == [("X-120", "manual"), ("M-15", "manual")]


def test_merge_of_models_outside_add_is_manual():
    findings = check_noop(
        """\
        from keras.models import Sequential
        from keras.layers import Merge
        left = Sequential()
        right = Sequential()
        merged = Merge([left, right], mode='sum')
        """
    )
    assert findings == [("X-120", "manual"), ("M-15", "manual")]


def test_node_indices_is_manual():
    findings = check_noop(
        "from keras.layers import Merge\nm = Merge([a, b], mode='sum', node_indices=[0, 1])\n"
    )
    assert findings == [("X-120", "manual"), ("M-16", "manual")]


# raw backend tensors (§7) ------------------------------------------------------------------


def test_merge_inside_layer_call():
    findings = check(
        """\
        from keras.layers import Layer, merge
        from keras import backend as K

        class Join(Layer):
            def call(self, x, mask=None):
                a = merge([x[0], x[1]], mode='concat', concat_axis=-1)
                b = merge([x[0], x[1]], mode='sum')
                c = merge([x[0], x[1], x[2]], mode='ave')
                d = merge([x[0], x[1], x[2]], mode='max')
                e = merge([x[0], x[1]], mode='mul') * 2
                f = merge([x[0], x[1]], mode='dot', dot_axes=1)
                return merge([a, f], mode='concat', concat_axis=1)
        """,
        """\
        from keras.layers import Layer
        from keras import backend as K

        class Join(Layer):
            def call(self, x, mask=None):
                a = K.concatenate([x[0], x[1]])
                b = (x[0] + x[1])
                c = ((x[0] + x[1] + x[2]) / 3)
                d = K.maximum(K.maximum(x[0], x[1]), x[2])
                e = (x[0] * x[1]) * 2
                f = K.batch_dot(x[0], x[1], axes=1)
                return K.concatenate([a, f], axis=1)
        """,
    )
    assert [r for r, _ in findings] == [
        "BC-01",
        "BC-02",
        "BC-04",
        "BC-05",
        "BC-03",
        "BC-06",
        "BC-01",
    ]


def test_merge_inside_lambda_functions_and_losses():
    check(
        """\
        from keras.layers import Lambda, merge

        def join(t):
            return merge([t[0], t[1]], mode='concat')

        def loss(y_true, y_pred):
            return merge([y_true, y_pred], mode='mul')

        y = Lambda(join)([a, b])
        z = Lambda(lambda t: merge([t[0], t[1]], mode='sum'))([a, b])
        model.compile(optimizer='sgd', loss=loss)
        """,
        """\
        from keras.layers import Lambda
        from keras import backend as K

        def join(t):
            return K.concatenate([t[0], t[1]])

        def loss(y_true, y_pred):
            return (y_true * y_pred)

        y = Lambda(join)([a, b])
        z = Lambda(lambda t: (t[0] + t[1]))([a, b])
        model.compile(optimizer='sgd', loss=loss)
        """,
    )


def test_raw_cos_and_callable():
    findings = check(
        """\
        from keras.layers import Layer, merge
        import keras.backend as K

        class Sim(Layer):
            def call(self, x):
                c = merge([x[0], x[1]], mode='cos', dot_axes=1)
                return merge([x[0], x[1]], mode=lambda t: t[0] - t[1])
        """,
        """\
        from keras.layers import Layer
        import keras.backend as K

        class Sim(Layer):
            def call(self, x):
                c = K.expand_dims(K.batch_dot(x[0], x[1], axes=1) / K.maximum(K.sqrt(K.batch_dot(x[0], x[0], axes=1) * K.batch_dot(x[1], x[1], axes=1)), K.epsilon()), 1)
                return (lambda t: t[0] - t[1])([x[0], x[1]])
        """,
    )
    assert findings == [("BC-07", "warning"), ("BC-08", "rewrite")]


def test_raw_sum_of_a_list_variable_is_manual():
    findings = check_noop(
        """\
        from keras.layers import Layer, merge
        class S(Layer):
            def call(self, xs):
                return merge(xs, mode='sum')
        """
    )
    assert findings == [("X-120", "manual"), ("BC-02", "manual")]


def test_new_name_shadowed_in_a_function_gets_an_alias():
    check(
        """\
        from keras.layers import merge, Input
        a = merge([x, y], mode='dot')
        def f(x, y):
            dot = merge([x, y], mode='dot')
            return dot
        """,
        """\
        from keras.layers import dot, Input, dot as keras_dot
        a = dot([x, y], axes=-1)
        def f(x, y):
            dot = keras_dot([x, y], axes=-1)
            return dot
        """,
    )
