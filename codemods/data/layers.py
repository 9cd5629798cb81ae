"""Keras 1 layer classes -> Keras 2: class renames, keyword renames, value maps (catalogue §2-§4).

Each entry: the Keras 2 class, the keyword map (Keras 1 keyword -> (Keras 2 keyword, row)), the
leading Keras 2 parameters that may stay positional (catalogue §5, column "K2 may stay
positional"), the hard cases the pass handles in code (`special`), and whether the layer's
behaviour depends on the image ordering (it gets an explicit `data_format` in a `th` project).
A keyword mapped to DROP is removed; to MANUAL is left for a person.
"""

from __future__ import annotations

from typing import NamedTuple

DROP = "<drop>"
MANUAL = "<manual>"


class LayerSpec(NamedTuple):
    to: str
    keywords: dict[str, tuple[str, str]]
    positional: tuple[str, ...]
    special: tuple[str, ...] = ()
    ordered: bool = False  # has data_format: explicit in a channels-first project
    row: str = ""  # catalogue row of the class rename


WEIGHTS = {
    "init": ("kernel_initializer", "K-01"),
    "W_regularizer": ("kernel_regularizer", "K-02"),
    "b_regularizer": ("bias_regularizer", "K-03"),
    "W_constraint": ("kernel_constraint", "K-04"),
    "b_constraint": ("bias_constraint", "K-05"),
    "bias": ("use_bias", "K-06"),
}
ORDER = {"dim_ordering": ("data_format", "K-09")}
CONV = {
    "nb_filter": ("filters", "K-12"),
    "border_mode": ("padding", "K-10"),
    "subsample": ("strides", "K-11"),
    **ORDER,
    **WEIGHTS,
}
CONV1D = {
    "nb_filter": ("filters", "K-12"),
    "filter_length": ("kernel_size", "K-13"),
    "subsample_length": ("strides", "K-14"),
    "border_mode": ("padding", "K-10"),
    **WEIGHTS,
}
RECURRENT = {
    "output_dim": ("units", "K-23"),
    "inner_init": ("recurrent_initializer", "K-24"),
    "inner_activation": ("recurrent_activation", "K-25"),
    "U_regularizer": ("recurrent_regularizer", "K-26"),
    "dropout_W": ("dropout", "K-27"),
    "dropout_U": ("recurrent_dropout", "K-28"),
    **WEIGHTS,
}
POOL1D = {
    "pool_length": ("pool_size", "K-42"),
    "stride": ("strides", "K-43"),
    "border_mode": ("padding", "K-10"),
}
POOL = {"border_mode": ("padding", "K-10"), **ORDER}
FILTERS = ("filters", "kernel_size")
POOLING = ("pool_size", "strides", "padding")


def _conv2d(to: str, row: str = "", extra=None, special=()) -> LayerSpec:
    return LayerSpec(to, {**CONV, **(extra or {})}, FILTERS, ("kernel2d", *special), True, row)


