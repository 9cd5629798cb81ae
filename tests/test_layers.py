"""Layer calls (catalogue §2-§5, modern.md §3): exact before and after for every row."""

import textwrap

import pytest

from tests.util import check, check_noop, run

# a Keras 1 line: files without any are taken as Keras 2, and ambiguous calls left alone
MODEL_BEFORE = "from keras.models import Model\nm = Model(input=x, output=y)\n"
MODEL_AFTER = "from keras.models import Model\nm = Model(inputs=x, outputs=y)\n"


def _case(name, before, after):
    """A call of `name` imported from keras.layers; `after` may use another class name."""
    new = after.split("(")[0]
    return (
        f"{MODEL_BEFORE}from keras.layers import {name}\ny = {before}\n",
        f"{MODEL_AFTER}from keras.layers import {new}\ny = {after}\n",
    )


CASES = [
    # class renames and positional kernels (L-01..L-10, K-17, K-18, P-02..P-08)
    ("Convolution2D", "Convolution2D(32, 3, 3)", "Conv2D(32, (3, 3))", "L-02"),
    (
        "Convolution2D",
        "Convolution2D(32, 3, 5, border_mode='same')",
        "Conv2D(32, (3, 5), padding='same')",
        "K-10",
    ),
    (
        "Convolution2D",
        "Convolution2D(nb_filter=8, nb_row=3, nb_col=3, subsample=(2, 2))",
        "Conv2D(filters=8, kernel_size=(3, 3), strides=(2, 2))",
        "K-11",
    ),
    (
        "Convolution2D",
        "Convolution2D(8, 3, 3, 'he_normal', 'relu')",
        "Conv2D(8, (3, 3), kernel_initializer='he_normal', activation='relu')",
        "P-04",
    ),
    (
        "Convolution2D",
        "Convolution2D(8, 3, 3, W_regularizer=r, b_regularizer=r, W_constraint=c, b_constraint=c, bias=False)",
        "Conv2D(8, (3, 3), kernel_regularizer=r, bias_regularizer=r, kernel_constraint=c, bias_constraint=c, use_bias=False)",
        "K-02",
    ),
    (
        "Convolution1D",
        "Convolution1D(nb_filter=64, filter_length=3, border_mode='valid', subsample_length=1)",
        "Conv1D(filters=64, kernel_size=3, padding='valid', strides=1)",
        "L-01",
    ),
    (
        "Convolution1D",
        "Convolution1D(64, 3, input_dim=100, input_length=20)",
        "Conv1D(64, 3, input_shape=(20, 100))",
        "K-15",
    ),
    (
        "Convolution1D",
        "Convolution1D(64, 3, 'uniform')",
        "Conv1D(64, 3, kernel_initializer='uniform')",
        "P-02",
    ),
    ("Convolution3D", "Convolution3D(8, 3, 3, 3)", "Conv3D(8, (3, 3, 3))", "L-03"),
    (
        "AtrousConvolution1D",
        "AtrousConvolution1D(8, 3, atrous_rate=2)",
        "Conv1D(8, 3, dilation_rate=2)",
        "L-04",
    ),
    (
        "AtrousConvolution2D",
        "AtrousConvolution2D(8, 3, 3, atrous_rate=(2, 2))",
        "Conv2D(8, (3, 3), dilation_rate=(2, 2))",
        "L-05",
    ),
    (
        "AtrousConv2D",
        "AtrousConv2D(8, 3, 3, atrous_rate=(2, 2))",
        "Conv2D(8, (3, 3), dilation_rate=(2, 2))",
        "L-06",
    ),
    (
        "Deconvolution2D",
        "Deconvolution2D(8, 3, 3, output_shape=(None, 8, 14, 14))",
        "Conv2DTranspose(8, (3, 3))",
        "K-19",
    ),
    (
        "Deconv2D",
        "Deconv2D(8, 3, 3, (None, 8, 14, 14), subsample=(2, 2))",
        "Conv2DTranspose(8, (3, 3), strides=(2, 2))",
        "L-08",
    ),
    (
        "SeparableConvolution2D",
        "SeparableConvolution2D(8, 3, 3, init='he_normal', bias=False)",
        "SeparableConv2D(8, (3, 3), depthwise_initializer='he_normal', pointwise_initializer='he_normal', use_bias=False)",
        "K-20",
    ),
    (
        "LocallyConnected2D",
        "LocallyConnected2D(8, 3, 3, init='uniform')",
        "LocallyConnected2D(8, (3, 3), kernel_initializer='uniform')",
        "K-01",
    ),
    (
        "Conv2D",
        "Conv2D(16, 5, 5, border_mode='valid')",
        "Conv2D(16, (5, 5), padding='valid')",
        "K-17",
    ),
    # dim_ordering values (V-01..V-04)
    (
        "MaxPooling2D",
        "MaxPooling2D((2, 2), dim_ordering='th')",
        "MaxPooling2D((2, 2), data_format='channels_first')",
        "V-01",
    ),
    (
        "MaxPooling2D",
        "MaxPooling2D(dim_ordering='tf')",
        "MaxPooling2D(data_format='channels_last')",
        "V-02",
    ),
    (
        "UpSampling2D",
        "UpSampling2D((2, 2), dim_ordering='default')",
        "UpSampling2D((2, 2))",
        "V-03",
    ),
    (
        "UpSampling2D",
        "UpSampling2D(dim_ordering=order)",
        "UpSampling2D(data_format={'th': 'channels_first', 'tf': 'channels_last'}[order])",
        "V-04",
    ),
    (
        "GlobalAveragePooling2D",
        "GlobalAveragePooling2D(dim_ordering=K.image_dim_ordering())",
        "GlobalAveragePooling2D(data_format=K.image_data_format())",
        "K-09",
    ),
    # pooling (K-42, K-43, P-15, P-16)
    (
        "MaxPooling1D",
        "MaxPooling1D(pool_length=2, stride=1)",
        "MaxPooling1D(pool_size=2, strides=1)",
        "K-42",
    ),
    ("AveragePooling1D", "AveragePooling1D(2, 1, 'same')", "AveragePooling1D(2, 1, 'same')", ""),
    (
        "MaxPooling2D",
        "MaxPooling2D((2, 2), (2, 2), 'valid', 'th')",
        "MaxPooling2D((2, 2), (2, 2), 'valid', data_format='channels_first')",
        "P-16",
    ),
    # core, noise, advanced activations (K-46..K-50, K-59, P-01, P-20..P-24)
    (
        "Dense",
        "Dense(output_dim=10, init='uniform', activation='relu')",
        "Dense(units=10, kernel_initializer='uniform', activation='relu')",
        "K-59",
    ),
    (
        "Dense",
        "Dense(10, 'uniform', 'relu')",
        "Dense(10, kernel_initializer='uniform', activation='relu')",
        "P-01",
    ),
    ("Dense", "Dense(10, input_dim=4)", "Dense(10, input_dim=4)", ""),
    ("Dropout", "Dropout(p=0.5)", "Dropout(rate=0.5)", "K-46"),
    (
        "SpatialDropout2D",
        "SpatialDropout2D(p=0.2, dim_ordering='th')",
        "SpatialDropout2D(rate=0.2, data_format='channels_first')",
        "K-47",
    ),
    ("GaussianDropout", "GaussianDropout(p=0.1)", "GaussianDropout(rate=0.1)", "K-48"),
    ("GaussianNoise", "GaussianNoise(sigma=0.1)", "GaussianNoise(stddev=0.1)", "K-49"),
    (
        "PReLU",
        "PReLU(init='zero', shared_axes=[1, 2])",
        "PReLU(alpha_initializer='zero', shared_axes=[1, 2])",
        "K-50",
    ),
    (
        "PReLU",
        "PReLU('zero', None, [1, 2])",
        "PReLU('zero', weights=None, shared_axes=[1, 2])",
        "P-23",
    ),
    ("Lambda", "Lambda(f, (10,), {'a': 1})", "Lambda(f, (10,), arguments={'a': 1})", "P-24"),
    ("UpSampling1D", "UpSampling1D(length=2)", "UpSampling1D(size=2)", "K-45"),
    (
        "InputLayer",
        "InputLayer(input_shape=(3,), input_dtype='int32')",
        "InputLayer(input_shape=(3,), dtype='int32')",
        "K-57",
    ),
    ("Dense", "Dense(3, input_dtype='float32')", "Dense(3, dtype='float32')", "K-56"),
    # padding values (V-16..V-18)
    (
        "ZeroPadding2D",
        "ZeroPadding2D(padding=(1, 2, 3, 4))",
        "ZeroPadding2D(padding=((1, 2), (3, 4)))",
        "V-16",
    ),
    (
        "ZeroPadding2D",
        "ZeroPadding2D(padding={'top_pad': 1, 'left_pad': 2})",
        "ZeroPadding2D(padding=((1, 0), (2, 0)))",
        "V-17",
    ),
    (
        "ZeroPadding1D",
        "ZeroPadding1D(padding={'left_pad': 1, 'right_pad': 2})",
        "ZeroPadding1D(padding=(1, 2))",
        "V-18",
    ),
    # embeddings and normalisation (K-33..K-35, K-38..K-40, P-13, P-14, V-11)
    (
        "Embedding",
        "Embedding(1000, 64, init='uniform', W_regularizer=r, W_constraint=c)",
        "Embedding(1000, 64, embeddings_initializer='uniform', embeddings_regularizer=r, embeddings_constraint=c)",
        "K-33",
    ),
    (
        "Embedding",
        "Embedding(1000, 64, 'uniform', 20)",
        "Embedding(1000, 64, embeddings_initializer='uniform', input_length=20)",
        "P-13",
    ),
    (
        "BatchNormalization",
        "BatchNormalization(mode=0, axis=1)",
        "BatchNormalization(axis=1)",
        "V-11",
    ),
    (
        "BatchNormalization",
        "BatchNormalization(1e-3, 0, 1, 0.9)",
        "BatchNormalization(epsilon=1e-3, axis=1, momentum=0.9)",
        "P-14",
    ),
    (
        "BatchNormalization",
        "BatchNormalization(beta_init='zero', gamma_init='one')",
        "BatchNormalization(beta_initializer='zero', gamma_initializer='one')",
        "K-38",
    ),
    # recurrent (K-23..K-31, V-05..V-09, X-130, X-131)
    (
        "LSTM",
        "LSTM(32, inner_activation='sigmoid')",
        "LSTM(32, recurrent_activation='sigmoid')",
        "K-25",
    ),
    (
        "LSTM",
        "LSTM(output_dim=32, inner_init='orthogonal', U_regularizer=r, inner_activation='hard_sigmoid')",
        "LSTM(units=32, recurrent_initializer='orthogonal', recurrent_regularizer=r, recurrent_activation='hard_sigmoid')",
        "K-24",
    ),
    (
        "LSTM",
        "LSTM(32, dropout_W=0.2, dropout_U=0.2)",
        "LSTM(32, dropout=0.2, recurrent_dropout=0.2, recurrent_activation='hard_sigmoid')",
        "K-27",
    ),
    (
        "LSTM",
        "LSTM(32, input_dim=8)",
        "LSTM(32, input_shape=(None, 8), recurrent_activation='hard_sigmoid')",
        "K-31",
    ),
    (
        "LSTM",
        "LSTM(32, forget_bias_init='zero')",
        "LSTM(32, unit_forget_bias=False, recurrent_activation='hard_sigmoid')",
        "V-09",
    ),
    (
        "LSTM",
        "LSTM(32, forget_bias_init='one')",
        "LSTM(32, recurrent_activation='hard_sigmoid')",
        "V-08",
    ),
    (
        "LSTM",
        "LSTM(32, 'uniform', 'orthogonal')",
        "LSTM(32, kernel_initializer='uniform', recurrent_initializer='orthogonal', recurrent_activation='hard_sigmoid')",
        "P-12",
    ),
    (
        "GRU",
        "GRU(16, return_sequences=True)",
        "GRU(16, return_sequences=True, recurrent_activation='hard_sigmoid', reset_after=False)",
        "X-131",
    ),
    (
        "GRU",
        "GRU(16, consume_less='gpu')",
        "GRU(16, recurrent_activation='hard_sigmoid', reset_after=False)",
        "K-29",
    ),
    ("SimpleRNN", "SimpleRNN(8, 'uniform')", "SimpleRNN(8, kernel_initializer='uniform')", "P-10"),
    (
        "ConvLSTM2D",
        "ConvLSTM2D(8, 3, 3, border_mode='same', inner_activation='sigmoid', dropout_W=0.1)",
        "ConvLSTM2D(8, (3, 3), padding='same', recurrent_activation='sigmoid', dropout=0.1)",
        "K-25",
    ),
    # TimeDistributedDense (L-20)
    (
        "TimeDistributedDense",
        "TimeDistributedDense(10, init='uniform', input_dim=5, input_length=7)",
        "TimeDistributed(Dense(10, kernel_initializer='uniform'), input_shape=(7, 5))",
        "L-20",
    ),
]


