"""Custom layers, custom RNNs and optimizers, weights and layer names (catalogue §13).

Catalogue rows C-01..C-16, R-10, P-37, S-18, S-28, S-29 and §14 X-14..X-18; for the modern
target modern.md X-126, X-135, X-138, X-162, X-176 and §8 X-210..X-214. Keras 2 changed the
contract between a layer and its subclasses: it never calls `get_output_shape_for`, reads the
mask under the keyword `mask`, takes `add_weight(name, shape, ...)` in another order, and from
keras 2.4 refuses `self.trainable_weights = [...]`, because it tracks every weight itself.

    class Attention(Layer):
        def build(self, input_shape):
            self.W = self.add_weight((input_shape[-1], 1), 'glorot_uniform')
            self.trainable_weights = [self.W]
        def compute_mask(self, input, input_mask=None):
            return input_mask
        def get_output_shape_for(self, input_shape):
            return input_shape[:2]
    model.get_layer('convolution2d_1')

becomes (for keras 2.15; targets 2.0-2.2 keep the trainable_weights line and get 'conv2d_1')

    class Attention(Layer):
        def build(self, input_shape):
            self.W = self.add_weight(shape=(input_shape[-1], 1), initializer='glorot_uniform')
        def compute_mask(self, inputs, mask=None):
            return mask
        def compute_output_shape(self, input_shape):
            return input_shape[:2]
    model.get_layer('conv2d')

Only classes whose bases are Keras layers (directly or through a class of the same file) are
changed; a class of your own that happens to have a `get_output_shape_for` is left alone.
Everything that needs a decision (regularizers and constraints set on the layer, `__call__`
overrides, custom `Recurrent` subclasses and optimizers, custom initializer functions, Keras 1
weight arrays passed as `weights=` or to `set_weights`) is reported, not rewritten. Keras 1
auto-generated layer names are mapped to the Keras 2 names (snake_case and, for keras 2.15,
counted from zero) with a warning: they still depend on how many layers were made before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import libcst as cst

from migrate.cstutil import NOT_LITERAL, bind, code, join, keyword, literal, string_value
from migrate.findings import Kind
from migrate.passes import Pass

from .data.custom_layers import (
    CHANNELS_FIRST_LAYERS,
    K1_INITIALIZERS,
    LAYER_NAMES,
    RECURRENT_WEIGHTS,
    RELAYOUT_LAYERS,
    SHARED_COUNTERS,
    VARIABLE_MAKERS,
    WEIGHT_ATTRIBUTES,
)
from .data.signatures import K1_SIGNATURES

K1_ADD_WEIGHT = K1_SIGNATURES["keras.engine.Layer.add_weight"]
RECURRENT_BASES = ("keras.layers.Recurrent", "keras.layers.ConvRecurrent2D")
# layer attributes that Keras 1 layers set themselves and Keras 2 manages
MANAGED = ("trainable_weights", "non_trainable_weights", "updates", "regularizers", "constraints")
_AUTO_NAME = re.compile(r"([a-z][a-z0-9_]*?)_([1-9][0-9]*)")


@dataclass
class _Edit:
    """A change (or a report) decided once the enclosing class is known to be a Keras layer."""

    node: cst.CSTNode  # the node as this pass returned it: found again by identity
    original: cst.CSTNode  # where the finding points
    apply: Callable[[cst.CSTNode], cst.CSTNode | cst.RemovalSentinel]
    layer_only: bool = True  # False: decided at module level (C-02 on other objects, C-16)
    method_only: bool = False  # a def directly in the class body, not one nested in a method


@dataclass
class _Facts:
    """What the statements of one class body say about its weights."""

    methods: dict[str, cst.FunctionDef] = field(default_factory=dict)
    made: dict[str, str] = field(default_factory=dict)  # attr -> variable/add_weight/frozen/init
    made_at: dict[str, cst.CSTNode] = field(default_factory=dict)
    init_attrs: set[str] = field(default_factory=set)  # attrs holding initializations.get(...)
    init_calls: dict[str, tuple] = field(default_factory=dict)  # self.A = self.B(..): A -> (B, ok)
    listed: dict[str, list] = field(default_factory=dict)  # trainable_weights... -> values
    sublayers: set[str] = field(default_factory=set)  # attrs holding a layer made here


class CustomLayersPass(Pass):
    id = "custom-layers"
    summary = (
        "custom Layer subclasses (compute_output_shape, compute_mask, add_weight, "
        "trainable_weights), custom RNNs/optimizers, weights and auto-generated layer names"
    )
    rows = (
        "C-01",
        "C-02",
        "C-04",
        "C-05",
        "C-06",
        "C-07",
        "C-08",
        "C-09",
        "C-10",
        "C-11",
        "C-12",
        "C-13",
        "C-14",
        "C-15",
        "C-16",
        "P-37",
        "R-10",
        "S-18",
        "S-28",
        "S-29",
        "X-14",
        "X-15",
        "X-16",
        "X-17",
        "X-18",
        "X-126",
        "X-135",
        "X-138",
        "X-162",
        "X-176",
        "X-210",
        "X-211",
        "X-212",
        "X-213",
        "X-214",
    )
    safety = "review"
    explanation = __doc__

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.pending: dict[int, list[_Edit]] = {}  # class depth -> edits waiting for the class
        self.facts: dict[int, _Facts] = {}
        self.layer_classes: set[str] = set()
        self.foreign_shape_method = False  # a non-layer class defines get_output_shape_for
        self.explicit_names: set[str] = set()  # name='...' given to any call but get_layer
        self.applier: _Apply | None = None  # the one applying deferred edits right now

    # bookkeeping ------------------------------------------------------------------------------
    def _defer(self, updated, original, apply, layer_only=True, method_only=False) -> None:
        self.pending.setdefault(self.ctx.class_depth, []).append(
            _Edit(updated, original, apply, layer_only, method_only)
        )

    def _class_facts(self) -> _Facts:
        return self.facts.setdefault(self.ctx.class_depth, _Facts())

    def _report(self, original, row, kind, message, todo="") -> None:
        self.ctx.report(row, kind, message, todo, node=original)

    def _modern_row(self, old: str, modern: str) -> str:
        return modern if self.ctx.target.modern else old

    # classes ---------------------------------------------------------------------------------
    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        depth = self.ctx.class_depth + 1  # the engine has already left the class
        edits = self.pending.pop(depth, [])
        facts = self.facts.pop(depth, _Facts())
        bases = [self.ctx.qualify(b.value) for b in original.bases if b.keyword is None]
        layer = any(b and b.startswith("keras.layers.") for b in bases) or any(
            isinstance(b.value, cst.Name) and b.value.value in self.layer_classes
            for b in original.bases
        )
        outer = self.pending.setdefault(depth - 1, [])
        outer.extend(e for e in edits if not e.layer_only)
        if any(b and b.startswith("keras.optimizers.") for b in bases):
            self._optimizer(facts)
        if not layer:
            if "get_output_shape_for" in facts.methods:
                self.foreign_shape_method = True
            return updated
        self.layer_classes.add(original.name.value)
        if any(b in RECURRENT_BASES for b in bases):
            self._report(
                original,
                self._modern_row("C-14", "X-135"),
                Kind.MANUAL,
                f"class {original.name.value} subclasses the Keras 1 Recurrent base class",
                "Keras 2 changed the method contract (get_initial_state(inputs), "
                "step(inputs, states), preprocess_input(inputs, training=None)) and from 2.0.9 "
                "expects a cell: write a class with call(inputs, states) and state_size, and "
                "wrap it in keras.layers.RNN(cell)"
                + (
                    " (keras 2.15 has no Recurrent class at all)."
                    if self.ctx.target.modern
                    else "."
                ),
            )
        self._untracked(facts)
        own = [e for e in edits if e.layer_only]
        if own:
            self.applier = _Apply(own, outer, nested_classes=False)
            body = self.applier.run(updated.body)
            updated = updated if body is None else updated.with_changes(body=body)
        if any(b in RECURRENT_BASES for b in bases):  # after the edits, which find nodes by id
            updated = self._consume_less(original, updated)
        return updated

    def _consume_less(self, original: cst.ClassDef, cls: cst.ClassDef) -> cst.ClassDef:
        """`self.consume_less == 'cpu'` in a Recurrent subclass: Keras 2's base class has
        `implementation` instead (K-29, V-05..V-07; numerics do not depend on it)."""
        older = not self.ctx.target.modern and self.ctx.target.version < (2, 1)
        values = {"cpu": 0 if older else 1, "mem": 1, "gpu": 2}
        renamer = _ConsumeLess(values)
        body = cls.body.visit(renamer)
        if renamer.done:
            self.ctx.report(
                "K-29",
                Kind.REWRITE,
                "self.consume_less == ... -> self.implementation == ... "
                f"({renamer.done} comparison{'s' if renamer.done > 1 else ''})",
                node=original,
            )
        return cls.with_changes(body=body)

    def _optimizer(self, facts: _Facts) -> None:
        method = facts.methods.get("get_updates")
        if method is None:
            return
        modern = self.ctx.target.modern
        self._report(
            method,
            self._modern_row("C-15", "X-176"),
            Kind.MANUAL,
            "custom optimizer overrides the Keras 1 get_updates(params, constraints, loss)",
            (
                "keras 2.15 optimizers have no get_updates: implement update_step(gradient, "
                "variable) on a keras.optimizers.Optimizer subclass (or _resource_apply_dense "
                "on keras.optimizers.legacy.Optimizer), and apply variable.constraint yourself."
                if modern
                else "Keras 2 calls get_updates(loss, params) (from 2.0.7); read each "
                "parameter's constraint from p.constraint instead of the constraints argument."
            ),
        )

    def _untracked(self, facts: _Facts) -> None:
        """keras 2.15 trains every variable a layer stores; Keras 1 only what it listed."""
        if not self.ctx.target.modern:
            return
        listed = facts.listed.get("trainable_weights")
        terms = [_weight_terms(v, a) for a, values in facts.listed.items() for v in values]
        if None in terms:
            return  # the list statement itself is reported
        names = {a for attrs, _ in terms for a in attrs}
        for attr in dict.fromkeys([*facts.made, *facts.init_calls]):
            kind = _kind(facts, attr)
            if attr in names:
                continue
            if kind == "variable" or (listed and kind in ("add_weight", "init")):
                self._report(
                    facts.made_at[attr],
                    "X-211" if kind == "variable" else "X-210",
                    Kind.MANUAL,
                    f"self.{attr} becomes a trained weight in keras 2.15; Keras 1 did not train it",
                    "keras 2.15 tracks every variable stored on a layer. If it must not be "
                    "trained, create it with self.add_weight(..., trainable=False); otherwise "
                    "nothing to do.",
                )

    # methods ---------------------------------------------------------------------------------
    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        self._custom_initializer(original)
        if not self.ctx.class_depth:
            return updated
        name = original.name.value
        facts = self._class_facts()
        facts.methods[name] = original
        handler = {
            "get_output_shape_for": lambda node: self._shape_method(node, original, facts),
            "compute_mask": lambda node: self._compute_mask(node, original),
            "__call__": lambda node: self._call_override(node, original),
        }.get(name)
        if handler is not None:
            self._defer(updated, original, handler, method_only=True)
        return updated

    def _shape_method(self, node: cst.FunctionDef, original, facts: _Facts) -> cst.FunctionDef:
        if "compute_output_shape" in facts.methods:
            self._report(
                original,
                "C-01",
                Kind.MANUAL,
                "the layer defines both get_output_shape_for and compute_output_shape",
                "Keras 2 only calls compute_output_shape: make sure it is right, then delete "
                "get_output_shape_for.",
            )
            return node
        self._report(
            original,
            "C-01",
            Kind.REWRITE,
            "get_output_shape_for -> compute_output_shape (Keras 2 never calls the old name)",
        )
        return node.with_changes(name=cst.Name("compute_output_shape"))

    def _compute_mask(self, node: cst.FunctionDef, original: cst.FunctionDef) -> cst.FunctionDef:
        params = list(node.params.params)
        renames = {}
        if len(params) >= 2 and params[1].name.value == "input":
            renames["input"] = "inputs"
        if len(params) >= 3 and params[2].name.value != "mask":
            renames[params[2].name.value] = "mask"
        if not renames:
            return node
        new = _rename_parameters(node, renames, self.applier)
        said = ", ".join(f"{a} -> {b}" for a, b in renames.items())
        if new is None:
            self._report(
                original,
                "C-04",
                Kind.MANUAL,
                f"compute_mask parameters ({said}) cannot be renamed safely",
                "Rename them to compute_mask(self, inputs, mask=None) by hand: Keras 2 passes "
                "the mask as mask=.",
            )
            return node
        self._report(original, "C-04", Kind.REWRITE, f"compute_mask parameters: {said}")
        return new

    def _call_override(self, node: cst.FunctionDef, original: cst.FunctionDef) -> cst.FunctionDef:
        self._report(
            original,
            "C-10",
            Kind.MANUAL,
            "the layer overrides __call__",
            "Keras 2 calls __call__(inputs, **kwargs) and builds, masks and records the layer "
            "there; move the custom logic into call(self, inputs, mask=None) or call "
            "super().__call__(inputs, **kwargs) from the override.",
        )
        return node

    def _custom_initializer(self, node: cst.FunctionDef) -> None:
        """def f(shape, name=None): return K.variable(...) -- a Keras 1 init function (R-10)."""
        params = [p.name.value for p in node.params.params]
        if not params or params[0] != "shape" or "name" not in params:
            return
        returns = _returned_calls(node)
        if not any(
            (q := self.ctx.qualify(call.func))
            and (q in VARIABLE_MAKERS or q.startswith("keras.initializations."))
            for call in returns
        ):
            return
        self._report(
            node,
            "R-10",
            Kind.MANUAL,
            f"{node.name.value}(shape, name) is a Keras 1 initializer function",
            "Keras 2 calls initializers as f(shape, dtype=None) and expects a tensor, not a "
            "variable: change it to def f(shape, dtype=None) returning e.g. "
            "K.random_normal(shape) (not K.variable(...)).",
        )

    # calls -----------------------------------------------------------------------------------
    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        func = original.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "get_layer"):
            for arg in original.args:
                if arg.keyword is not None and arg.keyword.value == "name":
                    given = string_value(arg.value)
                    if given is not None:
                        self.explicit_names.add(given)
        if isinstance(func, cst.Attribute):
            method = func.attr.value
            if method == "get_output_shape_for":
                self._shape_call(original, updated)
            elif method == "get_layer" and original.args and _auto_name(original.args[0].value):
                self._defer(
                    updated, original, lambda n: self._get_layer(n, original), layer_only=False
                )
            elif method == "add_weight" and _is_self(func.value) and self.ctx.class_depth:
                self._add_weight(original, updated)
            elif method in ("create_input_layer", "add_inbound_node"):
                self._graph_internals(original, updated, method)
            elif method in ("get_updates_for", "get_losses_for") and self.ctx.target.modern:
                self.ctx.report(
                    "X-162",
                    Kind.MANUAL,
                    f"layer.{method}() does not exist in keras 2.15",
                    "Use model.losses / layer.losses for the losses; keras 2.15 applies updates "
                    "itself (assign inside call when training).",
                )
            elif method == "set_weights":
                self._set_weights(original)
        self._weights_argument(original)
        return updated

    def _shape_call(self, original: cst.Call, updated: cst.Call) -> None:
        receiver = original.func.value
        own = _is_self(receiver) or (
            isinstance(receiver, cst.Call)
            and isinstance(receiver.func, cst.Name)
            and receiver.func.value == "super"
        )
        self._defer(
            updated,
            original,
            lambda node: self._rename_shape_call(node, original, own),
            layer_only=own and self.ctx.class_depth > 0,
        )

    def _rename_shape_call(self, node: cst.Call, original: cst.Call, own: bool):
        if not own and self.foreign_shape_method:
            self._report(
                original,
                "C-02",
                Kind.MANUAL,
                "get_output_shape_for() called on an object that may not be a Keras layer",
                "A class of this file that is not a Keras layer defines get_output_shape_for; "
                "if the receiver is a Keras layer, call compute_output_shape instead.",
            )
            return node
        self._report(
            original, "C-02", Kind.REWRITE, "get_output_shape_for() -> compute_output_shape()"
        )
        return node.with_changes(func=node.func.with_changes(attr=cst.Name("compute_output_shape")))

    def _graph_internals(self, original: cst.Call, updated: cst.Call, method: str) -> None:
        def report(node):
            self._report(
                original,
                "C-11",
                Kind.MANUAL,
                f"layer.{method}() is Keras 1 graph internals",
                "Keras 2 has no create_input_layer, and _add_inbound_node has another contract: "
                "build the graph by calling the layer on a tensor (layer(Input(shape=...))).",
            )
            return node

        if self.ctx.class_depth:
            self._defer(updated, original, report)
        else:
            report(updated)

    # add_weight (C-05, C-06, P-37, S-29, X-126) ----------------------------------------------
    def _add_weight(self, original: cst.Call, updated: cst.Call) -> None:
        positional = [a for a in original.args if a.keyword is None and not a.star]
        if positional and string_value(positional[0].value) is not None:
            return  # Keras 2 order: add_weight('name', shape, ...)
        if (
            positional
            and not self.ctx.keras1_file
            and not isinstance(positional[0].value, (cst.Tuple, cst.List))
        ):
            return  # a Keras 2 file: the first positional argument may be the name
        bound = bind(original, K1_ADD_WEIGHT)
        if bound is None:
            return
        init = bound.get("initializer")
        new_init = None
        if init is not None:
            new_init = self._initializer(init.value)
        if not positional and new_init is None:
            return
        self._defer(updated, original, lambda node: self._keywords(node, original, new_init))

    def _initializer(self, value: cst.BaseExpression):
        """A Keras 1 init function object given as initializer= (C-06): its Keras 2 name."""
        name = self.ctx.qualify(value) or ""
        if name.startswith("keras.initializations."):
            short = name.rpartition(".")[2]
            if short in K1_INITIALIZERS:
                self.ctx.replacing(value)
                return K1_INITIALIZERS[short], short
            return None
        if isinstance(value, cst.Lambda) or (
            isinstance(value, cst.Name) and self.ctx.names.is_function(value.value)
        ):
            return "manual", code(value)
        return None

    def _keywords(self, node: cst.Call, original: cst.Call, new_init) -> cst.Call:
        bound = bind(node, K1_ADD_WEIGHT)
        if bound is None:
            return node
        if new_init and new_init[0] != "manual":
            first = bind(original, K1_ADD_WEIGHT)["initializer"].value
            if not bound["initializer"].value.deep_equals(first):
                new_init = None  # another pass already made it a Keras 2 initializer
        args = []
        for name, arg in bound.items():
            value = arg.value
            if name == "initializer" and new_init and new_init[0] != "manual":
                value = cst.SimpleString(f"'{new_init[0]}'")
            if arg.keyword is None or value is not arg.value:
                arg = keyword(name, value, arg)
            args.append(arg)
        if any(a.keyword is None for a in node.args):
            self._report(
                original,
                "C-05",
                Kind.REWRITE,
                "add_weight: positional arguments -> keywords (Keras 1 order was shape, "
                "initializer, name; Keras 2 takes name first)",
            )
        if new_init and new_init[0] == "manual":
            self._report(
                original,
                "C-06",
                Kind.MANUAL,
                f"add_weight(initializer={new_init[1]}): a Keras 1 initializer function",
                "Keras 2 calls the initializer as f(shape, dtype=None) and expects a tensor; "
                "pass an initializer name, a keras.initializers object, or a function with that "
                "signature.",
            )
        elif new_init:
            self._report(
                original,
                "C-06",
                Kind.WARNING,
                f"add_weight(initializer=initializations.{new_init[1]}) -> '{new_init[0]}'",
                "Keras 2 initializers are objects; the values differ slightly from Keras 1 "
                "(orthogonal gain 1.1 -> 1.0, truncated glorot_normal/he_normal, and fans of "
                "4-D shapes computed for channels-last).",
            )
        if all(a is b for a, b in zip(args, bound.values(), strict=True)):
            return node  # only reported
        return node.with_changes(args=join(args, list(node.args)))

    # weights given as arrays (C-13, X-18) ---------------------------------------------------
    def _weights_argument(self, original: cst.Call) -> None:
        name = self.ctx.qualify(original.func)
        if name is None or not name.startswith("keras.layers."):
            return
        weights = next(
            (a for a in original.args if a.keyword is not None and a.keyword.value == "weights"),
            None,
        )
        if weights is None or _copies_weights(weights.value):
            return
        why = self._relayout(name, original)
        if why:
            self._report(
                original,
                "C-13",
                Kind.MANUAL,
                f"{name.rpartition('.')[2]}(weights=...): {why}",
                _RELAYOUT_TODO,
            )

    def _set_weights(self, original: cst.Call) -> None:
        receiver = original.func.value
        if not isinstance(receiver, cst.Name) or not original.args:
            return
        if _copies_weights(original.args[0].value):
            return
        name = self.ctx.names.origin(receiver.value)
        if name is None or not name.startswith("keras.layers."):
            return
        why = self._relayout(name, None)
        if why:
            self._report(
                original,
                "C-13",
                Kind.MANUAL,
                f"{receiver.value}.set_weights(...) on a {name.rpartition('.')[2]}: {why}",
                _RELAYOUT_TODO,
            )

    def _relayout(self, name: str, call: cst.Call | None) -> str:
        if not self.ctx.keras1_file:
            return ""  # arrays of a Keras 2 file are in the Keras 2 layout
        if name in RELAYOUT_LAYERS:
            return "Keras 2 stores these weights in another layout"
        if name in CHANNELS_FIRST_LAYERS:
            ordering = self.ctx.options.image_dim_ordering
            for arg in call.args if call is not None else ():
                if arg.keyword is not None and arg.keyword.value == "dim_ordering":
                    given = literal(arg.value)
                    if given is NOT_LITERAL:
                        ordering = "?"
                    elif given in ("th", "tf"):
                        ordering = given  # else 'default': the project's ordering
            if ordering != "tf":
                return "channels-first kernels are (rows, cols, in, out) in Keras 2"
        return ""

    # attributes (C-12, C-13) ----------------------------------------------------------------
    def leave_Attribute(
        self, original: cst.Attribute, updated: cst.Attribute
    ) -> cst.BaseExpression:
        attr = original.attr.value
        if attr in ("inbound_nodes", "outbound_nodes"):
            return self._nodes(updated, attr)
        if isinstance(original.value, cst.Name):
            origin = self.ctx.names.origin(original.value.value)
            if origin is None:
                return updated
            new = WEIGHT_ATTRIBUTES.get(origin, {}).get(attr)
            if new is not None:
                self.ctx.report(
                    "C-13",
                    Kind.REWRITE,
                    f"{origin.rpartition('.')[2]}.{attr} -> .{new}",
                )
                return updated.with_changes(attr=cst.Name(new))
            if attr in RECURRENT_WEIGHTS and origin in RELAYOUT_LAYERS:
                self.ctx.report(
                    "C-13",
                    Kind.MANUAL,
                    f"{origin.rpartition('.')[2]}.{attr}: Keras 2 has no per-gate weights",
                    "Keras 2 keeps kernel, recurrent_kernel and bias with the gates concatenated "
                    "(LSTM order i, f, c, o); slice them instead.",
                )
        return updated

    def _nodes(self, updated: cst.Attribute, attr: str) -> cst.BaseExpression:
        target = self.ctx.target
        if target.modern:
            if not self.ctx.keras1_file:
                return updated  # Keras 2 code using the Keras 2 nodes
            self.ctx.report(
                "C-12",
                Kind.MANUAL,
                f"layer.{attr}: keras 2.15 Node objects differ from Keras 1",
                "The list still exists, but its nodes have no node_indices, tensor_indices, "
                "input_masks or output_masks; use node.inbound_layers, node.parent_nodes, or "
                "layer.get_input_at(i) / layer.get_output_at(i).",
            )
            return updated
        if target.version < (2, 1):
            return updated  # public up to 2.1.2
        self.ctx.report("C-12", Kind.REWRITE, f"layer.{attr} -> layer._{attr} (Keras 2.1.3+)")
        return updated.with_changes(attr=cst.Name(f"_{attr}"))

    # statements in a class body (C-06..C-09, X-210..X-213) ------------------------------------
    def leave_SimpleStatementLine(
        self, original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine:
        if not self.ctx.class_depth:
            return updated
        for i, small in enumerate(original.body):
            managed = _managed_target(small)
            if managed is not None:
                self._managed(original, updated, i, managed)
            elif isinstance(small, cst.Assign) and len(small.targets) == 1:
                self._creation(original, updated, i)
        return updated

    def _creation(self, original, updated, i: int) -> None:
        small = original.body[i]
        target, value = small.targets[0].target, small.value
        if not (
            isinstance(target, cst.Attribute)
            and _is_self(target.value)
            and isinstance(value, cst.Call)
        ):
            return
        attr = target.attr.value
        facts = self._class_facts()
        name = self.ctx.qualify(value.func)
        if name in VARIABLE_MAKERS:
            facts.made[attr], facts.made_at[attr] = "variable", original
        elif (name or "").startswith("keras.layers.") and name.rpartition(".")[2][:1].isupper():
            facts.sublayers.add(attr)
        elif isinstance(value.func, cst.Name) and value.func.value in self.layer_classes:
            facts.sublayers.add(attr)
        elif name in ("keras.initializations.get", "keras.initializers.get"):
            facts.init_attrs.add(attr)
        elif isinstance(value.func, cst.Attribute) and _is_self(value.func.value):
            method = value.func.attr.value
            facts.made_at[attr] = original
            if method == "add_weight":
                bound = bind(value, K1_ADD_WEIGHT) or {}
                frozen = "trainable" in bound and literal(bound["trainable"].value) is False
                facts.made[attr] = "frozen" if frozen else "add_weight"
            else:
                facts.init_calls[attr] = (method, _init_arguments(value) is not None)
                self._defer(
                    updated, original, lambda node: self._init_call(node, original, i, facts)
                )

    def _init_call(self, node: cst.SimpleStatementLine, original, i: int, facts: _Facts):
        """self.W = self.init(shape, name=...) with a Keras 1 initializer -> self.add_weight."""
        attr = original.body[i].targets[0].target.attr.value
        method, _ = facts.init_calls[attr]
        if method not in facts.init_attrs:
            return node
        small = node.body[i] if len(node.body) == len(original.body) else None
        call = small.value if isinstance(small, cst.Assign) else None
        bound = _init_arguments(call) if isinstance(call, cst.Call) else None
        if bound is None:
            self._report(
                original,
                "C-06",
                Kind.MANUAL,
                f"self.{attr} is made by calling the Keras 1 initializer self.{method}",
                "Keras 2 initializers return tensors, not variables: create the weight with "
                f"self.add_weight(shape=..., initializer=self.{method}, name=...).",
            )
            return node
        args = [keyword("shape", bound["shape"].value, bound["shape"])]
        args.append(keyword("initializer", call.func))
        if "name" in bound:
            args.append(bound["name"])
        if attr in _listed_attrs(facts, "non_trainable_weights"):
            args.append(keyword("trainable", cst.Name("False")))
        func = call.func.with_changes(attr=cst.Name("add_weight"))
        body = list(node.body)
        body[i] = small.with_changes(
            value=call.with_changes(func=func, args=join(args, list(call.args)))
        )
        self._report(
            original,
            "C-06",
            Kind.WARNING,
            f"self.{attr} = self.{method}(...) -> self.add_weight(..., initializer=self.{method})",
            "Keras 2 initializers return tensors, not variables, so the weight is now made by "
            "add_weight. Initial values differ slightly (orthogonal gain, truncated normals, "
            "fans of 4-D shapes).",
        )
        return node.with_changes(body=body)

    def _managed(self, original, updated, i: int, managed: tuple[str, str]) -> None:
        attr, how = managed
        facts = self._class_facts()
        if how == "assign" and attr in ("trainable_weights", "non_trainable_weights"):
            facts.listed.setdefault(attr, []).append(original.body[i].value)
        self._defer(
            updated,
            original,
            lambda node: self._managed_statement(node, original, i, attr, how, facts),
        )

    def _managed_statement(self, node, original, i: int, attr: str, how: str, facts: _Facts):
        modern = self.ctx.target.modern
        if attr == "regularizers":
            self._report(
                original,
                self._modern_row("C-08", "X-213"),
                Kind.MANUAL,
                "self.regularizers is not used by Keras 2"
                + (" (keras 2.15 silently ignores it)" if modern else ""),
                "Keras 1.2.2 already ignored it (a deprecated property). Pass the regularizer to "
                "add_weight(..., regularizer=r), or call self.add_loss(r(weight)); or delete the "
                "statement to keep the Keras 1.2.2 behaviour.",
            )
        elif attr == "constraints":
            self._report(
                original,
                self._modern_row("C-09", "X-213"),
                Kind.MANUAL,
                "self.constraints is not used by Keras 2"
                + (" (keras 2.15 silently ignores it)" if modern else " from 2.0.7"),
                "Pass the constraint to add_weight(..., constraint=c).",
            )
        elif not modern:
            pass  # C-07: trainable_weights, non_trainable_weights and updates still work in 2.x
        elif attr == "updates":
            self._report(
                original,
                "X-212",
                Kind.MANUAL,
                "self.updates cannot be set in keras 2.15 (AttributeError)",
                "Apply the update inside call when training: var.assign(new_value) "
                "(K.update(var, new_value) also runs immediately), or use a built-in layer.",
            )
        else:
            return self._weight_list(node, original, i, attr, how, facts)
        return node

    def _weight_list(self, node, original, i: int, attr: str, how: str, facts: _Facts):
        row = "X-210" if attr == "trainable_weights" else "X-211"
        terms = _weight_terms(original.body[i].value, attr) if how == "assign" else None
        wanted = ("variable", "add_weight", "init") if row == "X-210" else ("frozen", "init")
        removable = (
            len(node.body) == len(original.body)
            and terms is not None
            and all(_kind(facts, a) in wanted for a in terms[0])
            and all(layer in facts.sublayers for layer in terms[1])
        )
        if removable:
            self._report(
                original,
                row,
                Kind.REWRITE,
                f"self.{attr} = [...] removed: keras 2.15 tracks the layer's weights itself",
            )
            body = [s for j, s in enumerate(node.body) if j != i]
            if not body:
                return cst.RemoveFromParent()
            body[-1] = body[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
            return node.with_changes(body=body)
        self._report(
            original,
            row,
            Kind.MANUAL,
            f"self.{attr} cannot be set in keras 2.15 (AttributeError)",
            "Create each weight with self.add_weight(...)"
            + (" with trainable=False" if row == "X-211" else "")
            + " and delete this statement; variables and sub-layers stored as attributes are "
            "tracked automatically.",
        )
        return node

    # auto-generated layer names (C-16, S-18, X-138) -----------------------------------------
    def leave_Comparison(self, original: cst.Comparison, updated: cst.Comparison):
        if (
            len(original.comparisons) == 1
            and isinstance(original.comparisons[0].operator, (cst.Equal, cst.NotEqual))
            and isinstance(original.left, cst.Attribute)
            and original.left.attr.value == "name"
            and _auto_name(original.comparisons[0].comparator)
        ):
            self._defer(updated, original, lambda n: self._name_compare(n, original), False)
        return updated

    def _name_compare(self, node: cst.Comparison, original) -> cst.Comparison:
        target = node.comparisons[0]
        new = self._layer_name(target.comparator, original)
        if new is None:
            return node
        return node.with_changes(comparisons=[target.with_changes(comparator=new)])

    def _get_layer(self, node: cst.Call, original: cst.Call) -> cst.Call:
        bound = bind(node, ("name", "index"))
        if not bound or "name" not in bound:
            return node
        arg = bound["name"]
        new = self._layer_name(arg.value, original)
        if new is None:
            return node
        return node.with_changes(
            args=[arg.with_changes(value=new) if a is arg else a for a in node.args]
        )

    def _layer_name(self, value: cst.BaseExpression, original) -> cst.BaseExpression | None:
        text = string_value(value)
        match = _AUTO_NAME.fullmatch(text or "")
        if not match or not isinstance(value, cst.SimpleString):
            return None
        if text in self.explicit_names:
            return None  # the file names a layer like this itself
        prefix, number = match.group(1), int(match.group(2))
        names = self._name_table()
        if prefix not in names:
            return None
        modern = self.ctx.target.modern
        new = names[prefix]
        row = "X-138" if modern else "C-16"
        shared = [
            c for c in SHARED_COUNTERS.get(prefix, ()) if re.search(rf"\b{c}\b", self.ctx.source)
        ]
        if new is None or shared:
            why = (
                f"the file also uses {shared[0]}, whose layers share the Keras 2 counter"
                if shared
                else "this layer has no Keras 2 class with a matching name"
            )
            self._report(
                original,
                row,
                Kind.MANUAL,
                f"'{text}' is a Keras 1 auto-generated layer name: {why}",
                "Give the layer an explicit name=... where it is created and use that name here.",
            )
            return None
        if modern and new == prefix and not self.ctx.keras1_file:
            return None  # 'dense_1' is a Keras 2 name too: only shifted in a Keras 1 file
        if modern:
            result = new if number == 1 else f"{new}_{number - 1}"
        else:
            result = f"{new}_{number}"
        if result == text:
            return None
        self._report(
            original,
            row,
            Kind.WARNING,
            f"Keras 1 auto-generated layer name '{text}' -> '{result}'",
            "Keras 2 names layers by the snake_case class name"
            + (", counting from zero" if modern else "")
            + "; the number still depends on how many layers of that class were made before in "
            "the process. An explicit name=... on the layer is safer.",
        )
        quote = value.value[: len(value.value) - len(value.value.lstrip("rRbBuU"))]
        body = value.value[len(quote) :]
        return value.with_changes(value=f"{quote}{body[0]}{result}{body[-1]}")

    def _name_table(self) -> dict[str, str | None]:
        column = 1 if self.ctx.target.modern else 0
        table = {prefix: names[column] for prefix, names in LAYER_NAMES.items()}
        for cls in self.layer_classes:
            table.setdefault(cls.lower(), _snake(cls, self.ctx.target.modern))
        return table

    # the module ------------------------------------------------------------------------------
    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        edits = self.pending.pop(0, [])
        if not edits:
            return updated
        self.applier = _Apply(edits, [], nested_classes=True)
        result = self.applier.run(updated)
        return updated if result is None else result


class _ConsumeLess(cst.CSTTransformer):
    """`self.consume_less == 'gpu'` -> `self.implementation == 2` (also `!=`)."""

    def __init__(self, values: dict[str, int]) -> None:
        super().__init__()
        self.values, self.done = values, 0

    def leave_Comparison(self, original, updated):
        left = updated.left
        if not (
            len(updated.comparisons) == 1
            and isinstance(updated.comparisons[0].operator, (cst.Equal, cst.NotEqual))
            and isinstance(left, cst.Attribute)
            and _is_self(left.value)
            and left.attr.value == "consume_less"
        ):
            return updated
        target = updated.comparisons[0]
        value = self.values.get(string_value(target.comparator))
        if value is None:
            return updated
        self.done += 1
        return updated.with_changes(
            left=left.with_changes(attr=cst.Name("implementation")),
            comparisons=[target.with_changes(comparator=cst.Integer(str(value)))],
        )


class _Apply(cst.CSTTransformer):
    """Applies deferred edits to the nodes this pass returned, found again by identity.

    Every node it walks is rebuilt, so edits still waiting for an outer level (`promoted`) are
    pointed at the rebuilt nodes when the result is kept."""

    def __init__(self, edits: list[_Edit], promoted: list[_Edit], nested_classes: bool) -> None:
        super().__init__()
        self.edits = {id(e.node): e for e in edits}
        self.promoted = {id(e.node): e for e in promoted}
        self.nested_classes = nested_classes
        self.depth = 0  # functions entered below the walked node
        self.changed = False
        self.moves: list[tuple[_Edit, cst.CSTNode]] = []

    def run(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The edited node, or None when no edit changed anything."""
        result = node.visit(self)
        if not self.changed:
            return None
        for edit, moved in self.moves:
            edit.node = moved
        return result

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return self.nested_classes

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.depth += 1

    def on_leave(self, original_node, updated_node):
        if isinstance(original_node, cst.FunctionDef):
            self.depth -= 1
        result = super().on_leave(original_node, updated_node)
        edit = self.edits.get(id(original_node))
        if edit is not None and not (edit.method_only and self.depth):
            new = edit.apply(result)
            self.changed |= new is not result
            result = new
        moved = self.promoted.get(id(original_node))
        if moved is not None and not isinstance(result, cst.RemovalSentinel):
            self.moves.append((moved, result))
            self.promoted[id(result)] = moved  # for an edit that rebuilds this node again
        return result

    def leave_IndentedBlock(self, original, updated):
        if not updated.body:  # every statement was removed: keep the block valid
            return updated.with_changes(body=[cst.SimpleStatementLine([cst.Pass()])])
        return updated


