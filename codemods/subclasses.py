"""User subclasses of Keras 1 layers (catalogue S-37, L-04..L-09 for subclassing).

Keras 1 code subclassed built-in layers (a causal AtrousConvolution1D, an attention LSTM).
The base class gets its Keras 2 name, the `super().__init__(...)` call is converted like a call
of the base (its Keras 1 positional and keyword arguments), and reads of inherited Keras 1
attributes use the Keras 2 ones: `self.nb_filter` -> `self.filters`, `self.filter_length` ->
`self.kernel_size[0]` (a tuple in Keras 2). The methods the class overrides are for a person to
check; internals with no Keras 2 equivalent (`self.init`, `self.consume_less`) are manual.

    class Causal(AtrousConvolution1D):              class Causal(Conv1D):
        def __init__(self, nb_filter, **kw):            def __init__(self, nb_filter, **kw):
            super(Causal, self).__init__(        ->         super(Causal, self).__init__(
                nb_filter, 2, atrous_rate=2, **kw)              nb_filter, 2, dilation_rate=2, **kw)
        def width(self):                                def width(self):
            return self.atrous_rate                         return self.dilation_rate[0]
"""

from __future__ import annotations

import libcst as cst

from migrate.cstutil import expr
from migrate.findings import Kind
from migrate.names import dotted
from migrate.passes import Pass

from .data.layers import DROP, LAYERS, MANUAL, LayerSpec
from .data.signatures import K1_SIGNATURES
from .layers import LayersPass, short_name


class SubclassesPass(Pass):
    id = "subclasses"
    summary = (
        "user subclasses of Keras 1 layers: base class, super().__init__, inherited attributes"
    )
    rows = ("S-37", "T-01")
    safety = "review"
    explanation = __doc__

    def layers_pass(self) -> LayersPass:
        if not hasattr(self, "_layers"):
            self._layers = LayersPass(self.ctx)
        return self._layers

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        """A user's subclass of a Keras 1 layer (S-37): the base class gets its Keras 2 name,
        the `super().__init__(...)` call is converted like a call of the base, and reads of
        inherited attributes use their Keras 2 names; what the class overrides is for a person
        to check."""
        if any(self.ctx.qualify(b.value) == "keras.models.Model" for b in updated.bases):
            renamer = _ModelInit(self.ctx)
            body = updated.body.visit(renamer)
            return updated.with_changes(body=body) if renamer.renamed else updated
        for i, arg in enumerate(updated.bases):
            name = self.ctx.qualify(arg.value) or ""
            spec = LAYERS.get(short_name(name)) if name.startswith("keras.layers.") else None
            if spec is None or arg.keyword is not None or set(spec.special) & _NOT_SUBCLASSABLE:
                continue
            short = short_name(name)
            bases = list(updated.bases)
            if spec.to != short:
                self.ctx.replacing(arg.value)
                new_base = self.ctx.ref(f"keras.layers.{spec.to}", like=arg.value)
                bases[i] = arg.with_changes(value=new_base)
                self.ctx.report(spec.row, Kind.REWRITE, f"base class {short} -> {spec.to}")
            inherited = _Inherited(self.layers_pass(), name, spec, _assigned(updated.body))
            body = updated.body.visit(inherited)
            if inherited.renamed or inherited.supers:
                done = ", ".join(f"self.{o}" for o in sorted(inherited.renamed))
                self.ctx.report(
                    "S-37",
                    Kind.WARNING,
                    f"class {updated.name.value} subclasses Keras 1 {short}: "
                    + (f"inherited attributes read with Keras 2 names ({done})" if done else "")
                    + ("; " if done and inherited.supers else "")
                    + ("super().__init__ arguments converted" if inherited.supers else ""),
                    "Check the methods the class overrides against Keras 2's "
                    f"{spec.to} (call, build, compute_output_shape).",
                    node=original,
                )
            if inherited.left:
                self.ctx.report(
                    "S-37",
                    Kind.MANUAL,
                    f"class {updated.name.value} uses Keras 1 {short} internals with no Keras 2 "
                    f"equivalent: {', '.join(f'self.{a}' for a in sorted(inherited.left))}",
                    "Keras 2 stores these differently (initializers are objects that return "
                    "tensors, implementation replaces consume_less): rewrite those lines.",
                    node=original,
                )
            return updated.with_changes(bases=bases, body=body)
        return updated


_NOT_SUBCLASSABLE = {"legacy", "removed", "time_distributed_dense"}
# attributes whose Keras 1 value was a number and whose Keras 2 value is a 1-tuple
_ONE_D = {"filter_length", "subsample_length", "pool_length", "stride", "length"}
# Keras 1 attributes with no same-meaning Keras 2 attribute
_NO_EQUIVALENT = {
    "init",
    "inner_init",
    "consume_less",
    "forget_bias_init",
    "beta_init",
    "gamma_init",
    "mode",
}


