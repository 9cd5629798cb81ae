"""Custom layers, RNNs, optimizers, weights and layer names (catalogue §13, modern.md §8)."""

import libcst as cst
import pytest

from codemods import PASSES
from codemods.custom_layers import CustomLayersPass
from migrate import Pass
from tests import util

EXTRA = [] if CustomLayersPass in PASSES else [CustomLayersPass]
LAYER = "from keras.engine.topology import Layer\nfrom keras import backend as K\n"


def check(before, after, **options):
    return util.check(before, after, select=["custom-layers"], passes=EXTRA, **options)


def check_noop(before, **options):
    return util.check_noop(before, select=["custom-layers"], passes=EXTRA, **options)


# C-01, C-02: get_output_shape_for -> compute_output_shape --------------------------------------
def test_shape_method_renamed_in_layer_subclass():
    findings = check(
        LAYER
        + """
class Pair(Layer):
    def get_output_shape_for(self, input_shape):
        return (input_shape[0], 2 * input_shape[1])
""",
        LAYER
        + """
class Pair(Layer):
    def compute_output_shape(self, input_shape):
        return (input_shape[0], 2 * input_shape[1])
""",
    )
    assert findings == [("C-01", "rewrite")]


@pytest.mark.parametrize(
    ("imports", "base"),
    [
        ("import keras\n", "keras.layers.Layer"),
        ("from keras.engine import Layer as Base\n", "Base"),
        ("from keras import layers\n", "layers.core.Dense"),
        ("from keras.layers.recurrent import LSTM\n", "LSTM"),
    ],
)
def test_any_keras_layer_base(imports, base):
    findings = check(
        f"{imports}class A({base}):\n    def get_output_shape_for(self, s):\n        return s\n",
        f"{imports}class A({base}):\n    def compute_output_shape(self, s):\n        return s\n",
    )
    assert findings == [("C-01", "rewrite")]


def test_subclass_of_a_layer_class_of_the_same_file_and_calls():
    findings = check(
        LAYER
        + """
class Base(Layer):
    pass


class Child(Base):
    def get_output_shape_for(self, input_shape):
        inner = self.get_output_shape_for
        return super(Child, self).get_output_shape_for(input_shape)


def shapes(layer):
    return layer.get_output_shape_for((None, 3))
""",
        LAYER
        + """
class Base(Layer):
    pass


class Child(Base):
    def compute_output_shape(self, input_shape):
        inner = self.get_output_shape_for
        return super(Child, self).compute_output_shape(input_shape)


def shapes(layer):
    return layer.compute_output_shape((None, 3))
""",
    )
    assert findings == [("C-01", "rewrite"), ("C-02", "rewrite"), ("C-02", "rewrite")]


def test_own_class_with_the_method_is_left_alone():
    source = (
        LAYER
        + """
class Geometry(object):
    def get_output_shape_for(self, s):
        return s

    def compute_mask(self, input, input_mask=None):
        return self.get_output_shape_for(input)

    def build(self):
        self.w = self.add_weight((2, 3), 'zero')
        self.trainable_weights = [self.w]
        self.regularizers = []


g = Geometry().get_output_shape_for((1, 2))
"""
    )
    assert check_noop(source) == [("C-02", "manual")]


def test_own_class_named_layer_is_no_keras_layer():
    source = """\
import keras


class Layer(object):
    pass


class A(Layer):
    def get_output_shape_for(self, s):
        return s
"""
    assert check_noop(source) == []


def test_star_import_base():
    findings = check(
        "from keras.layers import *\n\nclass A(Layer):\n    def get_output_shape_for(self, s):\n"
        "        return s\n",
        "from keras.layers import *\n\nclass A(Layer):\n    def compute_output_shape(self, s):\n"
        "        return s\n",
    )
    assert findings == [("C-01", "rewrite")]


