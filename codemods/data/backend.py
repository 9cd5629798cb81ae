"""Keras 1 backend (`keras.backend`, `K`) functions -> Keras 2, as plain data.

Catalogue §12 (B-rows) and modern.md §7 (X-190..X-200). FUNCTIONS holds the functions whose
Keras 2 form follows from a rename of the function, of keywords, and of `dim_ordering` values;
the backend pass binds each call to its Keras 1.2.2 signature (K1_SIGNATURES) first, so
positional arguments keep their meaning, and keeps positional only what sits at the same
place in the Keras 2 signature (K2_SIGNATURES). The remaining functions need code of their own
(the ordering getter and setter, the crossentropies, batch_normalization, the graph-mode
idioms); their rows and messages are here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Keras 1 dim_ordering value -> Keras 2 data_format value, and back
ORDERING = {"th": "channels_first", "tf": "channels_last"}
ORDERING_BACK = {v: k for k, v in ORDERING.items()}


@dataclass(frozen=True)
class BackendSpec:
    row: str
    to: str = ""  # the Keras 2 function, when it was renamed
    keywords: dict[str, str] = field(default_factory=dict)  # Keras 1 parameter -> Keras 2
    drop: tuple[str, ...] = ()  # Keras 1 parameters Keras 2 has no use for
    ordering: str = ""  # "optional" or "required": takes dim_ordering (-> data_format)
    kernel: str = ""  # "th": kernel layout differs for channels-first; "always": for both
    padding: str = ""  # "pair": p -> (p, p); "pairs": (a, b) -> ((a, a), (b, b))
    pads: tuple[tuple[str, str], ...] = ()  # asymmetric pads joined into one `padding`
    rate: bool = False  # atrous `rate` r -> dilation_rate=(r, r)
    since: tuple[int, int] = (2, 0)  # the first target version that needs the change


_CONV = {"border_mode": "padding", "dim_ordering": "data_format"}
_SHAPES = ("image_shape", "filter_shape")

FUNCTIONS: dict[str, BackendSpec] = {
    "lesser": BackendSpec("B-03", to="less"),
    "lesser_equal": BackendSpec("B-04", to="less_equal"),
    "expand_dims": BackendSpec("B-05", keywords={"dim": "axis"}),
    "random_normal": BackendSpec("B-06", keywords={"std": "stddev"}),
    "random_uniform": BackendSpec("B-07", keywords={"low": "minval", "high": "maxval"}),
    "one_hot": BackendSpec("B-08", keywords={"nb_classes": "num_classes"}),
    "conv1d": BackendSpec(
        "B-09", keywords={"stride": "strides", "border_mode": "padding"}, drop=_SHAPES
    ),
    "conv2d": BackendSpec(
        "B-10",
        keywords={**_CONV, "filter_dilation": "dilation_rate"},
        drop=_SHAPES,
        ordering="optional",
        kernel="th",
    ),
    # the Theano backend's conv3d also took filter_dilation
    "conv3d": BackendSpec(
        "B-11",
        keywords={**_CONV, "filter_dilation": "dilation_rate"},
        drop=("volume_shape", "filter_shape"),
        ordering="optional",
        kernel="th",
    ),
    "deconv2d": BackendSpec(
        "B-12",
        to="conv2d_transpose",
        keywords=_CONV,
        drop=_SHAPES,
        ordering="optional",
        kernel="always",
    ),
    "atrous_conv2d": BackendSpec(
        "B-13",
        to="conv2d",
        keywords={**_CONV, "rate": "dilation_rate"},
        drop=_SHAPES,
        ordering="optional",
        kernel="th",
        rate=True,
    ),
    "separable_conv2d": BackendSpec("B-14", keywords=_CONV, ordering="optional", kernel="th"),
    "pool2d": BackendSpec("B-15", keywords=_CONV, ordering="optional"),
    "pool3d": BackendSpec("B-16", keywords=_CONV, ordering="optional"),
    "spatial_2d_padding": BackendSpec(
        "B-17", keywords={"dim_ordering": "data_format"}, ordering="optional", padding="pairs"
    ),
    "asymmetric_spatial_2d_padding": BackendSpec(
        "B-18",
        to="spatial_2d_padding",
        keywords={"dim_ordering": "data_format"},
        ordering="optional",
        pads=(("top_pad", "bottom_pad"), ("left_pad", "right_pad")),
    ),
    "spatial_3d_padding": BackendSpec(
        "B-19", keywords={"dim_ordering": "data_format"}, ordering="optional", padding="pairs"
    ),
    "temporal_padding": BackendSpec("B-20", padding="pair"),
    "asymmetric_temporal_padding": BackendSpec(
        "B-21", to="temporal_padding", pads=(("left_pad", "right_pad"),)
    ),
    "resize_images": BackendSpec(
        "B-22", keywords={"X": "x", "dim_ordering": "data_format"}, ordering="required"
    ),
    "resize_volumes": BackendSpec(
        "B-23", keywords={"X": "x", "dim_ordering": "data_format"}, ordering="required"
    ),
    # modern targets take it positionally; see the pass
    "batch_get_value": BackendSpec("B-24", keywords={"xs": "ops"}),
    "moving_average_update": BackendSpec("B-25", keywords={"variable": "x"}),
    # not exported from 2.2.5 on; int_shape exists in every version
    "get_variable_shape": BackendSpec("X-191", to="int_shape", since=(2, 2)),
}

# Keras 1.2.2 signatures missing from signatures.K1_SIGNATURES
K1_EXTRA = {"get_variable_shape": ("x",)}

# value rows of the padding and resize conversions (catalogue §4)
PADDING_ROWS = {
    "spatial_2d_padding": "V-27",
    "spatial_3d_padding": "V-28",
    "temporal_padding": "V-29",
}
ORDERING_ROWS = {"resize_images": "V-30", "resize_volumes": "V-30"}

# plain renames that also apply where the function is named without being called
REFERENCE_RENAMES = {
    name: spec
    for name, spec in FUNCTIONS.items()
    if spec.to and not (spec.keywords or spec.drop or spec.ordering or spec.pads)
}

CROSSENTROPIES = (
    "categorical_crossentropy",
    "sparse_categorical_crossentropy",
    "binary_crossentropy",
)

# removed without a replacement: (row, message, what to do)
REMOVED = {
    "legacy_weight_ordering": (
        "B-30",
        "K.legacy_weight_ordering() was removed in Keras 2",
        "Keras 2 always uses the current weight ordering: delete the call and any branch "
        "that depends on it; convert old weight files once with Keras 1.",
    ),
    "set_legacy_weight_ordering": (
        "B-30",
        "K.set_legacy_weight_ordering() was removed in Keras 2",
        "Delete the call; Keras 2 has no legacy weight ordering.",
    ),
    "is_explicit_shape": (
        "B-31",
        "K.is_explicit_shape (Theano backend) was removed in Keras 2",
        "Check the shape yourself: all(d is None or isinstance(d, int) for d in shape).",
    ),
    "tf_major_version": (
        "B-32",
        "K.tf_major_version was removed in Keras 2",
        "Use int(tf.__version__.split('.')[0]).",
    ),
    "tf_minor_version": (
        "B-32",
        "K.tf_minor_version was removed in Keras 2",
        "Use int(tf.__version__.split('.')[1]).",
    ),
}

# modules Keras 1's backend files imported, reachable as K.<name> (keras 2.15's keras.backend
# exports functions only); catalogue B-36 covers the private names around them
BACKEND_MODULES = {
    "tf": "tensorflow",
    "T": "theano.tensor",
    "theano": "theano",
    "pool": "theano.tensor.signal.pool",
    "conv3d2d": "theano.tensor.nnet.conv3d2d",
}

# Keras 1 private settings read as K._NAME: the public getter returns the same value (B-36)
PRIVATE_SETTINGS = {"_BACKEND": "backend", "_EPSILON": "epsilon", "_FLOATX": "floatx"}

# graph-mode idioms that fail or change meaning under eager execution (modern targets, X-193)
GRAPH_MODE = ("gradients", "placeholder", "update", "update_add", "update_sub")
GRAPH_MODE_TODO = (
    "Modern Keras runs eagerly: K.gradients raises, K.function(..., updates=...) raises, "
    "K.placeholder returns a symbolic Keras tensor and K.update* run at once. Either add "
    "`tf.compat.v1.disable_eager_execution()` right after the imports of the entry script "
    "(these Keras 1 idioms then work unchanged, but eager features are off for the whole "
    "program), or port the code to tf.GradientTape and keras.Model."
)
LEARNING_PHASE_TODO = (
    "In eager mode K.learning_phase() is the Python int 0, which K.function rejects. For "
    "inference drop it from the inputs and from every call (f = K.function([inp], [out]); "
    "f([x])); for training-mode outputs use keras.Model(inp, out)(x, training=True); or run "
    "in graph mode with tf.compat.v1.disable_eager_execution()."
)
SESSION_TODO = (
    "Sessions exist only in graph mode (tf.compat.v1.disable_eager_execution()); with "
    "tf-keras they need TF_USE_LEGACY_KERAS=1. If the session only set GPU memory growth "
    "(config.gpu_options.allow_growth = True), replace it with: for gpu in "
    "tf.config.list_physical_devices('GPU'): tf.config.experimental.set_memory_growth(gpu, True)"
)
KERNEL_TODO = {
    "th": "Keras 2 backend convolutions take the kernel as (rows, cols, in, out) for every "
    "data_format; a Keras 1 channels-first kernel was (out, in, rows, cols). Transpose it "
    "(K.permute_dimensions(kernel, (2, 3, 1, 0))) or build it in the Keras 2 layout.",
    "always": "K.conv2d_transpose takes the kernel as (rows, cols, out, in); Keras 1 deconv2d "
    "took (rows, cols, in, out) with 'tf' and (out, in, rows, cols) with 'th'. Permute the "
    "kernel (K.permute_dimensions(kernel, (0, 1, 3, 2)) for a 'tf' kernel).",
}
