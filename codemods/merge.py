"""Keras 1 `merge()` / `Merge` to the Keras 2 merge layers, or to backend expressions.

Catalogue §6 (M-01..M-17) and §7 (BC-01..BC-09). Keras 1 had one function and one layer class
with a `mode` string; Keras 2 has one layer per mode (`Add`, `Concatenate`, ...) and a function
form of each (`add`, `concatenate`, ...). On raw backend tensors (inside a layer's `call`, a
function given to `Lambda`, a callable merge mode, a loss or a metric) Keras 1 computed the merge
directly on the tensors; there the Keras 2 form is a backend expression, not a layer.

    merge([a, b], mode='concat', concat_axis=1)   ->  concatenate([a, b], axis=1)
    Merge(mode='sum')([a, b])                     ->  Add()([a, b])
    merge([a, b], mode=f, output_shape=s)         ->  Lambda(f, output_shape=s)([a, b])
    (inside call) merge([a, b], mode='sum')       ->  (a + b)
"""

from __future__ import annotations

import re

import libcst as cst

from migrate.cstutil import bind, code, join, keyword, literal, positional, string_value
from migrate.findings import Kind
from migrate.passes import Pass

K1_MERGE = (
    "inputs",
    "mode",
    "concat_axis",
    "dot_axes",
    "output_shape",
    "output_mask",
    "arguments",
    "name",
)
K1_MERGE_CLASS = (
    "layers",
    "mode",
    "concat_axis",
    "dot_axes",
    "output_shape",
    "output_mask",
    "arguments",
    "node_indices",
    "tensor_indices",
    "name",
)
# mode -> (Keras 2 function, Keras 2 class, catalogue row, raw-tensor row)
MODES = {
    "sum": ("add", "Add", "M-01", "BC-02"),
    "mul": ("multiply", "Multiply", "M-02", "BC-03"),
    "ave": ("average", "Average", "M-03", "BC-04"),
    "max": ("maximum", "Maximum", "M-04", "BC-05"),
    "concat": ("concatenate", "Concatenate", "M-05", "BC-01"),
    "dot": ("dot", "Dot", "M-06", "BC-06"),
    "cos": ("dot", "Dot", "M-07", "BC-07"),
}
CALLABLE = "callable"
_SHAPE_ARGS = ("output_shape", "output_mask", "arguments")
_MODE_TABLE = (
    "sum->add, mul->multiply, ave->average, max->maximum, concat->concatenate, "
    "dot->dot(axes=...), cos->dot(axes=..., normalize=True), a function->Lambda"
)


SEQUENTIAL_REBUILD = (
    "merged = concatenate([left.output, right.output]) (or add/dot/... for the mode); "
    "turn every later model.add(L) into x = L(x); then "
    "model = Model(inputs=[left.input, right.input], outputs=x). fit/predict keep "
    "taking the list of inputs; model.layers indices change."
)


