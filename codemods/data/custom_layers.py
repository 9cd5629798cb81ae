"""Tables for the custom-layer pass (catalogue §13, modern.md §3 X-138 and §8).

LAYER_NAMES maps the prefix of a Keras 1.2.2 auto-generated layer name (the class name
lowercased: `convolution2d_1`) to the prefix Keras 2 gives the same layer: the Keras 2 class
name in snake_case, as computed by keras 2.0-2.2 (`_to_snake_case`, regex `[a-z0-9]+`) and by
keras 2.15 (`to_snake_case`, regex `[a-z]+`; they differ only for ConvLSTM2D). None means the
layer has no Keras 2 name to map to: a removed class, a Merge (its name depends on the mode), or
a class whose Keras 2 counter it shares with another (AtrousConvolution2D -> Conv2D). Checked by
creating each layer under Keras 1.2.2 and keras 2.15.0. Keras 1 counters start at 1
(`dense_1`); keras 2.15 counters start at 0 and the first name has no number (`dense`, then
`dense_1`), except `input_N`, which both count from 1.
"""

from __future__ import annotations

# Keras 1 prefix -> (keras 2.0-2.2 prefix, keras 2.15 prefix)
LAYER_NAMES: dict[str, tuple[str | None, str | None]] = {
    "activation": ("activation", "activation"),
    "activityregularization": ("activity_regularization", "activity_regularization"),
    "averagepooling1d": ("average_pooling1d", "average_pooling1d"),
    "averagepooling2d": ("average_pooling2d", "average_pooling2d"),
    "averagepooling3d": ("average_pooling3d", "average_pooling3d"),
    "batchnormalization": ("batch_normalization", "batch_normalization"),
    "bidirectional": ("bidirectional", "bidirectional"),
    "convolution1d": ("conv1d", "conv1d"),
    "convolution2d": ("conv2d", "conv2d"),
    "convolution3d": ("conv3d", "conv3d"),
    "convlstm2d": ("conv_lst_m2d", "conv_lstm2d"),
    "cropping1d": ("cropping1d", "cropping1d"),
    "cropping2d": ("cropping2d", "cropping2d"),
    "cropping3d": ("cropping3d", "cropping3d"),
    "deconvolution2d": ("conv2d_transpose", "conv2d_transpose"),
    "dense": ("dense", "dense"),
    "dropout": ("dropout", "dropout"),
    "elu": ("elu", "elu"),
    "embedding": ("embedding", "embedding"),
    "flatten": ("flatten", "flatten"),
    "gaussiandropout": ("gaussian_dropout", "gaussian_dropout"),
    "gaussiannoise": ("gaussian_noise", "gaussian_noise"),
    "globalaveragepooling1d": ("global_average_pooling1d", "global_average_pooling1d"),
    "globalaveragepooling2d": ("global_average_pooling2d", "global_average_pooling2d"),
    "globalaveragepooling3d": ("global_average_pooling3d", "global_average_pooling3d"),
    "globalmaxpooling1d": ("global_max_pooling1d", "global_max_pooling1d"),
    "globalmaxpooling2d": ("global_max_pooling2d", "global_max_pooling2d"),
    "globalmaxpooling3d": ("global_max_pooling3d", "global_max_pooling3d"),
    "gru": ("gru", "gru"),
    "highway": ("highway", None),
    "lambda": ("lambda", "lambda"),
    "leakyrelu": ("leaky_re_lu", "leaky_re_lu"),
    "locallyconnected1d": ("locally_connected1d", "locally_connected1d"),
    "locallyconnected2d": ("locally_connected2d", "locally_connected2d"),
    "lstm": ("lstm", "lstm"),
    "masking": ("masking", "masking"),
    "maxoutdense": ("maxout_dense", None),
    "maxpooling1d": ("max_pooling1d", "max_pooling1d"),
    "maxpooling2d": ("max_pooling2d", "max_pooling2d"),
    "maxpooling3d": ("max_pooling3d", "max_pooling3d"),
    "permute": ("permute", "permute"),
    "prelu": ("p_re_lu", "p_re_lu"),
    "repeatvector": ("repeat_vector", "repeat_vector"),
    "reshape": ("reshape", "reshape"),
    "separableconvolution2d": ("separable_conv2d", "separable_conv2d"),
    "simplernn": ("simple_rnn", "simple_rnn"),
    "spatialdropout1d": ("spatial_dropout1d", "spatial_dropout1d"),
    "spatialdropout2d": ("spatial_dropout2d", "spatial_dropout2d"),
    "spatialdropout3d": ("spatial_dropout3d", "spatial_dropout3d"),
    "thresholdedrelu": ("thresholded_re_lu", "thresholded_re_lu"),
    "timedistributed": ("time_distributed", "time_distributed"),
    "upsampling1d": ("up_sampling1d", "up_sampling1d"),
    "upsampling2d": ("up_sampling2d", "up_sampling2d"),
    "upsampling3d": ("up_sampling3d", "up_sampling3d"),
    "zeropadding1d": ("zero_padding1d", "zero_padding1d"),
    "zeropadding2d": ("zero_padding2d", "zero_padding2d"),
    "zeropadding3d": ("zero_padding3d", "zero_padding3d"),
    # models: Sequential and Model are named like layers
    "sequential": ("sequential", "sequential"),
    "model": ("model", "model"),
    # no Keras 2 name to map to
    "atrousconvolution1d": (None, None),
    "atrousconvolution2d": (None, None),
    "timedistributeddense": (None, None),
    "merge": (None, None),
    "srelu": (None, None),
    "parametricsoftplus": (None, None),
}

