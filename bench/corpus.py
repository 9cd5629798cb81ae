"""Benchmark corpora, generated into a cache folder.

- keras: varied Keras 1 files made from samples/keras1/*.py and the Python 3 files of
  tests/corpus/ (whichever exist: both grow). Each file is one of those with its
  local names renamed, layer sizes and merge modes changed, imports spelled another way, and
  3-8 extra helper functions (Keras 1 blocks through several import spellings, plain Python).
- stdlib: the running interpreter's pure-Python standard library (no test suites, no
  site-packages, only files that Python and LibCST both read and print back), plus Keras 1
  files: either 10% of all files or (the stricter reading, as Keras files are short) 10% of
  all lines.
- single: one Keras 1 file of exactly 200 lines.

Everything is seeded: the same arguments give the same files.
"""

from __future__ import annotations

import ast
import builtins
import io
import os
import random
import re
import shutil
import sysconfig
import tokenize
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "samples" / "keras1", ROOT / "tests" / "corpus")
FILES_PER_FOLDER = 50

# Keras 1.2.2 module of each layer, for `from keras.layers.<module> import X` spellings
LAYER_MODULES = {
    "core": "Dense Activation Dropout Flatten Reshape Permute RepeatVector Lambda Masking Highway",
    "convolutional": "Convolution1D Convolution2D Convolution3D UpSampling1D UpSampling2D "
    "ZeroPadding1D ZeroPadding2D Cropping2D AtrousConvolution2D SeparableConvolution2D "
    "Deconvolution2D",
    "pooling": "MaxPooling1D MaxPooling2D AveragePooling1D AveragePooling2D "
    "GlobalAveragePooling1D GlobalAveragePooling2D GlobalMaxPooling1D GlobalMaxPooling2D",
    "recurrent": "LSTM GRU SimpleRNN",
    "embeddings": "Embedding",
    "normalization": "BatchNormalization",
    "advanced_activations": "LeakyReLU PReLU ELU",
    "noise": "GaussianNoise GaussianDropout",
    "wrappers": "TimeDistributed Bidirectional",
}
MODULE_OF = {name: mod for mod, names in LAYER_MODULES.items() for name in names.split()}
MODULE_OF.update(
    {"merge": "engine.topology", "Merge": "engine.topology", "Input": "engine.topology"}
)

SIZES = (16, 32, 64, 128, 256, 512)
MODES = ("sum", "mul", "ave", "max")
_FROM_LAYERS = re.compile(r"^from keras\.layers import ([A-Za-z0-9_, ]+)$")


def samples() -> dict[str, str]:
    """The Keras 1 scripts that exist now and that Python 3 can parse, by file stem."""
    found = {}
    for folder in SOURCES:
        for path in sorted(folder.rglob("*.py")):
            text = path.read_text()
            try:
                ast.parse(text)
            except SyntaxError:
                continue  # Python 2 inputs are for the py2 front end, not this benchmark
            if "keras" in text:
                found.setdefault(path.stem, text)
    return found


# --- variations of a sample ---------------------------------------------------------------------


