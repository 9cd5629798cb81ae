"""Structure of the signature tables, and spot checks against catalogue section 5."""

import ast
import keyword
from pathlib import Path

import pytest

from codemods.data import signatures
from codemods.data.signatures import (
    K1_INHERITED_KWARGS,
    K1_LAYER_KWARGS,
    K1_SIGNATURES,
    K1_VAR_KEYWORDS,
    K2_SIGNATURES,
    K2_VAR_KEYWORDS,
)

TABLES = {
    "K1_SIGNATURES": K1_SIGNATURES,
    "K1_INHERITED_KWARGS": K1_INHERITED_KWARGS,
    "K2_SIGNATURES": K2_SIGNATURES,
}


def _is_literal(node: ast.expr) -> bool:
    # frozenset({...}) is the one call allowed; everything else must be a plain literal
    if isinstance(node, ast.Call):
        return (
            isinstance(node.func, ast.Name)
            and node.func.id == "frozenset"
            and len(node.args) == 1
            and not node.keywords
            and isinstance(node.args[0], ast.Set)
            and _is_literal(node.args[0])
        )
    try:
        ast.literal_eval(node)
    except ValueError:
        return False
    return True


def test_module_holds_only_annotated_literal_data():
    tree = ast.parse(Path(signatures.__file__).read_text())
    doc, *rest = tree.body
    assert isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant)
    names = []
    for stmt in rest:
        assert isinstance(stmt, ast.AnnAssign), ast.dump(stmt)[:80]
        assert _is_literal(stmt.value), stmt.target.id
        names.append(stmt.target.id)
    assert names == [
        "K1_SIGNATURES",
        "K1_VAR_KEYWORDS",
        "K1_LAYER_KWARGS",
        "K1_INHERITED_KWARGS",
        "K2_SIGNATURES",
        "K2_VAR_KEYWORDS",
    ]


def _is_param(name: object) -> bool:
    return isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_values_are_tuples_of_unique_identifiers(table):
    for key, params in TABLES[table].items():
        assert isinstance(params, tuple), key
        assert all(_is_param(p) for p in params), key
        assert len(set(params)) == len(params), key
        assert "self" not in params, key


@pytest.mark.parametrize("table", sorted(TABLES))
def test_keys_are_dotted_keras_names(table):
    for key in TABLES[table]:
        parts = key.split(".")
        assert parts[0] == "keras" and len(parts) >= 3, key
        assert all(_is_param(p) for p in parts), key


def test_var_keyword_sets_name_known_callables():
    assert K1_VAR_KEYWORDS <= K1_SIGNATURES.keys()
    assert K2_VAR_KEYWORDS <= K2_SIGNATURES.keys()


def test_layer_kwargs_are_the_allowed_kwargs_of_layer_init():
    assert K1_LAYER_KWARGS == (
        "input_shape", "batch_input_shape", "input_dtype", "name", "trainable"
    )


def test_inherited_kwargs_extend_a_var_keyword_signature_without_clashes():
    for key, extra in K1_INHERITED_KWARGS.items():
        assert key in K1_VAR_KEYWORDS, key
        assert not set(extra) & set(K1_SIGNATURES[key]), key
        assert not set(extra) & set(K1_LAYER_KWARGS), key
    assert K1_INHERITED_KWARGS["keras.layers.LSTM"] == K1_SIGNATURES["keras.layers.Recurrent"]


def test_engine_layers_without_var_keywords():
    # Merge, merge, Input and InputLayer take no **kwargs in 1.2.2: input_shape= is a TypeError
    for name in ("Merge", "merge", "Input", "InputLayer"):
        assert f"keras.layers.{name}" not in K1_VAR_KEYWORDS
    assert "keras.layers.Dense" in K1_VAR_KEYWORDS
    assert "keras.layers.Dense" in K2_VAR_KEYWORDS