def test_nested_function_of_the_same_name_is_no_method():
    findings = check(
        LAYER
        + """
class A(Layer):
    def get_output_shape_for(self, s):
        def get_output_shape_for(t):
            return t
        return get_output_shape_for(s)
""",
        LAYER
        + """
class A(Layer):
    def compute_output_shape(self, s):
        def get_output_shape_for(t):
            return t
        return get_output_shape_for(s)
""",
    )
    assert findings == [("C-01", "rewrite")]


def test_both_shape_methods_defined():
    source = (
        LAYER
        + """
class A(Layer):
    def get_output_shape_for(self, s):
        return self.compute_output_shape(s)

    def compute_output_shape(self, s):
        return s
"""
    )
    assert check_noop(source) == [("C-01", "manual")]


def test_layer_class_defined_inside_a_function():
    findings = check(
        LAYER
        + """
def make():
    class A(Layer):
        def get_output_shape_for(self, s):
            return s
    return A
""",
        LAYER
        + """
def make():
    class A(Layer):
        def compute_output_shape(self, s):
            return s
    return A
""",
    )
    assert findings == [("C-01", "rewrite")]


# C-04: compute_mask parameters --------------------------------------------------------------------
def test_compute_mask_parameters_renamed_with_their_uses():
    findings = check(
        LAYER
        + """
class A(Layer):
    def compute_mask(self, input, input_mask=None):
        if input_mask is None:
            return None
        return K.any(input, axis=-1) * input.shape[0] + f(input=input_mask, x=self.input)
""",
        LAYER
        + """
class A(Layer):
    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        return K.any(inputs, axis=-1) * inputs.shape[0] + f(input=mask, x=self.input)
""",
    )
    assert findings == [("C-04", "rewrite")]


def test_calls_inside_a_renamed_compute_mask_are_still_converted():
    findings = check(
        LAYER
        + """
class Wrap(Layer):
    def compute_mask(self, input, input_mask=None):
        shape = self.inner.get_output_shape_for(K.int_shape(input))
        return self.model.get_layer('maxpooling2d_1').compute_mask(input, input_mask)
""",
        LAYER
        + """
class Wrap(Layer):
    def compute_mask(self, inputs, mask=None):
        shape = self.inner.compute_output_shape(K.int_shape(inputs))
        return self.model.get_layer('max_pooling2d').compute_mask(inputs, mask)
""",
    )
    assert findings == [("C-04", "rewrite"), ("C-02", "rewrite"), ("X-138", "warning")]


def test_compute_mask_rename_refused_when_the_new_name_is_taken():
    source = (
        LAYER
        + """
class A(Layer):
    def compute_mask(self, x, input_mask=None):
        mask = K.not_equal(x, 0)
        return mask if input_mask is None else input_mask
"""
    )
    assert check_noop(source) == [("C-04", "manual")]


@pytest.mark.parametrize(
    "signature", ["self, x, mask=None", "self, inputs, mask=None", "self, inputs"]
)
def test_compute_mask_already_fine(signature):
    source = LAYER + f"\nclass A(Layer):\n    def compute_mask({signature}):\n        return None\n"
    assert check_noop(source) == []


# C-05, C-06, P-37, S-29: add_weight ---------------------------------------------------------------
def test_add_weight_positional_to_keywords():
    findings = check(
        LAYER
        + """
class A(Layer):
    def build(self, input_shape):
        self.W = self.add_weight((input_shape[-1], 4), 'glorot_uniform', name='W')
        self.b = self.add_weight((4,), 'zero', 'b', True, None, None)
""",
        LAYER
        + """
class A(Layer):
    def build(self, input_shape):
        self.W = self.add_weight(shape=(input_shape[-1], 4), initializer='glorot_uniform', name='W')
        self.b = self.add_weight(shape=(4,), initializer='zero', name='b', trainable=True, regularizer=None, constraint=None)
""",
    )
    assert findings == [("C-05", "rewrite"), ("C-05", "rewrite")]


