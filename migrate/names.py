"""Which local names mean which Keras API: a cheap, statement-level import table per scope.

A scope (the module, or one function) is scanned once, statement by statement, without walking
expressions: imports and `K = keras.backend` bind names to qualified Keras names; every other
binding (def, class, assignment, parameter, loop target) shadows. Nested scopes are scanned when
the walk enters them. This answers nearly every question LibCST's scope analysis would, at a
small fraction of its cost.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import libcst as cst

# Keras 1 exposed one object under several module paths; passes match on one canonical name.
LAYER_MODULES = (  # keras.layers.<module> in Keras 1
    "core",
    "convolutional",
    "pooling",
    "recurrent",
    "embeddings",
    "normalization",
    "advanced_activations",
    "noise",
    "local",
    "wrappers",
    "convolutional_recurrent",
)
MODULE_ALIASES: dict[str, str] = {
    **{f"keras.layers.{m}": "keras.layers" for m in LAYER_MODULES},
    "keras.engine.topology": "keras.engine",
    "keras.engine.training": "keras.engine",
    "keras.backend.tensorflow_backend": "keras.backend",
    "keras.backend.theano_backend": "keras.backend",
    "keras.backend.common": "keras.backend",
}
# what `from <module> import *` binds (the public API of Keras 1.2.2's modules), where a file
# may star-import several Keras modules; a module not listed here may bind any name
STAR_EXPORTS: dict[str, frozenset[str]] = {
    module: frozenset(names.split())
    for module, names in {
        "keras": "activations applications backend callbacks constraints datasets engine "
        "initializations layers legacy metrics models objectives optimizers preprocessing "
        "regularizers utils wrappers",
        "keras.models": "Sequential Model Merge load_model save_model model_from_json "
        "model_from_yaml model_from_config",
        "keras.optimizers": "Optimizer SGD RMSprop Adagrad Adadelta Adam Adamax Nadam "
        "TFOptimizer sgd rmsprop adagrad adadelta adam adamax nadam get optimizer_from_config",
        "keras.regularizers": "Regularizer WeightRegularizer ActivityRegularizer "
        "L1L2Regularizer EigenvalueRegularizer l1 l2 l1l2 activity_l1 activity_l2 "
        "activity_l1l2 get",
        "keras.constraints": "Constraint MaxNorm NonNeg UnitNorm MinMaxNorm maxnorm nonneg "
        "unitnorm get",
        "keras.initializations": "uniform normal lecun_uniform glorot_normal glorot_uniform "
        "he_normal he_uniform orthogonal identity zero one get get_fans",
        "keras.activations": "softmax elu softplus softsign relu tanh sigmoid hard_sigmoid "
        "linear get",
        "keras.objectives": "mean_squared_error mean_absolute_error "
        "mean_absolute_percentage_error mean_squared_logarithmic_error squared_hinge hinge "
        "categorical_crossentropy sparse_categorical_crossentropy binary_crossentropy "
        "kullback_leibler_divergence poisson cosine_proximity mse MSE mae MAE mape MAPE msle "
        "MSLE kld KLD cosine get",
        "keras.callbacks": "Callback CallbackList BaseLogger ProgbarLogger History "
        "ModelCheckpoint EarlyStopping RemoteMonitor LearningRateScheduler TensorBoard "
        "ReduceLROnPlateau CSVLogger LambdaCallback",
    }.items()
}
# names that keras.engine exported and keras.layers / keras.models re-exported
ENGINE_NAMES: dict[str, str] = {
    "Merge": "keras.layers.Merge",
    "merge": "keras.layers.merge",
    "Input": "keras.layers.Input",
    "InputLayer": "keras.layers.InputLayer",
    "Layer": "keras.layers.Layer",
    "InputSpec": "keras.layers.InputSpec",
    "Model": "keras.models.Model",
    "Container": "keras.models.Container",
}


def canonical(qualname: str) -> str:
    """Map any Keras 1 spelling of an API name to the one the passes match on."""
    head, _, name = qualname.rpartition(".")
    if head in MODULE_ALIASES:
        head = MODULE_ALIASES[head]
    if head == "keras.engine" and name in ENGINE_NAMES:
        return ENGINE_NAMES[name]
    # `keras.layers.merge.X` in Keras 1 code means the function merge's attribute, never a module
    return f"{head}.{name}" if head else name


def bound_name(alias: cst.ImportAlias) -> str:
    """The name an import alias binds: `y` for `x as y`, else `x`."""
    return dotted(alias.asname.name if alias.asname else alias.name) or ""  # type: ignore[union-attr]


def dotted(node: cst.BaseExpression) -> str | None:
    """`a.b.c` as text, or None for anything that is not a plain dotted name."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