REQUIRED_K1 = [
    "keras.layers.Merge",
    "keras.layers.merge",
    "keras.layers.Input",
    "keras.layers.InputLayer",
    "keras.models.Model",
    "keras.models.Sequential",
    *(
        f"keras.models.Model.{m}"
        for m in (
            "fit evaluate predict fit_generator evaluate_generator predict_generator compile "
            "train_on_batch test_on_batch predict_on_batch load_weights save"
        ).split()
    ),
    *(
        f"keras.models.Sequential.{m}"
        for m in (
            "fit evaluate predict predict_classes predict_proba fit_generator evaluate_generator "
            "predict_generator compile train_on_batch test_on_batch"
        ).split()
    ),
    "keras.engine.Layer.add_weight",
    *(
        f"keras.backend.{f}"
        for f in (
            "image_dim_ordering set_image_dim_ordering lesser lesser_equal expand_dims "
            "random_normal random_uniform one_hot conv1d conv2d conv3d deconv2d atrous_conv2d "
            "separable_conv2d pool2d pool3d spatial_2d_padding asymmetric_spatial_2d_padding "
            "spatial_3d_padding temporal_padding asymmetric_temporal_padding resize_images "
            "resize_volumes batch_get_value moving_average_update categorical_crossentropy "
            "sparse_categorical_crossentropy binary_crossentropy batch_normalization concatenate "
            "batch_dot int_shape"
        ).split()
    ),
    *(
        f"keras.optimizers.{c}"
        for c in "SGD RMSprop Adagrad Adadelta Adam Adamax Nadam".split()
    ),
    *(
        f"keras.callbacks.{c}"
        for c in (
            "ModelCheckpoint EarlyStopping TensorBoard ReduceLROnPlateau CSVLogger "
            "LearningRateScheduler LambdaCallback RemoteMonitor"
        ).split()
    ),
    "keras.preprocessing.image.ImageDataGenerator",
    "keras.preprocessing.image.ImageDataGenerator.flow",
    "keras.preprocessing.image.ImageDataGenerator.flow_from_directory",
    "keras.preprocessing.image.load_img",
    "keras.preprocessing.image.img_to_array",
    "keras.preprocessing.image.array_to_img",
    "keras.preprocessing.text.Tokenizer",
    "keras.preprocessing.sequence.pad_sequences",
    "keras.utils.np_utils.to_categorical",
    "keras.utils.data_utils.get_file",
    "keras.utils.visualize_util.plot",
    *(
        f"keras.regularizers.{r}"
        for r in (
            "WeightRegularizer ActivityRegularizer l1 l2 l1l2 activity_l1 activity_l2 "
            "activity_l1l2"
        ).split()
    ),
    *(
        f"keras.constraints.{c}"
        for c in "MaxNorm NonNeg UnitNorm MinMaxNorm maxnorm nonneg unitnorm".split()
    ),
    "keras.initializations.glorot_uniform",
    "keras.initializations.orthogonal",
    *(f"keras.applications.{a}" for a in "VGG16 VGG19 ResNet50 InceptionV3 Xception".split()),
    "keras.wrappers.scikit_learn.KerasClassifier",
    "keras.wrappers.scikit_learn.KerasRegressor",
    *(
        f"keras.datasets.{d}.load_data"
        for d in "imdb reuters mnist cifar10 cifar100".split()
    ),
]


def test_required_keras1_callables_are_present():
    assert [k for k in REQUIRED_K1 if k not in K1_SIGNATURES] == []


