"""Initializers, regularizers, constraints, losses, metrics, optimizers (catalogue §10, V-31,
V-32, V-34, I-12, I-13, I-20; modern.md X-111, X-170..X-186): exact before and after."""

import pytest

from codemods.optimizers import OptimizersPass
from migrate.passes import builtin_passes
from tests.util import check, check_noop

EXTRA = [] if OptimizersPass in builtin_passes() else [OptimizersPass]
MARK = "model.fit(x, y, nb_epoch=1)\n"  # a Keras 1 spelling: the file is Keras 1 code


def conv(before, after, **options):
    return check(before, after, select=["optimizers"], passes=EXTRA, **options)


def noop(before, **options):
    return check_noop(before, select=["optimizers"], passes=EXTRA, **options)


# optimizers, modern target -----------------------------------------------------------------------
def test_sgd_decay_becomes_a_schedule():
    findings = conv(
        """\
        from keras.optimizers import SGD
        sgd = SGD(lr=0.01, momentum=0.9, decay=1e-6, nesterov=True)
        """,
        """\
        from keras.optimizers import SGD
        from keras.optimizers.schedules import InverseTimeDecay
        sgd = SGD(learning_rate=InverseTimeDecay(0.01, decay_steps=1, decay_rate=1e-6), momentum=0.9, nesterov=True)
        """,
    )
    assert findings == [("X-170", "rewrite"), ("X-171", "rewrite")]


def test_decay_with_learning_rate_callbacks_keeps_the_legacy_optimizer():
    findings = conv(
        """\
        from keras.optimizers import SGD
        from keras.callbacks import LearningRateScheduler
        sgd = SGD(lr=0.01, decay=1e-6, momentum=0.9)
        cb = LearningRateScheduler(schedule)
        """,
        """\
        from keras.optimizers import legacy
        from keras.callbacks import LearningRateScheduler
        sgd = legacy.SGD(learning_rate=0.01, decay=1e-6, momentum=0.9)
        cb = LearningRateScheduler(schedule)
        """,
    )
    assert findings == [("X-111", "rewrite"), ("X-170", "rewrite"), ("X-171", "rewrite")]


def test_legacy_through_the_module():
    conv(
        "from keras import optimizers\nopt = optimizers.Adam(lr=0.1, decay=0.01)\nK.set_value(opt.lr, 0.5)\n",
        "from keras import optimizers\nopt = optimizers.legacy.Adam(learning_rate=0.1, decay=0.01)\nK.set_value(opt.lr, 0.5)\n",
    )


def test_zero_decay_is_dropped():
    findings = conv(
        "from keras.optimizers import RMSprop\nopt = RMSprop(lr=0.001, rho=0.9, epsilon=1e-08, decay=0.0)\n",
        "from keras.optimizers import RMSprop\nopt = RMSprop(learning_rate=0.001, rho=0.9, epsilon=1e-08)\n",
    )
    assert findings == [("X-170", "rewrite"), ("X-171", "rewrite")]


def test_positional_arguments_become_keywords():
    findings = conv(
        "import keras\nopt = keras.optimizers.Adam(0.001, 0.9, 0.999, 1e-8, 1e-4)\n" + MARK,
        "import keras\nfrom keras.optimizers.schedules import InverseTimeDecay\n"
        "opt = keras.optimizers.Adam(InverseTimeDecay(0.001, decay_steps=1, decay_rate=1e-4), beta_1=0.9, beta_2=0.999, epsilon=1e-8)\n"
        + MARK,
    )
    assert findings == [("X-171", "rewrite"), ("X-175", "rewrite")]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Adadelta()", "Adadelta(learning_rate=1.0)"),
        ("Adagrad(epsilon=1e-08)", "Adagrad(learning_rate=0.01, epsilon=1e-08)"),
        ("Adamax()", "Adamax(learning_rate=0.002)"),
        ("Nadam(beta_1=0.9)", "Nadam(learning_rate=0.002, beta_1=0.9)"),
    ],
)
def test_keras1_default_learning_rates_made_explicit(before, after):
    cls = before.split("(")[0]
    head = f"from keras.optimizers import {cls}\n"
    findings = conv(f"{head}opt = {before}\n{MARK}", f"{head}opt = {after}\n{MARK}")
    assert findings == [("X-173", "rewrite")]


