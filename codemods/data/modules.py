"""Keras 1 module paths and where their names live in Keras 2 (catalogue §11, modern.md §1)."""

from migrate.names import LAYER_MODULES

# module -> the public module that has its names in keras 2.15
MOVES = {
    **{f"keras.layers.{m}": "keras.layers" for m in LAYER_MODULES},
    "keras.backend.common": "keras.backend",
    "keras.backend.tensorflow_backend": "keras.backend",
    "keras.backend.theano_backend": "keras.backend",
    "keras.layers.merge": "keras.layers",
}
# a Keras 2.0-2.8 module that keras 2.9 made private; not in LAYER_MODULES, where
# `from keras.layers import merge` would read as the module instead of Keras 1's function
KERAS2_MODULES = frozenset({"keras.layers.merge"})

# keras.engine and its submodules: name -> (public module, Keras 2 name) (X-103, I-21, I-22)
ENGINE_MODULES = ("keras.engine", "keras.engine.topology", "keras.engine.training")
ENGINE_NAMES = {
    "Layer": ("keras.layers", "Layer"),
    "InputSpec": ("keras.layers", "InputSpec"),
    "Input": ("keras.layers", "Input"),
    "InputLayer": ("keras.layers", "InputLayer"),
    "Merge": ("keras.layers", "Merge"),
    "merge": ("keras.layers", "merge"),
    "Model": ("keras.models", "Model"),
    "Container": ("keras.models", "Model"),
    "get_source_inputs": ("keras.utils", "get_source_inputs"),
}

# (module, name) imports with no public Keras 2 equivalent; "*" = any other name of the module
MANUAL_NAMES = {
    ("keras.engine.training", "*"): (
        "T-23",
        "Keras 1 training internals are private in Keras 2 (keras.src...); copy the helper "
        "into your project or use the public Model API.",
    ),
    ("keras.layers.recurrent", "time_distributed_dense"): (
        "I-27",
        "The helper is gone from Keras 2: apply a TimeDistributed(Dense(...)) layer instead.",
    ),
    ("keras.layers.recurrent", "Recurrent"): (
        "I-29",
        "Keras 2 has no Recurrent base class: write a cell (call(inputs, states), state_size) "
        "and wrap it in keras.layers.RNN.",
    ),
    ("keras.backend.common", "legacy_weight_ordering"): (
        "I-26",
        "Removed in Keras 2: drop the call; weight ordering is no longer configurable.",
    ),
    ("keras.backend.common", "set_legacy_weight_ordering"): (
        "I-26",
        "Removed in Keras 2: drop the call; weight ordering is no longer configurable.",
    ),
}

# modules of Keras 0.x (or of forks) that neither Keras 1.2.2 nor Keras 2 has: every import
# and call of theirs needs a person (row, what to do)
FOREIGN_MODULES = {
    "keras.layers.extra": (
        "X-25",
        "keras.layers.extra (TimeDistributedConvolution2D, TimeDistributedMaxPooling2D, ...) "
        "came from a Keras 0.x fork; wrap the Keras 2 layer instead: "
        "TimeDistributed(Conv2D(...)), TimeDistributed(MaxPooling2D(...)).",
    ),
}

# whole modules that are gone: module -> (row, what to do)
REMOVED_MODULES = {
    "keras.legacy": ("X-108", "keras.legacy (Highway, MaxoutDense, Merge ...) is gone since 2.4."),
    "keras.legacy.layers": (
        "X-108",
        "keras.legacy (Highway, MaxoutDense, Merge ...) is gone since 2.4.",
    ),
}

# Keras 1 names that the target no longer has: an import of one that the migration leaves unused
# is dropped (it would raise ImportError); one still used after all passes is a manual item
_GONE_SINCE_2_2 = {
    "keras.layers.merge",
    "keras.layers.Merge",
    "keras.layers.TimeDistributedDense",
    "keras.layers.SReLU",
    "keras.layers.ParametricSoftplus",
    "keras.initializations",
    "keras.utils.visualize_util",
}
OBSOLETE = {
    "modern": _GONE_SINCE_2_2
    | {
        "keras.layers.Highway",
        "keras.layers.MaxoutDense",
        "keras.layers.AtrousConvolution1D",
        "keras.layers.AtrousConvolution2D",
        "keras.layers.AtrousConv1D",
        "keras.layers.AtrousConv2D",
        "keras.layers.Deconvolution2D",
        "keras.layers.Deconv2D",
        "keras.layers.Recurrent",
        "keras.layers.ConvRecurrent2D",
        "keras.objectives",
        "keras.utils.np_utils",
        "keras.utils.generic_utils",
        "keras.utils.io_utils",
        "keras.utils.layer_utils",
        "keras.utils.conv_utils",
        "keras.utils.data_utils",
        "keras.utils.test_utils",
        "keras.utils.vis_utils",
        "keras.backend.set_session",
        "keras.backend.get_session",
    },
    "2.2": _GONE_SINCE_2_2,
}

# Keras 1 class names that keras 2.15 still exports as aliases: the import goes once unused
RENAMED_ALIASES = {
    "keras.layers.Convolution1D",
    "keras.layers.Convolution2D",
    "keras.layers.Convolution3D",
    "keras.layers.SeparableConvolution2D",
}
