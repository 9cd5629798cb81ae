"""Model and training API (catalogue §8, modern.md §4): exact before and after."""

import pytest

from tests.util import check, check_noop, run

HEAD = "from keras.models import Sequential\nmodel = Sequential()\n"


def test_model_keywords():
    findings = check(
        "from keras.models import Model\nm = Model(input=[a, b], output=y, name='net')\n",
        "from keras.models import Model\nm = Model(inputs=[a, b], outputs=y, name='net')\n",
    )
    assert findings == [("K-54", "rewrite"), ("K-55", "rewrite")]


def test_model_from_engine_keeps_positional():
    assert check_noop("from keras.models import Model\nm = Model(a, y)\n") == []


@pytest.mark.parametrize(
    ("call", "expected", "rows"),
    [
        ("model.fit(X, y, nb_epoch=5)", "model.fit(X, y, epochs=5)", ["T-02"]),
        ("model.fit(X, y, 32, 3)", "model.fit(X, y, 32, 3)", []),
        (
            "model.fit(X, y, nb_epoch=2, show_accuracy=True)",
            "model.fit(X, y, epochs=2)",
            ["T-02", "T-11"],
        ),
        ("model.evaluate(X, y, show_accuracy=False)", "model.evaluate(X, y)", ["T-11"]),
        ("model.train_on_batch(X, y, accuracy=True)", "model.train_on_batch(X, y)", ["T-12"]),
        (
            "model.compile('sgd', 'mse', class_mode='binary')",
            "model.compile('sgd', 'mse')",
            ["T-13"],
        ),
        (
            "model.compile(loss='mse', optimizer='sgd', metrics=['accuracy'])",
            "model.compile(loss='mse', optimizer='sgd', metrics=['acc'])",
            ["X-153"],
        ),
        (
            "model.compile('sgd', 'mse', ['accuracy'], {'out': 1.0})",
            "model.compile('sgd', 'mse', ['acc'], loss_weights={'out': 1.0})",
            ["X-153", "X-159"],
        ),
        ("p = model.predict_proba(X)", "p = model.predict(X)", ["X-151"]),
        ("s = model.to_yaml()", "s = model.to_json()", ["X-157"]),
        ("model.load_weights('w.h5', True)", "model.load_weights('w.h5', by_name=True)", ["X-158"]),
        ("n = len(model.flattened_layers)", "n = len(model.layers)", ["T-19"]),
        ("r = model.regularizers", "r = model.losses", ["T-18"]),
        ("inner = model.model", "inner = model", ["X-156"]),
    ],
)
def test_model_methods(call, expected, rows):
    findings = check(HEAD + call + "\n", HEAD + expected + "\n")
    assert sorted(r for r, _ in findings) == sorted(rows)


def test_fit_without_epochs_in_a_keras1_file():
    findings = check(
        "from keras.layers import Dense\n"
        + HEAD
        + "model.add(Dense(8, init='uniform'))\nmodel.fit(X, y)\n",
        "from keras.layers import Dense\n"
        + HEAD
        + "model.add(Dense(8, kernel_initializer='uniform'))\nmodel.fit(X, y, epochs=10)\n",
    )
    assert ("T-03", "rewrite") in findings


def test_training_data_is_manual():
    assert check_noop(HEAD + "d = model.training_data\n") == [("T-20", "manual")]


def test_fit_on_unknown_receiver_only_renames_keras1_keywords():
    check(
        "import keras\nclf.fit(X, y)\nnet.fit(X, y, nb_epoch=3)\n",
        "import keras\nclf.fit(X, y)\nnet.fit(X, y, epochs=3)\n",
    )


def test_keras2_file_fit_untouched():
    source = "from keras.models import Sequential\nmodel = Sequential()\nmodel.fit(X, y)\n"
    assert check_noop(source) == []


GEN = "from keras.preprocessing.image import ImageDataGenerator\ndatagen = ImageDataGenerator()\n"


