"""Backend concatenation on Keras tensors, and the `_keras_shape` workaround (catalogue §7a).

Keras 1 code often joined layer outputs with `K.concatenate` while building a model and then
patched the result (`x._keras_shape = ...`) so the next layer could infer its input shape.
Keras 2 wants a layer there: `concatenate([a, b], axis=k)` records shape and history itself,
so the patch goes. Inside a layer's `call`, a Lambda function, a loss or a metric,
`K.concatenate` is right and stays; only the patch goes. Reads of the private `_keras_shape`
become the public `K.int_shape(x)`.

    x = K.concatenate([a, b], axis=1)        ->  x = concatenate([a, b], axis=1)
    x._keras_shape = (None, 10, 64)          ->  (removed)
    n = y._keras_shape[1]                    ->  n = K.int_shape(y)[1]
"""

from __future__ import annotations

import libcst as cst

from migrate.cstutil import bind, join, keyword, literal
from migrate.findings import Kind
from migrate.names import dotted
from migrate.passes import Pass

from .merge import gives_tensor, list_elements

K_CONCATENATE = ("tensors", "axis")
K_CONCAT = "keras.backend.concatenate"


class BackendConcatPass(Pass):
    id = "backend-concat"
    summary = "K.concatenate on Keras tensors -> concatenate layer; drop _keras_shape patches"
    rows = ("BK-01", "BK-02", "BK-03", "BK-04", "BK-05", "BK-06", "BK-07")
    explanation = __doc__

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.layered: set[str] = set()  # names now bound to a concatenate layer's output
        self.made: set[int] = set()  # ids of the concatenate calls this pass wrote

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        bound = None if self.ctx.raw else self._concatenation(updated)
        if bound is None or not self._of_keras_tensors(bound):
            return updated  # raw tensors (K.variable, placeholders, ...): K.concatenate is right
        return self._layer(updated, bound)

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
        """`x = K.concatenate(...)` whose result gets a `_keras_shape` patch: a Keras tensor."""
        if len(updated.targets) != 1 or not isinstance(updated.targets[0].target, cst.Name):
            return updated
        name = updated.targets[0].target.value
        value = updated.value
        patched = not self.ctx.raw and self.ctx.names.patched(name)
        bound = self._concatenation(value) if patched else None
        if bound is not None:
            self.ctx.current = original.value
            value = self._layer(value, bound)
            updated = updated.with_changes(value=value)
        if id(value) in self.made:
            self.layered.add(name)
        return updated

    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) != 1 or not isinstance(updated.body[0], cst.Assign):
            return updated
        assign = updated.body[0]
        target = assign.targets[0].target if len(assign.targets) == 1 else None
        if not (isinstance(target, cst.Attribute) and target.attr.value == "_keras_shape"):
            return updated
        base = dotted(target.value)
        if self.ctx.raw:
            self.ctx.report(
                "BK-03",
                Kind.WARNING,
                "removed a _keras_shape patch inside call",
                "Keras 2 layers read shapes with K.int_shape; if a static dimension is lost, "
                "give the layer its shape explicitly.",
            )
            return cst.RemoveFromParent()
        if base in self.layered:
            self.ctx.report(
                "BK-02", Kind.REWRITE, "removed the _keras_shape patch: the layer sets it"
            )
            return cst.RemoveFromParent()
        self.ctx.report(
            "BK-05",
            Kind.MANUAL,
            "_keras_shape patch on the result of a backend operation",
            "Wrap the backend operation in a layer: Lambda(lambda t: K.op(t, ...), "
            "output_shape=...)(x) or the matching layer (Reshape, Permute, Add...), then drop "
            "the patch.",
        )
        return updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        if updated.attr.value != "_keras_shape" or self.ctx.target_depth:
            return updated
        self.ctx.report("BK-04", Kind.REWRITE, "x._keras_shape -> K.int_shape(x)")
        func = cst.Attribute(self.ctx.backend(), cst.Name("int_shape"))
        return cst.Call(func=func, args=[cst.Arg(updated.value)])

    def _keras_tensor(self, node: cst.BaseExpression, seen: frozenset[str] = frozenset()) -> bool:
        if isinstance(node, cst.Call):
            return isinstance(node.func, cst.Call) or (
                self.ctx.qualify(node.func) or ""
            ).startswith("keras.layers.")
        if isinstance(node, cst.Attribute):
            return node.attr.value == "output"
        return isinstance(node, cst.Name) and (
            self.ctx.names.origin(node.value) == "tensor"
            or node.value in self.layered
            or self._becomes_layer(node.value, seen)
        )

    def _becomes_layer(self, name: str, seen: frozenset[str]) -> bool:
        """Whether every value assigned to `name` is a Keras tensor, or becomes one in this
        migration (a K.concatenate this pass turns into a layer, a Merge over layers). A
        second run would then take `name` for a Keras tensor wherever it is read, even before
        such a binding (in a loop, or in a function defined above it), so this run must too."""
        if name in seen:
            return False  # a cycle: the bindings depend on themselves
        names = self.ctx.names
        with names.where_bound(name) as bound:
            values = names.values(name) if bound else []
            seen = seen | {name}
            return bool(values) and all(self._becomes_tensor(v, name, seen) for v in values)

    def _becomes_tensor(self, value: cst.BaseExpression, name: str, seen: frozenset[str]) -> bool:
        if self.ctx.names.value_origin(value) == "tensor":
            return True
        if self.ctx.has_pass("merge") and gives_tensor(value, self.ctx):
            return True
        bound = self._concatenation(value)
        # a patched name's K.concatenate is converted whatever its tensors (leave_Assign)
        return bound is not None and (
            self.ctx.names.patched(name) or self._of_keras_tensors(bound, seen)
        )

    def _concatenation(self, node: cst.BaseExpression) -> dict[str, cst.Arg] | None:
        """The arguments of a `K.concatenate(...)` call, bound; None for any other node, or
        when its tensors cannot be bound."""
        if not isinstance(node, cst.Call) or self.ctx.qualify(node.func) != K_CONCAT:
            return None
        bound = bind(node, K_CONCATENATE)
        return bound if bound is not None and "tensors" in bound else None

    def _of_keras_tensors(
        self, bound: dict[str, cst.Arg], seen: frozenset[str] = frozenset()
    ) -> bool:
        """Whether the concatenation's tensors are a list of Keras tensors."""
        elements = list_elements(bound["tensors"].value)
        return elements is not None and all(self._keras_tensor(e, seen) for e in elements)

    def _layer(self, call: cst.Call, bound: dict[str, cst.Arg]) -> cst.Call:
        args = [
            bound["tensors"]
            if bound["tensors"].keyword is None
            else bound["tensors"].with_changes(keyword=cst.Name("inputs"))
        ]
        axis = bound.get("axis")
        if axis is not None and literal(axis.value) != -1:
            args.append(axis if axis.keyword else keyword("axis", axis.value, axis))
        self.ctx.replacing(call.func)
        self.ctx.report(
            "BK-01", Kind.REWRITE, "K.concatenate on Keras tensors -> concatenate layer"
        )
        func = self.ctx.ref("keras.layers.concatenate")
        new = call.with_changes(func=func, args=join(args, list(call.args)))
        self.made.add(id(new))
        return new
