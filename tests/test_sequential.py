"""Sequential models that merge other models -> functional models (M-15): before and after."""

import pytest

from tests.util import check, check_noop, run

BRANCHES = """\
from keras.models import Sequential
from keras.layers import Dense, Merge, Activation
left = Sequential()
left.add(Dense(8, input_dim=4))
right = Sequential()
right.add(Dense(8, input_dim=3))
"""
AFTER_BRANCHES = BRANCHES.replace(
    "from keras.models import Sequential\n", "from keras.models import Sequential, Model\n"
)


def test_two_branches():
    findings = check(
        BRANCHES
        + """\
# the joint model
model = Sequential()
model.add(Merge([left, right], mode='concat'))
model.add(Dense(1))  # score
model.add(Activation('sigmoid'))
model.compile(loss='binary_crossentropy', optimizer='sgd')
""",
        AFTER_BRANCHES.replace("Merge, Activation", "concatenate, Activation")
        + """\
# the joint model
x = concatenate([left.output, right.output])
x = Dense(1)(x)  # score
x = Activation('sigmoid')(x)
model = Model(inputs=[left.input, right.input], outputs=x)
model.compile(loss='binary_crossentropy', optimizer='sgd')
""",
    )
    assert findings == [("M-15", "warning")]


def test_list_constructor_and_mode_arguments():
    check(
        BRANCHES + "model = Sequential([Merge([left, right], mode='dot', dot_axes=1), Dense(1)])\n",
        AFTER_BRANCHES.replace("Merge, Activation", "dot, Activation")
        + "x = dot([left.output, right.output], axes=1)\nx = Dense(1)(x)\n"
        "model = Model(inputs=[left.input, right.input], outputs=x)\n",
    )


def test_three_branches_inside_a_function_returning_the_model():
    check(
        """\
from keras.models import Sequential
from keras.layers import Dense, Merge
def build(a, b, c):
    model = Sequential()
    model.add(Merge([a, b, c], mode='concat', concat_axis=-1))
    model.add(Dense(2))
    return model
""",
        """\
from keras.models import Model
from keras.layers import Dense, concatenate
def build(a, b, c):
    x = concatenate([a.output, b.output, c.output])
    x = Dense(2)(x)
    model = Model(inputs=[*a.inputs, *b.inputs, *c.inputs], outputs=x)
    return model
""",
    )


def test_nested_merge():
    check(
        BRANCHES
        + """\
inner = Sequential()
inner.add(Merge([left, right], mode='sum'))
other = Sequential()
other.add(Dense(8, input_dim=2))
model = Sequential()
model.add(Merge([inner, other], mode='mul'))
model.add(Dense(1))
""",
        AFTER_BRANCHES.replace("Merge, Activation", "add, multiply, Activation")
        + """\
x = add([left.output, right.output])
inner = Model(inputs=[left.input, right.input], outputs=x)
other = Sequential()
other.add(Dense(8, input_dim=2))
x = multiply([inner.output, other.output])
x = Dense(1)(x)
model = Model(inputs=[*inner.inputs, other.input], outputs=x)
""",
    )


def test_name_x_taken():
    result = run(BRANCHES + "x = 3\nmodel = Sequential()\nmodel.add(Merge([left, right]))\n")
    assert "merged = add([left.output, right.output])" in result.after