@pytest.mark.parametrize(
    "call",
    [
        "self.add_weight(shape=(2,), initializer='zero', name='b')",
        "self.add_weight('b', (2,), initializer='zero')",
        "self.add_weight(name='b', shape=(2,))",
    ],
)
def test_add_weight_in_keras2_form(call):
    source = LAYER + f"\nclass A(Layer):\n    def build(self, s):\n        self.b = {call}\n"
    assert check_noop(source) == []


def test_keras1_initializer_function_object():
    findings = check(
        """\
from keras.engine.topology import Layer
from keras import initializations


class A(Layer):
    def build(self, s):
        self.W = self.add_weight((3, 3), initializations.orthogonal)
""",
        """\
from keras.engine.topology import Layer


class A(Layer):
    def build(self, s):
        self.W = self.add_weight(shape=(3, 3), initializer='orthogonal')
""",
    )
    assert findings == [("C-05", "rewrite"), ("C-06", "warning")]


def test_keyword_initializer_function_object():
    findings = check(
        """\
from keras.engine.topology import Layer
from keras.initializations import zero, one


class A(Layer):
    def build(self, s):
        self.b = self.add_weight(shape=(3,), initializer=zero)
        self.g = self.add_weight(shape=(3,), initializer=one)
""",
        """\
from keras.engine.topology import Layer


class A(Layer):
    def build(self, s):
        self.b = self.add_weight(shape=(3,), initializer='zeros')
        self.g = self.add_weight(shape=(3,), initializer='ones')
""",
    )
    assert findings == [("C-06", "warning"), ("C-06", "warning")]


class _InitializerObjects(Pass):
    """Stands in for the initializer pass (R-01), which turns the reference into an object."""

    id = "test-r01"
    rows = ("T-01",)

    def leave_Attribute(self, original, updated):
        if self.ctx.qualify(original) == "keras.initializations.orthogonal":
            return cst.parse_expression("initializers.Orthogonal(gain=1.1)")
        return updated


def test_initializer_object_made_by_another_pass_is_kept():
    findings = util.check(
        """\
from keras.engine.topology import Layer
from keras import initializations


class A(Layer):
    def build(self, s):
        self.W = self.add_weight((3, 3), initializations.orthogonal)
""",
        """\
from keras.engine.topology import Layer


class A(Layer):
    def build(self, s):
        self.W = self.add_weight(shape=(3, 3), initializer=initializers.Orthogonal(gain=1.1))
""",
        select=["custom-layers", "test-r01"],
        passes=[*EXTRA, _InitializerObjects],
    )
    assert findings == [("C-05", "rewrite")]


def test_own_initializer_function_given_to_add_weight():
    source = (
        LAYER
        + """
def my_init(shape, name=None):
    return K.variable(K.random_normal(shape), name=name)


class A(Layer):
    def build(self, s):
        self.W = self.add_weight(shape=(3, 3), initializer=my_init)
"""
    )
    assert check_noop(source) == [("R-10", "manual"), ("C-06", "manual")]


def test_weight_made_by_calling_a_keras1_initializer():
    before = """\
from keras.engine.topology import Layer
from keras import initializations
from keras import backend as K


class HighwayConcat(Layer):
    def __init__(self, output_dim, init='glorot_uniform', **kwargs):
        self.init = initializations.get(init)
        super(HighwayConcat, self).__init__(**kwargs)

    def build(self, input_shape):
        self.W = self.init((input_shape[-1], 4), name='{}_W'.format(self.name))
        self.b = K.zeros((4,), name='{}_b'.format(self.name))
        self.trainable_weights = [self.W, self.b]
"""
    findings = check(
        before,
        """\
from keras.engine.topology import Layer
from keras import initializations
from keras import backend as K


class HighwayConcat(Layer):
    def __init__(self, output_dim, init='glorot_uniform', **kwargs):
        self.init = initializations.get(init)
        super(HighwayConcat, self).__init__(**kwargs)

    def build(self, input_shape):
        self.W = self.add_weight(shape=(input_shape[-1], 4), initializer=self.init, name='{}_W'.format(self.name))
        self.b = K.zeros((4,), name='{}_b'.format(self.name))
""",
    )
    assert findings == [("C-06", "warning"), ("X-210", "rewrite")]
    # Keras 2.0-2.2 still accept the trainable_weights assignment (C-07)
    findings = check(
        before,
        before.replace(
            "self.W = self.init((input_shape[-1], 4), name='{}_W'.format(self.name))",
            "self.W = self.add_weight(shape=(input_shape[-1], 4), initializer=self.init, "
            "name='{}_W'.format(self.name))",
        ),
        target="2.2",
    )
    assert findings == [("C-06", "warning")]