LAYERS: dict[str, LayerSpec] = {
    "Dense": LayerSpec("Dense", {"output_dim": ("units", "K-59"), **WEIGHTS}, ("units",)),
    "Dropout": LayerSpec("Dropout", {"p": ("rate", "K-46")}, ("rate", "noise_shape", "seed")),
    "SpatialDropout1D": LayerSpec("SpatialDropout1D", {"p": ("rate", "K-47")}, ("rate",)),
    "SpatialDropout2D": LayerSpec(
        "SpatialDropout2D", {"p": ("rate", "K-47"), **ORDER}, ("rate",), ordered=True
    ),
    "SpatialDropout3D": LayerSpec(
        "SpatialDropout3D", {"p": ("rate", "K-47"), **ORDER}, ("rate",), ordered=True
    ),
    "Convolution1D": LayerSpec("Conv1D", CONV1D, FILTERS, ("sequence_input",), row="L-01"),
    "Conv1D": LayerSpec("Conv1D", CONV1D, FILTERS, ("sequence_input",), row="L-10"),
    "AtrousConvolution1D": LayerSpec(
        "Conv1D",
        {**CONV1D, "atrous_rate": ("dilation_rate", "K-16")},
        FILTERS,
        ("sequence_input",),
        row="L-04",
    ),
    "AtrousConv1D": LayerSpec(
        "Conv1D",
        {**CONV1D, "atrous_rate": ("dilation_rate", "K-16")},
        FILTERS,
        ("sequence_input",),
        row="L-06",
    ),
    "LocallyConnected1D": LayerSpec("LocallyConnected1D", CONV1D, FILTERS, ("sequence_input",)),
    "Convolution2D": _conv2d("Conv2D", "L-02"),
    "Conv2D": _conv2d("Conv2D", "L-10"),
    "AtrousConvolution2D": _conv2d("Conv2D", "L-05", {"atrous_rate": ("dilation_rate", "K-16")}),
    "AtrousConv2D": _conv2d("Conv2D", "L-06", {"atrous_rate": ("dilation_rate", "K-16")}),
    "Deconvolution2D": _conv2d("Conv2DTranspose", "L-07", special=("deconv",)),
    "Deconv2D": _conv2d("Conv2DTranspose", "L-08", special=("deconv",)),
    "SeparableConvolution2D": _conv2d(
        "SeparableConv2D",
        "L-09",
        {
            "b_regularizer": ("bias_regularizer", "K-21"),
            "b_constraint": ("bias_constraint", "K-21"),
            "bias": ("use_bias", "K-21"),
        },
        special=("separable_init",),
    ),
    "SeparableConv2D": _conv2d(
        "SeparableConv2D",
        "L-10",
        {
            "b_regularizer": ("bias_regularizer", "K-21"),
            "b_constraint": ("bias_constraint", "K-21"),
            "bias": ("use_bias", "K-21"),
        },
        special=("separable_init",),
    ),
    "LocallyConnected2D": _conv2d("LocallyConnected2D"),
    "Convolution3D": LayerSpec("Conv3D", CONV, FILTERS, ("kernel3d",), True, "L-03"),
    "Conv3D": LayerSpec("Conv3D", CONV, FILTERS, ("kernel3d",), True, "L-10"),
    "ConvLSTM2D": _conv2d(
        "ConvLSTM2D",
        "",
        {k: v for k, v in RECURRENT.items() if k != "output_dim"},
        special=("forget_bias",),
    ),
    "UpSampling1D": LayerSpec("UpSampling1D", {"length": ("size", "K-45")}, ("size",)),
    "UpSampling2D": LayerSpec("UpSampling2D", ORDER, ("size",), ordered=True),
    "UpSampling3D": LayerSpec("UpSampling3D", ORDER, ("size",), ordered=True),
    "ZeroPadding1D": LayerSpec("ZeroPadding1D", {}, ("padding",), ("padding1d",)),
    "ZeroPadding2D": LayerSpec("ZeroPadding2D", ORDER, ("padding",), ("padding2d",), True),
    "ZeroPadding3D": LayerSpec("ZeroPadding3D", ORDER, ("padding",), ordered=True),
    "Cropping1D": LayerSpec("Cropping1D", {}, ("cropping",)),
    "Cropping2D": LayerSpec("Cropping2D", ORDER, ("cropping",), ordered=True),
    "Cropping3D": LayerSpec("Cropping3D", ORDER, ("cropping",), ordered=True),
    "MaxPooling1D": LayerSpec("MaxPooling1D", POOL1D, POOLING),
    "AveragePooling1D": LayerSpec("AveragePooling1D", POOL1D, POOLING),
    "MaxPooling2D": LayerSpec("MaxPooling2D", POOL, POOLING, ordered=True),
    "AveragePooling2D": LayerSpec("AveragePooling2D", POOL, POOLING, ordered=True),
    "MaxPooling3D": LayerSpec("MaxPooling3D", POOL, POOLING, ordered=True),
    "AveragePooling3D": LayerSpec("AveragePooling3D", POOL, POOLING, ordered=True),
    "GlobalMaxPooling2D": LayerSpec("GlobalMaxPooling2D", ORDER, (), ordered=True),
    "GlobalAveragePooling2D": LayerSpec("GlobalAveragePooling2D", ORDER, (), ordered=True),
    "GlobalMaxPooling3D": LayerSpec("GlobalMaxPooling3D", ORDER, (), ordered=True),
    "GlobalAveragePooling3D": LayerSpec("GlobalAveragePooling3D", ORDER, (), ordered=True),
    "SimpleRNN": LayerSpec("SimpleRNN", RECURRENT, ("units",), ("sequence_input", "recurrent")),
    "GRU": LayerSpec("GRU", RECURRENT, ("units",), ("sequence_input", "recurrent")),
    "LSTM": LayerSpec(
        "LSTM", RECURRENT, ("units",), ("sequence_input", "recurrent", "forget_bias")
    ),
    "Embedding": LayerSpec(
        "Embedding",
        {
            "init": ("embeddings_initializer", "K-33"),
            "W_regularizer": ("embeddings_regularizer", "K-34"),
            "W_constraint": ("embeddings_constraint", "K-35"),
            "dropout": (MANUAL, "K-36"),
        },
        ("input_dim", "output_dim"),
        ("embedding_dropout",),
    ),
    "BatchNormalization": LayerSpec(
        "BatchNormalization",
        {"beta_init": ("beta_initializer", "K-38"), "gamma_init": ("gamma_initializer", "K-39")},
        (),
        ("batchnorm_mode",),
    ),
    "GaussianNoise": LayerSpec("GaussianNoise", {"sigma": ("stddev", "K-49")}, ("stddev",)),
    "GaussianDropout": LayerSpec("GaussianDropout", {"p": ("rate", "K-48")}, ("rate",)),
    "PReLU": LayerSpec("PReLU", {"init": ("alpha_initializer", "K-50")}, ("alpha_initializer",)),
    "Lambda": LayerSpec("Lambda", {}, ("function", "output_shape")),
    "InputLayer": LayerSpec("InputLayer", {"input_dtype": ("dtype", "K-57")}, ()),
    "TimeDistributedDense": LayerSpec("TimeDistributed", {}, (), ("time_distributed_dense",)),
    "Highway": LayerSpec("Highway", {}, (), ("legacy",)),
    "MaxoutDense": LayerSpec("MaxoutDense", {}, (), ("legacy",)),
    "SReLU": LayerSpec("SReLU", {}, (), ("removed",)),
    "ParametricSoftplus": LayerSpec("ParametricSoftplus", {}, (), ("removed",)),
}