_RELAYOUT_TODO = (
    "Keras 1 arrays do not fit Keras 2 as they are: LSTM's 12 arrays (gates i, c, f, o) become "
    "kernel, recurrent_kernel, bias with gates i, f, c, o; GRU's 9 become 3; channels-first "
    "kernels (out, in, rows, cols) become (rows, cols, in, out); Conv1D drops an axis. Convert "
    "the arrays by hand, or save them to HDF5 under Keras 1 and use load_weights, which "
    "converts them."
)


def _auto_name(value: cst.BaseExpression | None) -> bool:
    """Whether the value is a string shaped like a Keras 1 auto-generated name ('dense_1')."""
    return isinstance(value, cst.SimpleString) and bool(
        _AUTO_NAME.fullmatch(string_value(value) or "")
    )


def _is_self(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "self"


def _copies_weights(value: cst.BaseExpression) -> bool:
    """x.get_weights(): arrays already in the layout of the layer they came from."""
    return (
        isinstance(value, cst.Call)
        and isinstance(value.func, cst.Attribute)
        and value.func.attr.value == "get_weights"
    )


def _weight_terms(value: cst.BaseExpression, attr: str) -> tuple[list, list] | None:
    """The weights a Keras 1 list assignment names: `[self.W, self.b]` gives (['W', 'b'], []),
    `self.proj.trainable_weights + [self.W]` gives (['W'], ['proj']); None for anything else."""
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
        left, right = _weight_terms(value.left, attr), _weight_terms(value.right, attr)
        if left is None or right is None:
            return None
        return left[0] + right[0], left[1] + right[1]
    if (
        isinstance(value, cst.Attribute)
        and value.attr.value == attr
        and isinstance(value.value, cst.Attribute)
        and _is_self(value.value.value)
    ):
        return [], [value.value.attr.value]  # a sub-layer's own list
    if not isinstance(value, (cst.List, cst.Tuple)):
        return None
    out = []
    for el in value.elements:
        v = el.value
        if isinstance(el, cst.StarredElement) or not (
            isinstance(v, cst.Attribute) and _is_self(v.value)
        ):
            return None
        out.append(v.attr.value)
    return out, []


def _listed_attrs(facts: _Facts, attr: str) -> set[str]:
    return {a for v in facts.listed.get(attr, []) for a in (_weight_terms(v, attr) or ([], []))[0]}


def _managed_target(small: cst.BaseSmallStatement) -> tuple[str, str] | None:
    """(attr, how) when the statement sets or mutates one of the MANAGED self attributes."""
    if isinstance(small, cst.Assign):
        for t in small.targets:
            target = t.target
            if isinstance(target, cst.Subscript):
                target, how = target.value, "item"
            else:
                how = "assign"
            if _self_managed(target):
                return target.attr.value, how
    elif isinstance(small, cst.AugAssign) and _self_managed(small.target):
        return small.target.attr.value, "augment"
    elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
        func = small.value.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value in ("append", "extend", "update", "insert", "__setitem__")
            and _self_managed(func.value)
        ):
            return func.value.attr.value, "mutate"
    return None


