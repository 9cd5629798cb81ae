"""Tables for the utilities pass (catalogue §9, §11 I-14..I-19, I-28, I-30; modern.md §1, §9, §10).

MOVES: a Keras 1 name that lives on under another name or module. GONE: a Keras 1 name with no
Keras 2 equivalent (a person has to act). CALLS: how to bind and rewrite the arguments of a
call (Keras 1 parameters in order, keyword renames, which leading positionals may stay
positional, the parameter that held a `dim_ordering` value). `when` says which targets a row is
for: every target, the modern one (keras 2.15 / tf-keras), or the Keras 2.0-2.2 targets.
"""

from __future__ import annotations

from typing import NamedTuple

from .signatures import K1_SIGNATURES

ALL = "all"
MODERN = "modern"
OLDER = "2.x"  # the 2.0, 2.1 and 2.2 targets
DROP = "<drop>"


class Move(NamedTuple):
    to: str  # the Keras 2 name
    row: str  # row reported where the name is used
    when: str = ALL
    import_row: str = ""  # row reported at the import, when it differs
    warning: str = ""  # todo text when the rewrite needs a review
    alias: bool = False  # keep the user's local name (import ... as old_name)


class Gone(NamedTuple):
    row: str
    message: str
    todo: str
    when: str = ALL
    import_row: str = ""  # row reported at an import of the name, when it differs


class CallSpec(NamedTuple):
    params: tuple[str, ...]  # Keras 1 parameters in definition order
    row: str = ""  # row of the keyword renames
    keywords: dict[str, str] = {}  # Keras 1 keyword -> Keras 2 keyword (every target)
    keep: int | None = None  # positionals that may stay positional; later ones become keywords
    keep_row: str = ""
    keep_from: tuple[int, int] = (2, 0)  # first target version the keywording applies to
    keep_modern: bool = True  # whether it applies to the modern target too
    ordering: str = ""  # the Keras 1 parameter that held a dim_ordering value
    # keyword -> (new keyword or DROP, first target version, row, row for the modern target)
    since: dict[str, tuple[str, tuple[int, int], str, str]] = {}


_NP = "keras.utils.np_utils"
_VIS = "keras.utils.visualize_util"

MOVES: dict[str, list[Move]] = {
    f"{_VIS}.plot": [
        Move("keras.utils.vis_utils.plot_model", "H-25", OLDER, "I-14"),
        Move("keras.utils.plot_model", "H-25", MODERN, "I-14"),
    ],
    f"{_VIS}.model_to_dot": [
        Move("keras.utils.vis_utils.model_to_dot", "H-26", OLDER, "I-14"),
        Move("keras.utils.model_to_dot", "H-26", MODERN, "I-14"),
    ],
    "keras.utils.layer_utils.layer_from_config": [
        Move("keras.layers.deserialize", "H-27", ALL, "I-17", alias=True)
    ],
    f"{_NP}.convert_kernel": [
        Move(
            "keras.utils.conv_utils.convert_kernel",
            "H-21",
            OLDER,
            "I-15",
            "Keras 2 convert_kernel takes no ordering argument and flips the spatial axes of a "
            "channels-last kernel (rows, cols, in, out); convert channels-first arrays first.",
        )
    ],
    f"{_NP}.conv_output_length": [
        Move("keras.utils.conv_utils.conv_output_length", "H-22", OLDER, "I-15")
    ],
    f"{_NP}.conv_input_length": [
        Move("keras.utils.conv_utils.conv_input_length", "H-23", OLDER, "I-15")
    ],
    # keras.utils.<submodule> paths are private from keras 2.13; the flat names exist in every
    # Keras 2 version
    f"{_NP}.to_categorical": [Move("keras.utils.to_categorical", "X-104", MODERN)],
    **{
        f"keras.utils.vis_utils.{n}": [Move(f"keras.utils.{n}", "X-104", MODERN)]
        for n in ("plot_model", "model_to_dot")
    },
    f"{_NP}.normalize": [Move("keras.utils.normalize", "X-104", MODERN)],
    "keras.utils.data_utils.get_file": [Move("keras.utils.get_file", "X-104", MODERN)],
    **{
        f"keras.utils.generic_utils.{n}": [Move(f"keras.utils.{n}", "X-104", MODERN)]
        for n in ("Progbar", "CustomObjectScope", "custom_object_scope", "get_custom_objects")
    },
}

