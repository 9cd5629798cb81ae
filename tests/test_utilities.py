"""Callbacks, scikit-learn wrapper, preprocessing, datasets, utils, applications (catalogue §9,
I-14..I-19, I-28, I-30; modern.md X-104, X-110, X-220..X-237): exact before and after."""

import pytest

from codemods.utilities import UtilitiesPass
from migrate.passes import builtin_passes
from tests.util import check, check_noop

EXTRA = [] if UtilitiesPass in builtin_passes() else [UtilitiesPass]


def conv(before, after, **options):
    return check(before, after, select=["utilities"], passes=EXTRA, **options)


def noop(before, **options):
    return check_noop(before, select=["utilities"], passes=EXTRA, **options)


# callbacks (S-27: Keras 1 params keys) -------------------------------------------------------------
CALLBACK = """\
from keras.callbacks import Callback


class Progress(Callback):
    def on_train_begin(self, logs={}):
        self.total = self.params['nb_epoch'] * self.params.get('nb_sample')
"""


def test_callback_params_keys_modern():
    findings = conv(
        CALLBACK,
        CALLBACK.replace("'nb_epoch'", "'epochs'").replace("'nb_sample'", "'steps'"),
    )
    assert findings == [("H-01", "rewrite"), ("X-220", "warning")]


@pytest.mark.parametrize("target", ["2.0", "2.2"])
def test_callback_params_keys_older_targets(target):
    findings = conv(
        CALLBACK,
        CALLBACK.replace("'nb_epoch'", "'epochs'").replace("'nb_sample'", "'samples'"),
        target=target,
    )
    assert findings == [("H-01", "rewrite"), ("H-02", "warning")]


def test_callback_subclass_of_a_local_callback_and_other_classes():
    before = """\
    import keras


    class Base(keras.callbacks.Callback):
        pass


    class Child(Base):
        def on_epoch_end(self, epoch, logs=None):
            print(epoch, self.params["nb_epoch"])


    class Config(object):
        def get(self):
            return self.params['nb_epoch']
    """
    findings = conv(before, before.replace('"nb_epoch"', '"epochs"'))
    assert findings == [("H-01", "rewrite")]


def test_callback_modern_only_keys_logs_and_validation_data():
    before = """\
    from keras.callbacks import Callback


    class Meter(Callback):
        def on_train_begin(self, logs=None):
            self.size = self.params['batch_size']

        def on_batch_end(self, batch, logs={}):
            self.seen.append(logs.get('batch'))
            self.n += logs['size']

        def on_epoch_end(self, epoch, logs=None):
            x, y = self.validation_data[0], self.validation_data[1]
    """
    after = before.replace("logs.get('batch')", "batch")
    findings = conv(before, after)
    assert findings == [
        ("X-220", "manual"),
        ("X-221", "warning"),
        ("X-221", "manual"),
        ("X-222", "manual"),
    ]
    assert noop(before, target="2.2") == []


def test_tensorboard_positional_arguments():
    before = "from keras.callbacks import TensorBoard\ntb = TensorBoard('./logs', 1, True, False)\n"
    before += "model.fit(x, y, nb_epoch=1)\n"
    findings = conv(
        before,
        before.replace("1, True, False)", "1, write_graph=True, write_images=False)"),
        target="2.2",
    )
    assert findings == [("H-03", "rewrite")]
    assert noop(before) == []  # keras 2.15 has the Keras 1 order again ("X-224")


def test_reduce_lr_on_plateau_epsilon():
    before = (
        "from keras.callbacks import ReduceLROnPlateau\n"
        "cb = ReduceLROnPlateau(monitor='val_loss', epsilon=1e-4)\n"
    )
    after = before.replace("epsilon=", "min_delta=")
    assert conv(before, after) == [("H-04", "rewrite")]
    assert conv(before, after, target="2.2") == [("H-04", "rewrite")]
    assert noop(before, target="2.1") == []  # min_delta arrived in 2.1.6


def test_model_checkpoint_positional_arguments_modern():
    before = """\
    from keras.callbacks import ModelCheckpoint
    cb = ModelCheckpoint('w.h5', 'val_loss', 1, True, False, 'auto', 2)
    model.fit(x, y, nb_epoch=1)
    """
    findings = conv(
        before,
        """\
        from keras.callbacks import ModelCheckpoint
        cb = ModelCheckpoint('w.h5', monitor='val_loss', verbose=1, save_best_only=True, save_weights_only=False, mode='auto', period=2)
        model.fit(x, y, nb_epoch=1)
        """,
    )
    assert findings == [("X-223", "rewrite")]
    assert noop(before, target="2.2") == []


