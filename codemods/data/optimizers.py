"""Tables for the optimizers pass (catalogue §10, V-31, V-32, V-34, I-12, I-13, I-20; modern.md
§5, §6).

Formats as in `codemods/data/utilities.py`: MOVES and MODULES for names and modules that live on
elsewhere, GONE for names with no Keras 2 equivalent, plus the optimizer, initializer, metric
and constraint facts the pass needs. Keras 1 values come from keras-team/keras tag 1.2.2
(keras/optimizers.py, initializations.py, regularizers.py, constraints.py, metrics.py).
"""

from __future__ import annotations

from .utilities import ALL, MODERN, Gone, Move

_REG = "keras.regularizers"
_CON = "keras.constraints"

MOVES: dict[str, list[Move]] = {
    f"{_REG}.WeightRegularizer": [Move(f"{_REG}.L1L2", "R-11")],
    f"{_REG}.ActivityRegularizer": [Move(f"{_REG}.L1L2", "R-12")],
    f"{_REG}.L1L2Regularizer": [Move(f"{_REG}.L1L2", "R-13")],
    f"{_REG}.l1l2": [Move(f"{_REG}.l1_l2", "R-14")],
    f"{_REG}.activity_l1": [Move(f"{_REG}.l1", "R-15")],
    f"{_REG}.activity_l2": [Move(f"{_REG}.l2", "R-15")],
    f"{_REG}.activity_l1l2": [Move(f"{_REG}.l1_l2", "R-15")],
    f"{_CON}.maxnorm": [Move(f"{_CON}.max_norm", "R-20")],
    f"{_CON}.nonneg": [Move(f"{_CON}.non_neg", "R-22")],
    f"{_CON}.unitnorm": [Move(f"{_CON}.unit_norm", "R-22")],
    "keras.initializations.get": [Move("keras.initializers.get", "R-02", ALL, "I-12")],
    "keras.optimizers.optimizer_from_config": [
        Move("keras.optimizers.deserialize", "R-32", ALL, "I-20", alias=True)
    ],
    **{
        f"keras.{m}.{n}": [
            Move(
                "keras.losses.cosine_similarity",
                "X-180",
                MODERN,
                warning="Keras 1 cosine_proximity was -mean(l2n(y_true) * l2n(y_pred)) over the "
                "last axis; cosine_similarity is -sum: the loss is scaled by the size of the "
                "last axis (adjust the learning rate or loss weight if that matters).",
            )
        ]
        for m in ("objectives", "metrics")
        for n in ("cosine_proximity", "cosine")
    },
}
MEMBER_ROWS = {"keras.objectives": "R-26"}  # objectives.<loss> -> losses.<loss>
MODULES: dict[str, Move] = {
    "keras.initializations": Move("keras.initializers", "R-01", ALL, "I-12"),
    "keras.objectives": Move("keras.losses", "R-25", ALL, "I-13"),
}
_CUSTOM_METRIC = (
    "Write the metric yourself (a function of y_true, y_pred, or a keras.metrics.Metric); the "
    "Keras 1 version was averaged per batch."
)
GONE: dict[str, Gone] = {
    f"{_REG}.EigenvalueRegularizer": Gone(
        "R-17",
        "EigenvalueRegularizer was removed in Keras 2",
        "Write a custom regularizer: a callable weight -> scalar loss.",
    ),
    **{
        f"keras.metrics.{n}": Gone(row, f"metrics.{n} was removed in Keras 2", _CUSTOM_METRIC)
        for n, row in (
            ("fmeasure", "R-27"),
            ("fscore", "R-27"),
            ("f1score", "R-27"),
            ("precision", "R-28"),
            ("recall", "R-28"),
            ("fbeta_score", "R-29"),
            ("matthews_correlation", "R-30"),
        )
    },
    "keras.optimizers.TFOptimizer": Gone(
        "X-178",
        "keras.optimizers.TFOptimizer does not exist in modern Keras 2",
        "Use a Keras optimizer (keras.optimizers.SGD, Adam, ...) instead of wrapping a "
        "TensorFlow one.",
        MODERN,
    ),
}

# Keras 1 optimizer -> its default learning rate (keras 2.15 defaults are all 0.001 but SGD's)
K1_LEARNING_RATES = {
    "SGD": "0.01",
    "RMSprop": "0.001",
    "Adagrad": "0.01",
    "Adadelta": "1.0",
    "Adam": "0.001",
    "Adamax": "0.002",
    "Nadam": "0.002",
}
MODERN_LEARNING_RATES = {name: "0.01" if name == "SGD" else "0.001" for name in K1_LEARNING_RATES}
# compile(optimizer='...') strings whose Keras 1 default learning rate differs
STRING_OPTIMIZERS = {
    "adadelta": "Adadelta",
    "adagrad": "Adagrad",
    "adamax": "Adamax",
    "nadam": "Nadam",
}
NADAM_SCHEDULE_DECAY = 0.004  # the value the keras 2.15 Nadam hard-wires
# keywords only a Keras 2.3+ optimizer call has: such a call is already migrated
MODERN_OPTIMIZER_KEYWORDS = frozenset(
    {
        "learning_rate",
        "weight_decay",
        "amsgrad",
        "centered",
        "initial_accumulator_value",
        "global_clipnorm",
        "use_ema",
        "ema_momentum",
        "ema_overwrite_frequency",
        "jit_compile",
        "name",
    }
)

