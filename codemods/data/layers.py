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


class Helper(NamedTuple):
    """A layer class the layers pass writes into a file: the Keras layer it extends, and its
    code with {name}, {Layer} (the base) and the modules it uses as placeholders."""

    base: str
    text: str


# Keras 1 BatchNormalization(mode=2) normalised with the batch's statistics at test time too;
# a layer that is not called directly (Sequential.add), or whose mode is only known when the
# code runs, gets it from this subclass (V-11, V-13)
MODE_CLASS = Helper(
    "BatchNormalization",
    '''
class {name}({Layer}):
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
''',
)

# Keras 1 Embedding(dropout=p) dropped whole rows of the embedding matrix (word types) in
# training, one draw per batch; Keras 2 has no such layer (SpatialDropout1D drops channels)
EMBEDDING_CLASS = Helper(
    "Embedding",
    '''
class {name}({Layer}):
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
''',
)

# Keras 1 Highway and MaxoutDense are gone since keras 2.4: the file gets a
# layer that takes the same arguments, holds the same weights in the same order and computes
# the same function. The two share their Keras 1 arguments; @...@ marks the parts that differ.
_K1_DENSE = '''
class {name}({Layer}):
    """@DOC@"""

    def __init__(
        self, @PARAMS@init="glorot_uniform", @ACTIVATION@weights=None,
        W_regularizer=None, b_regularizer=None, activity_regularizer=None, W_constraint=None,
        b_constraint=None, bias=True, input_dim=None, **kwargs
    ):
        if input_dim:
            kwargs["input_shape"] = (input_dim,)
        kwargs.pop("transform_bias", None)  # Keras 1 ignored it too
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)@OWN@
        self.init = {initializers}.get(init)
        self.W_regularizer = {regularizers}.get(W_regularizer)
        self.b_regularizer = {regularizers}.get(b_regularizer)
        self.W_constraint = {constraints}.get(W_constraint)
        self.b_constraint = {constraints}.get(b_constraint)
        self.bias = bias
        self.initial_weights = weights

    def weight(self, name, shape, initializer, regularized=True):
        return self.add_weight(
            name=name,
            shape=shape,
            initializer=initializer,
            regularizer=getattr(self, name + "_regularizer") if regularized else None,
            constraint=getattr(self, name + "_constraint") if regularized else None,
        )

    def get_config(self):
        config = {{
            "init": {initializers}.serialize(self.init),
            "W_regularizer": {regularizers}.serialize(self.W_regularizer),
            "b_regularizer": {regularizers}.serialize(self.b_regularizer),
            "W_constraint": {constraints}.serialize(self.W_constraint),
            "b_constraint": {constraints}.serialize(self.b_constraint),
            "bias": self.bias,@CONFIG@
        }}
        return {{**super().get_config(), **config}}
@BODY@'''

_HIGHWAY_BODY = '''
    def build(self, input_shape):
        dim = input_shape[-1]
        self.W = self.weight("W", (dim, dim), self.init)
        self.W_carry = self.weight("W_carry", (dim, dim), self.init, regularized=False)
        if self.bias:
            self.b = self.weight("b", (dim,), "zeros")
            self.b_carry = self.weight("b_carry", (dim,), "ones", regularized=False)
        if self.initial_weights is not None:
            self.set_weights(self.initial_weights)
        super().build(input_shape)

    def call(self, inputs):
        gate = {K}.dot(inputs, self.W_carry)
        outputs = {K}.dot(inputs, self.W)
        if self.bias:
            gate, outputs = gate + self.b_carry, outputs + self.b
        gate = {K}.sigmoid(gate)
        return self.activation(outputs) * gate + (1 - gate) * inputs
'''

_MAXOUT_BODY = '''
    def build(self, input_shape):
        shape = (self.nb_feature, input_shape[-1], self.output_dim)
        self.W = self.weight("W", shape, self.init)
        if self.bias:
            self.b = self.weight("b", (self.nb_feature, self.output_dim), "zeros")
        if self.initial_weights is not None:
            self.set_weights(self.initial_weights)
        super().build(input_shape)

    def call(self, inputs):
        outputs = {K}.dot(inputs, self.W)
        if self.bias:
            outputs = outputs + self.b
        return {K}.max(outputs, axis=1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.output_dim)
'''


def _k1_dense(**parts: str) -> str:
    text = _K1_DENSE
    for marker, value in parts.items():
        text = text.replace(f"@{marker}@", value)
    return text


HIGHWAY_CLASS = Helper("Layer", _k1_dense(
    DOC="Keras 1 Highway: y = t * activation(x W + b) + (1 - t) * x, with the transform gate\n"
    "    t = sigmoid(x W_carry + b_carry) and b_carry starting at ones.",
    PARAMS="",
    ACTIVATION="activation=None, ",
    OWN="\n        self.activation = {activations}.get(activation)",
    CONFIG='\n            "activation": {activations}.serialize(self.activation),',
    BODY=_HIGHWAY_BODY,
))
MAXOUT_DENSE_CLASS = Helper("Layer", _k1_dense(
    DOC="Keras 1 MaxoutDense: the maximum over nb_feature affine maps of the input.",
    PARAMS="output_dim, nb_feature=4, ",
    ACTIVATION="",
    OWN="\n        self.output_dim, self.nb_feature = output_dim, nb_feature",
    CONFIG='\n            "output_dim": self.output_dim,\n            "nb_feature": self.nb_feature,',
    BODY=_MAXOUT_BODY,
))
