"""Count Keras 1 usages in a tree of Python files, before and after migration.

    .venv/bin/python tools/keras1_usages.py PATH... [--target 2.15] [--json] [--list]

The migration runs in-process (migrate_source per file, nothing is written), so the numbers
measure the engine as it is now.

What a "Keras 1 usage" is
-------------------------
A file is read with Python's `ast`; a Python 2 file is first converted with the engine's
py2-syntax front end (migrate.py2.convert_py2, which keeps line numbers). Names resolve through
the file's imports (`from keras.layers import merge as m`, `import keras.backend as K`,
`from keras import layers`, `K = keras.backend`, `from keras.layers import *`); `tf_keras` and
`tensorflow.keras` count as `keras`, but a file that imports only `tensorflow.keras` is Keras 2
code (Keras 1 was never part of TensorFlow) and has no usages. Resolution is file-wide: a name bound by `def`, `class`,
an assignment, a loop or a parameter anywhere in the file is the file's own, not Keras's.
Each of these is one usage:

1. name: a reference, in an expression or an import, that resolves to a Keras-1-only name
   (NAMES below: old layer classes, merge/Merge, image_dim_ordering, old regularizers, removed
   metrics and utilities ...), or into a Keras-1-only module (MODULES; for modern targets also
   MODERN_MODULES, the private module paths that keras 2.13+ no longer has). A dotted reference
   counts once (`keras.layers.Convolution2D`, `initializations.get`); an import statement counts
   once per Keras-1-only name it imports, and once more if it imports anything else from a
   Keras-1-only module. A name imported from a Keras-1-only module counts at its import, not
   at each use (`from keras.layers.core import Dense`: one usage), while each use of the module
   itself counts (`np_utils.to_categorical(...)`).
2. keyword: a Keras-1-only keyword argument (KEYWORDS) on a call whose callee resolves to
   Keras, with the per-callee restrictions of KEYWORD_ONLY_ON (`mode=` only on merge, Merge and
   BatchNormalization ...); the Keras-1-only keywords of backend functions (BACKEND_KEYWORDS,
   `K.random_normal(std=)`); a training keyword (FIT_KEYWORDS) on a call of a method named in
   FIT_METHODS, whatever the receiver (`model.fit(x, y, nb_epoch=3)`); and for modern targets
   `lr=`, `decay=`, `schedule_decay=` on `keras.optimizers.<Optimizer>` (not `.legacy`).
3. attribute: `._keras_shape` on anything; `.get_output_shape_for` read or defined (a method
   of that name); a call `.predict_classes(...)` on anything (modern targets only, where the
   method is gone); in a class whose bases resolve to Keras, an assignment to
   `self.trainable_weights`, `self.non_trainable_weights`, `self.regularizers`,
   `self.updates` or `self.constraints[...]` (modern targets); in a subclass of a concrete
   Keras layer (`class Causal(AtrousConvolution1D)`), a read of an attribute Keras 1 layers
   had and Keras 2 renamed (LAYER_ATTRIBUTES: `self.nb_filter`, `self.border_mode` ...) that
   the class does not assign itself.
4. positional: `*.add_weight(...)` whose first positional argument is not a string (Keras 1
   order shape, initializer), and for modern targets a Keras optimizer constructor with more
   than one positional argument (the Keras 1 slots after the learning rate moved).
5. crossentropy order: `K.categorical_crossentropy` / `sparse_categorical_crossentropy` /
   `binary_crossentropy` called with two positional arguments (Keras 1 order output, target).

Inputs the engine refuses (neither Python 3 nor Python 2, unreadable) are counted as files and
listed, but their usages stay out of the before/after totals: there is nothing to migrate.

Also reported: placeholders, the names the migration divides by where a generator's batch
size is not visible (`steps_per_epoch=ceil(N / TODO_batch_size)`): the usage is converted, but
a person must set the batch size. And, because they break the migrated code without leaving a
Keras 1 usage: engine
crashes, outputs that do not parse, outputs a second run would change (--idempotence), and
names the migration newly imports that a function of the file binds and reads as a local
(`dot = dot([a, b], axes=1)` raises UnboundLocalError).

A file that imports nothing from Keras has no usages (`engine.predict_classes(x)` in a file
that never imports Keras is not counted).

Not counted: string literals (`'nb_epoch'` as a dict key, loss names), `predict_proba` (also a
scikit-learn method), values of keywords (`dim_ordering='th'` counts once, as the keyword).

A remaining usage (one still in the migrated text) is covered when a `manual` finding is on
its line, on the first line of the call it belongs to, or on the `class` or `def` line of the
class or function it is in (findings carry input line numbers; the migrated lines are mapped back to them with a
line diff). A name or module reported at one of
its imports covers its uses, and a covered use covers the imports of the same name. Remaining
usages that are not covered are silent misses: the engine neither converted nor reported them.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import re
import sys
import traceback
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from migrate import migrate_source
from migrate.context import DEFAULT_TARGET, TARGETS
from migrate.py2 import Py2Error, convert_py2
from migrate.sources import SourceError, read

_IMPORTS_KERAS = re.compile(r"^[ \t]*(?:import|from)[ \t]+(?:keras|tf_keras)\b", re.M)
_KERAS_ROOTS = {"keras": "keras", "tf_keras": "keras", "tensorflow.keras": "keras"}

# Keras-1-only names, each under the module prefixes where it means the Keras 1 API
_LAYERS = (
    "Convolution1D Convolution2D Convolution3D AtrousConvolution1D AtrousConvolution2D "
    "AtrousConv1D AtrousConv2D Deconvolution2D Deconv2D SeparableConvolution2D "
    "TimeDistributedDense Highway MaxoutDense SReLU ParametricSoftplus merge Merge"
)
NAMES: dict[str, tuple[str, ...]] = {
    **{n: ("keras.layers", "keras.engine", "keras.legacy") for n in _LAYERS.split()},
    "image_dim_ordering": ("keras.backend",),
    "set_image_dim_ordering": ("keras.backend",),
    **{
        n: ("keras.regularizers",)
        for n in "l1l2 activity_l1 activity_l2 activity_l1l2 WeightRegularizer "
        "ActivityRegularizer L1L2Regularizer EigenvalueRegularizer".split()
    },
    **{
        n: ("keras.metrics",)
        for n in "fmeasure fscore f1score precision recall fbeta_score matthews_correlation".split()
    },
    **{
        n: ("keras.utils",)
        for n in "probas_to_classes categorical_probas_to_classes binary_logloss "
        "multiclass_logloss layer_from_config get_from_module make_tuple".split()
    },
    "optimizer_from_config": ("keras.optimizers",),
    **{
        n: ("keras.backend",)
        for n in "lesser lesser_equal deconv2d atrous_conv2d asymmetric_spatial_2d_padding "
        "asymmetric_temporal_padding legacy_weight_ordering set_legacy_weight_ordering "
        "is_explicit_shape tf_major_version tf_minor_version".split()
    },
}
MODERN_NAMES: dict[str, tuple[str, ...]] = {
    "get_variable_shape": ("keras.backend",),
    "get_session": ("keras.backend",),
    "set_session": ("keras.backend",),
    **{n: ("keras.constraints",) for n in ("maxnorm", "nonneg", "unitnorm")},
}
MODULES = ("keras.initializations", "keras.objectives", "keras.utils.visualize_util")
_LAYER_SUBMODULES = (
    "core convolutional pooling recurrent embeddings normalization advanced_activations noise "
    "local wrappers convolutional_recurrent merge"
)
MODERN_MODULES = (
    "keras.engine",
    "keras.legacy",
    "keras.wrappers",
    *(f"keras.layers.{m}" for m in _LAYER_SUBMODULES.split()),
    *(
        f"keras.utils.{m}"
        for m in "np_utils vis_utils data_utils generic_utils layer_utils io_utils "
        "conv_utils test_utils".split()
    ),
    *(f"keras.backend.{m}" for m in ("common", "tensorflow_backend", "theano_backend")),
)

FIT_KEYWORDS = frozenset(
    "nb_epoch samples_per_epoch nb_val_samples val_samples nb_worker pickle_safe max_q_size "
    "show_accuracy class_mode nb_val_worker".split()
)
FIT_METHODS = frozenset(
    "fit fit_generator evaluate evaluate_generator predict_generator train_on_batch "
    "test_on_batch predict compile set_params".split()
)
KEYWORDS = FIT_KEYWORDS | frozenset(
    "border_mode init subsample dim_ordering output_dim W_regularizer b_regularizer "
    "U_regularizer W_constraint b_constraint bias inner_init inner_activation dropout_W "
    "dropout_U consume_less forget_bias_init nb_filter nb_row nb_col kernel_dim1 kernel_dim2 "
    "kernel_dim3 filter_length subsample_length atrous_rate pool_length stride p sigma "
    "nb_classes nb_words input output mode concat_axis dot_axes beta_init gamma_init "
    "input_dtype dropout length".split()
)
_OPTIMIZERS = ("SGD", "RMSprop", "Adagrad", "Adadelta", "Adam", "Adamax", "Nadam")
# keyword -> the callee names (last component) it is Keras-1-only on; absent: any Keras callee
KEYWORD_ONLY_ON: dict[str, tuple[str, ...]] = {
    "mode": ("merge", "Merge", "BatchNormalization"),
    "concat_axis": ("merge", "Merge"),
    "dot_axes": ("merge", "Merge"),
    "input": ("Model",),
    "output": ("Model",),
    "p": ("Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianDropout"),
    "sigma": ("GaussianNoise",),
    "stride": ("MaxPooling1D", "AveragePooling1D"),
    "dropout": ("Embedding",),
    "length": ("UpSampling1D",),
}
KEYWORD_UNDER = {"bias": "keras.layers"}  # keyword -> module its callee must be in
KEYWORD_NOT_ON: dict[str, tuple[str, ...]] = {
    "output_dim": ("Embedding",),  # Embedding(input_dim, output_dim) in every Keras
}
# keras.backend function -> its Keras-1-only keywords (catalogue B-05..B-25)
BACKEND_KEYWORDS: dict[str, tuple[str, ...]] = {
    "expand_dims": ("dim",),
    "random_normal": ("std",),
    "truncated_normal": ("std",),
    "random_uniform": ("low", "high"),
    "one_hot": ("nb_classes",),
    "conv1d": ("stride", "image_shape", "filter_shape"),
    "conv2d": ("image_shape", "filter_shape", "filter_dilation"),
    "conv3d": ("volume_shape", "filter_shape"),
    "batch_get_value": ("xs",),
    "moving_average_update": ("variable",),
}
MODERN_OPTIMIZER_KEYWORDS = ("lr", "decay", "schedule_decay")
CROSSENTROPY = (
    "categorical_crossentropy",
    "sparse_categorical_crossentropy",
    "binary_crossentropy",
)
# attributes of Keras 1 layers that Keras 2 renamed (self.nb_filter -> self.filters ...)
LAYER_ATTRIBUTES = frozenset(
    "dim_ordering border_mode nb_filter nb_row nb_col subsample filter_length subsample_length "
    "atrous_rate output_dim pool_length stride W b U W_regularizer b_regularizer W_constraint "
    "b_constraint inner_init inner_activation dropout_W dropout_U consume_less".split()
)
# what the training pass divides by where a generator's batch size is not visible
PLACEHOLDER = re.compile(r"\bTODO_(?:validation_)?batch_size\b")
LAYER_STATE = ("trainable_weights", "non_trainable_weights", "regularizers", "updates")


@dataclass(frozen=True)
class Usage:
    line: int
    col: int
    what: str  # e.g. "Convolution2D", "nb_epoch=", "._keras_shape", "module keras.objectives"
    anchor: int  # first line of the call the usage belongs to (its own line otherwise)
    imported: bool = False  # found in an import statement
    owner: int = 0  # line of the innermost enclosing class statement (0: none)
    function: int = 0  # line of the innermost enclosing def statement (0: none)


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _keras(module: str | None) -> str | None:
    """`module` spelled with the `keras` root, or None when it is not a Keras module."""
    if not module:
        return None
    for root, canon in _KERAS_ROOTS.items():
        if module == root or module.startswith(root + "."):
            return canon + module[len(root) :]
    return None


class _Counter(ast.NodeVisitor):
    def __init__(self, tree: ast.Module, modern: bool) -> None:
        self.modern = modern
        self.names = {**NAMES, **(MODERN_NAMES if modern else {})}
        self.modules = MODULES + (MODERN_MODULES if modern else ())
        self.imports: dict[str, str] = {}  # local name -> keras qualified name
        self.stars: list[str] = []
        self.own: set[str] = set()  # names the file binds itself
        self.usages: list[Usage] = []
        self.calls: list[ast.Call] = []
        self.classes: list[bool] = []  # is each enclosing class a Keras subclass
        self.inherited: list[frozenset[str]] = []  # Keras 1 attributes each class inherits
        self.owners: list[int] = []  # lines of the enclosing class statements
        self.functions: list[int] = []  # lines of the enclosing def statements
        self._bindings(tree)

    # name resolution ----------------------------------------------------------------------
    def _bindings(self, tree: ast.Module) -> None:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    q = _keras(a.name)
                    if q and a.asname:
                        self.imports[a.asname] = q
                    elif q:
                        self.imports[a.name.split(".")[0]] = "keras"
            elif isinstance(node, ast.ImportFrom) and not node.level:
                mod = _keras(node.module)
                for a in node.names:
                    if mod and a.name == "*":
                        self.stars.append(mod)
                    elif mod:
                        self.imports[a.asname or a.name] = f"{mod}.{a.name}"
        # `K = keras.backend`-style aliases, then everything else the file binds
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                q = self.qualify(node.value)
                if isinstance(target, ast.Name) and q and isinstance(node.value, ast.Attribute):
                    self.imports[target.id] = q
                    continue
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.own.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                self.own.add(node.id)
            elif isinstance(node, ast.arg):
                self.own.add(node.arg)
        self.own -= set(self.imports)

    def qualify(self, node: ast.AST) -> str | None:
        """The Keras qualified name `node` refers to, or None."""
        if isinstance(node, ast.Name):
            if node.id in self.own:
                return None
            if node.id in self.imports:
                return self.imports[node.id]
            if self.stars and node.id in self.names:
                return f"{self.stars[0]}.{node.id}"
            return None
        if isinstance(node, ast.Attribute):
            base = self.qualify(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def keras1(self, q: str, node: ast.AST | None = None) -> str | None:
        """What makes the qualified name `q` Keras-1-only, or None. For a reference `node`, a
        Keras-1-only module counts only where the code names the module itself
        (`np_utils.to_categorical`, `keras.layers.core.Dense`); a name imported from it
        (`from keras.layers.core import Dense`) counts once, at its import."""
        head, _, last = q.rpartition(".")
        if any(head == p or head.startswith(p + ".") for p in self.names.get(last, ())):
            return last
        root = node
        while isinstance(root, ast.Attribute):
            root = root.value
        bound = self.imports.get(root.id, "") if isinstance(root, ast.Name) else None
        for m in self.modules:
            if q == m or q.startswith(m + "."):
                if bound is None or m == bound or m.startswith(bound + "."):
                    return f"module {m}"
        return None

    # recording ---------------------------------------------------------------------------
    def add(self, node: ast.AST, what: str, imported: bool = False) -> None:
        anchor = self.calls[-1].lineno if self.calls else node.lineno
        owner = self.owners[-1] if self.owners else 0
        function = self.functions[-1] if self.functions else 0
        self.usages.append(
            Usage(node.lineno, node.col_offset, what, anchor, imported, owner, function)
        )

    def visit_Import(self, node: ast.Import) -> None:
        for a in node.names:
            q = _keras(a.name)
            what = q and self.keras1(q)
            if what:
                self.add(node, what, imported=True)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        mod = _keras(node.module) if not node.level else None
        if not mod:
            return
        found = {self.keras1(mod if a.name == "*" else f"{mod}.{a.name}") for a in node.names}
        for what in sorted(found - {None}):
            self.add(node, what, imported=True)

    def visit_Name(self, node: ast.Name) -> None:
        q = self.qualify(node)
        what = q and self.keras1(q, node)
        if what:
            self.add(node, what)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr == "_keras_shape":
            self.add(node, "._keras_shape")
        elif node.attr == "get_output_shape_for":
            self.add(node, ".get_output_shape_for")
        elif (
            self.inherited
            and node.attr in self.inherited[-1]
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        ):
            self.add(node, f"self.{node.attr} (inherited)")
        q = self.qualify(node)
        what = q and self.keras1(q, node)
        if what:
            self.add(node, what)  # the whole dotted name counts once: do not visit its parts
        else:
            self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if node.name == "get_output_shape_for" and self.classes:
            self.add(node, "def get_output_shape_for")
        self.functions.append(node.lineno)
        self.generic_visit(node)
        self.functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        bases = [q for q in map(self.qualify, node.bases) if q]
        self.classes.append(bool(bases))
        # a subclass of a concrete Keras layer reads attributes Keras 2 renamed
        concrete = any(
            q.startswith("keras.layers.") and q.rpartition(".")[2] not in ("Layer", "InputSpec")
            for q in bases
        )
        own = {  # every `self.x` the class stores to, tuple targets and `+=` included
            n.attr
            for n in ast.walk(node)
            if isinstance(n, ast.Attribute)
            and isinstance(n.ctx, ast.Store)
            and isinstance(n.value, ast.Name)
            and n.value.id == "self"
        }
        self.inherited.append(LAYER_ATTRIBUTES - own if concrete else frozenset())
        self.owners.append(node.lineno)
        self.generic_visit(node)
        self.owners.pop()
        self.inherited.pop()
        self.classes.pop()

    def visit_Assign(self, node: ast.Assign) -> None:
        if self.modern and self.classes and self.classes[-1]:
            for t in node.targets:
                if isinstance(t, ast.Subscript):
                    t = t.value
                    if not (isinstance(t, ast.Attribute) and t.attr == "constraints"):
                        continue
                elif not (isinstance(t, ast.Attribute) and t.attr in LAYER_STATE):
                    continue
                if isinstance(t.value, ast.Name) and t.value.id == "self":
                    self.add(node, f"self.{t.attr} =")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        self.calls.append(node)
        self._call(node)
        self.generic_visit(node)
        self.calls.pop()

    def _call(self, node: ast.Call) -> None:
        func = node.func
        method = func.attr if isinstance(func, ast.Attribute) else None
        q = self.qualify(func)
        last = q.rpartition(".")[2] if q else None
        for kw in node.keywords:
            name = kw.arg
            if name is None:
                continue
            if q and name in KEYWORDS:
                only = KEYWORD_ONLY_ON.get(name)
                under = KEYWORD_UNDER.get(name, "keras")
                if (
                    (only is None or last in only)
                    and last not in KEYWORD_NOT_ON.get(name, ())
                    and q.startswith(under + ".")
                ):
                    self.add(kw, f"{name}=")
                    continue
            if q and q.startswith("keras.backend.") and name in BACKEND_KEYWORDS.get(last, ()):
                self.add(kw, f"{name}=")
            elif name in FIT_KEYWORDS and method in FIT_METHODS:
                self.add(kw, f"{name}=")
            elif self.modern and last in _OPTIMIZERS and q == f"keras.optimizers.{last}":
                if name in MODERN_OPTIMIZER_KEYWORDS:
                    self.add(kw, f"{name}=")
        positional = [a for a in node.args if not isinstance(a, ast.Starred)]
        if method == "predict_classes" and self.modern:
            self.add(node, ".predict_classes()")
        if method == "add_weight" and positional:
            first = positional[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                self.add(node, "add_weight positional")
        if self.modern and q == f"keras.optimizers.{last}" and last in _OPTIMIZERS:
            if len(positional) > 1:
                self.add(node, f"{last} positional")
        if q and last in CROSSENTROPY and q.startswith("keras.backend") and len(positional) == 2:
            self.add(node, f"K.{last}(output, target)")


# one file ----------------------------------------------------------------------------------


def parse(text: str) -> tuple[ast.Module | None, bool]:
    """The tree of `text` and whether it is Python 2; (None, False) when it is neither."""
    try:
        return ast.parse(text), False
    except SyntaxError:
        pass
    try:
        return ast.parse(convert_py2(text)[0]), True
    except (Py2Error, SyntaxError, RecursionError, ValueError):
        return None, False


def count(text: str, target: str = DEFAULT_TARGET) -> list[Usage] | None:
    """The Keras 1 usages of a source text (None when it cannot be parsed)."""
    tree, _ = parse(text)
    if tree is None:
        return None
    if not _IMPORTS_KERAS.search(text):
        return []  # nothing from keras or tf_keras: no Keras 1 code (tensorflow.keras is Keras 2)
    c = _Counter(tree, TARGETS[target].modern)
    if not c.imports and not c.stars:
        return []  # a file that imports nothing from Keras has no Keras usage
    c.visit(tree)
    return sorted(set(c.usages), key=lambda u: (u.line, u.col, u.what))


@dataclass
class FileReport:
    path: str
    python2: bool = False
    crashed: str | None = None  # the exception the engine raised, or a pass error it caught
    error: str | None = None  # the engine refused the file (an `error` finding)
    unparsable_output: str | None = None
    uncountable: bool = False  # the input is neither Python 3 nor Python 2
    before: int = 0
    after: int = 0
    remaining: list[dict] = field(default_factory=list)  # {line, what, covered}
    findings: dict[str, int] = field(default_factory=dict)
    idempotent: bool | None = None  # None: not checked
    shadowed: list[dict] = field(default_factory=list)  # {line, name}: see shadowed_imports
    placeholders: int = 0  # names the migration left for a person to define (TODO_batch_size)


def _imported(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names if a.name != "*"}
    return names


def _scope(fn: ast.AST) -> tuple[set[str], Counter]:
    """(names bound, reads of each name) in the own scope of a function or lambda."""
    a = fn.args
    stores = {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs + [a.vararg, a.kwarg] if x}
    loads: Counter = Counter()
    free: set[str] = set()
    todo = list(fn.body) if isinstance(fn.body, list) else [fn.body]
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stores.add(node.name)
            todo += node.decorator_list  # evaluated here; the body is another scope
            continue
        if isinstance(node, ast.Lambda):
            todo += node.args.defaults + [d for d in node.args.kw_defaults if d]
            continue
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            free |= set(node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            loads[node.id] += 1
        elif isinstance(node, ast.Name):
            stores.add(node.id)
        elif isinstance(node, ast.comprehension):
            todo += [node.iter, *node.ifs]  # its target is the comprehension's own
            continue
        todo += ast.iter_child_nodes(node)
    return stores - free, loads


def shadowed_imports(before: str, after: str) -> list[dict]:
    """Names the migration newly imports that a function of the file binds and reads more
    often than before: the new read meant the import, but there the name is the local one
    (or unbound before its assignment)."""
    old, _ = parse(before)
    try:
        new = ast.parse(after)
    except SyntaxError:
        return []
    added = _imported(new) - (_imported(old) if old is not None else set())
    earlier = {key: loads for key, _, loads in _functions(old)} if old is not None else {}
    out = []
    for key, fn, loads in _functions(new):
        stores = _scope(fn)[0]
        was = earlier.get(key, Counter())
        out += [
            {"line": fn.lineno, "name": n}
            for n in sorted(added & stores)
            if loads[n] > was[n]
        ]
    return out


def _functions(tree: ast.AST):
    """(key, function, reads) for each function or lambda; the key (name, n-th of that name)
    pairs a function of the input with the same one in the output."""
    seen: Counter = Counter()
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            name = getattr(fn, "name", "<lambda>")
            seen[name] += 1
            yield (name, seen[name]), fn, _scope(fn)[1]


def line_map(before: str, after: str) -> dict[int, set[int]]:
    """For each line of `after` (1-based), the lines of `before` it came from. Findings carry
    line numbers of the input, and the migrated text may have lines added or removed; a line
    inside a changed hunk maps to every input line of that hunk."""
    a, b = before.splitlines(), after.splitlines()
    out: dict[int, set[int]] = {}
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for j in range(j1, j2):
            if tag == "equal":
                out[j + 1] = {i1 + (j - j1) + 1}
            else:
                out[j + 1] = set(range(i1 + 1, i2 + 1)) or {i1, i1 + 1}
    return out


def covered_usages(
    usages: list[Usage], manual_lines: set[int], lines: dict[int, set[int]]
) -> list[tuple[Usage, bool]]:
    """Each usage of the migrated text with whether a manual finding covers it (see the module
    docstring); `lines` maps migrated lines to input lines (line_map)."""

    def hit(line: int) -> bool:
        return bool(lines.get(line, {line}) & manual_lines)

    direct = {
        u: hit(u.line)
        or hit(u.anchor)
        or (u.owner > 0 and hit(u.owner))
        or (u.function > 0 and hit(u.function))
        for u in usages
    }
    # the engine may report a removed name once, at its import, or at each use
    at_import = {u.what for u, ok in direct.items() if ok and u.imported}
    at_use = {u.what for u, ok in direct.items() if ok and not u.imported}
    return [(u, direct[u] or u.what in (at_use if u.imported else at_import)) for u in usages]


def measure_text(
    text: str,
    path: str,
    target: str = DEFAULT_TARGET,
    ordering: str = "tf",
    idempotence: bool = False,
) -> FileReport:
    rep = FileReport(path)
    tree, rep.python2 = parse(text)
    before = count(text, target) if tree is not None else None
    rep.uncountable = before is None
    rep.before = len(before or [])
    try:
        result = migrate_source(text, path=path, target=target, image_dim_ordering=ordering)
    except Exception as exc:  # an engine crash is exactly what this tool is here to find
        rep.crashed = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        rep.crashed += "\n" + "".join(traceback.format_tb(exc.__traceback__)[-3:])
        return rep
    rep.findings = dict(Counter(f.kind.value for f in result.findings))
    if result.error:
        rep.error = result.error
        if "output does not parse" in result.error:
            rep.unparsable_output = result.error
        elif "internal error in pass" in result.error:
            rep.crashed = result.error  # the engine caught a pass's exception: still a crash
    try:
        ast.parse(result.after)
    except SyntaxError as exc:
        if tree is not None and not rep.python2:
            rep.unparsable_output = f"line {exc.lineno}: {exc.msg}"
    after = count(result.after, target) or []
    rep.after = len(after)
    rep.shadowed = shadowed_imports(text, result.after)
    rep.placeholders = len(PLACEHOLDER.findall(result.after)) - len(PLACEHOLDER.findall(text))
    manual = {f.line for f in result.findings if f.kind.value == "manual" and f.cell is None}
    rep.remaining = [
        {"line": u.line, "what": u.what, "covered": ok}
        for u, ok in covered_usages(after, manual, line_map(text, result.after))
    ]
    if idempotence and result.error is None:
        try:
            again = migrate_source(
                result.after, path=path, target=target, image_dim_ordering=ordering
            )
            rep.idempotent = again.after == result.after
        except Exception:
            rep.idempotent = False
    return rep


def files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(
                f
                for f in p.rglob("*.py")
                if not any(part.startswith(".") or part == "__pycache__" for part in f.parts)
            )
        else:
            out.append(p)
    return out


def measure(
    paths: list[str],
    target: str = DEFAULT_TARGET,
    ordering: str = "tf",
    idempotence: bool = False,
) -> list[FileReport]:
    reports = []
    for f in files(paths):
        try:
            text = read(f).text
        except SourceError as exc:
            rep = FileReport(str(f), error=f"cannot read: {exc}", uncountable=True)
            reports.append(rep)
            continue
        reports.append(measure_text(text, str(f), target, ordering, idempotence))
    return reports


# report ------------------------------------------------------------------------------------


def refused(r: FileReport) -> bool:
    """The engine turned the input down (not Python 2 or 3, unreadable): not its fault."""
    return r.error is not None and r.unparsable_output is None and r.crashed is None


def summary(reports: list[FileReport]) -> dict:
    kinds: Counter = Counter()
    for r in reports:
        kinds.update(r.findings)
    py2 = [r for r in reports if r.python2]
    counted = [r for r in reports if not refused(r)]  # usages of refused inputs stay out
    remaining = [(r.path, u) for r in counted for u in r.remaining]
    silent = [(p, u) for p, u in remaining if not u["covered"]]
    before = sum(r.before for r in counted)
    return {
        "files": len(reports),
        "crashed": sum(r.crashed is not None for r in reports),
        "refused": sum(refused(r) for r in reports),
        "unparsable_outputs": sum(r.unparsable_output is not None for r in reports),
        "not_idempotent": sum(r.idempotent is False for r in reports),
        "shadowed_new_imports": sum(len(r.shadowed) for r in reports),
        "usages_before": before,
        "usages_after": sum(r.after for r in counted),
        "remaining_covered": len(remaining) - len(silent),
        "remaining_silent": len(silent),
        "remaining_percent": round(100 * len(remaining) / before, 2) if before else 0.0,
        "placeholders": sum(r.placeholders for r in counted),
        "findings": {k: kinds.get(k, 0) for k in ("rewrite", "warning", "manual", "error")},
        "python2": {
            "files": len(py2),
            "crashed": sum(r.crashed is not None for r in py2),
            "refused": sum(r.error is not None and r.crashed is None for r in py2),
            "usages_before": sum(r.before for r in py2),
            "usages_after": sum(r.after for r in py2),
            "remaining_silent": sum(not u["covered"] for r in py2 for u in r.remaining),
        },
        "silent_by_usage": dict(Counter(u["what"] for _, u in silent).most_common()),
    }


def render(reports: list[FileReport], listing: bool) -> str:
    s = summary(reports)
    rows = [
        ("files", s["files"]),
        ("crashed (engine raised; must be 0)", s["crashed"]),
        ("refused by the engine (error finding)", s["refused"]),
        ("outputs that do not parse (must be 0)", s["unparsable_outputs"]),
        (
            "second run changes the output",
            s["not_idempotent"] if any(r.idempotent is not None for r in reports) else "-",
        ),
        ("new imports a local name shadows", s["shadowed_new_imports"]),
        ("Keras 1 usages before", s["usages_before"]),
        ("Keras 1 usages after", s["usages_after"]),
        ("  remaining, with a manual finding", s["remaining_covered"]),
        ("  remaining, silent (no manual finding)", s["remaining_silent"]),
        ("  remaining / before", f"{s['remaining_percent']}%"),
        ("placeholders left for a person (TODO_...)", s["placeholders"]),
        *((f"findings: {k}", v) for k, v in s["findings"].items()),
        ("Python 2 files", s["python2"]["files"]),
        ("  crashed / refused", f"{s['python2']['crashed']} / {s['python2']['refused']}"),
        (
            "  usages before / after",
            f"{s['python2']['usages_before']} / {s['python2']['usages_after']}",
        ),
        ("  silent misses", s["python2"]["remaining_silent"]),
    ]
    width = max(len(k) for k, _ in rows)
    out = [f"{k:<{width}}  {v}" for k, v in rows]
    if s["silent_by_usage"]:
        out += ["", "silent misses by usage:"]
        out += [f"  {n:5}  {what}" for what, n in s["silent_by_usage"].items()]
    for r in reports:
        if r.crashed:
            out += ["", f"CRASH {r.path}: {r.crashed}"]
    for r in reports:
        if r.unparsable_output:
            out.append(f"UNPARSABLE OUTPUT {r.path}: {r.unparsable_output}")
        elif r.error and not r.crashed:
            out.append(f"REFUSED {r.path}: {r.error}")
        if r.idempotent is False:
            out.append(f"NOT IDEMPOTENT {r.path}")
        for sh in r.shadowed:
            out.append(f"SHADOWED IMPORT {r.path}:{sh['line']}: {sh['name']}")
    silent = [
        (p, u)
        for r in reports
        if not refused(r)
        for p, u in [(r.path, x) for x in r.remaining]
        if not u["covered"]
    ]
    if silent:
        out += ["", "silent misses:"]
        out += [f"  {p}:{u['line']}: {u['what']}" for p, u in silent]
    if listing:
        covered = [
            (r.path, u) for r in reports if not refused(r) for u in r.remaining if u["covered"]
        ]
        out += ["", "remaining with a manual finding:"]
        out += [f"  {p}:{u['line']}: {u['what']}" for p, u in covered]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--target", default=DEFAULT_TARGET, choices=sorted(TARGETS))
    ap.add_argument("--image-dim-ordering", default="tf", choices=("th", "tf"))
    ap.add_argument("--idempotence", action="store_true", help="also migrate each output again")
    ap.add_argument("--json", action="store_true", help="machine output: summary and per file")
    ap.add_argument("--list", action="store_true", help="also list covered remaining usages")
    args = ap.parse_args(argv)
    reports = measure(args.paths, args.target, args.image_dim_ordering, args.idempotence)
    if args.json:
        json.dump(
            {"summary": summary(reports), "files": [asdict(r) for r in reports]},
            sys.stdout,
            indent=1,
        )
        print()
    else:
        print(render(reports, args.list))
    s = summary(reports)
    return 1 if s["crashed"] or s["unparsable_outputs"] else 0


if __name__ == "__main__":
    sys.exit(main())