def test_initializer_call_with_a_scale_is_manual():
    source = """\
from keras.engine.topology import Layer
from keras import initializations


class A(Layer):
    def __init__(self, **kwargs):
        self.init = initializations.get('uniform')
        super(A, self).__init__(**kwargs)

    def build(self, s):
        self.W = self.init((3, 3), 0.1, 'W')
"""
    assert check_noop(source, target="2.2") == [("C-06", "manual")]


# C-07: trainable_weights and non_trainable_weights ----------------------------------
def test_trainable_weights_removed_and_block_kept_valid():
    findings = check(
        LAYER
        + """
class A(Layer):
    def build(self, s):
        self.W = self.add_weight(shape=(3, 3), initializer='zero')
        self.finish()

    def finish(self):
        self.trainable_weights = [self.W]
""",
        LAYER
        + """
class A(Layer):
    def build(self, s):
        self.W = self.add_weight(shape=(3, 3), initializer='zero')
        self.finish()

    def finish(self):
        pass
""",
    )
    assert findings == [("X-210", "rewrite")]


def test_trainable_weights_in_a_statement_line_with_others():
    findings = check(
        LAYER
        + """
class A(Layer):
    def build(self, s):
        self.W = K.variable(K.zeros((3, 3)))
        n = 1; self.trainable_weights = [self.W]; m = 2
        self.built = True; self.trainable_weights = [self.W]
""",
        LAYER
        + """
class A(Layer):
    def build(self, s):
        self.W = K.variable(K.zeros((3, 3)))
        n = 1; m = 2
        self.built = True
""",
    )
    assert findings == [("X-210", "rewrite"), ("X-210", "rewrite")]


@pytest.mark.parametrize(
    "value",
    [
        "[self.W, self.dense.kernel]",
        "[self.W, self.U]",
        "[self.W] + extra",
        "self.W.trainable_weights + [self.W]",
    ],
)
def test_trainable_weights_that_cannot_go(value):
    source = (
        LAYER
        + f"""
class A(Layer):
    def build(self, s):
        self.W = self.add_weight(shape=(3, 3), initializer='zero')
        self.U = make()
        self.trainable_weights = {value}
"""
    )
    assert check_noop(source) == [("X-210", "manual")]


def test_trainable_weights_of_a_sublayer():
    """keras 2.15 tracks a layer stored as an attribute, weights included."""
    before = """\
from keras.engine.topology import Layer
from keras.layers import Dense


class ContextConcat(Layer):
    def __init__(self, output_dim, **kwargs):
        self.proj = Dense(output_dim, activation='tanh')
        super(ContextConcat, self).__init__(**kwargs)

    def call(self, x, mask=None):
        out = self.proj(x)
        self.trainable_weights = self.proj.trainable_weights
        return out
"""
    findings = check(
        before, before.replace("        self.trainable_weights = self.proj.trainable_weights\n", "")
    )
    assert findings == [("X-210", "rewrite")]
    # a sub-layer this class does not make, and a weight Keras 1 left out
    source = (
        LAYER
        + """
class A(Layer):
    def build(self, s):
        self.W = self.add_weight(shape=(3, 3), initializer='zero')
        self.trainable_weights = self.proj.trainable_weights
"""
    )
    assert check_noop(source) == [("X-210", "manual"), ("X-210", "manual")]


