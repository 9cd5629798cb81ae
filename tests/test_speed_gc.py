"""A run collects garbage less often while it migrates, and gives the caller's setting back."""

import gc
import signal
from pathlib import Path

from migrate.run import _GC_THRESHOLD, _init_worker, run

KERAS1 = "from keras.layers import Dense\nlayer = Dense(10, init='uniform')\n"


def test_in_process_run_raises_the_threshold_and_restores_it(tmp_path: Path):
    (tmp_path / "a.py").write_text(KERAS1)
    (tmp_path / "b.py").write_text("x = 1\n")
    saved = gc.get_threshold()
    during = []

    def progress(result, total):
        if result is not None:
            during.append(gc.get_threshold())

    try:
        gc.set_threshold(500, 7, 9)
        result = run([tmp_path], jobs=1, progress=progress)
        assert gc.get_threshold() == (500, 7, 9)
    finally:
        gc.set_threshold(*saved)
    assert during == [(_GC_THRESHOLD, 7, 9)] * 2
    assert [f.changed for f in result.files] == [True, False]
    assert "kernel_initializer='uniform'" in result.files[0].after


def test_worker_initialiser_raises_the_threshold():
    saved = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        _init_worker()
        assert gc.get_threshold() == (_GC_THRESHOLD, 10, 10)
    finally:
        gc.set_threshold(*saved)
        signal.signal(signal.SIGINT, signal.default_int_handler)