@pytest.mark.parametrize(("name", "before", "after", "row"), CASES)
def test_layer_rows(name, before, after, row):
    source, expected = _case(name, before, after)
    if "Dense(" in after and name == "TimeDistributedDense":
        expected = expected.replace("import TimeDistributed\n", "import TimeDistributed, Dense\n")
    if "K." in before:
        source = "from keras import backend as K\n" + source
        expected = "from keras import backend as K\n" + expected
    if before == after:
        assert [r for r, _ in check(source, expected)] == ["K-54", "K-55"]
        return
    findings = check(source, expected)
    assert row in [r for r, _ in findings]


def test_consume_less_for_keras_2_0():
    check(
        "from keras.layers import LSTM\ny = LSTM(8, consume_less='cpu')\n",
        "from keras.layers import LSTM\ny = LSTM(8, implementation=0)\n",
        target="2.0",
    )


@pytest.mark.parametrize(
    ("before", "row"),
    [
        ("BatchNormalization(mode=3)", "V-12"),
        ("BatchNormalization(mode=1, axis=1)", "V-12"),
        ("LSTM(8, forget_bias_init='normal', inner_activation='sigmoid')", "V-10"),
        ("SReLU()", "L-24"),
        ("ParametricSoftplus()", "L-25"),
        ("Convolution2D(8, *size)", "P-01"),
    ],
)
def test_manual_rows(before, row):
    name = before.split("(")[0]
    result_rows = [
        r for r, k in _findings(f"from keras.layers import {name}\ny = {before}\n") if k == "manual"
    ]
    assert row in result_rows