def test_keras2_callbacks_untouched():
    noop(
        """\
        from keras.callbacks import EarlyStopping, ReduceLROnPlateau, TensorBoard
        cbs = [EarlyStopping(monitor='val_loss', patience=3), ReduceLROnPlateau(min_delta=1e-4),
               TensorBoard(log_dir='./logs', histogram_freq=1, write_graph=True)]
        """
    )


# scikit-learn wrapper (S-26: nb_epoch was silently dropped by the Keras 2 wrapper) ---------------
SKLEARN = """\
from keras.wrappers.scikit_learn import KerasClassifier
from sklearn.model_selection import GridSearchCV

clf = KerasClassifier(build_fn=make_model, nb_epoch=10, batch_size=32)
grid = GridSearchCV(clf, param_grid={'nb_epoch': [5, 10], 'batch_size': [16]})
other = dict(nb_epoch=[1, 2])
best = grid.best_params_['nb_epoch']
clf.fit(x, y, nb_epoch=3)
"""
SKLEARN_AFTER = SKLEARN.replace("nb_epoch", "epochs")


def test_sklearn_wrapper_older_target():
    findings = conv(SKLEARN, SKLEARN_AFTER, target="2.2")
    assert findings == [
        ("H-06", "rewrite"),
        ("H-07", "warning"),
        ("H-07", "warning"),
        ("H-07", "warning"),
        ("H-07", "warning"),
    ]


def test_sklearn_wrapper_modern_is_renamed_and_reported():
    findings = conv(SKLEARN, SKLEARN_AFTER)
    assert findings[0] == ("X-110", "manual")
    assert ("H-06", "rewrite") in findings


# preprocessing -----------------------------------------------------------------------------------
def test_image_data_generator_ordering_and_positions():
    findings = conv(
        """\
        from keras.preprocessing.image import ImageDataGenerator
        gen = ImageDataGenerator(False, False, False, False, False, 10, dim_ordering='th')
        """,
        """\
        from keras.preprocessing.image import ImageDataGenerator
        gen = ImageDataGenerator(False, False, False, False, False, rotation_range=10, data_format='channels_first')
        """,
    )
    assert findings == [("H-08", "rewrite"), ("H-08", "rewrite"), ("H-12", "rewrite")]


@pytest.mark.parametrize(
    ("given", "expected", "order"),
    [
        ("dim_ordering='tf'", "data_format='channels_last'", "tf"),
        ('dim_ordering="th"', 'data_format="channels_first"', "tf"),
        ("dim_ordering='default'", "", "tf"),
        ("dim_ordering='default'", "data_format='channels_first'", "th"),
        ("", "data_format='channels_first'", "th"),
        ("dim_ordering=K.image_dim_ordering()", "data_format=K.image_dim_ordering()", "tf"),
        (
            "dim_ordering=ordering",
            "data_format={'th': 'channels_first', 'tf': 'channels_last'}.get(ordering, ordering)",
            "tf",
        ),
    ],
)
def test_image_data_generator_dim_ordering_values(given, expected, order):
    head = "from keras.preprocessing.image import ImageDataGenerator\nmodel.fit(x, y, nb_epoch=1)\n"
    sep = ", " if given else ""
    sep2 = ", " if expected else ""
    conv(
        f"{head}gen = ImageDataGenerator(rotation_range=10{sep}{given})\n",
        f"{head}gen = ImageDataGenerator(rotation_range=10{sep2}{expected})\n",
        image_dim_ordering=order,
    )


def test_flow_keywords():
    findings = conv(
        """\
        from keras.preprocessing.image import ImageDataGenerator
        gen = ImageDataGenerator(rotation_range=10)
        it = gen.flow(X=x, y=y, batch_size=16)
        it2 = gen.flow(x, y, 16, True, 1, 'out')
        model.fit(x, y, nb_epoch=1)
        """,
        """\
        from keras.preprocessing.image import ImageDataGenerator
        gen = ImageDataGenerator(rotation_range=10)
        it = gen.flow(x=x, y=y, batch_size=16)
        it2 = gen.flow(x, y, 16, True, seed=1, save_to_dir='out')
        model.fit(x, y, nb_epoch=1)
        """,
    )
    assert findings == [("H-09", "rewrite"), ("X-234", "rewrite")]