def test_trainable_weights_mutated():
    source = (
        LAYER
        + """
class A(Layer):
    def build(self, s):
        self.W = self.add_weight(shape=(3, 3), initializer='zero')
        self.trainable_weights.append(self.W)
        self.trainable_weights += [self.W]
"""
    )
    assert check_noop(source) == [("X-210", "manual"), ("X-210", "manual")]


def test_variables_keras1_did_not_train():
    source = (
        LAYER
        + """
class A(Layer):
    def build(self, s):
        self.W = self.add_weight(shape=(3, 3), initializer='zero')
        self.V = self.add_weight(shape=(3, 3), initializer='zero')
        self.count = K.variable(0)
        self.trainable_weights = [self.W]
"""
    )
    findings = check(
        source,
        source.replace("        self.trainable_weights = [self.W]\n", ""),
    )
    assert findings == [("X-210", "manual"), ("X-211", "manual"), ("X-210", "rewrite")]


def test_non_trainable_weights():
    findings = check(
        LAYER
        + """
class BN(Layer):
    def build(self, s):
        self.mean = self.add_weight((3,), 'zero', trainable=False)
        self.non_trainable_weights = [self.mean]
""",
        LAYER
        + """
class BN(Layer):
    def build(self, s):
        self.mean = self.add_weight(shape=(3,), initializer='zero', trainable=False)
""",
    )
    assert findings == [("C-05", "rewrite"), ("X-211", "rewrite")]
    source = (
        LAYER
        + """
class BN(Layer):
    def build(self, s):
        self.mean = K.zeros((3,))
        self.non_trainable_weights = [self.mean]
"""
    )
    assert check_noop(source) == [("X-211", "manual")]


def test_keras1_initializer_weight_listed_as_non_trainable():
    findings = check(
        """\
from keras.engine.topology import Layer
from keras import initializations


class A(Layer):
    def build(self, s):
        self.init = initializations.get('zero')
        self.m = self.init((3,))
        self.non_trainable_weights = [self.m]
""",
        """\
from keras.engine.topology import Layer
from keras import initializations


class A(Layer):
    def build(self, s):
        self.init = initializations.get('zero')
        self.m = self.add_weight(shape=(3,), initializer=self.init, trainable=False)
""",
    )
    assert findings == [("C-06", "warning"), ("X-211", "rewrite")]


@pytest.mark.parametrize("target", ["2.0", "2.1", "2.2"])
def test_weight_lists_kept_for_keras_2_2(target):
    """C-07 is a "none" row up to 2.2: the setters exist."""
    source = (
        LAYER
        + """
class A(Layer):
    def build(self, s):
        self.W = K.variable(K.zeros((3, 3)))
        self.m = K.variable(K.zeros((3,)))
        self.trainable_weights = [self.W]
        self.non_trainable_weights = [self.m]
        self.updates = [(self.m, self.m * 0.9)]
"""
    )
    assert check_noop(source, target=target) == []


# X-212, C-08, C-09, X-213: updates, regularizers, constraints ------------------------------------
def test_updates_regularizers_constraints_modern():
    source = (
        LAYER
        + """
class A(Layer):
    def build(self, s):
        self.W = self.add_weight(shape=(3, 3), initializer='zero')
        self.regularizers = []
        self.regularizers.append(self.W_regularizer)
        self.constraints[self.W] = self.W_constraint
        self.updates = [(self.W, self.W * 0.9)]
"""
    )
    assert check_noop(source) == [
        ("X-213", "manual"),
        ("X-213", "manual"),
        ("X-213", "manual"),
        ("X-212", "manual"),
    ]


def test_regularizers_and_constraints_keras_2_2():
    source = (
        LAYER
        + """
class A(Layer):
    def build(self, s):
        self.regularizers.append(self.W_regularizer)
        self.constraints = {self.W: self.W_constraint}
"""
    )
    assert check_noop(source, target="2.2") == [("C-08", "manual"), ("C-09", "manual")]