MODULES: dict[str, Move] = {}  # no module of this pass moves as a whole
# keras.utils submodules that keras 2.13+ no longer has
VANISHED_MODULES = frozenset(
    f"keras.utils.{m}"
    for m in (
        "np_utils",
        "generic_utils",
        "data_utils",
        "visualize_util",
        "vis_utils",
        "layer_utils",
        "io_utils",
        "conv_utils",
        "test_utils",
    )
)

_NO_PUBLIC = "keras 2.13 and later have no public equivalent"
_SKLEARN_TODO = (
    "keras.wrappers was removed in keras 2.13: install scikeras (a 0.12 release for Keras 2), "
    "`from scikeras.wrappers import KerasClassifier`, rename build_fn= to model=, pass "
    "arguments of the build function as model__<name>=...; epochs and batch_size stay as they are."
)
GONE: dict[str, Gone] = {
    **{
        f"{_NP}.{n}": Gone(
            "H-20",
            f"np_utils.{n} was removed in Keras 2",
            "Use numpy (np.mean(p == y)) or sklearn.metrics (accuracy_score, log_loss).",
            import_row="I-16",
        )
        for n in ("accuracy", "binary_logloss", "multiclass_logloss")
    },
    "keras.utils.generic_utils.get_from_module": Gone(
        "H-30",
        "generic_utils.get_from_module was removed in Keras 2",
        "Use keras.utils.deserialize_keras_object(identifier, module_objects=..., "
        "custom_objects=..., printable_module_name=...), or the get() of the module concerned.",
        import_row="I-18",
    ),
    f"{_VIS}.to_graph": Gone(
        "I-14",
        "visualize_util.to_graph was renamed model_to_dot before Keras 1.2 and is not in Keras 2",
        "Use keras.utils.model_to_dot(model) (a pydot graph; .create(prog='dot', format='svg')).",
    ),
    "keras.utils.generic_utils.make_tuple": Gone(
        "H-31", "generic_utils.make_tuple was removed in Keras 2", "Use tuple(args)."
    ),
    **{
        f"keras.utils.io_utils.{n}": Gone(
            "H-32",
            f"io_utils.{n} was removed in Keras 2",
            "Save and load the array with h5py or numpy.save / numpy.load.",
            import_row="I-19",
        )
        for n in ("save_array", "load_array")
    },
    "keras.utils.layer_utils.print_summary": Gone(
        "H-28",
        "layer_utils.print_summary(layers, ...) takes a model in Keras 2",
        "Call model.summary(line_length=..., positions=...) instead.",
    ),
    "keras.utils.layer_utils.count_total_params": Gone(
        "H-29",
        "layer_utils.count_total_params is gone after keras 2.0.0",
        "Use model.count_params(), or sum(K.count_params(w) for w in model.trainable_weights).",
    ),
    "keras.applications.music_tagger_crnn": Gone(
        "H-37",
        "keras.applications.music_tagger_crnn was removed in Keras 2",
        "Keep a copy of the Keras 1 model code, or use another audio model.",
        import_row="I-28",
    ),
    "keras.applications.audio_conv_utils": Gone(
        "H-37",
        "keras.applications.audio_conv_utils was removed in Keras 2",
        "Compute the mel-spectrograms with librosa directly.",
        import_row="I-28",
    ),
    **{
        f"{_NP}.{n}": Gone(
            "X-231",
            f"np_utils.{n}: {_NO_PUBLIC}",
            "Inline it: a kernel flip is k[::-1, ::-1, :, :] (copied) for a 2-D channels-last "
            "kernel; an output length is the usual padding arithmetic.",
            MODERN,
        )
        for n in ("convert_kernel", "conv_output_length", "conv_input_length")
    },
    "keras.utils.data_utils.validate_file": Gone(
        "X-231",
        f"data_utils.validate_file: {_NO_PUBLIC}",
        "Pass file_hash= to keras.utils.get_file, or compare hashlib digests yourself.",
        MODERN,
    ),
    "keras.utils.test_utils.get_test_data": Gone(
        "X-231",
        f"test_utils.get_test_data: {_NO_PUBLIC}",
        "Generate the arrays with numpy.",
        MODERN,
    ),
    "keras.utils.io_utils.HDF5Matrix": Gone(
        "X-231",
        f"io_utils.HDF5Matrix: {_NO_PUBLIC}",
        "Read the arrays with h5py, or feed them through a keras.utils.Sequence.",
        MODERN,
    ),
    "keras.utils.layer_utils.convert_all_kernels_in_model": Gone(
        "X-231",
        f"layer_utils.convert_all_kernels_in_model: {_NO_PUBLIC}",
        "Flip the kernels with numpy (see convert_kernel) and set_weights.",
        MODERN,
    ),
    "keras.applications.inception_v3.conv2d_bn": Gone(
        "H-39",
        f"inception_v3.conv2d_bn: {_NO_PUBLIC}",
        "Copy the helper: Conv2D(filters, (num_row, num_col), strides=..., padding=..., "
        "use_bias=False) -> BatchNormalization(scale=False) -> Activation('relu').",
        MODERN,
    ),
    **{
        f"keras.wrappers.scikit_learn.{n}": Gone(
            "X-110",
            f"{n} (keras.wrappers.scikit_learn) does not exist in keras 2.13+",
            _SKLEARN_TODO,
            MODERN,
        )
        for n in ("KerasClassifier", "KerasRegressor")
    },
}
# weight URL constants of the Keras 1 applications modules (H-38)
WEIGHT_CONSTANTS = frozenset(
    {"TH_WEIGHTS_PATH", "TF_WEIGHTS_PATH", "TH_WEIGHTS_PATH_NO_TOP", "TF_WEIGHTS_PATH_NO_TOP"}
)
# names rewritten at their call sites into plain numpy: imports of them go once unused
NUMPY_CALLS = {f"{_NP}.probas_to_classes": "H-18", f"{_NP}.categorical_probas_to_classes": "H-19"}