def test_iterators_and_array_functions():
    findings = conv(
        """\
        from keras.preprocessing.image import NumpyArrayIterator, DirectoryIterator, img_to_array, array_to_img
        a = NumpyArrayIterator(x, y, gen, 32, False, 1, 'th')
        b = DirectoryIterator('d', gen, (64, 64), 'rgb', dim_ordering='tf')
        c = img_to_array(img, 'th')
        d = array_to_img(x, dim_ordering='tf', scale=True)
        """,
        """\
        from keras.preprocessing.image import NumpyArrayIterator, DirectoryIterator, img_to_array, array_to_img
        a = NumpyArrayIterator(x, y, gen, 32, False, seed=1, data_format='channels_first')
        b = DirectoryIterator('d', gen, (64, 64), 'rgb', data_format='channels_last')
        c = img_to_array(img, 'channels_first')
        d = array_to_img(x, data_format='channels_last', scale=True)
        """,
    )
    assert findings == [
        ("H-10", "rewrite"),
        ("H-10", "rewrite"),
        ("H-10", "rewrite"),
        ("H-10", "rewrite"),
        ("H-11", "rewrite"),
        ("H-11", "rewrite"),
        ("H-11", "rewrite"),
    ]


def test_load_img_positional():
    before = "from keras.preprocessing.image import load_img\nimg = load_img(p, True, (64, 64))\nmodel.fit(x, y, nb_epoch=1)\n"
    after = before.replace(
        "load_img(p, True, (64, 64))", "load_img(p, grayscale=True, target_size=(64, 64))"
    )
    assert conv(before, after) == [("X-235", "rewrite")]
    assert noop(before, target="2.1") == []


def test_tokenizer_and_datasets():
    findings = conv(
        """\
        from keras.preprocessing.text import Tokenizer
        from keras.datasets import imdb, reuters, mnist
        tok = Tokenizer(nb_words=1000)
        (x, y), _ = imdb.load_data('imdb_full.pkl', 5000)
        (a, b), _ = reuters.load_data(path='reuters.pkl', nb_words=100, test_split=0.3)
        (c, d), _ = mnist.load_data('mnist.pkl.gz')
        words = imdb.get_word_index(path='imdb_word_index.pkl')
        (e, f), _ = imdb.load_data(path='my.npz')
        """,
        """\
        from keras.preprocessing.text import Tokenizer
        from keras.datasets import imdb, reuters, mnist
        tok = Tokenizer(num_words=1000)
        (x, y), _ = imdb.load_data(num_words=5000)
        (a, b), _ = reuters.load_data(num_words=100, test_split=0.3)
        (c, d), _ = mnist.load_data()
        words = imdb.get_word_index()
        (e, f), _ = imdb.load_data(path='my.npz')
        """,
    )
    assert findings == [
        ("H-13", "rewrite"),
        ("H-14", "rewrite"),
        ("H-15", "warning"),
        ("H-14", "rewrite"),
        ("H-15", "warning"),
        ("H-15", "warning"),
        ("H-16", "warning"),
    ]


# utils -------------------------------------------------------------------------------------------
def test_to_categorical_modern_moves_to_keras_utils():
    findings = conv(
        """\
        from keras.utils import np_utils
        from keras.utils.np_utils import to_categorical
        Y = np_utils.to_categorical(y, nb_classes)
        Z = to_categorical(y, nb_classes=10)
        """,
        """\
        from keras.utils import to_categorical
        Y = to_categorical(y, nb_classes)
        Z = to_categorical(y, num_classes=10)
        """,
    )
    assert findings == [("X-104", "rewrite"), ("X-104", "rewrite"), ("H-17", "rewrite")]


def test_to_categorical_older_targets_keep_np_utils():  # "I-30": the import stays
    findings = conv(
        """\
        from keras.utils import np_utils
        from keras.utils.np_utils import to_categorical
        Y = np_utils.to_categorical(y, nb_classes=3)
        Z = to_categorical(y, 10)
        """,
        """\
        from keras.utils import np_utils
        from keras.utils.np_utils import to_categorical
        Y = np_utils.to_categorical(y, num_classes=3)
        Z = to_categorical(y, 10)
        """,
        target="2.2",
    )
    assert findings == [("H-17", "rewrite")]