# Keras 1 name -> its keras 2.15 counterpart, for callables that still exist in 2.15
COUNTERPARTS = {
    "keras.layers.Dense": "keras.layers.Dense",
    "keras.layers.Convolution1D": "keras.layers.Conv1D",
    "keras.layers.AtrousConvolution1D": "keras.layers.Conv1D",
    "keras.layers.Convolution2D": "keras.layers.Conv2D",
    "keras.layers.AtrousConvolution2D": "keras.layers.Conv2D",
    "keras.layers.Deconvolution2D": "keras.layers.Conv2DTranspose",
    "keras.layers.SeparableConvolution2D": "keras.layers.SeparableConv2D",
    "keras.layers.Convolution3D": "keras.layers.Conv3D",
    "keras.layers.LSTM": "keras.layers.LSTM",
    "keras.layers.GRU": "keras.layers.GRU",
    "keras.layers.SimpleRNN": "keras.layers.SimpleRNN",
    "keras.layers.ConvLSTM2D": "keras.layers.ConvLSTM2D",
    "keras.layers.Embedding": "keras.layers.Embedding",
    "keras.layers.BatchNormalization": "keras.layers.BatchNormalization",
    "keras.layers.Lambda": "keras.layers.Lambda",
    "keras.layers.PReLU": "keras.layers.PReLU",
    "keras.layers.TimeDistributed": "keras.layers.TimeDistributed",
    "keras.layers.Bidirectional": "keras.layers.Bidirectional",
    "keras.models.Model.fit_generator": "keras.models.Model.fit_generator",
    "keras.models.Sequential.fit": "keras.models.Sequential.fit",
    "keras.engine.Layer.add_weight": "keras.layers.Layer.add_weight",
    "keras.backend.lesser": "keras.backend.less",
    "keras.backend.deconv2d": "keras.backend.conv2d_transpose",
    "keras.backend.image_dim_ordering": "keras.backend.image_data_format",
    "keras.utils.np_utils.to_categorical": "keras.utils.to_categorical",
    "keras.utils.visualize_util.plot": "keras.utils.plot_model",
    "keras.regularizers.l1l2": "keras.regularizers.l1_l2",
    "keras.constraints.maxnorm": "keras.constraints.max_norm",
    "keras.initializations.glorot_uniform": "keras.initializers.GlorotUniform",
}


def test_keras2_counterparts_are_present():
    assert [v for v in COUNTERPARTS.values() if v not in K2_SIGNATURES] == []
    for k1 in COUNTERPARTS:
        assert k1 in K1_SIGNATURES, k1
    # every layer, callback, optimizer, application and dataset keeps its public name
    for key in K1_SIGNATURES:
        if key.startswith(
            ("keras.callbacks.", "keras.applications.", "keras.datasets.")
        ) or key.removeprefix("keras.optimizers.") in {
            "SGD", "RMSprop", "Adagrad", "Adadelta", "Adam", "Adamax", "Nadam"
        }:
            assert key in K2_SIGNATURES, key


def _starts(table, key, *prefix):
    assert table[key][: len(prefix)] == prefix, (key, table[key])