@dataclass
class Scope:
    """Bindings of one scope: imported Keras names, shadowing names, and facts passes ask about."""

    imports: dict[str, str] = field(default_factory=dict)  # local name -> qualified name
    shadows: set[str] = field(default_factory=set)  # bound by anything other than a Keras import
    stars: list[str] = field(default_factory=list)  # modules star-imported here
    calls: dict[str, str] = field(default_factory=dict)  # name -> what produced it (see _origin)
    patched: set[str] = field(default_factory=set)  # names whose `_keras_shape` is assigned
    defs: dict[str, cst.FunctionDef] = field(default_factory=dict)  # functions defined here
    values: dict[str, list] = field(default_factory=dict)  # name -> every value assigned to it
    classes: set[str] = field(default_factory=set)  # classes defined here
    is_function: bool = False

    def binds(self, name: str) -> bool:
        return name in self.shadows or name in self.imports


def _import_bindings(node: cst.Import | cst.ImportFrom, scope: Scope) -> None:
    if isinstance(node, cst.Import):
        for alias in node.names:
            full = dotted(alias.name) or ""
            if alias.asname is not None:
                local = alias.asname.name.value  # type: ignore[union-attr]
                target = full
            else:
                local = full.split(".")[0]
                target = local
            _bind_import(scope, local, target)
        return
    if node.relative or node.module is None:
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            scope.shadows.add(bound_name(alias))
        return
    module = dotted(node.module) or ""
    if isinstance(node.names, cst.ImportStar):
        if module.split(".")[0] == "keras":
            scope.stars.append(module)
        return
    for alias in node.names:
        _bind_import(scope, bound_name(alias), f"{module}.{alias.name.value}")  # type: ignore[union-attr]


def _bind_import(scope: Scope, local: str, target: str) -> None:
    if target.split(".")[0] == "keras":
        scope.imports[local] = target
        scope.shadows.discard(local)
    else:
        scope.shadows.add(local)
        scope.imports.pop(local, None)


def _target_names(target: cst.BaseExpression) -> list[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for el in target.elements for n in _target_names(el.value)]
    if isinstance(target, cst.StarredElement):
        return _target_names(target.value)
    return []


def _origin(value: cst.BaseExpression, resolve) -> str | None:
    """What an assigned value is, as far as the passes care.

    'tensor' for the output of a layer call (`Dense(8)(x)`), of a Keras function that returns a
    tensor, or of `.output`; otherwise the canonical Keras name of the called constructor
    (`keras.models.Sequential`, `keras.backend.variable`, ...).
    """
    if isinstance(value, cst.Attribute) and value.attr.value in ("output", "input"):
        return "tensor"
    if not isinstance(value, cst.Call):
        return None
    if isinstance(value.func, cst.Call):
        return "tensor"  # Layer(...)(x)
    name = resolve(value.func)
    if name is None:
        return None
    if name in TENSOR_FUNCTIONS or name.removeprefix("keras.layers.") in LAYER_FUNCTIONS:
        return "tensor"
    return name


AMBIGUOUS = "?"
LOCAL_CLASS = "<class of this file>"
TENSOR_FUNCTIONS = {"keras.layers.Input", "keras.layers.merge"}
LAYER_FUNCTIONS = {  # Keras 2 functional merge helpers: their result is a Keras tensor
    "concatenate",
    "add",
    "multiply",
    "average",
    "maximum",
    "minimum",
    "subtract",
    "dot",
}