def test_import_keras_spelling_stays_dotted():
    findings = conv(
        "import keras\nY = keras.utils.np_utils.to_categorical(y, 3)\nn = keras.utils.np_utils.normalize(a=x)\n",
        "import keras\nY = keras.utils.to_categorical(y, 3)\nn = keras.utils.normalize(x=x)\n",
    )
    assert findings == [("X-104", "rewrite"), ("H-24", "rewrite"), ("X-104", "rewrite")]


def test_import_of_a_utils_submodule_modern():
    findings = conv(
        """\
        import keras
        import keras.utils.np_utils as npu
        import keras.utils.np_utils
        a = npu.to_categorical(y, 3)
        c = keras.utils.np_utils.normalize(x)
        """,
        """\
        import keras
        from keras.utils import to_categorical
        import keras.utils
        a = to_categorical(y, 3)
        c = keras.utils.normalize(x)
        """,
    )
    assert findings == [("X-104", "rewrite")] * 4


def test_probas_to_classes():
    findings = conv(
        """\
        import numpy as np
        from keras.utils.np_utils import probas_to_classes, categorical_probas_to_classes
        c = probas_to_classes(p)
        d = categorical_probas_to_classes(model.predict(x))
        """,
        """\
        import numpy as np
        c = (np.argmax(p, axis=1) if p.ndim > 1 and p.shape[1] > 1 else (p > 0.5).astype(int).ravel())
        d = np.argmax(model.predict(x), axis=1)
        """,
    )
    assert findings == [("H-18", "warning"), ("H-19", "rewrite")]


def test_probas_to_classes_of_an_expression_is_manual():
    before = """\
    import numpy as np
    from keras.utils.np_utils import probas_to_classes
    c = probas_to_classes(model.predict(x))
    """
    assert noop(before) == [("H-18", "manual")]


def test_probas_to_classes_without_numpy_is_manual():
    before = "from keras.utils import np_utils\nc = np_utils.probas_to_classes(p)\n"
    assert noop(before) == [("H-18", "manual")]


@pytest.mark.parametrize(
    ("imports", "use", "row"),
    [
        ("from keras.utils.np_utils import accuracy", "accuracy(p, y)", "I-16"),
        ("from keras.utils.np_utils import binary_logloss", "binary_logloss(p, y)", "I-16"),
        (
            "from keras.utils.layer_utils import print_summary",
            "print_summary(model.layers)",
            "H-28",
        ),
        (
            "from keras.utils.layer_utils import count_total_params",
            "count_total_params(ls)",
            "H-29",
        ),
        (
            "from keras.utils.generic_utils import get_from_module",
            "get_from_module(i, g, 'x')",
            "I-18",
        ),
        ("from keras.utils.generic_utils import make_tuple", "make_tuple(1, 2)", "H-31"),
        ("from keras.utils.io_utils import save_array", "save_array(a, 'f')", "I-19"),
        (
            "from keras.applications.music_tagger_crnn import MusicTaggerCRNN",
            "MusicTaggerCRNN()",
            "I-28",
        ),
        ("from keras.applications.vgg16 import TH_WEIGHTS_PATH", "print(TH_WEIGHTS_PATH)", "H-38"),
        ("from keras.utils.test_utils import get_test_data", "get_test_data(nb_train=10)", "X-231"),
        ("from keras.utils.data_utils import validate_file", "validate_file(p, h)", "X-231"),
        ("from keras.utils.io_utils import HDF5Matrix", "HDF5Matrix(p, 'x')", "X-231"),
        ("from keras.applications.inception_v3 import conv2d_bn", "conv2d_bn(x, 32, 3, 3)", "H-39"),
    ],
)
def test_removed_names_are_reported_at_the_import(imports, use, row):
    assert noop(f"{imports}\ny = {use}\n") == [(row, "manual")]


def test_removed_names_used_through_their_module():
    before = """\
    from keras.utils import np_utils, layer_utils
    a = np_utils.accuracy(p, y)
    layer_utils.print_summary(model.layers)
    """
    assert noop(before) == [("H-20", "manual"), ("H-28", "manual")]