def test_nadam_schedule_decay():
    findings = conv(
        """\
        from keras.optimizers import Nadam
        a = Nadam(lr=0.002, schedule_decay=0.004)
        b = Nadam(lr=0.002, schedule_decay=0.01)
        """,
        """\
        from keras.optimizers import Nadam, legacy
        a = Nadam(learning_rate=0.002)
        b = legacy.Nadam(learning_rate=0.002, schedule_decay=0.01)
        """,
    )
    assert findings == [
        ("X-170", "rewrite"),
        ("X-172", "rewrite"),
        ("X-111", "rewrite"),
        ("X-170", "rewrite"),
        ("X-172", "rewrite"),
    ]


def test_string_optimizers_in_compile():
    findings = conv(
        """\
        from keras.models import Sequential
        model.compile(loss='mse', optimizer='adadelta')
        model.compile('adagrad', 'mse')
        model.compile(optimizer='adam', loss='mse')
        """
        + MARK,
        """\
        from keras.models import Sequential
        from keras.optimizers import Adadelta, Adagrad
        model.compile(loss='mse', optimizer=Adadelta(learning_rate=1.0))
        model.compile(Adagrad(learning_rate=0.01), 'mse')
        model.compile(optimizer='adam', loss='mse')
        """
        + MARK,
    )
    assert findings == [("X-173", "rewrite"), ("X-173", "rewrite")]


def test_optimizers_unchanged_for_older_targets():
    before = """\
    from keras.optimizers import SGD, Adadelta
    sgd = SGD(lr=0.01, momentum=0.9, decay=1e-6, nesterov=True)
    model.compile(optimizer='adadelta', loss='mse')
    opt = Adadelta()
    """
    assert noop(before + MARK, target="2.2") == []


def test_modern_optimizer_code_untouched():
    noop(
        """\
        from keras.optimizers import SGD, Adadelta
        sgd = SGD(learning_rate=0.01, momentum=0.9, nesterov=True)
        opt = Adadelta()
        model.compile(optimizer='adadelta', loss='mse')
        """
    )


def test_users_own_sgd_untouched():
    noop(
        """\
        import keras

        class SGD(object):
            def __init__(self, lr, decay):
                pass

        opt = SGD(lr=0.1, decay=0.01)
        pattern = re.compile('adadelta', re.I)
        """
        + MARK
    )


def test_get_config_lr_key():
    findings = conv(
        "from keras.optimizers import SGD\nlr = model.optimizer.get_config()['lr']\n",
        "from keras.optimizers import SGD\nlr = model.optimizer.get_config()['learning_rate']\n",
    )
    assert findings == [("X-177", "rewrite")]


def test_tf_optimizer_is_manual():
    before = "from keras.optimizers import TFOptimizer\nopt = TFOptimizer(tf_opt)\n"
    assert noop(before) == [("X-178", "manual")]
    assert noop(before, target="2.2") == []


def test_get_updates_call_order():
    before = (
        """\
    import keras
    updates = opt.get_updates(params, constraints, loss)
    more = opt.get_updates(params, [], loss)
    """
        + MARK
    )
    findings = conv(
        before,
        """\
        import keras
        updates = opt.get_updates(loss, params)
        more = opt.get_updates(loss, params)
        """
        + MARK,
        target="2.2",
    )
    assert findings == [("R-34", "rewrite"), ("R-34", "warning"), ("R-34", "rewrite")]
    assert noop(before) == [("X-176", "manual"), ("X-176", "manual")]
    assert noop(before, target="2.0") == []


def test_optimizer_from_config():
    findings = conv(
        """\
        from keras.optimizers import optimizer_from_config
        from keras import optimizers
        a = optimizer_from_config(cfg)
        b = optimizers.optimizer_from_config(cfg)
        """,
        """\
        from keras.optimizers import deserialize as optimizer_from_config
        from keras import optimizers
        a = optimizer_from_config(cfg)
        b = optimizers.deserialize(cfg)
        """,
    )
    assert findings == [("I-20", "rewrite"), ("R-32", "rewrite")]


# initializers ("X-181": classes, never the initializers.normal-style aliases) --------------------
def test_initializations_module_and_calls():
    findings = conv(
        """\
        from keras import initializations
        from keras import backend as K
        init = initializations.get('glorot_uniform')
        W = initializations.normal((3, 4), scale=0.1, name='W')
        U = initializations.uniform((3, 4), 0.2)
        V = initializations.uniform(shape)
        O = initializations.orthogonal((4, 4))
        I = initializations.identity((4, 4), scale=2)
        Z = initializations.zero((4,))
        G = initializations.glorot_uniform((3, 3))
        """,
        """\
        from keras import initializers
        from keras import backend as K
        init = initializers.get('glorot_uniform')
        W = initializers.RandomNormal(stddev=0.1)((3, 4))
        U = initializers.RandomUniform(minval=-0.2, maxval=0.2)((3, 4))
        V = initializers.RandomUniform()(shape)
        O = initializers.Orthogonal(gain=1.1)((4, 4))
        I = initializers.Identity(gain=2)((4, 4))
        Z = initializers.Zeros()((4,))
        G = initializers.glorot_uniform()((3, 3))
        """,
    )
    assert findings == [
        ("I-12", "rewrite"),
        ("R-02", "rewrite"),
        ("R-05", "warning"),
        ("R-04", "warning"),
        ("R-04", "warning"),
        ("R-06", "warning"),
        ("R-07", "rewrite"),
        ("R-08", "warning"),
        ("R-09", "warning"),
    ]