class MergePass(Pass):
    id = "merge"
    summary = "merge()/Merge with a mode -> Keras 2 merge layers (add, concatenate, dot, Lambda...)"
    rows = (
        "M-01",
        "M-02",
        "M-03",
        "M-04",
        "M-05",
        "M-06",
        "M-07",
        "M-08",
        "M-09",
        "M-10",
        "M-11",
        "M-12",
        "M-13",
        "M-14",
        "M-15",
        "M-16",
        "M-17",
        "P-25",
        "P-26",
        "BC-01",
        "BC-02",
        "BC-03",
        "BC-04",
        "BC-05",
        "BC-06",
        "BC-07",
        "BC-08",
        "BC-09",
    )
    safety = "review"
    explanation = __doc__

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        # merges of layer outputs this pass wrote: id of the new call -> the Merge it replaced
        self.of_layers: dict[int, cst.Call] = {}
        self.tensors: set[str] = set()  # names that held such a Merge layer, now its output

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
        merge = self.of_layers.get(id(updated.value))
        if merge is None or len(updated.targets) != 1:
            return updated
        target = updated.targets[0].target
        added = isinstance(target, cst.Name) and re.search(
            rf"\.add\(\s*{target.value}\s*\)", self.ctx.source
        )
        if added:
            # `merged = Merge([...])` then `model.add(merged)`: the branches are models
            self.ctx.reports = [
                r for r in self.ctx.reports if not (r.row == "M-14" and r.node is original.value)
            ]
            self.ctx.report(  # the sequential pass takes it back where it rebuilds the model
                "M-15",
                Kind.MANUAL,
                f"Merge of models added to a Sequential through '{target.value}': Keras 2 "
                "has no equivalent; rebuild as a functional Model",
                SEQUENTIAL_REBUILD,
                node=original.value,
            )
            return updated.with_changes(value=merge)
        if isinstance(target, cst.Name):
            self.tensors.add(target.value)
        return updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        """`merged.output` of a Merge over layers: the name now holds the output itself."""
        value = updated.value
        if (
            isinstance(value, cst.Name)
            and value.value in self.tensors
            and updated.attr.value == "output"
            and not self.ctx.target_depth
        ):
            self.ctx.report("M-14", Kind.REWRITE, f"{value.value}.output -> {value.value}")
            return value.with_changes(lpar=updated.lpar, rpar=updated.rpar)
        return updated

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        name = self.ctx.qualify(updated.func)
        if name == "keras.layers.merge":
            return self._merge(updated)
        if name == "keras.layers.Merge":
            return self._merge_class(updated)
        return updated

    # helpers ------------------------------------------------------------------------------
    def _manual(self, row: str, message: str, todo: str = "") -> None:
        self.ctx.report(row, Kind.MANUAL, message, todo or f"Rewrite by hand: {_MODE_TABLE}.")

    def _bind(self, call: cst.Call, params):
        bound = bind(call, params)
        if bound is None:
            self._manual("P-25", "merge arguments cannot be bound (*args/**kwargs or repeated)")
            return None, None
        mode = _mode(bound, self.ctx)
        if mode is None:
            given = code(bound["mode"].value)
            self._manual("M-12", f"merge mode {given} is not a literal mode or a local function")
            return None, None
        return bound, mode

    # merge(...) -----------------------------------------------------------------------------
    def _merge(self, call: cst.Call) -> cst.BaseExpression:
        bound, mode = self._bind(call, K1_MERGE)
        if bound is None:
            return call
        if "inputs" not in bound:
            self._manual("P-25", "merge() without inputs")
            return call
        self.ctx.replacing(call.func)
        if self.ctx.raw:
            return self._raw(call, bound, mode)
        if mode == CALLABLE:
            layer = self._lambda(call, bound)
            inputs = positional(bound["inputs"]).with_changes(comma=cst.MaybeSentinel.DEFAULT)
            self.ctx.report("M-08", Kind.REWRITE, "merge with a callable mode -> Lambda layer")
            return cst.Call(func=layer, args=[inputs])
        function, _, row, _ = MODES[mode]
        args = self._string_mode_args(call, bound, mode, keep="inputs")
        func = self.ctx.ref(f"keras.layers.{function}", like=call.func)
        self._report_mode(row, mode, f"merge(mode='{mode}') -> {function}()")
        return call.with_changes(func=func, args=args)

    def _report_mode(self, row: str, mode: str, message: str) -> None:
        if mode == "cos":
            self.ctx.report(
                row,
                Kind.WARNING,
                message + " with normalize=True: not identical to Keras 1 cos",
                "Keras 1 returned shape (batch, 1, 1) for 2-D inputs and divided by "
                "max(|a||b|, 1e-7); Dot(normalize=True) returns (batch, 1) and normalises each "
                "input. Check code that relies on the extra axis or on near-zero vectors.",
            )
        else:
            self.ctx.report(row, Kind.REWRITE, message)

    def _string_mode_args(self, call, bound, mode, keep: str) -> list[cst.Arg]:
        """Arguments of the Keras 2 call for a string mode, in the user's order and layout."""
        out: list[cst.Arg] = []
        dropped = []
        for name, arg in bound.items():
            if name == keep:
                out.append(arg)
            elif name == "concat_axis" and mode == "concat":
                if literal(arg.value) != -1:  # -1 is the default of both
                    out.append(keyword("axis", arg.value, arg))
            elif name == "dot_axes" and mode in ("dot", "cos"):
                out.append(keyword("axes", arg.value, arg))
            elif name in _SHAPE_ARGS:
                dropped.append(name)
            elif name in ("mode", "concat_axis", "dot_axes"):
                continue  # the mode is now the function; unused axes were ignored by Keras 1
            else:
                out.append(arg if arg.keyword else keyword(name, arg.value, arg))
        if mode in ("dot", "cos") and "dot_axes" not in bound:
            out.append(keyword("axes", cst.UnaryOperation(cst.Minus(), cst.Integer("1"))))
        if mode == "cos":
            out.append(keyword("normalize", cst.Name("True")))
        if dropped:
            self.ctx.report(
                "M-11",
                Kind.WARNING,
                f"dropped {', '.join(dropped)}: Keras 1 ignored them for mode '{mode}'",
            )
        return join(out, list(call.args))

    def _lambda(self, call: cst.Call, bound) -> cst.Call:
        """Lambda(f, output_shape=..., arguments=..., mask=..., name=...) for a callable mode."""
        args = [positional(bound["mode"])]
        for name, arg in bound.items():
            if name in ("output_shape", "arguments", "name"):
                args.append(arg if arg.keyword else keyword(name, arg.value, arg))
            elif name == "output_mask":
                args.append(keyword("mask", _mask(arg.value), arg))
                self.ctx.report(
                    "M-09", Kind.REWRITE, "output_mask(mask) -> Lambda mask(inputs, mask)"
                )
        return cst.Call(func=self.ctx.ref("keras.layers.Lambda"), args=join(args, list(call.args)))

    # raw backend tensors (§7) -------------------------------------------------------------------
    def _raw(self, call: cst.Call, bound, mode) -> cst.BaseExpression:
        inputs = bound["inputs"].value
        elements = list_elements(inputs)
        if mode == CALLABLE:
            f = bound["mode"].value
            if isinstance(f, cst.Lambda):
                f = f.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
            args = [cst.Arg(inputs)]
            if "arguments" in bound:
                args.append(cst.Arg(bound["arguments"].value, star="**"))
            self.ctx.report(
                "BC-08", Kind.REWRITE, "merge with a callable mode on raw tensors -> direct call"
            )
            return cst.Call(func=f, args=join(args))
        if mode == "concat":
            args = [cst.Arg(inputs)]
            axis = bound.get("concat_axis")
            if axis is not None and literal(axis.value) != -1:
                args.append(keyword("axis", axis.value))
            self.ctx.report(
                "BC-01", Kind.REWRITE, "merge(mode='concat') on raw tensors -> K.concatenate"
            )
            return cst.Call(
                func=cst.Attribute(self.ctx.backend(), cst.Name("concatenate")), args=join(args)
            )
        if elements is None:
            self._manual(
                MODES[mode][3],
                f"merge(mode='{mode}') on raw tensors needs a literal list of inputs",
            )
            return call
        if mode in ("dot", "cos") and len(elements) != 2:
            self._manual(MODES[mode][3], f"merge(mode='{mode}') takes exactly two inputs")
            return call
        plain = all(isinstance(e, (cst.Name, cst.Attribute, cst.Subscript)) for e in elements)
        if mode == "cos" and not plain:  # the formula repeats each input
            self._manual("BC-07", "merge(mode='cos') on raw tensors: inputs must be plain names")
            return call
        K = self.ctx.backend()
        if mode in ("dot", "cos"):
            return self._raw_dot(call, bound, mode, elements, K)
        if mode in ("sum", "mul", "ave"):
            op = cst.Multiply() if mode == "mul" else cst.Add()
            result = elements[0]
            for el in elements[1:]:
                result = cst.BinaryOperation(result, _spaced(op), el)
            if mode == "ave":
                result = cst.BinaryOperation(
                    _paren(result), _spaced(cst.Divide()), cst.Integer(str(len(elements)))
                )
        else:  # max
            result = elements[0]
            for el in elements[1:]:
                result = cst.Call(
                    cst.Attribute(K, cst.Name("maximum")), join([cst.Arg(result), cst.Arg(el)])
                )
        self.ctx.report(
            MODES[mode][3],
            Kind.REWRITE,
            f"merge(mode='{mode}') on raw tensors -> backend expression",
        )
        return _paren(result) if isinstance(result, cst.BinaryOperation) else result

    def _raw_dot(self, call, bound, mode, elements, K) -> cst.BaseExpression:
        axes = (
            bound["dot_axes"].value
            if "dot_axes" in bound
            else cst.UnaryOperation(cst.Minus(), cst.Integer("1"))
        )
        a, b = elements

        def bdot(x, y):
            return cst.Call(
                cst.Attribute(K, cst.Name("batch_dot")),
                join([cst.Arg(x), cst.Arg(y), keyword("axes", axes)]),
            )

        if mode == "dot":
            self.ctx.report(
                "BC-06", Kind.REWRITE, "merge(mode='dot') on raw tensors -> K.batch_dot"
            )
            return bdot(a, b)

        def k(name, *args):
            return cst.Call(cst.Attribute(K, cst.Name(name)), join([cst.Arg(x) for x in args]))

        norm = k(
            "maximum",
            k("sqrt", cst.BinaryOperation(bdot(a, a), _spaced(cst.Multiply()), bdot(b, b))),
            k("epsilon"),
        )
        cos = cst.BinaryOperation(bdot(a, b), _spaced(cst.Divide()), norm)
        self.ctx.report(
            "BC-07",
            Kind.WARNING,
            "merge(mode='cos') on raw tensors -> the Keras 1 formula",
            "The expression reproduces Keras 1 exactly, including the extra axis; simplify it "
            "if the extra axis is not wanted.",
        )
        return k("expand_dims", cos, cst.Integer("1"))

    # Merge(...) --------------------------------------------------------------------------------
    def _merge_class(self, call: cst.Call) -> cst.BaseExpression:
        bound, mode = self._bind(call, K1_MERGE_CLASS)
        if bound is None:
            return call
        layers = bound.get("layers")
        if layers is not None and not _is_none(layers.value):
            return self._merge_of_layers(call, bound, mode)
        self.ctx.replacing(call.func)
        if mode == CALLABLE:
            self.ctx.report("M-13", Kind.REWRITE, "Merge with a callable mode -> Lambda layer")
            return self._lambda(call, bound)
        _, cls, row, _ = MODES[mode]
        args = self._string_mode_args(
            call, {k: v for k, v in bound.items() if k != "layers"}, mode, keep=""
        )
        self._report_mode("M-13", mode, f"Merge(mode='{mode}') layer -> {cls}()")
        return call.with_changes(
            func=self.ctx.ref(f"keras.layers.{cls}", like=call.func), args=args
        )

    def _merge_of_layers(self, call: cst.Call, bound, mode) -> cst.BaseExpression:
        layers = bound["layers"].value
        elements = list_elements(layers)
        if "node_indices" in bound or "tensor_indices" in bound:
            self._manual(
                "M-16",
                "Merge with node_indices/tensor_indices",
                "Use layer.get_output_at(node_index) for each input, then the Keras 2 merge function.",
            )
            return call
        parent = self.ctx.enclosing_call()
        in_sequential = parent is not None and (
            (isinstance(parent.func, cst.Attribute) and parent.func.attr.value == "add")
            or self.ctx.qualify(parent.func) == "keras.models.Sequential"
        )
        if in_sequential and self.ctx.has_pass("sequential"):
            return call  # the sequential pass rebuilds the model, or says why it cannot
        if in_sequential or not _of_layer_outputs(elements, mode, self.ctx):
            self._manual(
                "M-15",
                "Merge of models inside a Sequential: Keras 2 has no equivalent; rebuild as a functional Model",
                SEQUENTIAL_REBUILD,
            )
            return call
        self.ctx.report(
            "M-14",
            Kind.WARNING,
            f"Merge over layer instances -> {MODES[mode][0]}() of their outputs",
            "Keras 1 connected to output node 0 of each layer; check that .output is the tensor meant.",
        )
        new = self.of_outputs(call, bound, mode)
        self.of_layers[id(new)] = call
        return new

    def of_outputs(self, call: cst.Call, bound, mode) -> cst.Call:
        """The Keras 2 merge function applied to the outputs of the Merge's layers or models:
        `Merge([a, b], mode='concat')` -> `concatenate([a.output, b.output])`."""
        layers = bound["layers"].value
        self.ctx.replacing(call.func)
        outputs = layers.with_changes(
            elements=[
                e.with_changes(value=cst.Attribute(e.value, cst.Name("output")))
                for e in layers.elements
            ]
        )
        rest = {k: v for k, v in bound.items() if k != "layers"}
        if mode == CALLABLE:
            layer = self._lambda(call, rest)
            return cst.Call(func=layer, args=[cst.Arg(outputs)])
        function = MODES[mode][0]
        if mode == "cos":
            self._report_mode("M-07", mode, f"Merge(mode='cos') -> {function}()")
        args = self._string_mode_args(
            call, {"layers": cst.Arg(outputs), **rest}, mode, keep="layers"
        )
        return call.with_changes(
            func=self.ctx.ref(f"keras.layers.{function}", like=call.func), args=args
        )

    def bind_merge_class(self, call: cst.Call):
        """(bound arguments, mode) of a Keras 1 `Merge(...)` call, or (None, None) with a
        manual finding when it cannot be read."""
        return self._bind(call, K1_MERGE_CLASS)