def scan(body, scope: Scope, resolve) -> Scope:
    """Record the bindings made by the statements of one scope (not descending into defs)."""
    for stmt in body:
        _scan_statement(stmt, scope, resolve)
    return scope


def _scan_statement(stmt: cst.CSTNode, scope: Scope, resolve) -> None:
    if isinstance(stmt, cst.SimpleStatementLine):
        for small in stmt.body:
            if isinstance(small, (cst.Import, cst.ImportFrom)):
                _import_bindings(small, scope)
            elif isinstance(small, cst.Assign):
                _scan_assign(small, scope, resolve)
            elif isinstance(small, (cst.AnnAssign, cst.AugAssign)):
                scope.shadows.update(_target_names(small.target))
        return
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        if isinstance(stmt, cst.FunctionDef):
            scope.defs[stmt.name.value] = stmt
        else:
            scope.classes.add(stmt.name.value)
        scope.shadows.add(stmt.name.value)
        scope.imports.pop(stmt.name.value, None)
        return
    if isinstance(stmt, cst.For):
        scope.shadows.update(_target_names(stmt.target))
    elif isinstance(stmt, cst.With):
        for item in stmt.items:
            if item.asname is not None:
                scope.shadows.update(_target_names(item.asname.name))
    elif isinstance(stmt, cst.Try):
        for handler in stmt.handlers:
            if handler.name is not None:
                scope.shadows.update(_target_names(handler.name.name))
    for block in _blocks(stmt):
        for inner in block:
            _scan_statement(inner, scope, resolve)


def _scan_assign(node: cst.Assign, scope: Scope, resolve) -> None:
    for target in node.targets:
        t = target.target
        if isinstance(t, cst.Attribute) and t.attr.value == "_keras_shape":
            base = dotted(t.value)
            if base:
                scope.patched.add(base)
            continue
        names = _target_names(t)
        if len(names) == 1 and isinstance(t, cst.Name):
            scope.values.setdefault(names[0], []).append(node.value)
            alias = isinstance(node.value, (cst.Name, cst.Attribute))
            qual = resolve(node.value) if alias else None
            if qual is not None:  # K = keras.backend
                scope.imports[names[0]] = qual
                scope.shadows.discard(names[0])
                continue
            origin = _origin(node.value, resolve) or AMBIGUOUS
            value = node.value
            if isinstance(value, cst.Name) and value.value in scope.classes:
                scope.classes.add(names[0])  # another name for a class of this file
            if (
                isinstance(value, cst.Call)
                and isinstance(value.func, cst.Name)
                and value.func.value in scope.classes
            ):
                origin = LOCAL_CLASS  # an instance of a class of this file, not of Keras
            previous = scope.calls.setdefault(names[0], origin)
            if previous != origin:  # assigned different kinds of things: say nothing
                scope.calls[names[0]] = AMBIGUOUS
        for n in names:
            scope.shadows.add(n)
            scope.imports.pop(n, None)


def _blocks(stmt: cst.CSTNode):
    """The statement lists nested in a compound statement (if/else, try/except, loops, with)."""
    for attr in ("body", "orelse", "finalbody"):
        part = getattr(stmt, attr, None)
        if isinstance(part, cst.If):
            yield from _blocks(part)
            continue
        if isinstance(part, (cst.Else, cst.Finally)):
            part = part.body
        if isinstance(part, cst.IndentedBlock):
            yield part.body
        elif isinstance(part, cst.SimpleStatementSuite):
            yield (cst.SimpleStatementLine(body=part.body),)
    for handler in getattr(stmt, "handlers", ()):
        if isinstance(handler.body, cst.IndentedBlock):
            yield handler.body.body


def function_scope(node: cst.FunctionDef | cst.Lambda, resolve) -> Scope:
    scope = Scope(is_function=True)
    params = node.params
    for p in (*params.posonly_params, *params.params, *params.kwonly_params):
        scope.shadows.add(p.name.value)
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            scope.shadows.add(star.name.value)
    if isinstance(node, cst.FunctionDef):
        body = (
            node.body.body
            if isinstance(node.body, cst.IndentedBlock)
            else (cst.SimpleStatementLine(body=node.body.body),)
        )
        scan(body, scope, resolve)
    return scope