def _findings(source):
    from tests.util import run

    return [(f.row, f.kind.value) for f in run(source).findings]


def test_border_mode_full_is_manual():
    findings = check(
        "from keras.layers import Convolution2D\ny = Convolution2D(8, 3, 3, border_mode='full')\n",
        "from keras.layers import Conv2D\ny = Conv2D(8, (3, 3), padding='full')\n",
    )
    assert ("V-15", "manual") in findings


def test_legacy_layers_kept_for_keras_2_2():
    assert check_noop(
        "from keras.layers import Highway\ny = Highway(init='uniform')\n", target="2.2"
    ) == [("L-21", "warning")]


def test_channels_first_project_gets_explicit_data_format():
    findings = check(
        "from keras.layers import Convolution2D, Dense\nc = Convolution2D(8, 3, 3)\nd = Dense(4, init='uniform')\n",
        "from keras.layers import Conv2D, Dense\nc = Conv2D(8, (3, 3), data_format='channels_first')\nd = Dense(4, kernel_initializer='uniform')\n",
        image_dim_ordering="th",
    )
    assert ("S-14", "rewrite") in findings


@pytest.mark.parametrize(
    "source",
    [
        "from keras.layers import Conv2D\ny = Conv2D(32, (3, 3), padding='same')\n",
        "from keras.layers import Conv2D\ny = Conv2D(32, 3, strides=2)\n",
        "from keras.layers import Dense\ny = Dense(64, 'relu')\n",
        "from keras.layers import Dense, LSTM\ny = LSTM(32, dropout=0.2)\nz = Dense(units=3)\n",
        "from keras.layers import BatchNormalization\ny = BatchNormalization(axis=1)\n",
        "from mylayers import Convolution2D\ny = Convolution2D(32, 3, 3)\n",
    ],
)
def test_keras2_calls_untouched(source):
    assert check_noop(source) == []