def test_initializations_alias_and_dotted_spellings():
    findings = conv(
        """\
        import keras
        import keras.initializations as inits
        a = keras.initializations.uniform((2, 2), scale=s)
        b = inits.one((2,))
        c = Dense(2, init=inits.normal)
        d = keras.initializations.get('one')
        """,
        """\
        import keras
        import keras.initializers as inits
        a = keras.initializers.RandomUniform(minval=-s, maxval=s)((2, 2))
        b = inits.Ones()((2,))
        c = Dense(2, init=inits.RandomNormal())
        d = keras.initializers.get('one')
        """,
    )
    assert findings == [
        ("I-12", "rewrite"),
        ("R-01", "rewrite"),
        ("R-04", "warning"),
        ("R-08", "warning"),
        ("R-01", "rewrite"),
        ("R-01", "rewrite"),
        ("R-02", "rewrite"),
    ]


def test_initializer_functions_imported_by_name():
    conv(
        """\
        from keras.initializations import normal, get
        w = normal((2, 2), scale=0.5)
        f = get('one')
        """,
        """\
        from keras.initializers import RandomNormal, get
        w = RandomNormal(stddev=0.5)((2, 2))
        f = get('one')
        """,
    )


# regularizers and constraints ("X-182": no alias attributes such as maxnorm are emitted) ---------
def test_regularizer_renames():
    findings = conv(
        """\
        from keras.regularizers import l2, activity_l2, l1l2, WeightRegularizer
        from keras import regularizers
        a = Dense(3, W_regularizer=l1l2(l1=0.01, l2=0.01), activity_regularizer=activity_l2(0.1))
        b = WeightRegularizer(l1=0.1)
        c = regularizers.ActivityRegularizer(l2=0.1)
        d = regularizers.L1L2Regularizer(0.1, 0.2)
        e = regularizers.activity_l1(0.3)
        f = regularizers.activity_l1l2(0.1, 0.1)
        g = l2(0.01)
        """,
        """\
        from keras.regularizers import l2, l1_l2, L1L2
        from keras import regularizers
        a = Dense(3, W_regularizer=l1_l2(l1=0.01, l2=0.01), activity_regularizer=l2(0.1))
        b = L1L2(l1=0.1)
        c = regularizers.L1L2(l2=0.1)
        d = regularizers.L1L2(0.1, 0.2)
        e = regularizers.l1(0.3)
        f = regularizers.l1_l2(0.1, 0.1)
        g = l2(0.01)
        """,
    )
    assert findings == [
        ("R-11", "rewrite"),
        ("R-14", "rewrite"),
        ("R-15", "rewrite"),
        ("R-14", "rewrite"),
        ("R-15", "rewrite"),
        ("R-11", "rewrite"),
        ("R-12", "rewrite"),
        ("R-13", "rewrite"),
        ("R-15", "rewrite"),
        ("R-15", "rewrite"),
    ]


def test_eigenvalue_regularizer_is_manual():
    before = "from keras.regularizers import EigenvalueRegularizer\nr = EigenvalueRegularizer(10)\n"
    assert noop(before) == [("R-17", "manual")]


def test_regularizer_setup_calls_removed():
    findings = conv(
        """\
        from keras.engine.topology import Layer
        class MyLayer(Layer):
            def build(self, input_shape):
                if self.W_regularizer:
                    self.W_regularizer.set_param(self.W)
                self.activity_regularizer.set_layer(self)
                self.n = 1
        """,
        """\
        from keras.engine.topology import Layer
        class MyLayer(Layer):
            def build(self, input_shape):
                if self.W_regularizer:
                    pass
                self.n = 1
        """,
    )
    assert findings == [("R-18", "rewrite"), ("R-18", "rewrite")]