def test_unused_import_of_a_removed_name_goes():
    conv(
        "from keras.utils.np_utils import to_categorical, accuracy\nY = to_categorical(y, 3)\n",
        "from keras.utils.np_utils import to_categorical\nY = to_categorical(y, 3)\n",
        target="2.2",
    )


def test_conv_utils_older_targets():
    findings = conv(
        """\
        from keras.utils.np_utils import convert_kernel, conv_output_length
        k = convert_kernel(w, 'th')
        n = conv_output_length(28, 3, border_mode='same', stride=1)
        """,
        """\
        from keras.utils.conv_utils import convert_kernel, conv_output_length
        k = convert_kernel(w)
        n = conv_output_length(28, 3, padding='same', stride=1)
        """,
        target="2.1",
    )
    assert findings == [
        ("I-15", "rewrite"),
        ("I-15", "warning"),
        ("H-21", "warning"),
        ("H-22", "rewrite"),
    ]


def test_conv_input_length_older_target():
    findings = conv(
        "from keras.utils import np_utils\nn = np_utils.conv_input_length(10, 3, border_mode='same', stride=1)\n",
        "from keras.utils.conv_utils import conv_input_length\nn = conv_input_length(10, 3, padding='same', stride=1)\n",
        target="2.2",
    )
    assert findings == [("H-23", "rewrite"), ("H-23", "rewrite")]


def test_conv_utils_modern_is_manual():
    before = "from keras.utils import np_utils\nk = np_utils.conv_input_length(10, 3, 'same', 1)\n"
    assert noop(before) == [("X-231", "manual")]


def test_plot_modern():
    findings = conv(
        """\
        from keras.utils.visualize_util import plot
        plot(model, 'model.png', True, False)
        """,
        """\
        from keras.utils import plot_model
        plot_model(model, 'model.png', True, show_layer_names=False)
        """,
    )
    assert findings == [("I-14", "rewrite"), ("H-25", "rewrite"), ("X-230", "rewrite")]


def test_plot_and_model_to_dot_older_target():
    findings = conv(
        """\
        from keras.utils import visualize_util
        from keras.utils.visualize_util import model_to_dot
        visualize_util.plot(model, to_file='m.png')
        dot = model_to_dot(model, True, False)
        """,
        """\
        from keras.utils.vis_utils import model_to_dot, plot_model
        plot_model(model, to_file='m.png')
        dot = model_to_dot(model, True, False)
        """,
        target="2.0",
    )
    assert findings == [("I-14", "rewrite"), ("H-25", "rewrite")]


def test_plot_modern_model_to_dot_keywords():
    findings = conv(
        "from keras.utils.visualize_util import model_to_dot as dot\nd = dot(m, True, False)\nm.fit(x, y, nb_epoch=1)\n",
        "from keras.utils import model_to_dot\nd = model_to_dot(m, True, show_layer_names=False)\nm.fit(x, y, nb_epoch=1)\n",
    )
    assert findings == [("I-14", "rewrite"), ("H-26", "rewrite"), ("X-230", "rewrite")]


def test_users_own_plot_is_untouched():
    noop(
        """\
        import keras
        from matplotlib.pyplot import plot

        def to_categorical(y, nb_classes):
            return y

        plot(x, y)
        Y = to_categorical(y, nb_classes=3)
        """
    )


def test_layer_from_config_aliased_at_import():
    findings = conv(
        """\
        from keras.utils.layer_utils import layer_from_config
        from keras.utils import layer_utils
        a = layer_from_config(cfg)
        b = layer_utils.layer_from_config(cfg, custom_objects={})
        """,
        """\
        from keras.layers import deserialize as layer_from_config
        a = layer_from_config(cfg)
        b = layer_from_config(cfg, custom_objects={})
        """,
    )
    assert findings == [("I-17", "rewrite"), ("H-27", "rewrite")]


def test_get_file_and_validate_file():
    findings = conv(
        """\
        from keras.utils.data_utils import get_file, validate_file
        p = get_file('f.h5', url, False, md5, 'models')
        ok = validate_file(p, md5_hash=md5)
        model.fit(x, y, nb_epoch=1)
        """,
        """\
        from keras.utils.data_utils import get_file, validate_file
        p = get_file('f.h5', url, False, md5, cache_subdir='models')
        ok = validate_file(p, file_hash=md5)
        model.fit(x, y, nb_epoch=1)
        """,
        target="2.2",
    )
    assert findings == [("H-34", "rewrite"), ("H-34", "rewrite")]