def _self_managed(node) -> bool:
    return isinstance(node, cst.Attribute) and _is_self(node.value) and node.attr.value in MANAGED


def _kind(facts: _Facts, attr: str) -> str | None:
    """How self.<attr> was made: variable, add_weight, frozen (trainable=False), init."""
    if attr in facts.made:
        return facts.made[attr]
    method, rewritable = facts.init_calls.get(attr, ("", False))
    return "init" if rewritable and method in facts.init_attrs else None


def _init_arguments(call: cst.Call) -> dict[str, cst.Arg] | None:
    """shape (positional or keyword) and an optional name= keyword: what add_weight can take."""
    bound = bind(call, ("shape", "name"))
    if bound is None or "shape" not in bound or set(bound) - {"shape", "name"}:
        return None
    if "name" in bound and bound["name"].keyword is None:
        return None  # scale comes second in some Keras 1 initializers
    return bound


def _returned_calls(node: cst.FunctionDef) -> list[cst.Call]:
    """The calls a function returns directly (not those of nested functions)."""
    found: list[cst.Call] = []

    class Returns(cst.CSTVisitor):
        def visit_FunctionDef(self, inner: cst.FunctionDef) -> bool:
            return inner is node

        def visit_Lambda(self, inner: cst.Lambda) -> bool:
            return False

        def visit_Return(self, ret: cst.Return) -> None:
            if isinstance(ret.value, cst.Call):
                found.append(ret.value)

    node.visit(Returns())
    return found