def test_get_with_kwargs():
    findings = conv(
        """\
        from keras import regularizers, constraints
        r = regularizers.get('l2', {'l': 0.1})
        c = constraints.get(spec, kwargs)
        """,
        """\
        from keras import regularizers, constraints
        r = regularizers.get('l2')
        c = constraints.get(spec)
        """,
    )
    assert findings == [("R-19", "warning"), ("R-19", "warning")]


def test_constraint_renames_and_keywords():
    findings = conv(
        """\
        from keras.constraints import maxnorm, nonneg, unitnorm, MinMaxNorm, MaxNorm
        a = maxnorm(m=3)
        b = nonneg()
        c = unitnorm(axis=1)
        d = MinMaxNorm(low=0.1, high=2.0, rate=0.5)
        e = MaxNorm(m=2)
        """,
        """\
        from keras.constraints import max_norm, non_neg, unit_norm, MinMaxNorm, MaxNorm
        a = max_norm(max_value=3)
        b = non_neg()
        c = unit_norm(axis=1)
        d = MinMaxNorm(min_value=0.1, max_value=2.0, rate=0.5)
        e = MaxNorm(max_value=2)
        """,
    )  # V-32 is catalogue row "R-21"
    assert findings == [
        ("R-20", "rewrite"),
        ("R-22", "rewrite"),
        ("R-22", "rewrite"),
        ("R-20", "rewrite"),
        ("V-31", "rewrite"),
        ("R-22", "rewrite"),
        ("R-22", "rewrite"),
        ("V-32", "rewrite"),
        ("V-32", "rewrite"),
        ("V-31", "rewrite"),
    ]


def test_constraint_axes_follow_the_kernel_layout():
    findings = conv(
        """\
        from keras.layers import Convolution1D, Convolution2D, Dense
        from keras.constraints import maxnorm
        a = Convolution2D(8, 3, 3, W_constraint=maxnorm(2))
        b = Convolution2D(8, 3, 3, dim_ordering='th', W_constraint=maxnorm(2, axis=[1, 2, 3]))
        c = Convolution2D(8, 3, 3, dim_ordering='tf', W_constraint=maxnorm(2, axis=[0, 1, 2]))
        d = Convolution1D(8, 3, W_constraint=maxnorm(2, [0, 1, 2]))
        e = Dense(8, W_constraint=maxnorm(2))
        """,
        """\
        from keras.layers import Convolution1D, Convolution2D, Dense
        from keras.constraints import max_norm
        a = Convolution2D(8, 3, 3, W_constraint=max_norm(2, axis=3))
        b = Convolution2D(8, 3, 3, dim_ordering='th', W_constraint=max_norm(2, axis=[0, 1, 2]))
        c = Convolution2D(8, 3, 3, dim_ordering='tf', W_constraint=max_norm(2, axis=[0, 1, 2]))
        d = Convolution1D(8, 3, W_constraint=max_norm(2, [0, 1]))
        e = Dense(8, W_constraint=max_norm(2))
        """,
        image_dim_ordering="th",
    )
    assert [f for f in findings if f[0] == "R-23"] == [("R-23", "warning")] * 3


def test_constraint_axis_not_literal_is_manual():
    findings = conv(
        "from keras.layers import Convolution2D\nfrom keras.constraints import maxnorm\n"
        "a = Convolution2D(8, 3, 3, W_constraint=maxnorm(2, axis=ax))\n",
        "from keras.layers import Convolution2D\nfrom keras.constraints import max_norm\n"
        "a = Convolution2D(8, 3, 3, W_constraint=max_norm(2, axis=ax))\n",
        image_dim_ordering="th",
    )
    assert ("R-23", "manual") in findings


# losses and metrics -----------------------------------------------------------------------------
def test_objectives_become_losses():
    findings = conv(
        """\
        from keras import objectives
        from keras.objectives import categorical_crossentropy
        def loss(y, p):
            return objectives.mse(y, p) + categorical_crossentropy(y, p)
        """,
        """\
        from keras import losses
        from keras.losses import categorical_crossentropy
        def loss(y, p):
            return losses.mse(y, p) + categorical_crossentropy(y, p)
        """,
    )
    assert findings == [("I-13", "rewrite"), ("I-13", "rewrite"), ("R-26", "rewrite")]


def test_cosine_proximity_modern():
    findings = conv(
        """\
        from keras import objectives
        from keras.objectives import cosine_proximity
        model.compile(optimizer='sgd', loss='cosine_proximity', metrics=['cosine'])
        model.compile(optimizer='sgd', loss=objectives.cosine_proximity)
        model.compile(optimizer='sgd', loss=cosine_proximity)
        """,
        """\
        from keras import losses
        from keras.losses import cosine_similarity as cosine_proximity
        model.compile(optimizer='sgd', loss='cosine_similarity', metrics=['cosine_similarity'])
        model.compile(optimizer='sgd', loss=losses.cosine_similarity)
        model.compile(optimizer='sgd', loss=cosine_proximity)
        """,
    )
    assert findings == [
        ("I-13", "rewrite"),
        ("X-180", "warning"),
        ("X-180", "warning"),
        ("X-180", "warning"),
        ("X-180", "warning"),
    ]