# catalogue section 5, the "K1 positional order (sig@1.2.2)" column
K1_ORDERS = [
    ("P-01", "keras.layers.Dense", (
        "output_dim", "init", "activation", "weights", "W_regularizer", "b_regularizer",
        "activity_regularizer", "W_constraint", "b_constraint", "bias", "input_dim")),
    ("P-02", "keras.layers.Convolution1D", (
        "nb_filter", "filter_length", "init", "activation", "weights", "border_mode",
        "subsample_length")),
    ("P-02", "keras.layers.LocallyConnected1D", (
        "nb_filter", "filter_length", "init", "activation", "weights", "border_mode",
        "subsample_length")),
    ("P-03", "keras.layers.AtrousConvolution1D", (
        "nb_filter", "filter_length", "init", "activation", "weights", "border_mode",
        "subsample_length", "atrous_rate")),
    ("P-04", "keras.layers.Convolution2D", (
        "nb_filter", "nb_row", "nb_col", "init", "activation", "weights", "border_mode",
        "subsample", "dim_ordering", "W_regularizer")),
    ("P-04", "keras.layers.LocallyConnected2D", (
        "nb_filter", "nb_row", "nb_col", "init", "activation", "weights", "border_mode",
        "subsample", "dim_ordering", "W_regularizer")),
    ("P-05", "keras.layers.AtrousConvolution2D", (
        "nb_filter", "nb_row", "nb_col", "init", "activation", "weights", "border_mode",
        "subsample", "atrous_rate", "dim_ordering")),
    ("P-06", "keras.layers.SeparableConvolution2D", (
        "nb_filter", "nb_row", "nb_col", "init", "activation", "weights", "border_mode",
        "subsample", "depth_multiplier", "dim_ordering")),
    ("P-07", "keras.layers.Deconvolution2D", (
        "nb_filter", "nb_row", "nb_col", "output_shape", "init", "activation", "weights",
        "border_mode", "subsample", "dim_ordering")),
    ("P-08", "keras.layers.Convolution3D", (
        "nb_filter", "kernel_dim1", "kernel_dim2", "kernel_dim3", "init")),
    ("P-09", "keras.layers.ConvLSTM2D", (
        "nb_filter", "nb_row", "nb_col", "init", "inner_init", "forget_bias_init", "activation",
        "inner_activation", "dim_ordering", "border_mode", "subsample", "W_regularizer",
        "U_regularizer", "b_regularizer", "dropout_W", "dropout_U")),
    ("P-10", "keras.layers.SimpleRNN", (
        "output_dim", "init", "inner_init", "activation", "W_regularizer", "U_regularizer",
        "b_regularizer", "dropout_W", "dropout_U")),
    ("P-11", "keras.layers.GRU", (
        "output_dim", "init", "inner_init", "activation", "inner_activation")),
    ("P-12", "keras.layers.LSTM", (
        "output_dim", "init", "inner_init", "forget_bias_init", "activation", "inner_activation")),
    ("P-13", "keras.layers.Embedding", (
        "input_dim", "output_dim", "init", "input_length", "W_regularizer",
        "activity_regularizer", "W_constraint", "mask_zero", "weights", "dropout")),
    ("P-14", "keras.layers.BatchNormalization", (
        "epsilon", "mode", "axis", "momentum", "weights", "beta_init", "gamma_init",
        "gamma_regularizer", "beta_regularizer")),
    ("P-15", "keras.layers.MaxPooling1D", ("pool_length", "stride", "border_mode")),
    ("P-15", "keras.layers.AveragePooling1D", ("pool_length", "stride", "border_mode")),
    ("P-16", "keras.layers.MaxPooling2D", ("pool_size", "strides", "border_mode", "dim_ordering")),
    ("P-16", "keras.layers.AveragePooling3D", (
        "pool_size", "strides", "border_mode", "dim_ordering")),
    ("P-17", "keras.layers.GlobalMaxPooling2D", ("dim_ordering",)),
    ("P-17", "keras.layers.GlobalAveragePooling3D", ("dim_ordering",)),
    ("P-18", "keras.layers.UpSampling1D", ("length",)),
    ("P-18", "keras.layers.UpSampling2D", ("size", "dim_ordering")),
    ("P-19", "keras.layers.ZeroPadding2D", ("padding", "dim_ordering")),
    ("P-19", "keras.layers.Cropping3D", ("cropping", "dim_ordering")),
    ("P-20", "keras.layers.Dropout", ("p", "noise_shape", "seed")),
    ("P-21", "keras.layers.SpatialDropout2D", ("p", "dim_ordering")),
    ("P-22", "keras.layers.GaussianNoise", ("sigma",)),
    ("P-22", "keras.layers.GaussianDropout", ("p",)),
    ("P-23", "keras.layers.PReLU", ("init", "weights", "shared_axes")),
    ("P-24", "keras.layers.Lambda", ("function", "output_shape", "arguments")),
    ("P-25", "keras.layers.merge", (
        "inputs", "mode", "concat_axis", "dot_axes", "output_shape", "output_mask", "arguments",
        "name")),
    ("P-26", "keras.layers.Merge", (
        "layers", "mode", "concat_axis", "dot_axes", "output_shape", "output_mask", "arguments",
        "node_indices", "tensor_indices", "name")),
    ("P-27", "keras.models.Model", ("input", "output", "name")),
    ("P-28", "keras.models.Model.fit", (
        "x", "y", "batch_size", "nb_epoch", "verbose", "callbacks", "validation_split",
        "validation_data", "shuffle", "class_weight", "sample_weight", "initial_epoch")),
    ("P-28", "keras.models.Sequential.fit", (
        "x", "y", "batch_size", "nb_epoch", "verbose", "callbacks", "validation_split",
        "validation_data", "shuffle", "class_weight", "sample_weight", "initial_epoch")),
    ("P-29", "keras.models.Model.fit_generator", (
        "generator", "samples_per_epoch", "nb_epoch", "verbose", "callbacks", "validation_data",
        "nb_val_samples", "class_weight", "max_q_size", "nb_worker", "pickle_safe",
        "initial_epoch")),
    ("P-29", "keras.models.Sequential.fit_generator", (
        "generator", "samples_per_epoch", "nb_epoch", "verbose", "callbacks", "validation_data",
        "nb_val_samples", "class_weight", "max_q_size", "nb_worker", "pickle_safe",
        "initial_epoch")),
    ("P-30", "keras.models.Model.evaluate_generator", (
        "generator", "val_samples", "max_q_size", "nb_worker", "pickle_safe")),
    ("P-30", "keras.models.Sequential.predict_generator", (
        "generator", "val_samples", "max_q_size", "nb_worker", "pickle_safe")),
    ("P-31", "keras.preprocessing.image.ImageDataGenerator", (
        "featurewise_center", "samplewise_center", "featurewise_std_normalization",
        "samplewise_std_normalization", "zca_whitening", "rotation_range")),
    ("P-32", "keras.applications.VGG16", (
        "include_top", "weights", "input_tensor", "input_shape", "classes")),
    ("P-32", "keras.applications.Xception", (
        "include_top", "weights", "input_tensor", "input_shape", "classes")),
    ("P-33", "keras.callbacks.TensorBoard", (
        "log_dir", "histogram_freq", "write_graph", "write_images")),
    ("P-34", "keras.utils.data_utils.get_file", (
        "fname", "origin", "untar", "md5_hash", "cache_subdir")),
    ("P-35", "keras.backend.batch_normalization", (
        "x", "mean", "var", "beta", "gamma", "epsilon")),
    ("P-36", "keras.backend.categorical_crossentropy", ("output", "target", "from_logits")),
    ("P-36", "keras.backend.sparse_categorical_crossentropy", (
        "output", "target", "from_logits")),
    ("P-36", "keras.backend.binary_crossentropy", ("output", "target", "from_logits")),
    ("P-37", "keras.engine.Layer.add_weight", (
        "shape", "initializer", "name", "trainable", "regularizer", "constraint")),
    ("P-38", "keras.optimizers.Optimizer.get_updates", ("params", "constraints", "loss")),
    ("P-40", "keras.layers.Bidirectional", ("layer", "merge_mode", "weights")),
    ("P-40", "keras.layers.TimeDistributed", ("layer",)),
    ("P-40", "keras.layers.Reshape", ("target_shape",)),
]


