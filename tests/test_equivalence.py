"""Runtime equivalence: Keras 1 models under real Keras 1.2.2 against Keras 2 under keras 2.15.

Slow on first use: builds two cached virtual environments (see tests/equivalence/envs.py).
The tests that run Keras carry the `equivalence` marker: run them alone with
`pytest -m equivalence`, leave them out with `pytest -m "not equivalence"`. The pairing and
comparison tests at the end need neither environment.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from textwrap import dedent

import pytest

from migrate import migrate_source
from tests.equivalence import check_equivalence
from tests.equivalence.compare import compare_reports
from tests.equivalence.layers import pair_layers

equivalence = pytest.mark.equivalence

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "keras1"


def _sample_params():
    """(path, ordering) for every sample that defines build(), per its DIM_ORDERINGS."""
    params = []
    for path in sorted(SAMPLES.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not any(isinstance(n, ast.FunctionDef) and n.name == "build" for n in tree.body):
            continue
        orderings = ("tf",)
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "DIM_ORDERINGS" for t in node.targets
            ):
                orderings = ast.literal_eval(node.value)
        params += [pytest.param(path, o, id=f"{path.stem}-{o}") for o in orderings]
    return params


@equivalence
@pytest.mark.parametrize(("path", "ordering"), _sample_params())
def test_sample_migrates_to_an_equivalent_model(path, ordering, tmp_path):
    code = path.read_text(encoding="utf-8")
    result = migrate_source(code, path=str(path), image_dim_ordering=ordering)
    assert result.error is None, result.error
    verdict = check_equivalence(code, result.after, dim_ordering=ordering, workdir=tmp_path)
    print(verdict)
    if verdict.equal:
        return
    assert "Keras 1 run failed" not in str(verdict), "the sample itself does not run"
    if result.manual:
        # The engine said a person has to finish this file: no equivalence is claimed.
        rows = ", ".join(sorted({f.row for f in result.manual}))
        pytest.xfail(f"manual work left ({rows}), so not equivalent: {verdict}")
    assert verdict.equal, str(verdict)


# Hand-written twins: (Keras 1 source, correct Keras 2 source, image dim ordering). They
# check the harness itself, independent of the engine.

MERGE_MODES = (
    """
    from keras.layers import Dense, Input, merge
    from keras.models import Model

    def build():
        a = Input(shape=(6,))
        b = Input(shape=(6,))
        x = Dense(4, activation='tanh')(a)
        y = Dense(4, activation='tanh')(b)
        outs = [merge([x, y], mode=m) for m in ('concat', 'sum', 'mul', 'ave', 'max')]
        outs.append(merge([x, y], mode='dot', dot_axes=1))
        outs.append(merge([x, y], mode='cos', dot_axes=1))
        outs.append(merge([x, y], mode=lambda t: t[0] - 2 * t[1], output_shape=(4,)))
        return Model([a, b], outs)
    """,
    """
    from keras.layers import (Dense, Input, Lambda, add, average, concatenate, dot,
                              maximum, multiply)
    from keras.models import Model

    def build():
        a = Input(shape=(6,))
        b = Input(shape=(6,))
        x = Dense(4, activation='tanh')(a)
        y = Dense(4, activation='tanh')(b)
        outs = [f([x, y]) for f in (concatenate, add, multiply, average, maximum)]
        outs.append(dot([x, y], axes=1))
        outs.append(dot([x, y], axes=1, normalize=True))
        outs.append(Lambda(lambda t: t[0] - 2 * t[1], output_shape=(4,))([x, y]))
        return Model([a, b], outs)
    """,
    "tf",
)

MERGE_OF_SEQUENTIALS = (
    """
    from keras.layers import Dense, Merge
    from keras.models import Sequential

    def build():
        left = Sequential([Dense(8, input_dim=5, activation='relu')])
        right = Sequential([Dense(8, input_dim=3, activation='relu')])
        model = Sequential()
        model.add(Merge([left, right], mode='concat'))
        model.add(Dense(2, activation='softmax'))
        return model
    """,
    """
    from keras.layers import Dense, concatenate
    from keras.models import Model, Sequential

    def build():
        left = Sequential([Dense(8, input_shape=(5,), activation='relu')])
        right = Sequential([Dense(8, input_shape=(3,), activation='relu')])
        out = concatenate([left.output, right.output])
        out = Dense(2, activation='softmax')(out)
        return Model([left.input, right.input], out)
    """,
    "tf",
)

# Relies on keras.json's image_dim_ordering, as most Keras 1 image code did.
CNN_K1 = """
    from keras import backend as K
    from keras.layers import (Activation, BatchNormalization, Convolution2D, Dense,
                              Flatten, MaxPooling2D)
    from keras.models import Sequential

    def build():
        th = K.image_dim_ordering() == 'th'
        model = Sequential()
        model.add(Convolution2D(8, 3, 3, border_mode='same',
                                input_shape=(2, 10, 10) if th else (10, 10, 2)))
        model.add(BatchNormalization(axis=1 if th else -1))
        model.add(Activation('relu'))
        model.add(MaxPooling2D((2, 2)))
        model.add(Convolution2D(4, 3, 3, subsample=(2, 2)))
        model.add(Flatten())
        model.add(Dense(3, activation='softmax'))
        return model
    """

CNN_K2 = """
    from keras.layers import (Activation, BatchNormalization, Conv2D, Dense, Flatten,
                              MaxPooling2D)
    from keras.models import Sequential

    def build():
        fmt = '{fmt}'
        model = Sequential()
        model.add(Conv2D(8, (3, 3), padding='same', data_format=fmt,
                         input_shape=(2, 10, 10) if fmt == 'channels_first' else (10, 10, 2)))
        model.add(BatchNormalization(axis=1 if fmt == 'channels_first' else -1))
        model.add(Activation('relu'))
        model.add(MaxPooling2D((2, 2), data_format=fmt))
        model.add(Conv2D(4, (3, 3), strides=(2, 2), data_format=fmt))
        model.add(Flatten())
        model.add(Dense(3, activation='softmax'))
        return model
    """

CONV1D = (
    """
    from keras.layers import Convolution1D, Dense, Embedding, Flatten, MaxPooling1D
    from keras.models import Sequential

    def build():
        model = Sequential()
        model.add(Embedding(20, 6, input_length=12))
        model.add(Convolution1D(5, 3, border_mode='valid', activation='relu'))
        model.add(MaxPooling1D(pool_length=2))
        model.add(Flatten())
        model.add(Dense(1, activation='sigmoid'))
        return model
    """,
    """
    from keras.layers import Conv1D, Dense, Embedding, Flatten, MaxPooling1D
    from keras.models import Sequential

    def build():
        model = Sequential()
        model.add(Embedding(20, 6, input_length=12))
        model.add(Conv1D(5, 3, padding='valid', activation='relu'))
        model.add(MaxPooling1D(pool_size=2))
        model.add(Flatten())
        model.add(Dense(1, activation='sigmoid'))
        return model
    """,
    "tf",
)

RECURRENT = (
    """
    from keras.layers import GRU, LSTM, Dense, Input, SimpleRNN, TimeDistributedDense
    from keras.layers.wrappers import Bidirectional, TimeDistributed
    from keras.models import Model

    def build():
        inp = Input(shape=(7, 4))
        x = LSTM(6, return_sequences=True)(inp)
        x = GRU(5, return_sequences=True)(x)
        x = Bidirectional(LSTM(3, return_sequences=True), merge_mode='concat')(x)
        x = TimeDistributed(Dense(2))(x)
        y = Bidirectional(GRU(3, consume_less='gpu'), merge_mode='sum')(inp)
        z = SimpleRNN(4, return_sequences=True)(inp)
        z = TimeDistributedDense(3)(z)
        z = LSTM(2, consume_less='gpu')(z)
        return Model(inp, [x, y, z])
    """,
    """
    from keras.layers import GRU, LSTM, Bidirectional, Dense, Input, SimpleRNN, TimeDistributed
    from keras.models import Model

    def build():
        inp = Input(shape=(7, 4))
        x = LSTM(6, recurrent_activation='hard_sigmoid', return_sequences=True)(inp)
        x = GRU(5, recurrent_activation='hard_sigmoid', reset_after=False,
                return_sequences=True)(x)
        x = Bidirectional(LSTM(3, recurrent_activation='hard_sigmoid', return_sequences=True),
                          merge_mode='concat')(x)
        x = TimeDistributed(Dense(2))(x)
        y = Bidirectional(GRU(3, recurrent_activation='hard_sigmoid', reset_after=False),
                          merge_mode='sum')(inp)
        z = SimpleRNN(4, return_sequences=True)(inp)
        z = TimeDistributed(Dense(3))(z)
        z = LSTM(2, recurrent_activation='hard_sigmoid')(z)
        return Model(inp, [x, y, z])
    """,
    "tf",
)

# A float Input feeding an Embedding (fed small integers), and a nested Sequential.
NESTED = (
    """
    from keras.layers import Dense, Embedding, Flatten, Input
    from keras.models import Model, Sequential

    def build():
        inner = Sequential([Dense(4, input_dim=15, activation='relu'), Dense(2)])
        inp = Input(shape=(5,))
        x = Flatten()(Embedding(8, 3)(inp))
        return Model(inp, Dense(1)(inner(x)))
    """,
    """
    from keras.layers import Dense, Embedding, Flatten, Input
    from keras.models import Model, Sequential

    def build():
        inner = Sequential([Dense(4, input_shape=(15,), activation='relu'), Dense(2)])
        inp = Input(shape=(5,))
        x = Flatten()(Embedding(8, 3)(inp))
        return Model(inp, Dense(1)(inner(x)))
    """,
    "tf",
)

TWINS = {
    "merge-modes": MERGE_MODES,
    "merge-of-sequentials": MERGE_OF_SEQUENTIALS,
    "cnn-th": (CNN_K1, CNN_K2.replace("{fmt}", "channels_first"), "th"),
    "cnn-tf": (CNN_K1, CNN_K2.replace("{fmt}", "channels_last"), "tf"),
    "conv1d-embedding": CONV1D,
    "recurrent": RECURRENT,
    "nested-model": NESTED,
}


@equivalence
@pytest.mark.parametrize("case", TWINS)
def test_hand_written_twin_is_equivalent(case, tmp_path):
    keras1, keras2, ordering = TWINS[case]
    verdict = check_equivalence(
        dedent(keras1), dedent(keras2), dim_ordering=ordering, workdir=tmp_path
    )
    print(verdict)
    assert verdict.equal, str(verdict)
    assert verdict.max_abs_diff is not None and verdict.max_abs_diff < 1e-4


# Deliberately wrong migrations must be caught.

LSTM_K1 = """
    from keras.layers import LSTM, Dense
    from keras.models import Sequential

    def build():
        return Sequential([LSTM(4, input_shape=(5, 3)), Dense(2)])
    """
LSTM_K2 = """
    from keras.layers import LSTM, Dense
    from keras.models import Sequential

    def build():
        return Sequential([LSTM(4, {kw}input_shape=(5, 3)), Dense(2)])
    """

CONV_K1 = """
    from keras.layers import Convolution2D, Dense, Flatten
    from keras.models import Sequential

    def build():
        return Sequential([Convolution2D(8, 3, 3, input_shape=(10, 10, 1)), Flatten(), Dense(2)])
    """
CONV_K2 = """
    from keras.layers import Conv2D, Dense, Flatten
    from keras.models import Sequential

    def build():
        return Sequential([Conv2D(8, {kernel}, input_shape=(10, 10, 1)), Flatten(), Dense(2)])
    """


@equivalence
def test_lstm_twin_with_keras1_gates_is_equivalent(tmp_path):
    right = LSTM_K2.replace("{kw}", "recurrent_activation='hard_sigmoid', ")
    verdict = check_equivalence(dedent(LSTM_K1), dedent(right), workdir=tmp_path)
    assert verdict.equal, str(verdict)


@equivalence
def test_lstm_without_hard_sigmoid_is_caught(tmp_path):
    # Keras 2.15's recurrent_activation defaults to sigmoid, Keras 1's to hard_sigmoid:
    # the structure agrees, only the numbers tell.
    wrong = LSTM_K2.replace("{kw}", "")
    verdict = check_equivalence(dedent(LSTM_K1), dedent(wrong), workdir=tmp_path)
    print(verdict)
    assert not verdict.equal
    assert len(verdict.differences) == 1
    assert re.fullmatch(
        r"output 0: [1-6] of 6 values differ \(max abs diff .+\)", verdict.differences[0]
    )
    assert verdict.max_abs_diff > 1e-4


@equivalence
def test_conv_twin_with_a_kernel_tuple_is_equivalent(tmp_path):
    right = CONV_K2.replace("{kernel}", "(3, 3)")
    verdict = check_equivalence(dedent(CONV_K1), dedent(right), workdir=tmp_path)
    assert verdict.equal, str(verdict)


@equivalence
def test_conv2d_with_keras1_positional_kernel_is_caught(tmp_path):
    # Conv2D(8, 3, 3) in Keras 2 means kernel 3, strides 3.
    wrong = CONV_K2.replace("{kernel}", "3, 3")
    verdict = check_equivalence(dedent(CONV_K1), dedent(wrong), workdir=tmp_path)
    print(verdict)
    assert verdict.differences == [
        "convolution2d_1 (Convolution2D) -> conv2d (Conv2D): output shape "
        "[None, 8, 8, 8] vs [None, 3, 3, 8]",
        "flatten_1 (Flatten) -> flatten (Flatten): output shape [None, 512] vs [None, 72]",
        "dense_1 (Dense) -> dense (Dense): 1026 vs 146 parameters",
        "total parameters: 1106 vs 226",
        "predictions not compared: dense: converted shapes [[512, 2], [2]] vs [[72, 2], [2]]",
    ]


@equivalence
def test_a_keras2_build_failure_is_reported(tmp_path):
    wrong = LSTM_K2.replace("{kw}", "inner_activation='hard_sigmoid', ")
    verdict = check_equivalence(dedent(LSTM_K1), dedent(wrong), workdir=tmp_path)
    assert verdict.differences == [
        "Keras 2 run failed: TypeError: ('Keyword argument not understood:', 'inner_activation')"
    ]


# Pairing and comparison, on hand-made runner reports.


def _layer(cls, name, shape=(None, 4), params=0, **extra):
    return {"class": cls, "name": name, "output_shape": list(shape), "params": params, **extra}


def test_layers_pair_by_class_in_order_with_merge_modes_and_wrappers():
    k1 = [
        _layer("Convolution2D", "convolution2d_1"),
        _layer("Merge", "merge_1", mode="cos"),
        _layer("Merge", "merge_2", mode="callable"),
        _layer("TimeDistributedDense", "timedistributeddense_1"),
        _layer("Bidirectional", "bidirectional_1", inner=_layer("LSTM", "lstm_1")),
    ]
    k2 = [
        _layer("Bidirectional", "bidirectional", inner=_layer("LSTM", "forward_lstm")),
        _layer("Lambda", "lambda"),
        _layer("Lambda", "lambda_1"),
        _layer("TimeDistributed", "time_distributed", inner=_layer("Dense", "dense")),
        _layer("Conv2D", "conv2d"),
    ]
    # 'cos' prefers Dot; with none it takes the first Lambda, the callable the next one.
    assert pair_layers(k1, k2) == ([(0, 4), (1, 1), (2, 2), (3, 3), (4, 0)], [], [])


def test_named_layers_pair_by_name_and_the_rest_by_order():
    k1 = [_layer("Dense", "dense_1"), _layer("Dense", "left"), _layer("Dense", "dense_3")]
    k2 = [_layer("Dense", "left"), _layer("Dense", "dense"), _layer("Dense", "dense_1")]
    # 'dense_1' is a made-up Keras 1 name and must not pair with Keras 2's 'dense_1'.
    assert pair_layers(k1, k2) == ([(0, 1), (1, 0), (2, 2)], [], [])


def test_parallel_branches_listed_in_another_order_pair_by_shape():
    # Keras 1 expands merged Sequential towers one after the other, Keras 2 by depth.
    k1 = [
        _layer("Dense", "dense_1", (None, 16), 400),
        _layer("Dense", "dense_2", (None, 10), 170),
        _layer("Dense", "dense_3", (None, 16), 400),
        _layer("Dense", "dense_4", (None, 10), 170),
    ]
    k2 = [
        _layer("Dense", "dense", (None, 16), 400),
        _layer("Dense", "dense_2", (None, 16), 400),
        _layer("Dense", "dense_1", (None, 10), 170),
        _layer("Dense", "dense_3", (None, 10), 170),
    ]
    assert pair_layers(k1, k2) == ([(0, 0), (1, 2), (2, 1), (3, 3)], [], [])


def test_unpaired_layers_are_reported():
    k1 = [_layer("Dense", "dense_1"), _layer("Merge", "merge_1", mode="concat")]
    k2 = [_layer("Dense", "dense"), _layer("Add", "add")]
    assert pair_layers(k1, k2) == ([(0, 0)], [1], [1])


def _report(layers, params, outputs=((None, 4),)):
    return {
        "layers": layers,
        "input_shapes": [[None, 3]],
        "output_shapes": [list(s) for s in outputs],
        "params": params,
    }


def test_compare_reports_lists_every_difference():
    k1 = _report(
        [_layer("Dense", "dense_1", params=16), _layer("Merge", "merge_1", mode="sum")], 16
    )
    k2 = _report(
        [_layer("Dense", "dense", (None, 5), params=20), _layer("Concatenate", "concatenate")],
        20,
        outputs=((None, 5),),
    )
    k2["weights_error"] = "the layers do not pair up, so no weights were moved"
    verdict = compare_reports(k1, k2)
    assert verdict.differences == [
        "dense_1 (Dense) -> dense (Dense): output shape [None, 4] vs [None, 5]",
        "dense_1 (Dense) -> dense (Dense): 16 vs 20 parameters",
        "Keras 1 layer merge_1 (Merge, in Keras 2 Add) has no Keras 2 counterpart",
        "Keras 2 layer concatenate (Concatenate) has no Keras 1 counterpart",
        "model output shapes: [[None, 4]] vs [[None, 5]]",
        "total parameters: 16 vs 20",
        "predictions not compared: the layers do not pair up, so no weights were moved",
    ]
    assert not verdict.equal and verdict.max_abs_diff is None


def test_compare_reports_judges_predictions():
    k1 = _report([_layer("Dense", "dense_1", params=16)], 16, outputs=((None, 4), (None, 1)))
    k2 = _report([_layer("Dense", "dense", params=16)], 16, outputs=((None, 4), (None, 1)))
    close = {
        "keras1_shape": [3, 4],
        "keras2_shape": [3, 4],
        "max_abs_diff": 2e-7,
        "mismatched": 0,
        "size": 12,
        "nan": False,
    }
    k2["predictions"] = [close, dict(close, max_abs_diff=0.5, mismatched=2)]
    verdict = compare_reports(k1, k2)
    assert verdict.differences == ["output 1: 2 of 12 values differ (max abs diff 0.5)"]
    assert verdict.max_abs_diff == 0.5
    k2["predictions"] = [close, close]
    assert compare_reports(k1, k2).equal