@pytest.mark.parametrize(
    ("call", "expected", "rows"),
    [
        (
            "model.fit_generator(datagen.flow(X, y, batch_size=16), samples_per_epoch=len(X), nb_epoch=3)",
            "model.fit(datagen.flow(X, y, batch_size=16), steps_per_epoch=ceil(len(X) / 16), epochs=3)",
            ["V-21", "T-02", "X-152"],
        ),
        (
            "model.fit_generator(datagen.flow(X, y), 1000, 3, validation_data=datagen.flow(Xv, yv, batch_size=50), nb_val_samples=200)",
            "model.fit(datagen.flow(X, y), steps_per_epoch=32, epochs=3, validation_data=datagen.flow(Xv, yv, batch_size=50), validation_steps=4)",
            ["V-21", "T-02", "V-22", "X-152"],
        ),
        (
            "model.fit_generator(gen, samples_per_epoch=640, nb_epoch=2, nb_worker=2, pickle_safe=True, max_q_size=5)",
            "model.fit(gen, steps_per_epoch=20, epochs=2, workers=2, use_multiprocessing=True, max_queue_size=5)",
            ["V-21", "T-02", "T-08", "T-09", "T-10", "X-152"],
        ),
        (
            "p = model.predict_generator(datagen.flow_from_directory('d'), val_samples=100)",
            "p = model.predict(datagen.flow_from_directory('d'), steps=4)[:100]",
            ["V-23", "T-07", "X-152"],
        ),
        (
            "e = model.evaluate_generator(gen, val_samples=n, verbose=0)",
            "e = model.evaluate(gen, steps=ceil(n / 32))",
            ["V-23", "T-15", "X-152"],
        ),
    ],
)
def test_generator_methods(call, expected, rows):
    head = GEN + "gen = datagen.flow(X, y, batch_size=32)\n"
    findings = check(HEAD + head + call + "\n", _with_ceil(HEAD + head, expected))
    assert sorted(r for r, _ in findings) == sorted(rows)


def _with_ceil(head: str, expected: str) -> str:
    if "ceil(" not in expected:
        return head + expected + "\n"
    return (
        head.replace(
            "from keras.preprocessing.image import ImageDataGenerator\n",
            "from keras.preprocessing.image import ImageDataGenerator\nfrom math import ceil\n",
        )
        + expected
        + "\n"
    )


def test_generator_batch_size_unknown_divides_by_a_placeholder():
    findings = check(
        HEAD + "model.fit_generator(my_generator(), samples_per_epoch=1000, nb_epoch=2,\n"
        "                    validation_data=val_gen, nb_val_samples=n_val)\n",
        HEAD.replace("import Sequential\n", "import Sequential\nfrom math import ceil\n")
        + "model.fit(my_generator(), steps_per_epoch=ceil(1000 / TODO_batch_size), epochs=2,\n"
        "                    validation_data=val_gen, validation_steps=ceil(n_val / TODO_validation_batch_size))\n",
    )
    assert ("V-21", "warning") in findings
    assert ("V-22", "warning") in findings
    result = run(HEAD + "model.fit_generator(my_generator(), samples_per_epoch=1000, nb_epoch=2)\n")
    (warning,) = [f for f in result.findings if f.row == "V-21"]
    assert "batch size is not visible here" in warning.message
    assert warning.todo.startswith("Replace TODO_batch_size with the number of samples")


def test_generator_positional_samples_become_keywords():
    findings = check(
        HEAD + "model.fit(X, y, nb_epoch=1)\np = model.predict_generator(my_gen(), 50)\n",
        HEAD.replace("import Sequential\n", "import Sequential\nfrom math import ceil\n")
        + "model.fit(X, y, epochs=1)\np = model.predict(my_gen(), steps=ceil(50 / TODO_batch_size))[:50]\n",
    )
    assert ("V-23", "warning") in findings
    assert ("T-07", "rewrite") in findings


def test_nb_val_samples_with_array_validation_data_is_dropped():
    # Keras 1 evaluated the whole arrays and ignored nb_val_samples
    findings = check(
        HEAD + GEN + "model.fit_generator(datagen.flow(X, y, batch_size=8), 80, 2, validation_data=(Xv, yv), nb_val_samples=10)\n",
        HEAD + GEN + "model.fit(datagen.flow(X, y, batch_size=8), steps_per_epoch=10, epochs=2, validation_data=(Xv, yv))\n",
    )
    assert ("V-22", "rewrite") in findings


def test_batch_size_parameter_spellings():
    check(
        HEAD
        + "def batches(data, BATCHSIZE=None):\n    yield data[:BATCHSIZE]\n"
        + "model.fit_generator(batches(d, 16), samples_per_epoch=64, nb_epoch=2)\n"
        + "model.fit_generator(batches(d), samples_per_epoch=64, nb_epoch=2)\n"
        + "model.fit_generator(gen(d, batchsize=b), samples_per_epoch=64, nb_epoch=2)\n",
        HEAD.replace("import Sequential\n", "import Sequential\nfrom math import ceil\n")
        + "def batches(data, BATCHSIZE=None):\n    yield data[:BATCHSIZE]\n"
        + "model.fit(batches(d, 16), steps_per_epoch=4, epochs=2)\n"
        + "model.fit(batches(d), steps_per_epoch=ceil(64 / TODO_batch_size), epochs=2)\n"
        + "model.fit(gen(d, batchsize=b), steps_per_epoch=ceil(64 / b), epochs=2)\n",
    )