def test_get_file_modern_moves():
    conv(
        "from keras.utils.data_utils import get_file\np = get_file('f.h5', url, False, md5, 'models')\n"
        "model.fit(x, y, nb_epoch=1)\n",
        "from keras.utils import get_file\np = get_file('f.h5', url, False, md5, cache_subdir='models')\n"
        "model.fit(x, y, nb_epoch=1)\n",
    )


def test_test_utils_and_conv2d_bn_older_targets():
    findings = conv(
        """\
        from keras.utils.test_utils import get_test_data
        from keras.applications.inception_v3 import conv2d_bn
        data = get_test_data(nb_train=10, nb_test=5, nb_class=3)
        y = conv2d_bn(x, nb_filter=32, nb_row=3, nb_col=3, border_mode='valid', subsample=(2, 2))
        """,
        """\
        from keras.utils.test_utils import get_test_data
        from keras.applications.inception_v3 import conv2d_bn
        data = get_test_data(num_train=10, num_test=5, num_classes=3)
        y = conv2d_bn(x, filters=32, num_row=3, num_col=3, padding='valid', strides=(2, 2))
        """,
        target="2.2",
    )
    assert findings == [("H-33", "rewrite")] * 3 + [("H-39", "rewrite")] * 5


def test_progbar_force():
    before = """\
    from keras.utils.generic_utils import Progbar
    bar = Progbar(10)
    bar.update(3, [('loss', 0.1)], True)
    bar.update(4, force=True)
    """
    findings = conv(
        before,
        """\
        from keras.utils import Progbar
        bar = Progbar(10)
        bar.update(3, [('loss', 0.1)])
        bar.update(4)
        """,
    )
    assert findings == [("X-104", "rewrite"), ("X-232", "rewrite"), ("X-232", "rewrite")]
    assert noop(before, target="2.0") == []
    findings = conv(
        before,
        before.replace("], True)", "])").replace("4, force=True", "4"),
        target="2.2",
    )
    assert findings == [("H-40", "rewrite"), ("H-40", "rewrite")]


# applications ------------------------------------------------------------------------------------
def test_applications_classes_keyword_and_preprocess_input():
    findings = conv(
        """\
        from keras.applications.vgg16 import VGG16, preprocess_input
        from keras.applications import ResNet50
        m = VGG16(True, None, None, (224, 224, 3), 10)
        r = ResNet50(False, 'imagenet', None, None, classes=5)
        x = preprocess_input(x, dim_ordering='tf')
        """,
        """\
        from keras.applications.vgg16 import VGG16, preprocess_input
        from keras.applications import ResNet50
        m = VGG16(True, None, None, (224, 224, 3), classes=10)
        r = ResNet50(False, 'imagenet', None, None, classes=5)
        x = preprocess_input(x, data_format='channels_last')
        """,
    )
    assert findings == [("H-36", "rewrite"), ("H-35", "rewrite"), ("H-35", "rewrite")]


def test_keras2_utilities_untouched():
    noop(
        """\
        from keras.utils import to_categorical, plot_model
        from keras.preprocessing.image import ImageDataGenerator
        from keras.preprocessing.text import Tokenizer
        from keras.datasets import imdb
        Y = to_categorical(y, num_classes=10)
        plot_model(model, to_file='m.png', show_shapes=True)
        gen = ImageDataGenerator(rotation_range=10, data_format='channels_last')
        tok = Tokenizer(num_words=100)
        (x, y), _ = imdb.load_data(num_words=100)
        """
    )


def test_keras2_vis_utils_modern():
    # keras 2.15 has no keras.utils.vis_utils; the names are on keras.utils, and
    # show_dtype now sits before show_layer_names
    findings = conv(
        """\
        from keras.utils.vis_utils import plot_model, model_to_dot
        plot_model(model, 'model.png', True, False)
        model.fit(x, y, nb_epoch=1)
        """,
        """\
        from keras.utils import plot_model, model_to_dot
        plot_model(model, 'model.png', True, show_layer_names=False)
        model.fit(x, y, nb_epoch=1)
        """,
    )
    assert ("X-104", "rewrite") in findings


def test_to_graph_is_manual():
    before = "from keras.utils.visualize_util import to_graph\ng = to_graph(model)\n"
    assert noop(before) == [("I-14", "manual")]