@pytest.mark.parametrize(
    ("tail", "reason"),
    [
        ("model.add(Merge([left, right]))\nadd_head(model)\n", "is used by `add_head(model)`"),
        (  # the loop uses the model for more than add()
            "model.add(Merge([left, right]))\nfor n in (8, 4):\n    model.add(Dense(n))\n"
            "    print(model.output_shape)\n",
            "is used by",
        ),
        (
            "model.add(Merge([left, right]))\nmodel.compile('sgd', 'mse')\nmodel.add(Dense(1))\n",
            "model.add() is called",
        ),
        (
            "model.add(Merge([left, right]))\nmodel.summary()\nw = model.layers[0].get_weights()\n",
            "model.layers is indexed",
        ),
        (
            "model.add(Merge([left, right]))\nother = Sequential()\nother.add(Merge([left, right]))\n",
            "merged more than once",
        ),
    ],
)
def test_fallbacks_are_manual_with_the_rebuild(tail, reason):
    source = BRANCHES + "model = Sequential()\n" + tail
    result = run(source)
    manual = [f for f in result.findings if f.kind.value == "manual" and f.row == "M-15"]
    assert manual
    assert reason in manual[0].message
    assert "x = add([left.output, right.output])" in manual[0].todo
    assert "Model(inputs=[left.input, right.input], outputs=x)" in manual[0].todo
    assert "Merge([left, right])" in result.after  # not rewritten


def test_merge_of_models_without_the_pass_is_manual():
    findings = check_noop(
        BRANCHES + "model = Sequential()\nmodel.add(Merge([left, right]))\n", ignore=["sequential"]
    )
    assert findings == [("X-120", "manual"), ("M-15", "manual")]


def test_sequential_on_an_attribute():
    findings = check(
        """\
        from keras.models import Sequential
        from keras.layers import Merge, Dense
        class Net(object):
            def build(self, left, right):
                self.model = Sequential()
                self.model.add(Merge([left, right], mode='concat'))
                self.model.add(Dense(1))
                self.model.compile('sgd', 'mse')
        """,
        """\
        from keras.models import Model
        from keras.layers import concatenate, Dense
        class Net(object):
            def build(self, left, right):
                x = concatenate([left.output, right.output])
                x = Dense(1)(x)
                self.model = Model(inputs=[*left.inputs, *right.inputs], outputs=x)
                self.model.compile('sgd', 'mse')
        """,
    )
    assert findings == [("M-15", "warning")]


def test_merge_bound_to_a_name_then_added():
    findings = check(
        """\
        from keras.models import Sequential
        from keras.layers import Merge, Dense
        left = Sequential()
        left.add(Dense(4, input_dim=3))
        right = Sequential()
        right.add(Dense(4, input_dim=3))

        # the two branches side by side
        merged = Merge([left, right], mode='concat')

        model = Sequential()
        model.add(merged)
        model.add(Dense(1))
        """,
        """\
        from keras.models import Sequential, Model
        from keras.layers import concatenate, Dense
        left = Sequential()
        left.add(Dense(4, input_dim=3))
        right = Sequential()
        right.add(Dense(4, input_dim=3))

        # the two branches side by side
        x = concatenate([left.output, right.output])
        x = Dense(1)(x)
        model = Model(inputs=[left.input, right.input], outputs=x)
        """,
    )
    assert ("M-15", "warning") in findings and ("M-15", "manual") not in findings


def test_merge_bound_to_a_name_used_twice_is_manual():
    source = """\
        from keras.models import Sequential
        from keras.layers import Merge, Dense
        left, right = Sequential(), Sequential()
        merged = Merge([left, right], mode='concat')
        model = Sequential()
        model.add(merged)
        model.add(Dense(1))
        print(merged)
        """
    assert ("M-15", "manual") in check_noop(source)


def test_adds_in_loops_and_branches_become_layer_calls():
    findings = check(
        BRANCHES
        + """\
model = Sequential()
model.add(Merge([left, right], mode='concat'))
for n in sizes:
    model.add(Dense(n))
    if dropout:
        model.add(Dropout(dropout))  # regularise
print("model built")
model.add(Dense(1))
model.compile('sgd', 'mse')
""",
        AFTER_BRANCHES.replace("Merge", "concatenate")
        + """\
x = concatenate([left.output, right.output])
for n in sizes:
    x = Dense(n)(x)
    if dropout:
        x = Dropout(dropout)(x)  # regularise
print("model built")
x = Dense(1)(x)
model = Model(inputs=[left.input, right.input], outputs=x)
model.compile('sgd', 'mse')
""",
    )
    assert ("M-15", "warning") in findings