def test_generator_methods_kept_for_keras_2_2():
    check(
        HEAD
        + GEN
        + "model.fit_generator(datagen.flow(X, y, batch_size=10), samples_per_epoch=100, nb_epoch=2, max_q_size=4)\n",
        HEAD
        + GEN
        + "model.fit_generator(datagen.flow(X, y, batch_size=10), steps_per_epoch=10, epochs=2, max_queue_size=4)\n",
        target="2.2",
    )


def test_predict_classes_helper():
    check(
        """\
        from keras.models import Sequential
        import numpy as np

        model = Sequential()
        classes = model.predict_classes(X, verbose=0)
        """,
        '''\
        from keras.models import Sequential
        import numpy as np


        def keras1_predict_classes(model, x, batch_size=32, verbose=1):
            """Keras 1's Sequential.predict_classes (Keras 2.6 and later no longer have it)."""
            proba = model.predict(x, batch_size=batch_size, verbose=verbose)
            if proba.shape[-1] > 1:
                return proba.argmax(axis=-1)
            return (proba > 0.5).astype("int32")


        model = Sequential()
        classes = keras1_predict_classes(model, X, verbose=0)
        ''',
    )


def test_model_from_yaml():
    check(
        "from keras.models import model_from_yaml\nm = model_from_yaml(text)\n",
        "from keras.models import model_from_json\nm = model_from_json(text)\n",
    )


def test_predict_classes_on_any_receiver_in_a_keras1_file():
    result = check(
        "import keras\nclass CB(keras.callbacks.Callback):\n    def on_epoch_end(self, epoch, logs):\n"
        "        p = self.model.predict_classes(self.x, nb_epoch=1)\n",
        "import keras\n\n\ndef keras1_predict_classes(model, x, batch_size=32, verbose=1):\n"
        '    """Keras 1\'s Sequential.predict_classes (Keras 2.6 and later no longer have it)."""\n'
        "    proba = model.predict(x, batch_size=batch_size, verbose=verbose)\n"
        "    if proba.shape[-1] > 1:\n        return proba.argmax(axis=-1)\n"
        '    return (proba > 0.5).astype("int32")\n\n\n'
        "class CB(keras.callbacks.Callback):\n    def on_epoch_end(self, epoch, logs):\n"
        "        p = keras1_predict_classes(self.model, self.x, nb_epoch=1)\n",
    )
    assert ("X-150", "rewrite") in result


def test_fit_of_another_library_is_left_alone():
    source = (
        "from keras.models import Sequential\nmodel = Sequential()\nmodel.add(Dense(3, init='one'))\n"
        "agent.compile(opt)\nagent.fit(env, nb_steps=1000, visualize=False)\n"
    )
    assert "agent.fit(env, nb_steps=1000, visualize=False)" in run(source).after


def test_batch_size_from_the_generator_function_defined_here():
    findings = check(
        HEAD
        + "def batches(data, batch_size=64):\n    yield data[:batch_size]\n"
        + "model.fit_generator(batches(d), samples_per_epoch=640, nb_epoch=2)\n"
        + "model.fit_generator(batches(d, 10), samples_per_epoch=100, nb_epoch=2)\n",
        HEAD
        + "def batches(data, batch_size=64):\n    yield data[:batch_size]\n"
        + "model.fit(batches(d), steps_per_epoch=10, epochs=2)\n"
        + "model.fit(batches(d, 10), steps_per_epoch=10, epochs=2)\n",
    )
    assert ("V-21", "rewrite") in findings


def test_batch_size_from_an_argument_named_for_it():
    check(
        HEAD
        + "model.fit_generator(utils.gen(paths, cfg.batch_size), samples_per_epoch=5000, nb_epoch=5)\n",
        HEAD.replace("import Sequential\n", "import Sequential\nfrom math import ceil\n")
        + "model.fit(utils.gen(paths, cfg.batch_size), steps_per_epoch=ceil(5000 / cfg.batch_size), epochs=5)\n",
    )


def test_fit_with_a_generator_keyword_is_manual():
    # Keras 1's fit() raised TypeError on unknown keywords: nothing to convert, a person decides
    source = HEAD + "model.fit(X, y, batch_size=32, samples_per_epoch=len(X), epochs=2)\n"
    assert check_noop(source) == [("T-04", "manual")]