def _rename_parameters(
    node: cst.FunctionDef, renames: dict[str, str], applier: _Apply
) -> cst.FunctionDef | None:
    """Rename parameters and every use of them in the body; None where that is not safe:
    the new name is already used in the function, a nested function or lambda has a parameter
    of the old name, or a global/nonlocal statement names it."""
    names = _NameUses()
    node.visit(names)
    if set(renames.values()) & names.used:
        return None
    if set(renames) & (names.nested_params | names.declared):
        return None
    return node.visit(_Renamer(renames, applier))


class _NameUses(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.used: set[str] = set()
        self.nested_params: set[str] = set()
        self.declared: set[str] = set()
        self.depth = 0

    def visit_Name(self, node: cst.Name) -> None:
        self.used.add(node.value)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # the attribute name is no variable
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)  # nor is a keyword's name
        return False

    def visit_Param(self, node: cst.Param) -> None:
        if self.depth > 1:
            self.nested_params.add(node.name.value)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.depth += 1

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.depth -= 1

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.depth += 2  # a lambda's parameters are always nested

    def leave_Lambda(self, node: cst.Lambda) -> None:
        self.depth -= 2

    def visit_Global(self, node: cst.Global) -> None:
        self.declared.update(n.name.value for n in node.names)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.declared.update(n.name.value for n in node.names)


class _Renamer(_Apply):
    """Renames variables; edits still waiting elsewhere follow the nodes it rebuilds."""

    def __init__(self, renames: dict[str, str], applier: _Apply) -> None:
        super().__init__([], [], nested_classes=True)
        self.renames = renames
        self.promoted = applier.promoted
        self.moves = applier.moves

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        new = self.renames.get(updated.value)
        return updated.with_changes(value=new) if new else updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(attr=original.attr)

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        return updated.with_changes(keyword=original.keyword)

    def leave_FunctionDef(self, original, updated):
        return updated.with_changes(name=original.name)


def _snake(cls: str, modern: bool) -> str:
    """A class name as Keras 2 turns it into a layer name."""
    tail = "[a-z]+" if modern else "[a-z0-9]+"
    name = re.sub(rf"(.)([A-Z]{tail})", r"\1_\2", cls)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()