def test_cosine_proximity_older_target_kept():
    conv(
        "from keras import objectives\nmodel.compile(optimizer='sgd', loss='cosine_proximity')\nl = objectives.cosine_proximity\n",
        "from keras import losses\nmodel.compile(optimizer='sgd', loss='cosine_proximity')\nl = losses.cosine_proximity\n",
        target="2.2",
    )


def test_removed_metrics_modern():
    findings = conv(
        """\
        from keras.metrics import fmeasure
        from keras import metrics
        model.compile(optimizer='sgd', loss='mse', metrics=['accuracy', 'fmeasure', fmeasure, 'precision', metrics.recall, 'fbeta_score'])
        """,
        """\
        from keras.metrics import F1Score, FBetaScore, Precision, Recall
        model.compile(optimizer='sgd', loss='mse', metrics=['accuracy', F1Score(average='micro', threshold=0.5, name='fmeasure'), F1Score(average='micro', threshold=0.5, name='fmeasure'), Precision(), Recall(), FBetaScore(beta=1.0, average='micro', threshold=0.5)])
        """,
    )
    assert findings == [("X-183", "warning")] * 5


@pytest.mark.parametrize(
    ("metric", "row"),
    [("fmeasure", "R-27"), ("f1score", "R-27"), ("fbeta_score", "R-29"), ("recall", "R-28")],
)
def test_removed_metric_functions_older_targets(metric, row):
    before = f"from keras import metrics\nmodel.compile(optimizer='sgd', loss='mse', metrics=[metrics.{metric}])\ns = metrics.{metric}(y, p)\n"
    assert noop(before, target="2.2") == [(row, "manual"), (row, "manual")]


def test_removed_metrics_older_targets_are_manual():
    before = """\
    from keras import metrics
    model.compile(optimizer='sgd', loss='mse', metrics=['fmeasure', metrics.precision])
    model.compile(optimizer='sgd', loss='mse', metrics={'out': ['recall']})
    """
    assert noop(before, target="2.2") == [
        ("V-34", "manual"),
        ("R-28", "manual"),
        ("V-34", "manual"),
    ]


def test_matthews_correlation_is_manual_everywhere():
    before = """\
    from keras.metrics import matthews_correlation
    model.compile(optimizer='sgd', loss='mse', metrics=['matthews_correlation'])
    m = matthews_correlation(y, p)
    """
    assert noop(before) == [("R-30", "manual"), ("V-34", "manual")]


def test_keras2_losses_and_metrics_untouched():
    noop(
        """\
        from keras import losses, metrics, initializers, regularizers, constraints
        from keras.optimizers import Adam
        model.compile(optimizer=Adam(learning_rate=0.001), loss=losses.categorical_crossentropy,
                      metrics=['accuracy', metrics.categorical_accuracy])
        w = initializers.RandomNormal(stddev=0.1)
        r = regularizers.l1_l2(l1=0.01, l2=0.01)
        c = constraints.max_norm(2)
        """
    )


def test_lr_next_to_a_keras2_keyword_is_still_renamed():
    from tests.util import check as plain_check

    plain_check(
        "from keras.optimizers import Adam\no = Adam(lr=0.01, amsgrad=True)\n",
        "from keras.optimizers import Adam\no = Adam(learning_rate=0.01, amsgrad=True)\n",
    )


def test_theano_shared_variable_methods_on_optimizer_hyperparameters():
    findings = check(
        """\
        from keras.callbacks import Callback
        class Schedule(Callback):
            def on_epoch_end(self, epoch, logs={}):
                lr = self.model.optimizer.lr.get_value()
                self.model.optimizer.lr.set_value(lr * 0.5)
        """,
        """\
        from keras.callbacks import Callback
        from keras import backend as K
        class Schedule(Callback):
            def on_epoch_end(self, epoch, logs={}):
                lr = K.get_value(self.model.optimizer.lr)
                K.set_value(self.model.optimizer.lr, lr * 0.5)
        """,
    )
    assert findings == [("X-177", "rewrite"), ("X-177", "rewrite")]
    # a value that is not visibly an optimizer's is left alone
    check_noop("import keras\nstate.lr.set_value(0.1)\n")
