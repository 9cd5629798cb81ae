"""The speed benchmark runs end to end on tiny corpora and prints its table and verdicts."""

import ast
import importlib.util
import random
import re
import subprocess
import sys
from pathlib import Path

from migrate.engine import may_need_migration

ROOT = Path(__file__).resolve().parent.parent
# loaded by path: tests/corpus/ would shadow a plain `import corpus`
_spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


def test_generated_keras_files_parse_and_differ():
    files = list(corpus.keras_files(3000, seed=5))
    texts = [text for _, text in files]
    assert sum(t.count("\n") for t in texts) >= 3000
    assert len(set(texts)) == len(texts)
    for text in texts:
        ast.parse(text)
        assert "keras" in text
    assert files == list(corpus.keras_files(3000, seed=5))  # seeded: same files again


def test_vary_renames_locals_but_not_keras_names_keywords_or_methods():
    source = (
        "from keras.layers import Dense, Layer, merge\n"
        "class Scale(Layer):\n"
        "    def call(self, x, mask=None):\n"
        "        return x\n"
        "def build(units, x):\n"
        "    h = Dense(units, activation='relu')(x)\n"
        "    return merge([h, h], mode='sum', name='h')\n"
    )
    tree = ast.parse(source)
    assert corpus._renamable(tree) == {"build", "units"}  # x: a method parameter; h: a string
    renamed = (
        "from keras.layers import Dense, Layer, merge\n"
        "class Scale(Layer):\n"
        "    def call(self, x, mask=None):\n"
        "        return x\n"
        "def build(units_t, x):\n"
        "    h = Dense(units_t, activation='relu')(x)\n"
        "    return merge([h, h], mode='max', name='h')\n"
    )
    assert corpus.vary(source, random.Random(0), "t") == renamed
    respelled = corpus.vary(source, random.Random(2), "t")
    assert respelled.startswith(
        "from keras.layers.core import Dense\n"
        "from keras.layers import Layer\n"
        "from keras.engine.topology import merge\n"
    )
    assert "def build_t(units, x):\n" in respelled


def test_single_file_has_exactly_200_lines():
    text = corpus.single_file(200)
    assert text.count("\n") == 200
    ast.parse(text)


def test_benchmark_prints_table_and_verdicts(tmp_path):
    proc = subprocess.run(
        [
            sys.executable, str(ROOT / "bench" / "run.py"), "--keras-lines", "300",
            "--stdlib-every", "300", "--runs", "1", "--growth-runs", "1", "--check-runs", "1",
            "--out", str(tmp_path),
        ],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr + proc.stdout
    lines = proc.stdout.splitlines()
    rows = [(line[:24].strip(), line[24:].split()) for line in lines[2:13]]
    assert [(name, cells[2]) for name, cells in rows] == [
        ("keras 1x", "keras-migrate"),
        ("keras 1x", "libcst-noop"),
        ("keras 1x", "parse-floor"),
        ("stdlib+10% keras files", "keras-migrate"),
        ("stdlib+10% keras files", "libcst-noop"),
        ("stdlib+10% keras files", "parse-floor"),
        ("stdlib+10% keras lines", "keras-migrate"),
        ("stdlib+10% keras lines", "libcst-noop"),
        ("stdlib+10% keras lines", "parse-floor"),
        ("keras 4x", "keras-migrate"),
        ("check, one file", "keras-migrate"),
    ]
    assert rows[-1][1][:2] == ["1", "200"]
    assert all(float(cells[3]) > 0 for _, cells in rows)  # wall seconds
    verdicts = [line for line in lines if re.match(r"(PASS|FAIL)  ", line)]
    assert [v.split("  ")[1].split(":")[0] for v in verdicts] == [
        "keras corpus",
        "mostly-other corpus, Keras 10% of the files",
        "mostly-other corpus, Keras 10% of the lines",
        "4x corpus wall",
        "4x corpus peak memory",
        "check on one 200-line file",
    ]
    assert any(line.startswith("floor (the pre-filter and a LibCST parse") for line in lines)
    assert (tmp_path / "keras_300" / ".stamp").exists()
    # Keras 1 files are added for 10% of all files in one mixed corpus, of all lines in the other
    stdlib = corpus.count_lines(tmp_path / "stdlib_every_300_files" / "stdlib")
    keras = corpus.count_lines(tmp_path / "stdlib_every_300_files" / "keras_app")
    assert keras[0] == max(1, round(stdlib[0] / 9))
    stdlib = corpus.count_lines(tmp_path / "stdlib_every_300_lines" / "stdlib")
    keras = corpus.count_lines(tmp_path / "stdlib_every_300_lines" / "keras_app")
    assert int(stdlib[1] / 9) <= keras[1] < stdlib[1] / 9 + 1000  # stops after the file passing it
    assert len(list((tmp_path / "keras_1200").rglob("*.py"))) > len(
        list((tmp_path / "keras_300").rglob("*.py"))
    )


def test_engine_profile_prints_every_stage():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "engine_profile.py"), str(ROOT / "samples" / "keras1")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr + proc.stdout
    lines = proc.stdout.splitlines()
    samples = sorted((ROOT / "samples" / "keras1").glob("*.py"))
    files = len(samples)
    keras = sum(may_need_migration(p.read_text(encoding="utf-8")) for p in samples)
    assert re.match(rf"{files} files, \d+ lines: ", lines[0])
    stages = {line[2:44].strip(): int(line.split()[-2]) for line in lines[1:-1]}
    assert stages["parse (libcst.parse_module)"] >= keras
    assert stages["walk (_Runner)"] == keras > 0
    assert stages["read files"] == files
    assert stages["positions (start_positions)"] >= 1
    assert lines[-1].startswith("result transfer: ")