def test_keras2_kernel_among_keras1_keywords():
    findings = check(
        "from keras.layers import Convolution2D\ny = Convolution2D(32, (3, 3), border_mode='same')\n",
        "from keras.layers import Conv2D\ny = Conv2D(32, (3, 3), padding='same')\n",
    )
    assert ("K-10", "rewrite") in findings
    # Keras 1 needed nb_row and nb_col: a lone second positional is a Keras 2 kernel_size
    check(
        "from keras.layers import Convolution2D\ny = Convolution2D(32, size, border_mode='same')\n",
        "from keras.layers import Conv2D\ny = Conv2D(32, size, padding='same')\n",
    )


def test_batchnorm_mode_2_in_the_functional_api():
    findings = check(
        MODEL_BEFORE
        + "from keras.layers import BatchNormalization\ny = BatchNormalization(mode=2, axis=1)(x)\n",
        MODEL_AFTER
        + "from keras.layers import BatchNormalization\ny = BatchNormalization(axis=1)(x, training=True)\n",
    )
    assert ("V-13", "warning") in findings and ("V-13", "manual") not in findings


MODE_CLASS = '''

class Keras1BatchNormalization(BatchNormalization):
    """Keras 1 BatchNormalization with its mode: 0 is Keras 2's layer, 2 normalises with the
    batch's statistics at test time too. Mode 1 (per sample) is LayerNormalization's job."""

    def __init__(self, mode=0, **kwargs):
        if mode not in (0, 2):
            raise ValueError(f"BatchNormalization mode={mode}: use LayerNormalization")
        super().__init__(**kwargs)
        self.mode = mode

    def call(self, inputs, training=None):
        return super().call(inputs, training=True if self.mode == 2 else training)

    def get_config(self):
        return {**super().get_config(), "mode": self.mode}

'''