class _Inherited(cst.CSTTransformer):
    """Inside a subclass of a Keras 1 layer: `self.<Keras 1 attribute>` reads and the
    `super().__init__(...)` call."""

    def __init__(self, owner: LayersPass, name: str, spec: LayerSpec, own: set[str]) -> None:
        super().__init__()
        self.owner, self.name, self.spec, self.own = owner, name, spec, own
        self.one_d = "sequence_input" in spec.special or short_name(name).endswith("1D")
        self.renamed: set[str] = set()
        self.left: set[str] = set()
        self.supers = 0
        self.target_depth = 0

    def visit_AssignTarget(self, node) -> None:
        self.target_depth += 1

    def leave_AssignTarget(self, original, updated):
        self.target_depth -= 1
        return updated

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        func = updated.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value == "__init__"
            and isinstance(func.value, cst.Call)
            and dotted(func.value.func) == "super"
        ):
            self.supers += 1
            return self.owner.convert(updated, self.name, self.spec, rename=False)
        return updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        if not (isinstance(updated.value, cst.Name) and updated.value.value == "self"):
            return updated
        attr = updated.attr.value
        if self.target_depth or attr in self.own:  # the class keeps its own value there
            return updated
        kernel = {"nb_row": 0, "nb_col": 1, "kernel_dim1": 0, "kernel_dim2": 1, "kernel_dim3": 2}
        if attr in kernel and {"kernel2d", "kernel3d"} & set(self.spec.special):
            self.renamed.add(attr)
            return expr(f"self.kernel_size[{kernel[attr]}]")
        new = self.spec.keywords.get(attr)
        if attr == "subsample" and self.one_d:  # Keras 1 kept (subsample_length, 1)
            self.renamed.add(attr)
            return updated.with_changes(attr=cst.Name("strides"))
        if new is None:
            if attr in _NO_EQUIVALENT and attr in K1_SIGNATURES.get(self.name, ()):
                self.left.add(attr)
            return updated
        target = new[0]
        if target in (DROP, MANUAL) or attr in _NO_EQUIVALENT:
            self.left.add(attr)
            return updated
        self.renamed.add(attr)
        if attr == "dim_ordering":
            return expr("{'channels_first': 'th', 'channels_last': 'tf'}[self.data_format]")
        if attr in _ONE_D or (attr == "atrous_rate" and self.one_d):
            return expr(f"self.{target}[0]")
        return updated.with_changes(attr=cst.Name(target))


def _assigned(body: cst.BaseSuite) -> set[str]:
    """The `self.<name>` attributes a class body assigns anywhere (`self.a, self.b = a, b`,
    `self.a += 1`, `for self.a in ...`): those are the class's own, not inherited."""
    found: set[str] = set()

    class Targets(cst.CSTVisitor):
        def collect(self, target: cst.CSTNode) -> None:
            for node in _self_attributes(target):
                found.add(node.attr.value)

        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            self.collect(node.target)

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            self.collect(node.target)

        def visit_AugAssign(self, node: cst.AugAssign) -> None:
            self.collect(node.target)

        def visit_For(self, node: cst.For) -> None:
            self.collect(node.target)

    body.visit(Targets())
    return found


def _self_attributes(target: cst.CSTNode):
    if isinstance(target, cst.Attribute):
        if isinstance(target.value, cst.Name) and target.value.value == "self":
            yield target
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            yield from _self_attributes(element.value)
    elif isinstance(target, cst.StarredElement):
        yield from _self_attributes(target.value)


class _ModelInit(cst.CSTTransformer):
    """In a subclass of Model: `super().__init__(input=, output=)` and
    `Model.__init__(self, input=, output=)` take inputs=/outputs= (T-01)."""

    def __init__(self, ctx) -> None:
        super().__init__()
        self.ctx = ctx
        self.renamed = 0

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        func = updated.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "__init__"):
            return updated
        owner = func.value
        is_super = isinstance(owner, cst.Call) and dotted(owner.func) == "super"
        if not is_super and self.ctx.qualify(owner) != "keras.models.Model":
            return updated
        args = []
        for arg in updated.args:
            if arg.keyword is not None and arg.keyword.value in ("input", "output"):
                new = arg.keyword.value + "s"
                self.ctx.report(
                    "T-01", Kind.REWRITE, f"Model.__init__({arg.keyword.value}=) -> {new}="
                )
                arg = arg.with_changes(keyword=cst.Name(new))
                self.renamed += 1
            args.append(arg)
        return updated.with_changes(args=args)