# C-10, C-11, C-12: __call__, graph internals, nodes -----------------------------------------------
def test_call_override_and_graph_internals():
    source = (
        LAYER
        + """
class A(Layer):
    def __call__(self, x, mask=None):
        self.create_input_layer((None, 3))
        return super(A, self).__call__(x, mask)


layer.add_inbound_node([a], [0], [0])
"""
    )
    assert check_noop(source) == [("C-10", "manual"), ("C-11", "manual"), ("C-11", "manual")]


def test_inbound_nodes_by_target():
    source = """\
import keras
prev = layer.inbound_nodes[0].inbound_layers
n = len(layer.outbound_nodes)
model.fit(x, y, nb_epoch=1)
"""
    assert check_noop(source, target="2.0") == []
    assert check_noop(source) == [("C-12", "manual"), ("C-12", "manual")]
    findings = check(
        source,
        source.replace(".inbound_nodes", "._inbound_nodes").replace(
            ".outbound_nodes", "._outbound_nodes"
        ),
        target="2.2",
    )
    assert findings == [("C-12", "rewrite"), ("C-12", "rewrite")]
    # Keras 2 code that reads the keras 2.15 nodes
    assert check_noop("import keras\nprev = layer.inbound_nodes[0].inbound_layers\n") == []


# C-13, X-18: weights ---------------------------------------------------------------------------------
def test_weight_attributes_of_known_layers():
    findings = check(
        """\
from keras.layers import Dense, Embedding, BatchNormalization, PReLU
d = Dense(3)
e = Embedding(10, 4)
bn = BatchNormalization()
p = PReLU()
ws = [d.W, d.b, e.W, bn.running_mean, bn.running_std, bn.gamma, p.alphas, other.W]
""",
        """\
from keras.layers import Dense, Embedding, BatchNormalization, PReLU
d = Dense(3)
e = Embedding(10, 4)
bn = BatchNormalization()
p = PReLU()
ws = [d.kernel, d.bias, e.embeddings, bn.moving_mean, bn.moving_variance, bn.gamma, p.alpha, other.W]
""",
    )
    assert findings == [("C-13", "rewrite")] * 6


def test_weight_arrays_in_keras1_layout():
    source = """\
from keras.layers import LSTM, Convolution2D, Dense
lstm = LSTM(output_dim=8, weights=arrays)
conv = Convolution2D(8, 3, 3, weights=[k, b], dim_ordering='th')
conv_tf = Convolution2D(8, 3, 3, weights=[k, b], dim_ordering='tf')
dense = Dense(3, weights=[w, b])
lstm.set_weights(arrays)
lstm.set_weights(old.get_weights())
gates = lstm.W_i
"""
    assert check_noop(source) == [("C-13", "manual")] * 4
    keras2 = (
        "from keras.layers import LSTM\nlstm = LSTM(8, weights=arrays)\nlstm.set_weights(arrays)\n"
    )
    assert check_noop(keras2) == []


@pytest.mark.parametrize("ordering", ["", ", dim_ordering='default'"])
def test_channels_first_project_weights(ordering):
    source = (
        f"from keras.layers import Convolution2D\nc = Convolution2D(8, 3, 3, weights=w{ordering})\n"
    )
    assert check_noop(source) == []
    assert check_noop(source, image_dim_ordering="th") == [("C-13", "manual")]


# C-14, X-135, X-16: custom Recurrent; C-15, X-176, X-17: custom optimizers ------------------------
def test_recurrent_subclass():
    source = """\
from keras.layers.recurrent import Recurrent


class MyRNN(Recurrent):
    def step(self, x, states):
        return x, states
"""
    assert check_noop(source) == [("X-135", "manual")]
    assert check_noop(source, target="2.2") == [("C-14", "manual")]