def test_batchnorm_mode_2_outside_the_functional_api():
    findings = check(
        "from keras.models import Sequential\n"
        "from keras.layers import BatchNormalization, Dense\n"
        "model = Sequential()\n"
        "model.add(Dense(8, input_dim=4))\n"
        "model.add(BatchNormalization(mode=2, axis=1, beta_init='zero'))\n",
        "from keras.models import Sequential\n"
        "from keras.layers import BatchNormalization, Dense\n"
        + MODE_CLASS
        + "\nmodel = Sequential()\n"
        "model.add(Dense(8, input_dim=4))\n"
        "model.add(Keras1BatchNormalization(mode=2, axis=1, beta_initializer='zero'))\n",
    )
    assert ("V-13", "warning") in findings


def test_batchnorm_mode_in_a_variable():
    # the mode is known when the code runs: the subclass takes it (0 and 2; 1 raises)
    findings = check(
        "from keras.layers import BatchNormalization\n"
        "def block(x, bn_mode):\n"
        "    return BatchNormalization(mode=bn_mode, axis=1)(x)\n",
        "from keras.layers import BatchNormalization\n"
        + MODE_CLASS
        + "\ndef block(x, bn_mode):\n"
        "    return Keras1BatchNormalization(mode=bn_mode, axis=1)(x)\n",
    )
    assert ("V-13", "warning") in findings