_ORDERING = {"dim_ordering": "data_format"}
_APPS = ("VGG16", "VGG19", "ResNet50", "InceptionV3", "Xception")
_IMG = "keras.preprocessing.image"

CALLS: dict[str, CallSpec] = {
    "keras.callbacks.TensorBoard": CallSpec(
        K1_SIGNATURES["keras.callbacks.TensorBoard"], keep=2, keep_row="H-03", keep_modern=False
    ),
    "keras.callbacks.ReduceLROnPlateau": CallSpec(
        K1_SIGNATURES["keras.callbacks.ReduceLROnPlateau"],
        since={"epsilon": ("min_delta", (2, 2), "H-04", "H-04")},
    ),
    "keras.callbacks.ModelCheckpoint": CallSpec(
        K1_SIGNATURES["keras.callbacks.ModelCheckpoint"], keep=1, keep_row="X-223", keep_from=(2, 4)
    ),
    **{
        f"keras.wrappers.scikit_learn.{n}": CallSpec(("build_fn",), "H-06", {"nb_epoch": "epochs"})
        for n in ("KerasClassifier", "KerasRegressor")
    },
    f"{_IMG}.ImageDataGenerator": CallSpec(
        K1_SIGNATURES[f"{_IMG}.ImageDataGenerator"],
        "H-08",
        _ORDERING,
        keep=5,
        keep_row="H-12",
        ordering="dim_ordering",
    ),
    f"{_IMG}.ImageDataGenerator.flow": CallSpec(
        K1_SIGNATURES[f"{_IMG}.ImageDataGenerator.flow"],
        "H-09",
        {"X": "x"},
        keep=4,
        keep_row="X-234",
        keep_from=(2, 2),
    ),
    f"{_IMG}.NumpyArrayIterator": CallSpec(
        K1_SIGNATURES[f"{_IMG}.NumpyArrayIterator"],
        "H-10",
        _ORDERING,
        keep=5,
        keep_row="H-10",
        ordering="dim_ordering",
    ),
    f"{_IMG}.DirectoryIterator": CallSpec(
        K1_SIGNATURES[f"{_IMG}.DirectoryIterator"],
        "H-10",
        _ORDERING,
        keep=4,
        keep_row="H-10",
        ordering="dim_ordering",
    ),
    f"{_IMG}.img_to_array": CallSpec(
        K1_SIGNATURES[f"{_IMG}.img_to_array"], "H-11", _ORDERING, ordering="dim_ordering"
    ),
    f"{_IMG}.array_to_img": CallSpec(
        K1_SIGNATURES[f"{_IMG}.array_to_img"], "H-11", _ORDERING, ordering="dim_ordering"
    ),
    f"{_IMG}.load_img": CallSpec(
        K1_SIGNATURES[f"{_IMG}.load_img"], keep=1, keep_row="X-235", keep_from=(2, 2)
    ),
    "keras.preprocessing.text.Tokenizer": CallSpec(
        K1_SIGNATURES["keras.preprocessing.text.Tokenizer"], "H-13", {"nb_words": "num_words"}
    ),
    **{
        f"keras.datasets.{d}.load_data": CallSpec(
            K1_SIGNATURES[f"keras.datasets.{d}.load_data"], "H-14", {"nb_words": "num_words"}
        )
        for d in ("imdb", "reuters")
    },
    "keras.datasets.mnist.load_data": CallSpec(("path",)),
    "keras.datasets.imdb.get_word_index": CallSpec(("path",)),
    "keras.datasets.reuters.get_word_index": CallSpec(("path",)),
    f"{_NP}.to_categorical": CallSpec(
        K1_SIGNATURES[f"{_NP}.to_categorical"], "H-17", {"nb_classes": "num_classes"}
    ),
    f"{_NP}.normalize": CallSpec(K1_SIGNATURES[f"{_NP}.normalize"], "H-24", {"a": "x"}),
    f"{_NP}.convert_kernel": CallSpec(K1_SIGNATURES[f"{_NP}.convert_kernel"]),
    f"{_NP}.conv_output_length": CallSpec(
        K1_SIGNATURES[f"{_NP}.conv_output_length"], "H-22", {"border_mode": "padding"}
    ),
    f"{_NP}.conv_input_length": CallSpec(
        K1_SIGNATURES[f"{_NP}.conv_input_length"], "H-23", {"border_mode": "padding"}
    ),
    "keras.utils.data_utils.get_file": CallSpec(
        K1_SIGNATURES["keras.utils.data_utils.get_file"], keep=4, keep_row="H-34"
    ),
    "keras.utils.data_utils.validate_file": CallSpec(
        ("fpath", "md5_hash"), since={"md5_hash": ("file_hash", (2, 1), "H-34", "H-34")}
    ),
    "keras.utils.test_utils.get_test_data": CallSpec(
        (
            "nb_train",
            "nb_test",
            "input_shape",
            "output_shape",
            "classification",
            "nb_class",
        ),
        "H-33",
        {"nb_train": "num_train", "nb_test": "num_test", "nb_class": "num_classes"},
    ),
    f"{_VIS}.plot": CallSpec(
        K1_SIGNATURES[f"{_VIS}.plot"], keep=3, keep_row="X-230", keep_from=(2, 4)
    ),
    f"{_VIS}.model_to_dot": CallSpec(
        ("model", "show_shapes", "show_layer_names"), keep=2, keep_row="X-230", keep_from=(2, 4)
    ),
    # the same functions under their Keras 2.0-2.12 module
    "keras.utils.vis_utils.plot_model": CallSpec(
        K1_SIGNATURES[f"{_VIS}.plot"], keep=3, keep_row="X-230", keep_from=(2, 4)
    ),
    "keras.utils.vis_utils.model_to_dot": CallSpec(
        ("model", "show_shapes", "show_layer_names"), keep=2, keep_row="X-230", keep_from=(2, 4)
    ),
    "keras.applications.imagenet_utils.preprocess_input": CallSpec(
        ("x", "dim_ordering"), "H-35", _ORDERING, ordering="dim_ordering"
    ),
    **{
        f"keras.applications.{a}": CallSpec(
            K1_SIGNATURES[f"keras.applications.{a}"], keep=4, keep_row="H-36"
        )
        for a in _APPS
    },
    "keras.applications.inception_v3.conv2d_bn": CallSpec(
        ("x", "nb_filter", "nb_row", "nb_col", "border_mode", "subsample", "name"),
        "H-39",
        {
            "nb_filter": "filters",
            "nb_row": "num_row",
            "nb_col": "num_col",
            "border_mode": "padding",
            "subsample": "strides",
        },
    ),
    "keras.utils.generic_utils.Progbar.update": CallSpec(
        ("current", "values", "force"), since={"force": (DROP, (2, 1), "H-40", "X-232")}
    ),
}
APPLICATIONS = frozenset(_APPS)

# the Keras 1 values of a dim_ordering argument (catalogue V-37)
ORDERINGS = {"th": "channels_first", "tf": "channels_last"}

# datasets whose Keras 1 default file (a pickle) Keras 2 cannot read (H-15, H-16)
PICKLED_PATHS = {
    "keras.datasets.imdb.load_data": "H-15",
    "keras.datasets.reuters.load_data": "H-15",
    "keras.datasets.mnist.load_data": "H-15",
    "keras.datasets.imdb.get_word_index": "H-16",
    "keras.datasets.reuters.get_word_index": "H-16",
}

# Keras 1 callback params keys (catalogue H-01, H-02; modern.md X-220)
PARAMS_KEYS = {"nb_epoch": "epochs"}
PARAMS_GONE_MODERN = frozenset({"batch_size", "do_validation", "metrics"})
BATCH_METHODS = frozenset({"on_batch_begin", "on_batch_end"})