def test_recurrent_subclass_tests_implementation_instead_of_consume_less():
    before = """\
from keras.layers.recurrent import Recurrent


class MyRNN(Recurrent):
    def preprocess_input(self, x):
        if self.consume_less == 'cpu':
            return x
        return x if self.consume_less != "gpu" else -x
"""
    after = before.replace("self.consume_less == 'cpu'", "self.implementation == {cpu}")
    after = after.replace('self.consume_less != "gpu"', "self.implementation != 2")
    findings = check(before, after.format(cpu=0), target="2.0")
    assert ("K-29", "rewrite") in findings and ("C-14", "manual") in findings
    # from 2.0.9 implementation 0 is read as 1
    check(before, after.format(cpu=1), target="2.2")


def test_recurrent_subclass_gets_its_other_edits_too():
    findings = check(
        """\
from keras.layers.recurrent import Recurrent


class MyRNN(Recurrent):
    def build(self, input_shape):
        self.W = self.add_weight((3, 3), initializer='uniform')
        self.trainable_weights = [self.W]

    def preprocess_input(self, x):
        return x if self.consume_less == 'cpu' else -x
""",
        """\
from keras.layers.recurrent import Recurrent


class MyRNN(Recurrent):
    def build(self, input_shape):
        self.W = self.add_weight(shape=(3, 3), initializer='uniform')

    def preprocess_input(self, x):
        return x if self.implementation == 1 else -x
""",
    )
    assert {("X-210", "rewrite"), ("K-29", "rewrite"), ("X-135", "manual")} <= set(findings)


def test_custom_optimizer():
    source = """\
from keras.optimizers import Optimizer


class MySGD(Optimizer):
    def get_updates(self, params, constraints, loss):
        self.updates = []
        return self.updates
"""
    assert check_noop(source) == [("X-176", "manual")]
    assert check_noop(source, target="2.1") == [("C-15", "manual")]


# custom initializer functions ---------------------------------------------------------
def test_custom_init_function():
    source = """\
from keras import backend as K
from keras import initializations


def my_init(shape, name=None):
    return initializations.normal(shape, scale=0.01, name=name)


def other(shape, name=None):
    return shape
"""
    assert check_noop(source) == [("R-10", "manual")]


# X-162 ----------------------------------------------------------------------------------------------
def test_get_updates_for():
    source = "import keras\nu = layer.get_updates_for(x)\nl = layer.get_losses_for(None)\n"
    assert check_noop(source) == [("X-162", "manual"), ("X-162", "manual")]
    assert check_noop(source, target="2.2") == []


# C-16, S-18, X-138: auto-generated layer names ---------------------------------------------------
@pytest.mark.parametrize(
    ("old", "modern", "keras22"),
    [
        ("convolution2d_1", "conv2d", "conv2d_1"),
        ("convolution2d_3", "conv2d_2", "conv2d_3"),
        ("maxpooling2d_1", "max_pooling2d", "max_pooling2d_1"),
        ("batchnormalization_2", "batch_normalization_1", "batch_normalization_2"),
        ("leakyrelu_1", "leaky_re_lu", "leaky_re_lu_1"),
        ("convlstm2d_1", "conv_lstm2d", "conv_lst_m2d_1"),
        ("timedistributed_1", "time_distributed", "time_distributed_1"),
    ],
)
def test_auto_generated_names(old, modern, keras22):
    before = f"import keras\nl = model.get_layer('{old}')\n"
    findings = check(before, f"import keras\nl = model.get_layer('{modern}')\n")
    assert findings == [("X-138", "warning")]
    after = f"import keras\nl = model.get_layer('{keras22}')\n"
    assert check(before, after, target="2.2") == [("C-16", "warning")]


@pytest.mark.parametrize(
    ("old", "modern"),
    [("dense_1", "dense"), ("dense_12", "dense_11"), ("lstm_2", "lstm_1"), ("model_1", "model")],
)
def test_auto_names_that_keras2_shares(old, modern):
    """'dense_1' is a Keras 2 name as well: shifted to zero-based only in a Keras 1 file (the
    nb_epoch below), whose migrated form then has no Keras 1 mark left to shift it again."""
    before = f"import keras\nl = model.get_layer('{old}')\nmodel.fit(x, y, nb_epoch=3)\n"
    after = f"import keras\nl = model.get_layer('{modern}')\nmodel.fit(x, y, epochs=3)\n"
    findings = util.check(before, after, passes=EXTRA)
    assert ("X-138", "warning") in findings
    assert check_noop(before, target="2.2") == []
    assert check_noop(after) == []