# every Keras 1 layer keyword that the base Layer accepted and Keras 2 spells differently
BASE_KEYWORDS = {"input_dtype": ("dtype", "K-56")}

# values of Keras 1 keywords, looked up under the Keras 1 keyword (S-35)
VALUES: dict[str, dict[object, object]] = {
    "dim_ordering": {"th": "channels_first", "tf": "channels_last"},
}

# layers whose Keras 1 and Keras 2 class and arguments are the same (never rewritten), and the
# Keras 2 layers a Keras 1 file cannot contain (their presence marks a Keras 2 call)
UNCHANGED = (
    "Masking",
    "Activation",
    "Reshape",
    "Permute",
    "Flatten",
    "RepeatVector",
    "ActivityRegularization",
    "LeakyReLU",
    "ELU",
    "ThresholdedReLU",
    "TimeDistributed",
    "Bidirectional",
    "GlobalMaxPooling1D",
    "GlobalAveragePooling1D",
    "Input",
)

REMOVED_LAYERS = {
    "SReLU": "L-24",
    "ParametricSoftplus": "L-25",
}


# Keras 1 BatchNormalization(mode=2) normalised with the batch's statistics at test time too;
# a layer that is not called directly (Sequential.add), or whose mode is only known when the
# code runs, gets it from this subclass (V-11, V-13)
MODE_CLASS = '''
class {name}({base}):
    """Keras 1 BatchNormalization with its mode: 0 is Keras 2's layer, 2 normalises with the
    batch's statistics at test time too. Mode 1 (per sample) is LayerNormalization's job."""

    def __init__(self, mode=0, **kwargs):
        if mode not in (0, 2):
            raise ValueError(f"BatchNormalization mode={{mode}}: use LayerNormalization")
        super().__init__(**kwargs)
        self.mode = mode

    def call(self, inputs, training=None):
        return super().call(inputs, training=True if self.mode == 2 else training)

    def get_config(self):
        return {{**super().get_config(), "mode": self.mode}}
'''

# Keras 1 Embedding(dropout=p) dropped whole rows of the embedding matrix (word types) in
# training, one draw per batch; Keras 2 has no such layer (SpatialDropout1D drops channels)
EMBEDDING_CLASS = '''
class {name}({base}):
    """Keras 1 Embedding(dropout=p): in training, each row of the embedding matrix (a word
    type) is dropped with probability p, one draw per batch, and the rest scaled by 1 / (1 - p)."""

    def __init__(self, *args, dropout=0.0, **kwargs):
        super().__init__(*args, **kwargs)
        self.dropout = dropout

    def call(self, inputs, training=None):
        outputs = super().call(inputs)
        if not 0.0 < self.dropout < 1.0:
            return outputs
        keep = 1.0 - self.dropout
        rows = {K}.{bernoulli}((self.input_dim,), p=keep) / keep
        dropped = outputs * {K}.expand_dims({K}.gather(rows, {K}.cast(inputs, "int32")))
        return {K}.in_train_phase(dropped, outputs, training=training)

    def get_config(self):
        return {{**super().get_config(), "dropout": self.dropout}}
'''