class Names:
    """The stack of scopes at the walk's current position, and name resolution through it."""

    def __init__(self) -> None:
        self.stack: list[Scope] = []
        self._last: tuple = (None, False, None, None)  # node, raw, innermost scope, answer

    def push(self, scope: Scope) -> None:
        self.stack.append(scope)
        self._last = (None, False, None, None)

    def pop(self) -> None:
        self.stack.pop()
        self._last = (None, False, None, None)

    def lookup(self, name: str) -> str | None:
        for scope in reversed(self.stack):
            if name in scope.imports:
                return scope.imports[name]
            if name in scope.shadows:
                return None
        for scope in reversed(self.stack):
            for module in reversed(scope.stars):  # a later star import wins
                exports = STAR_EXPORTS.get(module)
                if exports is None or name in exports:
                    return f"{module}.{name}"
        return None

    def qualify(self, node: cst.BaseExpression, raw: bool = False) -> str | None:
        """Canonical Keras name of a Name/Attribute expression, or None if it is not Keras.
        With raw=True, the name as spelled (module paths not canonicalised).

        The last answer is kept: the passes ask about the same node one after another, and
        the scopes change only when entered or left (`resolve` answers without keeping)."""
        top = self.stack[-1] if self.stack else None
        last_node, last_raw, last_top, answer = self._last
        if last_node is node and last_raw == raw and last_top is top:
            return answer
        answer = self.resolve(node, raw)
        self._last = (node, raw, top, answer)
        return answer

    def resolve(self, node: cst.BaseExpression, raw: bool = False) -> str | None:
        text = dotted(node)
        if text is None:
            return None
        head, _, rest = text.partition(".")
        base = self.lookup(head)
        if base is None:
            return None
        full = f"{base}.{rest}" if rest else base
        return full if raw else canonical(full)

    def origin(self, name: str) -> str | None:
        """What produced the value bound to `name` (see _origin), innermost scope first; None
        when unknown or when the name is bound to different kinds of values in that scope."""
        for scope in reversed(self.stack):
            if name in scope.calls:
                found = scope.calls[name]
                return None if found == AMBIGUOUS else found
            if scope.binds(name):
                return None
        return None

    def value_origin(self, value: cst.BaseExpression) -> str | None:
        """What produced `value` (see _origin), with names resolved here."""
        return _origin(value, self.resolve)

    def is_function(self, name: str) -> bool:
        return self.function(name) is not None

    def function(self, name: str) -> cst.FunctionDef | None:
        """The `def` that `name` refers to here, if it is a function defined in this file."""
        for scope in reversed(self.stack):
            if name in scope.defs:
                return scope.defs[name]
            if scope.binds(name):
                return None
        return None

    def value(self, name: str) -> cst.BaseExpression | None:
        """The expression last assigned to `name` in the innermost scope that binds it."""
        values = self.values(name)
        return values[-1] if values else None

    def values(self, name: str) -> list[cst.BaseExpression]:
        """Every expression assigned to `name` (`name = ...`) in the innermost scope that
        binds it, in source order."""
        for scope in reversed(self.stack):
            if name in scope.values:
                return scope.values[name]
            if scope.binds(name):
                return []
        return []

    @contextmanager
    def where_bound(self, name: str) -> Iterator[bool]:
        """For the duration, only the scopes up to the innermost one that binds `name`, so
        that names resolve as they do where its values are assigned. Yields whether any
        scope binds it."""
        saved = self.stack
        depth = next((i for i in range(len(saved) - 1, -1, -1) if saved[i].binds(name)), None)
        if depth is not None:
            self.stack = saved[: depth + 1]
            self._last = (None, False, None, None)
        try:
            yield depth is not None
        finally:
            self.stack = saved
            self._last = (None, False, None, None)

    def patched(self, name: str) -> bool:
        return any(name in s.patched for s in reversed(self.stack))

    def bound_anywhere(self, name: str) -> bool:
        return any(s.binds(name) for s in self.stack)