@pytest.mark.parametrize(("row", "key", "prefix"), K1_ORDERS, ids=lambda v: str(v)[:40])
def test_keras1_order_matches_catalogue(row, key, prefix):
    _starts(K1_SIGNATURES, key, *prefix)


def test_exact_lengths_where_the_catalogue_gives_the_full_list():
    assert len(K1_SIGNATURES["keras.preprocessing.image.ImageDataGenerator"]) == 18
    assert K1_SIGNATURES["keras.preprocessing.image.ImageDataGenerator"][-1] == "dim_ordering"
    assert K1_SIGNATURES["keras.layers.Lambda"] == ("function", "output_shape", "arguments")
    assert K1_SIGNATURES["keras.layers.Embedding"][3] == "input_length"
    assert K1_SIGNATURES["keras.layers.LSTM"][0] == "output_dim"


def test_keras1_aliases_carry_the_keras1_argument_list():
    for alias, cls in [
        ("Conv1D", "Convolution1D"),
        ("Conv2D", "Convolution2D"),
        ("Conv3D", "Convolution3D"),
        ("Deconv2D", "Deconvolution2D"),
        ("AtrousConv1D", "AtrousConvolution1D"),
        ("AtrousConv2D", "AtrousConvolution2D"),
        ("SeparableConv2D", "SeparableConvolution2D"),
    ]:
        assert K1_SIGNATURES[f"keras.layers.{alias}"] == K1_SIGNATURES[f"keras.layers.{cls}"]
    assert K1_SIGNATURES["keras.regularizers.WeightRegularizer"] == ("l1", "l2")
    assert K1_SIGNATURES["keras.constraints.maxnorm"] == ("m", "axis")