def test_names_in_comparisons_and_keywords():
    findings = check(
        """\
import keras
conv = [l for l in model.layers if l.name == "convolution2d_2"]
emb = model.get_layer(name='maxpooling1d_1')
""",
        """\
import keras
conv = [l for l in model.layers if l.name == "conv2d_1"]
emb = model.get_layer(name='max_pooling1d')
""",
    )
    assert findings == [("X-138", "warning"), ("X-138", "warning")]


def test_names_left_alone():
    source = """\
from keras.layers import Dense, Input
x = Input(shape=(3,))
y = Dense(3, name='dense_1')(x)
a = model.get_layer('dense_1')
b = model.get_layer('input_1')
c = model.get_layer('encoder')
d = model.get_layer(index=2)
e = model.get_layer('mylayer_1')
"""
    assert check_noop(source) == []


def test_names_without_a_safe_keras2_name():
    source = """\
from keras.layers import AtrousConvolution2D, merge
m = model.get_layer('merge_1')
c = model.get_layer('convolution2d_2')
a = model.get_layer('atrousconvolution2d_1')
"""
    assert check_noop(source) == [("X-138", "manual")] * 3


def test_name_of_a_custom_layer_class():
    findings = check(
        LAYER
        + """
class HighwayConcat(Layer):
    pass


h = model.get_layer('highwayconcat_2')
""",
        LAYER
        + """
class HighwayConcat(Layer):
    pass


h = model.get_layer('highway_concat_1')
""",
    )
    assert findings == [("X-138", "warning")]


# "none" rows: C-03, C-17, C-18, C-19, and Keras 2 code -----------------------------------------
def test_none_rows_left_alone():
    source = (
        LAYER
        + """
from keras.engine import InputSpec
from keras.layers import Lambda


class A(Layer):
    def __init__(self, **kwargs):
        self.input_spec = [InputSpec(ndim=3)]
        super(A, self).__init__(**kwargs)

    def call(self, x, mask=None):
        return x


a = A(input_shape=(3,), batch_input_shape=(None, 3), name='a', trainable=False)
m = Lambda(lambda x, mask=None: x * K.cast(mask, 'float32'))
"""
    )
    assert check_noop(source) == []


def test_keras2_layer_is_byte_identical():
    source = """\
from keras.layers import Layer
from keras import backend as K


class Attention(Layer):
    def build(self, input_shape):
        self.W = self.add_weight(name='W', shape=(input_shape[-1], 1), initializer='glorot_uniform')
        super(Attention, self).build(input_shape)

    def call(self, inputs, mask=None):
        return K.sum(inputs * K.softmax(K.dot(inputs, self.W)), axis=1)

    def compute_mask(self, inputs, mask=None):
        return None

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[-1])


model.get_layer('attention')
"""
    assert check_noop(source) == []


def test_all_passes_on_a_keras1_layer():
    """The pass next to the others: a Keras 1 custom layer with merge inside call."""
    findings = util.check(
        """\
from keras.engine.topology import Layer
from keras.layers import merge


class Pair(Layer):
    def call(self, inputs, mask=None):
        return merge(inputs, mode='concat', concat_axis=-1)

    def get_output_shape_for(self, input_shape):
        return (input_shape[0][0], input_shape[0][1] + input_shape[1][1])
""",
        """\
from keras.layers import Layer
from keras import backend as K


class Pair(Layer):
    def call(self, inputs, mask=None):
        return K.concatenate(inputs)

    def compute_output_shape(self, input_shape):
        return (input_shape[0][0], input_shape[0][1] + input_shape[1][1])
""",
        passes=EXTRA,
    )
    assert ("C-01", "rewrite") in findings
