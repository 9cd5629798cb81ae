"""Build and cache the two virtual environments the equivalence harness runs in.

keras1: Keras 1.2.2 on Theano 1.0.5 with the Python 3.11 shims as sitecustomize.py.
keras2: keras 2.15.0 on tensorflow-cpu 2.15.1.

Both live under ${KERAS_MIGRATE_EQUIV_CACHE:-~/.cache/keras-migrate/equiv}. An environment is
reused while its marker file records the same requirements, shims and base interpreter;
otherwise it is rebuilt. A lock file per environment keeps parallel test processes from
building the same one twice.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARKER = "keras-migrate-env.json"


@dataclass(frozen=True)
class EnvSpec:
    name: str
    requirements: tuple[str, ...]
    sitecustomize: Path | None = None  # copied into site-packages when set

    def fingerprint(self) -> dict:
        shims = self.sitecustomize.read_bytes() if self.sitecustomize else b""
        return {
            "requirements": list(self.requirements),
            "sitecustomize_sha256": hashlib.sha256(shims).hexdigest(),
            "base_python": [sys.base_prefix, list(sys.version_info[:3])],
        }


KERAS1 = EnvSpec(
    "keras1",
    (
        "keras==1.2.2",
        "theano==1.0.5",
        # numpy 1.24 removed aliases Theano uses; 1.22 has no Python 3.11 wheel.
        "numpy==1.23.5",
        "scipy==1.10.1",
        "h5py",
        "pyyaml",
        "six",
    ),
    HERE / "sitecustomize_keras1.py",
)
KERAS2 = EnvSpec("keras2", ("tensorflow-cpu==2.15.1", "keras==2.15.0"))


class EnvBuildError(RuntimeError):
    pass


def cache_root() -> Path:
    root = os.environ.get("KERAS_MIGRATE_EQUIV_CACHE") or "~/.cache/keras-migrate/equiv"
    return Path(root).expanduser()


def python_of(env_dir: Path) -> Path:
    return env_dir / "bin" / "python"


@contextmanager
def locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def is_current(spec: EnvSpec, env_dir: Path) -> bool:
    try:
        recorded = json.loads((env_dir / MARKER).read_text())
    except (OSError, ValueError):
        return False
    return recorded.get("fingerprint") == spec.fingerprint() and python_of(env_dir).exists()


def ensure(spec: EnvSpec, root: Path | None = None) -> Path:
    """Return the Python executable of `spec`'s environment, building it if needed."""
    root = root or cache_root()
    env_dir = root / spec.name
    with locked(root / f"{spec.name}.lock"):
        if not is_current(spec, env_dir):
            build(spec, env_dir)
    return python_of(env_dir)


def build(spec: EnvSpec, env_dir: Path) -> None:
    start = time.monotonic()
    if env_dir.exists():
        shutil.rmtree(env_dir)
    _run([sys.executable, "-m", "venv", str(env_dir)], f"create {spec.name} venv")
    python = str(python_of(env_dir))
    _run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--no-input",
            "--disable-pip-version-check",
            "-q",
            *spec.requirements,
        ],
        f"install {spec.name} requirements",
    )
    if spec.sitecustomize:
        purelib = subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        shutil.copyfile(spec.sitecustomize, Path(purelib) / "sitecustomize.py")
    # The marker goes last: an interrupted build is never mistaken for a finished one.
    marker = {"fingerprint": spec.fingerprint(), "build_seconds": time.monotonic() - start}
    (env_dir / MARKER).write_text(json.dumps(marker, indent=2))


def _run(cmd: list[str], what: str) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = (proc.stdout + proc.stderr)[-4000:]
        raise EnvBuildError(f"could not {what} (exit {proc.returncode}):\n{tail}")


if __name__ == "__main__":
    for _spec in (KERAS1, KERAS2):
        print(_spec.name, ensure(_spec))
