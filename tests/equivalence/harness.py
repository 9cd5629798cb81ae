"""Run a Keras 1 source and its Keras 2 twin in their environments and compare them."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from . import envs
from .compare import Verdict, compare_reports

HERE = Path(__file__).resolve().parent
TIMEOUT = 600  # seconds per runner; a cold Theano compile of a big model takes minutes


def _keras_json(home: Path, config: dict) -> None:
    (home / ".keras").mkdir(parents=True, exist_ok=True)
    (home / ".keras" / "keras.json").write_text(json.dumps(config))


def _environ(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(HOME=str(home), PYTHONHASHSEED="0", **extra)
    return env


def _start(python: Path, name: str, work: Path, env: dict) -> subprocess.Popen:
    runner, source = HERE / f"runner_{name}.py", work / f"sample_{name}.py"
    # Output goes to a file: a pipe nobody reads yet could fill up and stall the runner.
    with open(work / f"{name}.log", "w") as log:
        return subprocess.Popen(
            [str(python), str(runner), str(source), str(work), str(TIMEOUT)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def _finish(proc: subprocess.Popen, work: Path, name: str) -> dict:
    """Wait for a runner; its report, or an error report when it died without one."""
    report = work / f"{name}.json"
    try:
        proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        error = f"{name} runner timed out after {TIMEOUT} s"
    else:
        log = (work / f"{name}.log").read_text(errors="replace")
        error = f"{name} runner exited {proc.returncode}:\n{log[-3000:]}"
    if not report.exists():
        tmp = report.with_suffix(".tmp")
        tmp.write_text(json.dumps({"error": error}))
        tmp.replace(report)  # also tells a waiting Keras 2 runner to give up
    return json.loads(report.read_text())


def check_equivalence(
    keras1_source: str,
    keras2_source: str,
    *,
    dim_ordering: str = "tf",
    workdir: Path | None = None,
) -> Verdict:
    """Build `keras1_source`'s build() under Keras 1.2.2 with image_dim_ordering
    `dim_ordering`, `keras2_source`'s build() under keras 2.15, and compare the models."""
    if dim_ordering not in ("th", "tf"):
        raise ValueError(f"dim_ordering must be 'th' or 'tf', not {dim_ordering!r}")
    py1 = envs.ensure(envs.KERAS1)
    py2 = envs.ensure(envs.KERAS2)
    with tempfile.TemporaryDirectory(prefix="keras-equiv-") as tmp:
        work = Path(workdir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        for stale in ("keras1.json", "keras1.npz", "keras2.json"):
            (work / stale).unlink(missing_ok=True)
        (work / "sample_keras1.py").write_text(keras1_source)
        (work / "sample_keras2.py").write_text(keras2_source)

        home1, home2 = work / "home1", work / "home2"
        common = {"floatx": "float32", "epsilon": 1e-07}
        _keras_json(home1, {"backend": "theano", "image_dim_ordering": dim_ordering, **common})
        _keras_json(
            home2, {"backend": "tensorflow", "image_data_format": "channels_last", **common}
        )
        # Theano's compiled code is cached across runs: a warm conv model builds in ~1 s.
        compiledir = envs.cache_root() / "theano"
        flags = f"device=cpu,floatX=float32,blas.ldflags=,base_compiledir={compiledir}"
        env1 = _environ(home1, KERAS_BACKEND="theano", THEANO_FLAGS=flags)
        env2 = _environ(home2, TF_CPP_MIN_LOG_LEVEL="2", CUDA_VISIBLE_DEVICES="-1")

        # Both start at once: the Keras 2 runner builds its model while Keras 1 runs, then
        # waits for keras1.json and keras1.npz.
        start = time.monotonic()
        k2_proc = _start(py2, "keras2", work, env2)
        k1_proc = _start(py1, "keras1", work, env1)
        k1 = _finish(k1_proc, work, "keras1")
        seconds = {"keras1": time.monotonic() - start}
        k2 = _finish(k2_proc, work, "keras2")
        seconds["both"] = time.monotonic() - start
        verdict = compare_reports(k1, k2)
        verdict.seconds = seconds
        return verdict