def test_sequential_overrides_differ_from_model_where_the_source_does():
    # Sequential.train_on_batch puts class_weight before sample_weight; Model the other way
    assert K1_SIGNATURES["keras.models.Sequential.train_on_batch"] == (
        "x", "y", "class_weight", "sample_weight"
    )
    assert K1_SIGNATURES["keras.models.Model.train_on_batch"] == (
        "x", "y", "sample_weight", "class_weight"
    )
    # Sequential.compile has no loss_weights
    assert "loss_weights" not in K1_SIGNATURES["keras.models.Sequential.compile"]
    assert "keras.models.Sequential.load_weights" not in K1_SIGNATURES


# keras 2.15 orders that the catalogue (K2 column) or modern.md state
K2_ORDERS = [
    ("keras.layers.Dense", ("units", "activation", "use_bias", "kernel_initializer")),
    ("keras.layers.Conv2D", (
        "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups",
        "activation")),
    ("keras.layers.Conv2DTranspose", (
        "filters", "kernel_size", "strides", "padding", "output_padding", "data_format",
        "dilation_rate")),
    ("keras.layers.LSTM", ("units", "activation", "recurrent_activation", "use_bias")),
    ("keras.layers.Embedding", (
        "input_dim", "output_dim", "embeddings_initializer", "embeddings_regularizer",
        "activity_regularizer", "embeddings_constraint", "mask_zero", "input_length")),
    ("keras.layers.BatchNormalization", ("axis", "momentum", "epsilon", "center", "scale")),
    ("keras.layers.PReLU", (
        "alpha_initializer", "alpha_regularizer", "alpha_constraint", "shared_axes")),
    ("keras.layers.Lambda", ("function", "output_shape", "mask", "arguments")),
    ("keras.layers.MaxPooling1D", ("pool_size", "strides", "padding")),
    ("keras.models.Model", ("inputs", "outputs", "name")),
    ("keras.models.Model.fit", ("x", "y", "batch_size", "epochs", "verbose", "callbacks")),
    ("keras.models.Model.fit_generator", (
        "generator", "steps_per_epoch", "epochs", "verbose", "callbacks", "validation_data",
        "validation_steps")),
    ("keras.models.Model.load_weights", ("filepath", "skip_mismatch", "by_name")),
    ("keras.layers.Layer.add_weight", (
        "name", "shape", "dtype", "initializer", "regularizer", "trainable", "constraint")),
    ("keras.backend.categorical_crossentropy", ("target", "output", "from_logits")),
    ("keras.backend.batch_normalization", (
        "x", "mean", "var", "beta", "gamma", "axis", "epsilon")),
    ("keras.backend.batch_get_value", ("tensors",)),
    ("keras.callbacks.TensorBoard", ("log_dir", "histogram_freq", "write_graph", "write_images")),
    ("keras.callbacks.ModelCheckpoint", (
        "filepath", "monitor", "verbose", "save_best_only", "save_weights_only", "mode",
        "save_freq")),
    ("keras.preprocessing.image.ImageDataGenerator", (
        "featurewise_center", "samplewise_center", "featurewise_std_normalization",
        "samplewise_std_normalization", "zca_whitening", "zca_epsilon")),
    ("keras.preprocessing.image.ImageDataGenerator.flow", (
        "x", "y", "batch_size", "shuffle", "sample_weight")),
    ("keras.preprocessing.image.load_img", ("path", "grayscale", "color_mode")),
    ("keras.applications.VGG16", (
        "include_top", "weights", "input_tensor", "input_shape", "pooling", "classes")),
    ("keras.utils.get_file", ("fname", "origin", "untar", "md5_hash", "file_hash")),
    ("keras.utils.plot_model", ("model", "to_file", "show_shapes", "show_dtype")),
]


@pytest.mark.parametrize(("key", "prefix"), K2_ORDERS, ids=lambda v: str(v)[:40])
def test_keras2_order_matches_catalogue_and_modern(key, prefix):
    _starts(K2_SIGNATURES, key, *prefix)


def test_keras2_has_no_removed_callables():
    for gone in (
        "keras.layers.Merge",
        "keras.layers.merge",
        "keras.models.Sequential.predict_classes",
        "keras.wrappers.scikit_learn.KerasClassifier",
        "keras.backend.image_dim_ordering",
    ):
        assert gone not in K2_SIGNATURES
