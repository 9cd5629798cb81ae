"""Training API tables: keyword renames and drops, generator methods (catalogue §8)."""

from .signatures import K1_SIGNATURES

# Keras 1 keyword -> (Keras 2 keyword, row, first target version that has it or None)
RENAMED_KEYWORDS = {
    "nb_epoch": ("epochs", "T-02", None),
    "nb_worker": ("workers", "T-08", None),
    "pickle_safe": ("use_multiprocessing", "T-09", (2, 1)),
    "max_q_size": ("max_queue_size", "T-10", (2, 1)),
}

# method -> {Keras 1 keyword Keras 2 rejects: (row, why it can go)}
_SHOW_ACCURACY = ("T-11", "Keras 0 leftover; accuracy comes from compile(metrics=...)")
DROPPED = {
    "fit": {"show_accuracy": _SHOW_ACCURACY},
    "evaluate": {"show_accuracy": _SHOW_ACCURACY},
    "fit_generator": {
        "show_accuracy": _SHOW_ACCURACY,
        "nb_val_worker": ("T-14", "ignored by Keras 1"),
    },
    "evaluate_generator": {
        "show_accuracy": _SHOW_ACCURACY,
        "verbose": ("T-15", "ignored by Keras 1"),
    },
    "train_on_batch": {"accuracy": ("T-12", "Keras 0 leftover")},
    "test_on_batch": {"accuracy": ("T-12", "Keras 0 leftover")},
    "compile": {"class_mode": ("T-13", "Keras 0 leftover")},
}

# Keras 1 generator method -> its modern Keras 2 name
GENERATOR_METHODS = {
    "fit_generator": "fit",
    "evaluate_generator": "evaluate",
    "predict_generator": "predict",
}
K1_GENERATOR_SIGNATURES = {m: K1_SIGNATURES[f"keras.models.Model.{m}"] for m in GENERATOR_METHODS}

# generator factories: method -> (positional index of batch_size, Keras 1 default)
GENERATOR_BATCH_DEFAULTS = {
    "flow": (2, 32),
    "flow_from_directory": (5, 32),
}

# where a generator's batch size is not visible, the steps divide by a name left for a person
# to define (catalogue S-01): the code fails loudly (NameError) instead of training
# batch_size times longer
PLACEHOLDERS = {
    "samples_per_epoch": "TODO_batch_size",
    "nb_val_samples": "TODO_validation_batch_size",
    "val_samples": "TODO_batch_size",
}

# calls whose result is a Keras model
MODEL_CONSTRUCTORS = frozenset(
    {
        "keras.models.Sequential",
        "keras.models.Model",
        "keras.models.load_model",
        "keras.models.model_from_json",
        "keras.models.model_from_yaml",
        "keras.models.model_from_config",
    }
)

PREDICT_CLASSES_HELPER = '''

def keras1_predict_classes(model, x, batch_size=32, verbose=1):
    """Keras 1's Sequential.predict_classes (Keras 2.6 and later no longer have it)."""
    proba = model.predict(x, batch_size=batch_size, verbose=verbose)
    if proba.shape[-1] > 1:
        return proba.argmax(axis=-1)
    return (proba > 0.5).astype("int32")
'''