def test_batchnorm_mode_1_becomes_layer_normalization():
    findings = check(
        "from keras.layers import BatchNormalization\n"
        "y = BatchNormalization(mode=1, epsilon=1e-5, momentum=0.9, gamma_init='one')(x)\n",
        "from keras.layers import LayerNormalization\n"
        "y = LayerNormalization(epsilon=1e-5, gamma_initializer='one')(x)\n",
    )
    assert ("V-12", "warning") in findings and ("K-39", "rewrite") in findings


def test_batchnorm_mode_1_before_layer_normalization_existed():
    findings = check(
        "from keras.layers import BatchNormalization\ny = BatchNormalization(mode=1)(x)\n",
        "from keras.layers import BatchNormalization\ny = BatchNormalization(mode=1)(x)\n",
        target="2.2",
    )
    assert ("V-12", "manual") in findings


def test_embedding_dropout_becomes_a_subclass_dropping_words():
    findings = check(
        "from keras.layers import Embedding\n"
        "e = Embedding(1000, 16, input_length=10, dropout=0.2, init='uniform')\n",
        '''from keras.layers import Embedding
from keras import backend as K


class Keras1Embedding(Embedding):
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
        rows = K.random_bernoulli((self.input_dim,), p=keep) / keep
        dropped = outputs * K.expand_dims(K.gather(rows, K.cast(inputs, "int32")))
        return K.in_train_phase(dropped, outputs, training=training)

    def get_config(self):
        return {**super().get_config(), "dropout": self.dropout}


e = Keras1Embedding(1000, 16, input_length=10, dropout=0.2, embeddings_initializer='uniform')
''',
    )
    assert ("K-36", "warning") in findings and ("K-33", "rewrite") in findings
    older = run("from keras.layers import Embedding\ne = Embedding(10, 4, dropout=0.5)\n", target="2.2")
    assert "K.random_binomial((self.input_dim,), p=keep)" in older.after


def test_embedding_dropout_in_a_subclass_is_manual():
    source = """\
        from keras.layers import Embedding
        class Words(Embedding):
            def __init__(self, n, **kwargs):
                super(Words, self).__init__(n, 8, dropout=0.2, **kwargs)
        """
    assert ("K-36", "manual") in _findings(textwrap.dedent(source))


def test_highway_and_maxout_dense_become_layers_defined_in_the_file():
    from codemods.data.layers import HIGHWAY_CLASS, MAXOUT_DENSE_CLASS

    names = {
        "Layer": "Layer",
        "K": "K",
        **{m: m for m in ("initializers", "regularizers", "constraints", "activations")},
    }
    highway = HIGHWAY_CLASS.text.format(name="Keras1Highway", **names).lstrip("\n")
    maxout = MAXOUT_DENSE_CLASS.text.format(name="Keras1MaxoutDense", **names).lstrip("\n")
    findings = check(
        "from keras.layers import Dense, Highway, MaxoutDense\n"
        "h = Highway(activation='relu')(x)\n"
        "m = MaxoutDense(10, nb_feature=3, init='uniform')(h)\n",
        "from keras.layers import Dense, Layer\n"
        "from keras import activations, backend as K, constraints, initializers, regularizers\n"
        f"\n\n{maxout}\n\n{highway}\n\n"
        "h = Keras1Highway(activation='relu')(x)\n"
        "m = Keras1MaxoutDense(10, nb_feature=3, init='uniform')(h)\n",
    )
    assert ("X-133", "warning") in findings and ("X-134", "warning") in findings
    assert "gate = K.sigmoid(gate)" in highway and "return K.max(outputs, axis=1)" in maxout
