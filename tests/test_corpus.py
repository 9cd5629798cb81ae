"""The Keras 1 corpus (tests/corpus) through the engine, measured by tools/keras1_usages.py.

Every file must migrate without a crash, to output that parses, that a second run leaves as
it is, and in which every Keras 1 usage left over has a manual finding on its line. The counter
itself is tested on small sources first.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import sys
import textwrap
from pathlib import Path

import pytest

from migrate import migrate_source

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
FILES = sorted(CORPUS.rglob("*.py"))
IDS = [p.relative_to(CORPUS).as_posix() for p in FILES]

_spec = importlib.util.spec_from_file_location("keras1_usages", ROOT / "tools" / "keras1_usages.py")
usages = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("keras1_usages", usages)  # dataclasses look their module up there
_spec.loader.exec_module(usages)


def whats(code: str, target: str = "2.15") -> list[tuple[int, str]]:
    return [(u.line, u.what) for u in usages.count(textwrap.dedent(code), target)]


# the counter ---------------------------------------------------------------------------------


def test_counts_names_keywords_and_attributes_through_imports():
    code = """\
        from keras.layers import Convolution2D, Dense, merge, Embedding
        from keras.models import Model
        from keras.optimizers import SGD
        import keras.backend as K

        x = Convolution2D(8, 3, 3, border_mode='same')(inp)
        y = merge([x, x], mode='concat', concat_axis=1)
        e = Embedding(100, output_dim=8, dropout=0.2)
        m = Model(input=inp, output=y)
        m.fit(X, Y, nb_epoch=3)
        opt = SGD(lr=0.1, decay=1e-6)
        if K.image_dim_ordering() == 'th':
            z = x._keras_shape
        """
    assert whats(code) == [
        (1, "Convolution2D"),
        (1, "merge"),
        (6, "Convolution2D"),
        (6, "border_mode="),
        (7, "merge"),
        (7, "mode="),
        (7, "concat_axis="),
        (8, "dropout="),
        (9, "input="),
        (9, "output="),
        (10, "nb_epoch="),
        (11, "lr="),
        (11, "decay="),
        (12, "image_dim_ordering"),
        (13, "._keras_shape"),
    ]
    # lr= and decay= are Keras-1-only only where Keras 2.11+ optimizers are the target
    assert (11, "lr=") not in whats(code, target="2.2")


def test_ignores_the_scripts_own_names_and_keywords_valid_in_keras_2():
    code = """\
        from keras.layers import Embedding, Dropout
        from keras.layers import merge as kmerge
        from keras.optimizers.legacy import SGD
        from keras.preprocessing.text import Tokenizer

        def merge(a, b):
            return dict(a, **b)

        def train(model, nb_epoch=3):
            return merge({'mode': 1}, {'nb_epoch': nb_epoch})

        e = Embedding(input_dim=10, output_dim=4)
        d = Dropout(0.5, name='p')
        t = Tokenizer(num_words=10).sequences_to_matrix(s, mode='binary')
        opt = SGD(learning_rate=0.1, decay=1e-6)
        train(None, nb_epoch=2)
        y = kmerge([a, b], mode='sum')
        """
    assert whats(code) == [(2, "merge"), (17, "merge"), (17, "mode=")]
    # a file that never imports Keras has no Keras usage
    assert whats("y = engine.predict_classes(x)\nengine.fit(x, nb_epoch=3)\n") == []


def test_module_aliases_star_imports_and_dotted_names_count_once():
    code = """\
        import keras
        from keras import layers as L
        from keras.layers import *
        from keras.utils import np_utils
        K = keras.backend

        a = keras.layers.convolutional.Convolution2D(8, 3, 3)
        b = L.merge([a, a])
        c = TimeDistributedDense(4)
        d = np_utils.to_categorical(y, nb_classes=3)
        e = K.random_normal((2, 2), std=0.1)
        """
    assert whats(code) == [
        (4, "module keras.utils.np_utils"),
        (7, "Convolution2D"),
        (8, "merge"),
        (9, "TimeDistributedDense"),
        (10, "module keras.utils.np_utils"),
        (10, "nb_classes="),
        (11, "std="),
    ]
    # keras.utils.np_utils is only gone from keras 2.13 on
    assert whats(code, target="2.2")[:1] == [(7, "Convolution2D")]


def test_custom_layer_usages():
    code = """\
        from keras.engine.topology import Layer
        from keras import backend as K

        class Scale(Layer):
            def build(self, input_shape):
                self.W = self.add_weight((input_shape[-1],), 'one', name='W')
                self.trainable_weights = [self.W]

            def get_output_shape_for(self, input_shape):
                return input_shape

        def loss(y_true, y_pred):
            return K.categorical_crossentropy(y_pred, y_true)

        pred = model.predict_classes(x)
        """
    assert whats(code) == [
        (1, "module keras.engine"),
        (6, "add_weight positional"),
        (7, "self.trainable_weights ="),
        (9, "def get_output_shape_for"),
        (13, "K.categorical_crossentropy(output, target)"),
        (15, ".predict_classes()"),
    ]


def test_attributes_a_layer_subclass_inherits_from_keras_1():
    code = """\
        from keras.layers import Convolution1D, Layer

        class Causal(Convolution1D):
            def __init__(self, *args, **kwargs):
                self.causal = True
                super(Causal, self).__init__(*args, **kwargs)

            def shape(self, s):
                return (s[0], s[1] + self.filter_length - 1, self.nb_filter, self.causal)

        class Own(Layer):
            def build(self, s):
                self.output_dim = 3
                return self.output_dim
        """
    assert whats(code) == [
        (1, "Convolution1D"),
        (3, "Convolution1D"),
        (9, "self.filter_length (inherited)"),
        (9, "self.nb_filter (inherited)"),
    ]
    # a manual finding on the class statement covers the usages in its body
    use = usages.count(textwrap.dedent(code))[2]
    assert use.owner == 3
    assert usages.covered_usages([use], {3}, {}) == [(use, True)]


def test_a_class_assigning_the_attribute_itself_does_not_inherit_it():
    code = """\
        from keras.layers import LSTM

        class Attention(LSTM):
            def __init__(self, units, dropout_W=0.0, **kwargs):
                self.dropout_W, self.extra = dropout_W, 1
                self.nb_filter += 1
                super(Attention, self).__init__(units, **kwargs)

            def step(self, x):
                return self.dropout_W + self.nb_filter + self.dropout_U
        """
    assert whats(code)[-1:] == [(10, "self.dropout_U (inherited)")]


def test_a_manual_finding_on_the_def_line_covers_the_function_body():
    code = """\
        from keras.optimizers import Optimizer

        class Eve(Optimizer):
            def get_updates(self, params, constraints, loss):
                self.updates = []
                return self.updates
        """
    (use,) = [u for u in usages.count(textwrap.dedent(code), "2.15") if u.line == 5]
    assert use.function == 4
    assert usages.covered_usages([use], {4}, {}) == [(use, True)]
    assert usages.covered_usages([use], {6}, {}) == [(use, False)]


def test_a_file_importing_only_tensorflow_keras_is_not_keras_1_code():
    tf_keras = "from tensorflow.keras.models import load_model\nm = load_model('m')\nm.predict_classes(x)\n"
    assert usages.count(tf_keras, "2.15") == []
    mixed = "import keras\n" + tf_keras
    assert [u.what for u in usages.count(mixed, "2.15")] == [".predict_classes()"]


def test_python_2_source_is_counted_after_conversion():
    code = """\
        from keras.layers import Convolution2D
        print "building"
        x = Convolution2D(8, 3, 3, border_mode='valid')
        """
    assert whats(code) == [(1, "Convolution2D"), (3, "Convolution2D"), (3, "border_mode=")]


def test_coverage_follows_lines_moved_by_the_migration():
    before = "import x\nkeep = 1\nbad = 2\n"
    after = "import x\n\n\ndef helper():\n    pass\nkeep = 1\nbad = 2\n"
    lines = usages.line_map(before, after)
    assert lines[6] == {2} and lines[7] == {3}
    use = usages.Usage(7, 0, "Highway", 7)
    imp = usages.Usage(1, 0, "Highway", 1, imported=True)
    other = usages.Usage(1, 0, "SReLU", 1, imported=True)
    # a manual finding at input line 3 covers the use now on line 7, and through it the import
    assert usages.covered_usages([use, imp, other], {3}, lines) == [
        (use, True),
        (imp, True),
        (other, False),
    ]
    # a manual finding at the import covers the uses of that name
    assert usages.covered_usages([use, imp], {1}, lines) == [(use, True), (imp, True)]


def test_new_import_shadowed_by_a_local_name_is_reported():
    before = "def f(a, b):\n    dot = merge([a, b], mode='dot', dot_axes=1)\n    return dot\n"
    after = (
        "from keras.layers import dot\n"
        "def f(a, b):\n    dot = dot([a, b], axes=1)\n    return dot\n"
    )
    assert usages.shadowed_imports(before, after) == [{"line": 2, "name": "dot"}]
    aliased = after.replace("import dot", "import dot as keras_dot").replace(
        "= dot(", "= keras_dot("
    )
    assert usages.shadowed_imports(before, aliased) == []
    # a local `dot` the function read before, beside a new `dot` import it does not use
    kept = "from keras.layers import dot\ndef f(a, b):\n    dot = a @ b\n    return dot\n"
    assert usages.shadowed_imports(kept.replace("from keras.layers import dot\n", ""), kept) == []


# the corpus ----------------------------------------------------------------------------------


def test_corpus_size():
    assert len(FILES) >= 30
    py2 = [p for p in FILES if p.parent.name == "py2"]
    assert py2, "the corpus has Python 2 files"
    for p in FILES:
        try:
            ast.parse(p.read_text(encoding="utf-8"))
        except SyntaxError:
            assert p in py2, f"{p.name} is not valid Python 3"
        else:
            assert p not in py2, f"{p.name} under py2/ is valid Python 3"


@functools.cache
def migrated(path: Path):
    text = path.read_text(encoding="utf-8")
    return text, migrate_source(text, path=path.name, image_dim_ordering="tf")


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_migrates_to_parsable_output(path: Path):
    text, result = migrated(path)  # a crash raises here
    assert result.error is None, result.error
    ast.parse(result.after)
    assert result.changed


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_second_run_changes_nothing(path: Path):
    _, result = migrated(path)
    again = migrate_source(result.after, path=path.name, image_dim_ordering="tf")
    assert again.error is None, again.error
    assert again.after == result.after


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_every_remaining_keras1_usage_has_a_manual_finding(path: Path):
    text, result = migrated(path)
    before = usages.count(text)
    after = usages.count(result.after)
    assert before, "every corpus file uses Keras 1"
    assert len(after) < len(before)
    manual = {f.line for f in result.findings if f.kind.value == "manual"}
    lines = usages.line_map(text, result.after)
    silent = [
        f"{path.name}:{u.line}: {u.what}"
        for u, covered in usages.covered_usages(after, manual, lines)
        if not covered
    ]
    assert silent == []


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_no_new_import_is_shadowed_by_a_local_name(path: Path):
    text, result = migrated(path)
    assert usages.shadowed_imports(text, result.after) == []