# keras.initializations.<function>(shape, ...) -> (initializers.<Keras 2 callable>, row,
# Keras 1 `scale` default or "" when the function has no scale)
INITIALIZERS = {
    "uniform": ("RandomUniform", "R-04", "0.05"),
    "normal": ("RandomNormal", "R-05", "0.05"),
    "orthogonal": ("Orthogonal", "R-06", "1.1"),
    "identity": ("Identity", "R-07", "1"),
    "zero": ("Zeros", "R-08", ""),
    "one": ("Ones", "R-08", ""),
    "lecun_uniform": ("lecun_uniform", "R-09", ""),
    "glorot_normal": ("glorot_normal", "R-09", ""),
    "glorot_uniform": ("glorot_uniform", "R-09", ""),
    "he_normal": ("he_normal", "R-09", ""),
    "he_uniform": ("he_uniform", "R-09", ""),
}

# Keras 1 metric -> keras 2.15 metric object. name= keeps the Keras 1 history keys.
MODERN_METRICS = {
    "fmeasure": ("F1Score", "average='micro', threshold=0.5, name='fmeasure'", "R-27"),
    "fscore": ("F1Score", "average='micro', threshold=0.5, name='fmeasure'", "R-27"),
    "f1score": ("F1Score", "average='micro', threshold=0.5, name='fmeasure'", "R-27"),
    "precision": ("Precision", "", "R-28"),
    "recall": ("Recall", "", "R-28"),
    "fbeta_score": ("FBetaScore", "beta=1.0, average='micro', threshold=0.5", "R-29"),
}
REMOVED_METRICS = frozenset({*MODERN_METRICS, "matthews_correlation"})
COSINE_NAMES = frozenset({"cosine_proximity", "cosine"})

# constraint keyword renames (R-20/V-31, R-21/V-32); positions are unchanged
CONSTRAINT_KEYWORDS = {
    f"{_CON}.MaxNorm": ({"m": "max_value"}, "V-31"),
    f"{_CON}.maxnorm": ({"m": "max_value"}, "V-31"),
    f"{_CON}.MinMaxNorm": ({"low": "min_value", "high": "max_value"}, "V-32"),
}
# constraints whose `axis` follows the kernel layout, with their Keras 1 default axis
AXIS_CONSTRAINTS = {
    f"{_CON}.MaxNorm": ("m", "axis"),
    f"{_CON}.maxnorm": ("m", "axis"),
    f"{_CON}.UnitNorm": ("axis",),
    f"{_CON}.unitnorm": ("axis",),
    f"{_CON}.MinMaxNorm": ("low", "high", "rate", "axis"),
}
# Keras 1 kernel axis -> keras 2 kernel axis: channels-first conv kernels (out, in, *spatial)
# become (*spatial, in, out); Convolution1D kernels (length, 1, in, out) become (length, in, out)
KERNEL_AXES = {
    "2d_th": {0: 3, 1: 2, 2: 0, 3: 1},
    "3d_th": {0: 4, 1: 3, 2: 0, 3: 1, 4: 2},
    "1d": {0: 0, 2: 1, 3: 2},
}
CONV_LAYERS = {
    "keras.layers.Convolution2D": "2d",
    "keras.layers.Conv2D": "2d",
    "keras.layers.AtrousConvolution2D": "2d",
    "keras.layers.AtrousConv2D": "2d",
    "keras.layers.Convolution3D": "3d",
    "keras.layers.Conv3D": "3d",
    "keras.layers.Convolution1D": "1d",
    "keras.layers.Conv1D": "1d",
    "keras.layers.AtrousConvolution1D": "1d",
    "keras.layers.AtrousConv1D": "1d",
}
# X.get(identifier, kwargs): Keras 2 get() takes the identifier only
GETTERS = frozenset(
    {
        "keras.regularizers.get",
        "keras.constraints.get",
        "keras.optimizers.get",
        "keras.initializations.get",
    }
)

# hyper-parameters Keras 1 optimizers held as backend variables (Theano shared variables, with
# .set_value()/.get_value())
OPTIMIZER_VARIABLES = frozenset(
    {"lr", "learning_rate", "decay", "momentum", "beta_1", "beta_2", "rho", "epsilon", "iterations"}
)