def list_elements(node: cst.BaseExpression) -> list[cst.BaseExpression] | None:
    if isinstance(node, (cst.List, cst.Tuple)) and not any(
        isinstance(e, cst.StarredElement) for e in node.elements
    ):
        return [e.value for e in node.elements]
    return None


def _mode(bound: dict[str, cst.Arg], ctx) -> str | None:
    arg = bound.get("mode")
    if arg is None:
        return "sum"  # the Keras 1 default (S-06)
    value = string_value(arg.value)
    if value is not None:
        return value if value in MODES else None
    node = arg.value
    if isinstance(node, cst.Lambda):
        return CALLABLE
    if isinstance(node, cst.Name) and ctx.names.is_function(node.value):
        return CALLABLE
    return None


def _of_layer_outputs(elements, mode: str, ctx) -> bool:
    """Whether a Merge over these layers becomes a merge function of their outputs (not over
    models, nor with a callable mode)."""
    return (
        elements is not None
        and mode != CALLABLE
        and not any(
            isinstance(e, cst.Name)
            and ctx.names.origin(e.value) in ("keras.models.Sequential", "keras.models.Model")
            for e in elements
        )
    )


def gives_tensor(node: cst.BaseExpression, ctx) -> bool:
    """Whether this pass turns `node`, standing on its own (not an argument of another call),
    into a Keras tensor: `Merge(layers=[...])` becomes a merge function of their outputs."""
    if not isinstance(node, cst.Call) or ctx.qualify(node.func) != "keras.layers.Merge":
        return False
    bound = bind(node, K1_MERGE_CLASS)
    if bound is None or "node_indices" in bound or "tensor_indices" in bound:
        return False
    layers, mode = bound.get("layers"), _mode(bound, ctx)
    if layers is None or _is_none(layers.value) or mode is None:
        return False
    return _of_layer_outputs(list_elements(layers.value), mode, ctx)


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def _spaced(op):
    ws = cst.SimpleWhitespace(" ")
    return op.with_changes(whitespace_before=ws, whitespace_after=ws)


def _paren(node: cst.BaseExpression) -> cst.BaseExpression:
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def _mask(g: cst.BaseExpression) -> cst.BaseExpression:
    """Keras 1 output_mask took (mask); the Keras 2 Lambda mask takes (inputs, mask)."""
    if (
        isinstance(g, cst.Lambda)
        and len(g.params.params) == 1
        and g.params.star_arg is cst.MaybeSentinel.DEFAULT
    ):
        p = g.params.params[0].name.value
        first = "inputs" if p != "inputs" else "_inputs"
        return g.with_changes(params=cst.parse_expression(f"lambda {first}, {p}: 0").params)
    if isinstance(g, (cst.Name, cst.Attribute)) and not _is_none(g):
        return cst.parse_expression(f"lambda inputs, mask: {code(g)}(mask)")
    return g