# Keras 1 prefixes whose Keras 2 counter also counts the layers of other Keras 1 classes: when
# the file uses one of those classes, the numbers of this prefix shift in Keras 2.
SHARED_COUNTERS: dict[str, tuple[str, ...]] = {
    "convolution1d": ("AtrousConvolution1D", "AtrousConv1D"),
    "convolution2d": ("AtrousConvolution2D", "AtrousConv2D"),
    "timedistributed": ("TimeDistributedDense",),
    "dense": ("TimeDistributedDense",),  # it becomes TimeDistributed(Dense(...))
}

# Keras 1 initializer functions (keras.initializations.<name>) -> a Keras 2 initializer name
# valid from keras 2.0 to 2.15. The values differ in detail (S-20): orthogonal gain 1.1 -> 1.0,
# glorot_normal/he_normal truncated, and Keras 1 computed the fans of 4-D shapes for 'th'.
K1_INITIALIZERS: dict[str, str] = {
    "uniform": "random_uniform",
    "normal": "random_normal",
    "lecun_uniform": "lecun_uniform",
    "glorot_normal": "glorot_normal",
    "glorot_uniform": "glorot_uniform",
    "he_normal": "he_normal",
    "he_uniform": "he_uniform",
    "orthogonal": "orthogonal",
    "identity": "identity",
    "zero": "zeros",
    "one": "ones",
}

# keras.backend functions that return a variable (tracked as a weight when stored on a layer
# in keras 2.15)
VARIABLE_MAKERS = frozenset(
    {
        "keras.backend.variable",
        "keras.backend.zeros",
        "keras.backend.ones",
        "keras.backend.eye",
        "keras.backend.random_uniform_variable",
        "keras.backend.random_normal_variable",
    }
)

# weight attributes of built-in layers: Keras 1 name -> Keras 2 name (C-13), by Keras 1 class
_KERNEL = {"W": "kernel", "b": "bias"}
WEIGHT_ATTRIBUTES: dict[str, dict[str, str]] = {
    **{
        f"keras.layers.{c}": _KERNEL
        for c in (
            "Dense",
            "Convolution1D",
            "Convolution2D",
            "Convolution3D",
            "Conv1D",
            "Conv2D",
            "Conv3D",
            "AtrousConvolution1D",
            "AtrousConvolution2D",
            "AtrousConv1D",
            "AtrousConv2D",
            "Deconvolution2D",
            "Deconv2D",
            "LocallyConnected1D",
            "LocallyConnected2D",
        )
    },
    "keras.layers.SeparableConvolution2D": {"b": "bias"},
    "keras.layers.SeparableConv2D": {"b": "bias"},
    "keras.layers.Embedding": {"W": "embeddings"},
    "keras.layers.BatchNormalization": {
        "running_mean": "moving_mean",
        "running_std": "moving_variance",  # Keras 1's "std" already held the variance
    },
    "keras.layers.PReLU": {"alphas": "alpha"},
}

# layers whose Keras 1 weight arrays have another layout in Keras 2 (C-13, S-16): recurrent
# gates are concatenated and reordered, Conv1D loses an axis, transposed kernels swap in/out;
# channels-first convolutions are listed apart (only their 'th' form changes)
RELAYOUT_LAYERS = frozenset(
    {
        "keras.layers.LSTM",
        "keras.layers.GRU",
        "keras.layers.ConvLSTM2D",
        "keras.layers.Convolution1D",
        "keras.layers.Conv1D",
        "keras.layers.AtrousConvolution1D",
        "keras.layers.AtrousConv1D",
        "keras.layers.Deconvolution2D",
        "keras.layers.Deconv2D",
    }
)
CHANNELS_FIRST_LAYERS = frozenset(
    {
        "keras.layers.Convolution2D",
        "keras.layers.Conv2D",
        "keras.layers.Convolution3D",
        "keras.layers.Conv3D",
        "keras.layers.AtrousConvolution2D",
        "keras.layers.AtrousConv2D",
        "keras.layers.SeparableConvolution2D",
        "keras.layers.SeparableConv2D",
        "keras.layers.LocallyConnected2D",
    }
)
# Keras 1 per-gate weight attributes of the recurrent layers (no one-to-one Keras 2 name)
RECURRENT_WEIGHTS = frozenset(
    f"{m}_{g}" for m in ("W", "U", "b") for g in ("i", "c", "f", "o", "z", "r", "h")
)