def _renamable(tree: ast.Module) -> set[str]:
    """Names bound at module level or in module-level functions that can be renamed everywhere
    without touching a Keras API name, a keyword argument, an attribute or a method."""
    bound: set[str] = set()
    fixed = set(dir(builtins)) | {"self", "cls", "K", "np"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            fixed.add(node.name)
            for inner in ast.walk(node):  # methods and their parameters keep their names
                if isinstance(inner, ast.FunctionDef | ast.Lambda):
                    fixed.update(a.arg for a in ast.walk(inner.args) if isinstance(a, ast.arg))
                if isinstance(inner, ast.FunctionDef):
                    fixed.add(inner.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            fixed.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.keyword) and node.arg:
            fixed.add(node.arg)
        elif isinstance(node, ast.Attribute):
            fixed.add(node.attr)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            fixed.add(node.value)
        elif isinstance(node, ast.FunctionDef):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
    return {n for n in bound - fixed if not n.startswith("__")}


def _edit_tokens(text: str, edit) -> str:
    """Apply `edit(token, previous_token) -> str | None` to every token, keeping all layout."""
    lines = text.splitlines(keepends=True)
    changes = []
    previous = None
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        new = edit(tok, previous)
        if new is not None and new != tok.string:
            changes.append((tok.start, tok.end, new))
        if tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
            previous = tok
    for (row, col), (end_row, end_col), new in reversed(changes):
        if row == end_row:
            line = lines[row - 1]
            lines[row - 1] = line[:col] + new + line[end_col:]
    return "".join(lines)


def vary(text: str, rng: random.Random, tag: str) -> str:
    """Rename local names, change layer sizes, merge modes and quote style, respell imports."""
    names = sorted(_renamable(ast.parse(text)))
    renames = {n: f"{n}_{tag}" for n in rng.sample(names, k=len(names) // 2)}
    modes = {m: rng.choice(MODES) for m in MODES}
    sizes = {s: rng.choice(SIZES) for s in SIZES}
    quote = rng.choice("'\"")

    def edit(tok: tokenize.TokenInfo, prev: tokenize.TokenInfo | None) -> str | None:
        if (
            tok.type == tokenize.NAME
            and tok.string in renames
            and (prev is None or prev.string != ".")
        ):
            return renames[tok.string]
        if tok.type == tokenize.NUMBER and tok.string.isdigit() and int(tok.string) in sizes:
            return str(sizes[int(tok.string)])
        if tok.type == tokenize.STRING and tok.string[1:-1] in MODES and tok.string[0] in "'\"":
            return f"{quote}{modes[tok.string[1:-1]]}{quote}"
        return None

    out = _edit_tokens(text, edit)
    return "\n".join(_respell(line, rng) for line in out.split("\n"))


def _respell(line: str, rng: random.Random) -> str:
    """Spell a one-line Keras import another way Keras 1 allowed."""
    if line == "import keras.backend as K" and rng.random() < 0.5:
        return "from keras import backend as K"
    if line == "from keras import backend as K" and rng.random() < 0.5:
        return "import keras.backend as K"
    match = _FROM_LAYERS.match(line)
    if not match or rng.random() < 0.4:
        return line
    groups: dict[str, list[str]] = {}
    for name in (n.strip() for n in match.group(1).split(",")):
        groups.setdefault(MODULE_OF.get(name.split(" as ")[0], "layers"), []).append(name)
    return "\n".join(
        f"from keras.{mod if mod.startswith('engine') else 'layers.' + mod} import {', '.join(ns)}"
        if mod != "layers"
        else f"from keras.layers import {', '.join(ns)}"
        for mod, ns in groups.items()
    )


# --- extra helper functions ---------------------------------------------------------------------


def _dense_block(rng: random.Random, name: str) -> str:
    act = rng.choice(["relu", "tanh", "sigmoid", "linear"])
    return f'''
def {name}(x, units={rng.choice(SIZES)}, depth={rng.randint(1, 4)}, rate={rng.choice([0.1, 0.25, 0.5])}):
    """A stack of fully connected layers with dropout."""
    for i in range(depth):
        x = KL.Dense(units, init='{rng.choice(["glorot_uniform", "he_normal", "uniform"])}',
                     W_regularizer=keras.regularizers.l2({rng.choice(["1e-4", "5e-4", "0.01"])}))(x)
        x = KL.Activation('{act}')(x)
        x = KL.Dropout(rate)(x)
    return x
'''


def _conv_block(rng: random.Random, name: str) -> str:
    k = rng.choice([3, 5])
    s = rng.choice([1, 2])
    return f'''
def {name}(x, filters={rng.choice(SIZES)}, ordering='{rng.choice(["th", "tf"])}'):
    """Two convolutions, batch normalisation and pooling."""
    axis = 1 if ordering == 'th' else -1
    from keras.layers import Convolution2D, MaxPooling2D, BatchNormalization
    x = Convolution2D(filters, {k}, {k}, border_mode='same', subsample=({s}, {s}),
                      init='he_normal', dim_ordering=ordering)(x)
    x = BatchNormalization(mode=0, axis=axis)(x)
    x = keras.layers.Convolution2D(filters, 1, 1, activation='relu', dim_ordering=ordering)(x)
    x = MaxPooling2D(pool_size=(2, 2), strides=(2, 2), dim_ordering=ordering)(x)
    return x
'''


def _recurrent_block(rng: random.Random, name: str) -> str:
    cell = rng.choice(["LSTM", "GRU", "SimpleRNN"])
    return f'''
def {name}(tokens, vocab={rng.choice([1000, 5000, 20000])}, size={rng.choice(SIZES)}):
    """Embedding and a recurrent encoder over integer token sequences."""
    h = KL.Embedding(vocab, size, input_length={rng.choice([20, 40, 80])}, mask_zero=True)(tokens)
    h = KL.{cell}(size, return_sequences=True, dropout_W={rng.choice([0.1, 0.2])},
               dropout_U={rng.choice([0.1, 0.2])}, consume_less='{rng.choice(["cpu", "mem", "gpu"])}')(h)
    return KL.{cell}(size // 2, init='orthogonal', inner_init='orthogonal')(h)
'''


def _merge_block(rng: random.Random, name: str) -> str:
    mode = rng.choice(MODES)
    spell = rng.choice(["KL.merge", "keras.layers.merge"])
    return f'''
def {name}(branches, axis={rng.choice([-1, 1])}):
    """Join branches: elementwise when shapes agree, else by concatenation."""
    if len(branches) == 1:
        return branches[0]
    joined = {spell}(branches, mode='{mode}')
    both = {spell}([joined, branches[0]], mode='concat', concat_axis=axis)
    return KL.Dense({rng.choice(SIZES)}, activation='relu')(both)
'''


def _sequential_model(rng: random.Random, name: str) -> str:
    return f'''
def {name}(input_dim={rng.choice([8, 20, 100])}, classes={rng.choice([2, 10, 100])}):
    """A small Sequential classifier, compiled and ready to fit."""
    from keras.models import Sequential
    model = Sequential()
    model.add(KL.Dense({rng.choice(SIZES)}, input_dim=input_dim, init='uniform'))
    model.add(KL.Activation('relu'))
    model.add(KL.Dropout({rng.choice([0.2, 0.5])}))
    model.add(KL.Dense(classes, activation='softmax'))
    model.compile(loss='categorical_crossentropy',
                  optimizer=keras.optimizers.SGD(lr={rng.choice([0.01, 0.1])}, momentum=0.9),
                  metrics=['accuracy'])
    return model


def fit_{name}(model, X, y):
    return model.fit(X, y, nb_epoch={rng.randint(2, 20)}, batch_size={rng.choice(SIZES)},
                     validation_split=0.1, verbose=0)
'''


def _plain_python(rng: random.Random, name: str) -> str:
    sep = rng.choice([",", ";", "\\t"])
    return f'''
def {name}(path, limit={rng.choice([100, 1000, 10000])}):
    """Read a delimited file into columns of floats, skipping blank and comment lines."""
    columns = {{}}
    with open(path) as handle:
        header = handle.readline().strip().split('{sep}')
        for number, line in enumerate(handle):
            if number >= limit:
                break
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            for key, value in zip(header, line.split('{sep}')):
                try:
                    columns.setdefault(key, []).append(float(value))
                except ValueError:
                    columns.setdefault(key, []).append(None)
    return {{k: np.array([v for v in vs if v is not None]) for k, vs in columns.items()}}


def normalise_{name}(data, eps={rng.choice(["1e-7", "1e-8"])}):
    mean = data.mean(axis=0)
    std = data.std(axis=0)
    return (data - mean) / (std + eps), mean, std
'''


HELPERS = (
    _dense_block,
    _conv_block,
    _recurrent_block,
    _merge_block,
    _sequential_model,
    _plain_python,
)
_EXTRA_IMPORTS = (
    "import numpy as np\nimport keras\nfrom keras import layers as KL\n",
    "import numpy as np\nimport keras\nimport keras.layers as KL\n",
)


def _with_imports(text: str, imports: str) -> str:
    """Insert the lines of `imports` the text lacks before its first top-level import that is
    not from __future__."""
    present = set(text.splitlines())
    imports = "".join(line + "\n" for line in imports.splitlines() if line not in present)
    tree = ast.parse(text)
    for node in tree.body:
        if (
            isinstance(node, ast.Import | ast.ImportFrom)
            and getattr(node, "module", "") != "__future__"
        ):
            lines = text.splitlines(keepends=True)
            return "".join(lines[: node.lineno - 1]) + imports + "".join(lines[node.lineno - 1 :])
    return imports + text


def keras_file(source: str, rng: random.Random, tag: str, helpers: int) -> str:
    """One varied Keras 1 file: a varied sample, the helpers' imports, `helpers` helper functions."""
    text = _with_imports(vary(source, rng, tag), rng.choice(_EXTRA_IMPORTS))
    for i in range(helpers):
        text += "\n" + rng.choice(HELPERS)(rng, f"helper_{tag}_{i}")
    return text


def keras_files(target_lines: int = 0, seed: int = 0, files: int = 0) -> Iterator[tuple[str, str]]:
    """(relative path, text) of varied Keras 1 files until `target_lines` lines and `files`
    files are reached."""
    rng = random.Random(seed)
    sources = samples()
    if not sources:
        raise SystemExit(f"no Keras 1 sources in {SOURCES}")
    names = sorted(sources)
    lines = i = 0
    while lines < target_lines or i < files:
        stem = names[i % len(names)]
        text = keras_file(sources[stem], rng, f"{seed}x{i}", rng.randint(3, 8))
        yield f"pkg_{i // FILES_PER_FOLDER:03d}/{stem}_{i:05d}.py", text
        lines += text.count("\n")
        i += 1


def write_keras(dest: Path, target_lines: int = 0, seed: int = 0, files: int = 0) -> None:
    for rel, text in keras_files(target_lines, seed, files):
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def single_file(lines: int = 200, seed: int = 0) -> str:
    """One Keras 1 file of exactly `lines` lines: a sample, helpers, then comment lines."""
    rng = random.Random(seed)
    sources = samples()
    stem = max(
        (s for s in sources if sources[s].count("\n") <= lines // 2),
        key=lambda s: sources[s].count("\n"),
        default=min(sources, key=lambda s: sources[s].count("\n")),
    )
    text = _with_imports(vary(sources[stem], rng, "s"), _EXTRA_IMPORTS[0])
    i = 0
    while True:
        extra = "\n" + HELPERS[i % len(HELPERS)](rng, f"helper_{i}")
        if (text + extra).count("\n") > lines:
            break
        text += extra
        i += 1
    return text + "# padding\n" * (lines - text.count("\n"))


# --- the standard library --------------------------------------------------------------------

_SKIP_DIRS = {"test", "tests", "idle_test", "site-packages", "__pycache__"}


def stdlib_sources() -> list[Path]:
    lib = Path(sysconfig.get_paths()["stdlib"])
    found = []
    for dirpath, dirnames, filenames in os.walk(lib):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS)
        found += [Path(dirpath) / f for f in sorted(filenames) if f.endswith(".py")]
    return found


def _round_trips(path: Path) -> bool:
    """Python parses it, and LibCST parses it and prints it back (deep string concatenations
    such as pydoc_data/topics.py exhaust LibCST's recursion limit)."""
    import libcst

    try:
        source = path.read_bytes()
        ast.parse(source)
        return libcst.parse_module(source).bytes == source
    except (SyntaxError, ValueError, RecursionError, libcst.ParserSyntaxError):
        return False


def write_stdlib(
    dest: Path, every: int = 1, keras_share: float = 0.10, share_of: str = "lines", seed: int = 1
) -> None:
    """Every `every`-th standard library file that round-trips, plus Keras 1 files under
    keras_app/ making `keras_share` of all lines, or with `share_of="files"` of all files."""
    lib = Path(sysconfig.get_paths()["stdlib"])
    files = stdlib_sources()[::every]
    with ProcessPoolExecutor(2) as pool:
        keep = [
            f for f, ok in zip(files, pool.map(_round_trips, files, chunksize=8), strict=True) if ok
        ]
    lines = 0
    for src in keep:
        target = dest / "stdlib" / src.relative_to(lib)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
        lines += src.read_bytes().count(b"\n")
    extra = keras_share / (1 - keras_share)
    if share_of == "files":
        write_keras(dest / "keras_app", seed=seed, files=max(1, round(len(keep) * extra)))
    else:
        write_keras(dest / "keras_app", int(lines * extra), seed)


def count_lines(folder: Path) -> tuple[int, int]:
    """(files, lines) of the Python files below `folder`."""
    files = sorted(folder.rglob("*.py"))
    return len(files), sum(p.read_bytes().count(b"\n") for p in files)
