"""Keras 1 backend functions (`K.*`) -> Keras 2.

Catalogue §12 (B-01..B-37), V-24, V-25, V-27..V-30, P-35, P-36, S-15, S-30, and modern.md §7
(X-190..X-200). Calls are bound to their Keras 1.2.2 signatures first, then functions, keywords
and `dim_ordering` values are renamed from the tables in `codemods/data/backend.py`.

`K.image_dim_ordering()` returned 'th'/'tf'; `K.image_data_format()` returns
'channels_first'/'channels_last'. Renaming the call alone would invert every
`== 'th'` branch (S-15), so the call and the compared literal change together; where the
value is used in any other way it is mapped back to the Keras 1 string, with a warning.
The crossentropies took (output, target) in Keras 1 and take (target, output) from Keras
2.0.7; both tensors have the same shape, so only keywords keep the meaning (S-30).

    if K.image_dim_ordering() == 'th':          ->  if K.image_data_format() == 'channels_first':
    ordering = K.image_dim_ordering()           ->  ordering = {'channels_first': 'th', 'channels_last': 'tf'}[K.image_data_format()]
    K.set_image_dim_ordering('th')              ->  K.set_image_data_format('channels_first')
    K.categorical_crossentropy(y_pred, y_true)  ->  K.categorical_crossentropy(target=y_true, output=y_pred)
    K.spatial_2d_padding(x, (1, 2))             ->  K.spatial_2d_padding(x, ((1, 1), (2, 2)))
    K.pool2d(x, (2, 2), border_mode='same')     ->  K.pool2d(x, (2, 2), padding='same')

For the modern target, session access goes through `tf.compat.v1`, and graph-mode idioms
(`K.gradients`, `K.function(updates=...)`, `K.placeholder`, learning-phase inputs) are flagged
with the recipe for eager Keras.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

import libcst as cst

from migrate.cstutil import (
    NOT_LITERAL,
    after_leading_imports,
    bind,
    code,
    join,
    keyword,
    literal,
    positional,
)
from migrate.findings import Kind
from migrate.names import canonical, dotted
from migrate.passes import Pass

from .data.backend import (
    BACKEND_MODULES,
    CROSSENTROPIES,
    FUNCTIONS,
    GRAPH_MODE,
    GRAPH_MODE_TODO,
    K1_EXTRA,
    KERNEL_TODO,
    LEARNING_PHASE_TODO,
    ORDERING,
    ORDERING_BACK,
    ORDERING_ROWS,
    PADDING_ROWS,
    PRIVATE_SETTINGS,
    REFERENCE_RENAMES,
    REMOVED,
    SESSION_TODO,
    BackendSpec,
)
from .data.signatures import K1_SIGNATURES, K2_SIGNATURES

_TO_KERAS1 = repr(ORDERING_BACK)  # {'channels_first': 'th', 'channels_last': 'tf'}
_TO_KERAS2 = repr(ORDERING)
_TF_IMPORT = re.compile(r"^import tensorflow(?: as (\w+))?[ \t]*(?:#.*)?$", re.M)
_PHASE_MESSAGE = "K.function with K.learning_phase() among its inputs fails in eager mode"
_TARGET_WORDS = ("true", "target", "label")
_OUTPUT_WORDS = ("pred", "output", "logit", "prob")


@dataclass
class _Pending:
    """A rewrite whose finding depends on what the enclosing code does with it."""

    node: cst.BaseExpression  # the node this pass returned
    original: cst.Call
    plain: cst.BaseExpression | None = None  # image_data_format call inside a mapping
    index: int = -1  # position of K.learning_phase() in K.function's inputs


@dataclass
class _Item:
    name: str  # Keras 2 parameter
    arg: cst.Arg | None  # the user's argument (None for an added one)
    value: cst.BaseExpression
    positional: bool


class BackendPass(Pass):
    id = "backend"
    summary = "K.* backend functions: ordering getter/setter, renames, keywords, crossentropy order"
    rows = (
        *(f"B-{i:02d}" for i in range(1, 38)),
        "V-24",
        "V-25",
        "V-27",
        "V-28",
        "V-29",
        "V-30",
        "P-35",
        "P-36",
        "S-15",
        "S-30",
        *(f"X-{i}" for i in range(190, 201)),
    )
    safety = "review"
    explanation = __doc__

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.mapped: dict[int, _Pending] = {}  # image_dim_ordering values mapped back to K1
        self.formats: dict[int, cst.Call] = {}  # image_data_format calls this pass wrote
        self.phase: dict[int, _Pending] = {}  # K.function calls with a learning-phase input
        self.phase_fns: dict[str, int] = {}  # names of such functions rewritten, index dropped
        self._phase_names: dict[str, tuple[int, int]] | None = None

    # dispatch -------------------------------------------------------------------------------
    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        func = updated.func
        if isinstance(func, cst.Name) and func.value in self.phase_fns:
            return self._phase_call(updated, self.phase_fns[func.value])
        if isinstance(func, cst.Call) and id(func) in self.phase:
            return self._inline_phase_call(updated)
        name = self.ctx.qualify(func)
        if name is None or not name.startswith("keras.backend."):
            return updated
        short = name.removeprefix("keras.backend.")
        if short in FUNCTIONS:
            spec = FUNCTIONS[short]
            if self.ctx.target.version < spec.since:
                return updated
            return self._table(updated, short, spec)
        if short in CROSSENTROPIES:
            return self._crossentropy(updated, short)
        special = {
            "image_dim_ordering": self._get_ordering,
            "set_image_dim_ordering": self._set_ordering,
            "batch_normalization": self._batch_normalization,
        }.get(short)
        if special is not None:
            return special(original, updated)
        if self.ctx.target.modern:
            return self._modern(original, updated, short)
        return updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        name = self.ctx.qualify(updated)
        if name is None or not name.startswith("keras.backend."):
            return updated
        short = name.removeprefix("keras.backend.")
        if short in BACKEND_MODULES and self.ctx.target.modern and not self.ctx.target_depth:
            return self._backend_module(updated, short)
        if short in PRIVATE_SETTINGS and not self.ctx.target_depth:
            getter = PRIVATE_SETTINGS[short]
            self.ctx.report("B-36", Kind.REWRITE, f"K.{short} -> K.{getter}() (private in Keras 2)")
            call = cst.Call(func=updated.with_changes(attr=cst.Name(getter), lpar=[], rpar=[]))
            return call.with_changes(lpar=updated.lpar, rpar=updated.rpar)
        if short in REMOVED:
            row, message, todo = REMOVED[short]
            self.ctx.report(row, Kind.MANUAL, message, todo)
            return updated
        outer = self.ctx.enclosing_call()
        if outer is not None and outer.func is original:
            return updated  # a call: leave_Call sees it with its arguments
        spec = REFERENCE_RENAMES.get(short)
        if spec is not None and self.ctx.target.version >= spec.since:
            self.ctx.replacing(updated)
            self.ctx.report(spec.row, Kind.REWRITE, f"K.{short} -> K.{spec.to}")
            return self.ctx.ref(f"keras.backend.{spec.to}", like=updated)
        if short in ("image_dim_ordering", "set_image_dim_ordering") and not self.ctx.target_depth:
            self.ctx.report(
                "B-01" if short == "image_dim_ordering" else "B-02",
                Kind.MANUAL,
                f"K.{short} used without being called",
                "Keras 2 has K.image_data_format()/K.set_image_data_format(), which use "
                "'channels_first'/'channels_last' instead of 'th'/'tf'.",
            )
        return updated

    def _tensorflow(self) -> str | None:
        """The name the file's `import tensorflow [as tf]` binds, if it has one."""
        found = _TF_IMPORT.search(self.ctx.source)
        return None if found is None else found.group(1) or "tensorflow"

    def _backend_module(self, node: cst.Attribute, short: str) -> cst.BaseExpression:
        """`K.tf` / `K.T`: a module Keras 1's backend had imported (B-36)."""
        module = BACKEND_MODULES[short]
        tensorflow = self._tensorflow() if short == "tf" else None
        if tensorflow is not None:
            self.ctx.report("B-36", Kind.REWRITE, f"K.tf -> {tensorflow}")
            return cst.Name(tensorflow).with_changes(lpar=node.lpar, rpar=node.rpar)
        if short == "tf":
            todo = "Add `import tensorflow as tf` and use tf (TensorFlow 1 names may need tf.compat.v1)."
        else:
            todo = (
                "keras 2.15 runs on TensorFlow only: rewrite it with keras.backend functions or "
                "TensorFlow (the Theano-only branch is dead code there)."
            )
        self.ctx.report(
            "B-36",
            Kind.MANUAL,
            f"K.{short} is {module} as Keras 1's backend imported it; keras 2.15's backend has no {short}",
            todo,
        )
        return node

    def leave_SimpleStatementLine(self, original, updated):
        """Removed backend names imported by name: say so at the import."""
        for small in updated.body:
            if not isinstance(small, cst.ImportFrom) or small.relative:
                continue
            if isinstance(small.names, cst.ImportStar) or small.module is None:
                continue
            module = dotted(small.module) or ""
            for alias in small.names:
                name = alias.name.value if isinstance(alias.name, cst.Name) else ""
                if name in REMOVED and canonical(f"{module}.{name}") == f"keras.backend.{name}":
                    row, message, todo = REMOVED[name]
                    self.ctx.report(row, Kind.MANUAL, message, todo)
        return updated

    def leave_Comparison(self, original: cst.Comparison, updated: cst.Comparison):
        if len(updated.comparisons) != 1:
            return updated
        target = updated.comparisons[0]
        op = target.operator
        left, right = updated.left, target.comparator
        if self.ctx.target.modern:
            self._backend_check(left, right)
        if id(left) in self.mapped:
            pending, other = self.mapped[id(left)], right
        elif id(right) in self.mapped and isinstance(op, (cst.Equal, cst.NotEqual)):
            pending, other = self.mapped[id(right)], left
        else:
            return updated
        new = _map_compared(other, op)
        if new is None:
            return updated  # compared with something else: the mapping stays, with a warning
        del self.mapped[id(pending.node)]
        was = code(other).strip()
        self.ctx.report(
            "V-24",
            Kind.REWRITE,
            f"K.image_dim_ordering() compared with {was} -> K.image_data_format() "
            f"compared with {code(new).strip()}",
        )
        if other is right:
            return updated.with_changes(
                left=pending.plain, comparisons=[target.with_changes(comparator=new)]
            )
        return updated.with_changes(
            left=new, comparisons=[target.with_changes(comparator=pending.plain)]
        )

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
        """`f = K.function([inp, K.learning_phase()], [out])` whose calls all pass phase 0."""
        pending = self.phase.get(id(updated.value))
        if pending is None or len(updated.targets) != 1:
            return updated
        target = updated.targets[0].target
        if not isinstance(target, cst.Name):
            return updated
        shape = self._phase_shapes().get(target.value)
        if shape is None or shape[0] != pending.index:
            return updated
        del self.phase[id(updated.value)]
        self.phase_fns[target.value] = pending.index
        self.ctx.report(
            "X-194",
            Kind.REWRITE,
            "K.learning_phase() dropped from K.function's inputs (every call passed 0)",
        )
        return updated.with_changes(value=_drop_phase(updated.value, pending.index))

    def leave_Module(self, original, updated):
        if self.ctx.data_format_name is not None:
            updated = _define(updated, self.ctx.data_format_name)
        for pending in self.mapped.values():
            self.ctx.report(
                "S-15",
                Kind.WARNING,
                "K.image_dim_ordering() -> K.image_data_format(), mapped back to 'th'/'tf' "
                "because the value is not compared with a literal here",
                "Keras 2 returns 'channels_first'/'channels_last'. Where the value is compared "
                "later, compare K.image_data_format() with those strings and drop the mapping.",
                node=pending.original,
            )
        for pending in self.phase.values():
            self.ctx.report(
                "X-194",
                Kind.WARNING,
                _PHASE_MESSAGE,
                LEARNING_PHASE_TODO,
                node=pending.original,
            )
        return updated

    # the image ordering getter and setter (B-01, B-02, V-24, V-25, S-15, X-190) -------------
    def _get_ordering(self, original: cst.Call, call: cst.Call) -> cst.BaseExpression:
        if call.args:
            return call
        self.ctx.replacing(call.func)
        if self.ctx.options.image_dim_ordering == "th":
            return self._project_ordering(original, call)
        if self._ordering_argument(original):
            if isinstance(call.func, cst.Attribute):
                func = self.ctx.ref("keras.backend.image_data_format", like=call.func)
            else:  # K.<name> form: other passes recognise an ordering call by it
                func = cst.Attribute(self.ctx.backend(), cst.Name("image_data_format"))
            new = call.with_changes(func=func)
            self.formats[id(new)] = new
            self.ctx.report(
                "B-01",
                Kind.REWRITE,
                "K.image_dim_ordering() given as dim_ordering -> K.image_data_format()",
            )
            return new
        func = self.ctx.ref("keras.backend.image_data_format", like=call.func)
        inner = call.with_changes(func=func, lpar=[], rpar=[])
        mapped = cst.Subscript(
            value=cst.parse_expression(_TO_KERAS1),
            slice=[cst.SubscriptElement(cst.Index(inner))],
            lpar=call.lpar,
            rpar=call.rpar,
        )
        plain = inner.with_changes(lpar=call.lpar, rpar=call.rpar)
        self.mapped[id(mapped)] = _Pending(mapped, original, plain)
        return mapped

    def _project_ordering(self, original: cst.Call, call: cst.Call) -> cst.BaseExpression:
        """In a channels-first project the layers get data_format='channels_first' while
        Keras 2's global setting stays channels_last (S-14): ordering checks must follow the
        project, not the global setting, or `if K.image_dim_ordering() == 'th'` branches turn
        the other way. They read a module constant holding the project's ordering."""
        name = self.ctx.data_format_name
        if name is None:
            name = "IMAGE_DATA_FORMAT"
            while self.ctx.names.bound_anywhere(name):
                name = "_" + name
            self.ctx.data_format_name = name
        constant = cst.Name(name, lpar=call.lpar, rpar=call.rpar)
        self.ctx.report(
            "S-14",
            Kind.REWRITE,
            f"K.image_dim_ordering() -> {name}, set to 'channels_first': this project is "
            "channels-first, which Keras 2 no longer reads from keras.json",
        )
        if self._ordering_argument(original):
            return constant
        mapped = cst.Subscript(
            value=cst.parse_expression(_TO_KERAS1),
            slice=[cst.SubscriptElement(cst.Index(constant.with_changes(lpar=[], rpar=[])))],
            lpar=call.lpar,
            rpar=call.rpar,
        )
        self.mapped[id(mapped)] = _Pending(mapped, original, constant)
        return mapped

    def _ordering_argument(self, original: cst.Call) -> bool:
        """Whether the call is passed as `dim_ordering` to a Keras function or layer, whose own
        rewrite turns that keyword into `data_format`."""
        outer = self.ctx.enclosing_call()
        if outer is None:
            return False
        qual = self.ctx.qualify(outer.func)
        if qual is None or not qual.startswith("keras."):
            return False
        params = K1_SIGNATURES.get(qual, ())
        for i, arg in enumerate(outer.args):
            if arg.star:
                return False
            if arg.value is original:
                if arg.keyword is not None:
                    return arg.keyword.value == "dim_ordering"
                return i < len(params) and params[i] == "dim_ordering"
        return False

    def _set_ordering(self, original: cst.Call, call: cst.Call) -> cst.BaseExpression:
        bound = bind(call, ("dim_ordering",))
        if bound is None or set(bound) != {"dim_ordering"}:
            return call
        arg = bound["dim_ordering"]
        value = literal(arg.value)
        if isinstance(value, str) and value in ORDERING:
            new = _string(ORDERING[value], arg.value)
            self.ctx.report(
                "V-25",
                Kind.REWRITE,
                f"K.set_image_dim_ordering('{value}') -> K.set_image_data_format('{ORDERING[value]}')",
            )
        elif value is NOT_LITERAL:
            new = cst.parse_expression(f"{_TO_KERAS2}[{code(arg.value)}]")
            self.ctx.report(
                "B-02",
                Kind.WARNING,
                "K.set_image_dim_ordering(expression) -> K.set_image_data_format, value mapped at "
                "run time",
                "Replace the expression with 'channels_first' or 'channels_last'.",
            )
        else:
            return call
        if arg.keyword is not None:
            arg = arg.with_changes(keyword=cst.Name("data_format"))
        self.ctx.replacing(call.func)
        func = self.ctx.ref("keras.backend.set_image_data_format", like=call.func)
        return call.with_changes(func=func, args=[arg.with_changes(value=new)])

    def _is_format(self, node: cst.BaseExpression) -> bool:
        return id(node) in self.formats or (
            isinstance(node, cst.Call)
            and self.ctx.qualify(node.func) == "keras.backend.image_data_format"
        )

    # table-driven functions (B-03..B-25, V-27..V-30, X-191) ----------------------------------
    def _table(self, call: cst.Call, short: str, spec: BackendSpec) -> cst.BaseExpression:
        params = K1_SIGNATURES.get(f"keras.backend.{short}") or K1_EXTRA[short]
        known = {*params, *spec.keywords, *spec.drop}
        if any(a.keyword is not None and a.keyword.value not in known for a in call.args):
            return call  # written for Keras 2
        to = spec.to or short
        bound = bind(call, params)
        if bound is None:
            if short in REFERENCE_RENAMES:
                return self._rename(call, short, spec, {}, None)
            self.ctx.report(
                spec.row,
                Kind.MANUAL,
                f"K.{short}: arguments cannot be bound (*args/**kwargs or repeated)",
                f"Convert them by hand to Keras 2's K.{to}"
                f"({', '.join(K2_SIGNATURES[f'keras.backend.{to}'])}).",
            )
            return call
        notes: dict[str, list[str]] = {}
        items = self._items(bound, short, spec, notes)
        if items is None:
            return call
        return self._rename(call, short, spec, notes, items)

    def _items(self, bound, short, spec, notes) -> list[_Item] | None:
        """The Keras 2 arguments in the user's order, or None when the call is Keras 2 code."""
        if spec.padding and "padding" in bound:
            if self._keras2_padding(bound["padding"].value, spec):
                return None
        items: list[_Item] = []
        ordering = None  # the Keras 1 ordering the call ends up with, when known
        row = spec.row
        for k1, arg in bound.items():
            value = arg.value
            is_pos = arg.keyword is None
            if k1 in spec.drop:
                notes.setdefault(row, []).append(f"{k1} dropped")
                continue
            new = spec.keywords.get(k1, k1)
            if short == "batch_get_value" and self.ctx.target.modern:
                new, is_pos = "tensors", True  # the name differs across versions
                if arg.keyword is not None:
                    notes.setdefault("X-195", []).append("argument made positional")
            elif new != k1 and arg.keyword is not None:
                notes.setdefault(row, []).append(f"{k1}= -> {new}=")
            if k1 == "dim_ordering":
                value, ordering = self._ordering_value(value, short, spec, notes)
                if value is None:
                    continue
            elif k1 == "padding" and spec.padding:
                value = self._padding(value, short, spec, notes)
            elif k1 == "rate" and spec.rate:
                value, is_pos = _pair(value), False
                notes.setdefault(row, []).append("rate -> dilation_rate")
            items.append(_Item(new, arg, value, is_pos))
        if spec.pads:
            items = self._join_pads(items, bound, spec, notes)
        if spec.ordering == "optional" and self.ctx.keras1_file and ordering is None:
            if "dim_ordering" not in bound and self.ctx.options.image_dim_ordering == "th":
                value = cst.SimpleString("'channels_first'")
                items.append(_Item("data_format", None, value, False))
                notes.setdefault(row, []).append(
                    "data_format='channels_first' made explicit (channels-first project)"
                )
                ordering = "th"
        if spec.kernel == "always" or (spec.kernel == "th" and ordering == "th"):
            self.ctx.report(
                row,
                Kind.WARNING,
                f"K.{spec.to or short}: the kernel layout differs from Keras 1",
                KERNEL_TODO[spec.kernel],
            )
        return items

    def _ordering_value(self, value, short, spec, notes):
        """A dim_ordering value as data_format: (new value or None to drop it, 'th'/'tf' or
        None when unknown)."""
        if id(value) in self.mapped:  # K.image_dim_ordering() the getter could not place
            value = self.mapped.pop(id(value)).plain
        if self._is_format(value):
            return value, self.ctx.options.image_dim_ordering
        given = literal(value)
        row = ORDERING_ROWS.get(short, spec.row)
        if given == "default" and spec.ordering == "optional":
            if self.ctx.options.image_dim_ordering == "th":
                notes.setdefault(row, []).append("dim_ordering='default' -> 'channels_first'")
                return cst.SimpleString("'channels_first'"), "th"
            notes.setdefault(row, []).append("dim_ordering='default' dropped")
            return None, "tf"
        if isinstance(given, str) and given in ORDERING:
            notes.setdefault(row, []).append(f"'{given}' -> '{ORDERING[given]}'")
            return _string(ORDERING[given], value), given
        if given is NOT_LITERAL and self.ctx.keras1_file:  # else it may hold a data_format
            todo = "Replace the expression with 'channels_first' or 'channels_last'."
            if spec.kernel:
                todo += " " + KERNEL_TODO[spec.kernel]
            self.ctx.report(
                spec.row,
                Kind.WARNING,
                f"K.{short}: dim_ordering given as an expression, mapped at run time",
                todo,
            )
            return cst.parse_expression(f"{_TO_KERAS2}[{code(value)}]"), None
        return value, None

    def _keras2_padding(self, value, spec) -> bool:
        """Whether a padding argument already has the Keras 2 shape (or may have, in a file
        without Keras 1 marks), so the call is left alone."""
        given = literal(value)
        if isinstance(value, (cst.Tuple, cst.List)):
            if spec.padding == "pair":
                return True
            return any(
                isinstance(e, cst.StarredElement) or isinstance(e.value, (cst.Tuple, cst.List))
                for e in value.elements
            )
        if spec.padding == "pair" and isinstance(given, int):
            return False
        return given is not NOT_LITERAL or not self.ctx.keras1_file or _pairs_made(value)

    def _padding(self, value, short, spec, notes):
        """Keras 1 symmetric paddings as Keras 2 (before, after) pairs."""
        row = PADDING_ROWS[short]
        given = literal(value)
        if spec.padding == "pair":
            if isinstance(given, int):
                notes.setdefault(row, []).append(f"padding {given} -> ({given}, {given})")
            else:
                self.ctx.report(
                    spec.row,
                    Kind.WARNING,
                    f"K.{short}: padding given as an expression, assumed to be an int",
                    "Keras 2 takes (left, right); check the value is one int.",
                )
            return _pair(value)
        if isinstance(value, (cst.Tuple, cst.List)):
            notes.setdefault(row, []).append("padding entries -> (before, after) pairs")
            return value.with_changes(
                elements=[e.with_changes(value=_pair(e.value)) for e in value.elements]
            )
        self.ctx.report(
            spec.row,
            Kind.WARNING,
            f"K.{short}: padding given as an expression, each entry doubled at run time",
            "Keras 2 takes one (before, after) pair per axis; write the pairs out.",
        )
        return cst.parse_expression(f"tuple((p, p) for p in {code(value)})")

    def _join_pads(self, items, bound, spec, notes) -> list[_Item]:
        """asymmetric_*_padding: the separate pads become one `padding` argument."""
        names = {n for pair in spec.pads for n in pair}
        pairs = []
        for pair in spec.pads:
            values = [bound[n].value if n in bound else cst.Integer("1") for n in pair]
            pairs.append(cst.Tuple([cst.Element(values[0]), cst.Element(values[1])]))
        padding = pairs[0] if len(pairs) == 1 else cst.Tuple([cst.Element(p) for p in pairs])
        given = [bound[n] for n in sorted(names) if n in bound]
        is_pos = all(a.keyword is None for a in given)
        out, placed = [], False
        for item in items:
            if item.name in names:
                if not placed:
                    out.append(_Item("padding", None, padding, is_pos))
                    placed = True
                continue
            out.append(item)
        if not placed:
            out.insert(1, _Item("padding", None, padding, is_pos))
        notes.setdefault(spec.row, []).append("pads joined into padding")
        return out

    def _rename(self, call, short, spec, notes, items) -> cst.Call:
        to = spec.to or short
        new = call if items is None else call.with_changes(args=_emit(items, call, to))
        head = f"K.{short}"
        if spec.to:
            self.ctx.replacing(call.func)
            new = new.with_changes(func=self.ctx.ref(f"keras.backend.{to}", like=call.func))
            head = f"K.{short} -> K.{to}"
            notes.setdefault(spec.row, [])
        elif new.deep_equals(call):
            return call
        for row, what in notes.items():
            self.ctx.report(
                row, Kind.REWRITE, ": ".join([head, ", ".join(what)] if what else [head])
            )
        return new

    # crossentropy order (B-26, P-36, S-30) and batch_normalization (B-27, P-35) -------------
    def _crossentropy(self, call: cst.Call, short: str) -> cst.BaseExpression:
        params = K1_SIGNATURES[f"keras.backend.{short}"]
        if any(a.keyword is not None and a.keyword.value not in params for a in call.args):
            return call
        bound = bind(call, params)
        if bound is None:
            self.ctx.report(
                "P-36",
                Kind.MANUAL,
                f"K.{short}: arguments cannot be bound (*args/**kwargs or repeated)",
                "Keras 1 took (output, target), Keras 2.0.7+ takes (target, output): pass them "
                "as target=..., output=....",
            )
            return call
        if "output" not in bound or "target" not in bound:
            return call
        output, target = bound["output"], bound["target"]
        if output.keyword is not None and target.keyword is not None:
            return call  # keywords mean the same in every version
        order = _order(output.value, target.value)
        if not self.ctx.keras1_file and order != "keras1":
            return call  # may be Keras 2 code, where the order is (target, output)
        args = [
            keyword("target", target.value, call.args[0]),
            keyword("output", output.value, call.args[1]),
        ]
        if "from_logits" in bound:
            args.append(keyword("from_logits", bound["from_logits"].value, bound["from_logits"]))
        self.ctx.report(
            "P-36",
            Kind.REWRITE,
            f"K.{short}(output, target): Keras 1 order kept with keywords "
            "(Keras 2.0.7+ reads positional arguments as (target, output))",
        )
        if order == "keras2":
            self.ctx.report(
                "S-30",
                Kind.WARNING,
                f"K.{short}: the arguments look like (y_true, y_pred), but Keras 1 read the first "
                "as the prediction",
                "The Keras 1 meaning is kept; if the Keras 1 code had them swapped by mistake, "
                "swap target= and output=.",
            )
        return call.with_changes(args=join(args, list(call.args)))

    def _batch_normalization(self, original, call: cst.Call) -> cst.BaseExpression:
        params = K1_SIGNATURES["keras.backend.batch_normalization"]
        if any(a.keyword is not None and a.keyword.value not in params for a in call.args):
            return call
        bound = bind(call, params)
        if bound is None or "epsilon" not in bound or bound["epsilon"].keyword is not None:
            return call
        if not self.ctx.keras1_file:
            return call  # from 2.2 the 6th positional argument is axis
        eps = bound["epsilon"]
        self.ctx.report(
            "P-35",
            Kind.REWRITE,
            "K.batch_normalization: 6th argument -> epsilon= (Keras 2.2+ reads it as axis)",
        )
        args = [keyword("epsilon", eps.value, a) if a is eps else a for a in call.args]
        return call.with_changes(args=args)

    # modern Keras: sessions, eager execution (X-192..X-197) ----------------------------------
    def _modern(self, original: cst.Call, call: cst.Call, short: str) -> cst.BaseExpression:
        if short in ("get_session", "set_session"):
            return self._session(call, short)
        if short in ("set_floatx", "set_epsilon"):
            k1 = "floatx" if short == "set_floatx" else "e"
            if len(call.args) == 1 and call.args[0].keyword and call.args[0].keyword.value == k1:
                self.ctx.report("X-196", Kind.REWRITE, f"K.{short}: argument made positional")
                return call.with_changes(args=[positional(call.args[0])])
            return call
        if self.ctx.raw:
            return call
        if short == "set_learning_phase":
            self.ctx.report(
                "X-197",
                Kind.WARNING,
                "K.set_learning_phase is deprecated in modern Keras",
                "It still works for inference-only scripts; prefer removing it and passing "
                "training=True/False when calling the model or layer.",
            )
        elif short == "function":
            return self._function(original, call)
        elif short in GRAPH_MODE and not self.ctx.class_depth and not self._in_updates():
            self.ctx.report(
                "X-193", Kind.WARNING, f"K.{short} is a graph-mode idiom", GRAPH_MODE_TODO
            )
        return call

    def _in_updates(self) -> bool:
        """Inside K.function's arguments, whose `updates=` has its own warning."""
        outer = self.ctx.enclosing_call()
        return outer is not None and self.ctx.qualify(outer.func) == "keras.backend.function"

    def _session(self, call: cst.Call, short: str) -> cst.BaseExpression:
        tensorflow = self._tensorflow()
        if tensorflow is not None:
            func = cst.parse_expression(f"{tensorflow}.compat.v1.keras.backend.{short}")
        else:
            func = self.ctx.ref(f"tensorflow.compat.v1.keras.backend.{short}")
        self.ctx.replacing(call.func)
        self.ctx.report(
            "X-192",
            Kind.WARNING,
            f"K.{short} -> tf.compat.v1.keras.backend.{short} (sessions are TF1 graph mode)",
            SESSION_TODO,
        )
        return call.with_changes(func=func)

    def _function(self, original: cst.Call, call: cst.Call) -> cst.BaseExpression:
        bound = bind(call, ("inputs", "outputs", "updates"))
        if bound is None:
            return call
        if "updates" in bound:
            self.ctx.report(
                "X-193",
                Kind.WARNING,
                "K.function(..., updates=...) raises in eager mode",
                GRAPH_MODE_TODO,
            )
        inputs = bound.get("inputs")
        index = _phase_index(inputs.value, self.ctx.qualify) if inputs is not None else -1
        if index >= 0 and inputs is call.args[0]:
            self.phase[id(call)] = _Pending(call, original, index=index)
        elif index >= 0:
            self.ctx.report("X-194", Kind.WARNING, _PHASE_MESSAGE, LEARNING_PHASE_TODO)
        return call

    def _phase_shapes(self) -> dict[str, tuple[int, int]]:
        if self._phase_names is None:
            self._phase_names = _phase_functions(self.ctx.source)
        return self._phase_names

    def _phase_call(self, call: cst.Call, index: int) -> cst.Call:
        arg = call.args[0]
        self.ctx.report("X-194", Kind.REWRITE, "learning-phase value dropped from the call")
        return call.with_changes(args=[arg.with_changes(value=_drop(arg.value, index))])

    def _inline_phase_call(self, call: cst.Call) -> cst.BaseExpression:
        pending = self.phase[id(call.func)]
        n = len(pending.node.args[0].value.elements)
        if (
            len(call.args) == 1
            and call.args[0].keyword is None
            and not call.args[0].star
            and _phase_zero(call.args[0].value, pending.index, n)
        ):
            del self.phase[id(call.func)]
            self.ctx.report(
                "X-194",
                Kind.REWRITE,
                "K.learning_phase() dropped from K.function's inputs and its call (phase 0)",
            )
            arg = call.args[0]
            return call.with_changes(
                func=_drop_phase(call.func, pending.index),
                args=[arg.with_changes(value=_drop(arg.value, pending.index))],
            )
        return call

    def _backend_check(self, left, right) -> None:
        for a, b in ((left, right), (right, left)):
            if (
                isinstance(a, cst.Call)
                and not a.args
                and self.ctx.qualify(a.func) == "keras.backend.backend"
                and literal(b) in ("theano", "tensorflow", "cntk")
            ):
                self.ctx.report(
                    "X-198",
                    Kind.MANUAL,
                    "K.backend() is always 'tensorflow' in modern Keras",
                    "Keep the TensorFlow branch and delete the Theano/CNTK one.",
                )


# helpers ----------------------------------------------------------------------------------
def _emit(items: list[_Item], call: cst.Call, to: str) -> list[cst.Arg]:
    """Keras 2 arguments: positional while each sits at its Keras 2 place, keywords after."""
    k2 = K2_SIGNATURES[f"keras.backend.{to}"]
    out: list[cst.Arg] = []
    keep = True
    for item in items:
        place = k2.index(item.name) if item.name in k2 else -1
        if keep and item.positional and place == len(out):
            arg = item.arg or cst.Arg(item.value)
            out.append(positional(arg).with_changes(value=item.value))
            continue
        keep = False
        if item.arg is not None and item.arg.keyword is not None:
            out.append(item.arg.with_changes(keyword=cst.Name(item.name), value=item.value))
        else:
            out.append(keyword(item.name, item.value, item.arg))
    return join(out, list(call.args))


def _string(value: str, like: cst.BaseExpression) -> cst.SimpleString:
    """A string literal quoted like `like` (a SimpleString)."""
    text = like.value if isinstance(like, cst.SimpleString) else "''"
    prefix = text[: len(text) - len(text.lstrip("rRuU"))]
    quote = text[len(prefix)]
    return cst.SimpleString(f"{prefix}{quote}{value}{quote}")


def _map_compared(node: cst.BaseExpression, op) -> cst.BaseExpression | None:
    """The Keras 2 form of what K.image_dim_ordering() is compared with, or None."""
    if isinstance(op, (cst.Equal, cst.NotEqual)):
        value = literal(node)
        return _string(ORDERING[value], node) if _ordering(value) else None
    if isinstance(op, (cst.In, cst.NotIn)) and isinstance(node, (cst.Tuple, cst.List, cst.Set)):
        values = [literal(e.value) for e in node.elements]
        if not values or not all(_ordering(v) for v in values):
            return None
        return node.with_changes(
            elements=[
                e.with_changes(value=_string(ORDERING[v], e.value))
                for e, v in zip(node.elements, values, strict=True)
            ]
        )
    return None


def _ordering(value) -> bool:
    return isinstance(value, str) and value in ORDERING


def _pair(value: cst.BaseExpression) -> cst.Tuple:
    return cst.Tuple([cst.Element(value), cst.Element(value)])


def _pairs_made(node: cst.BaseExpression) -> bool:
    """`tuple((p, p) for p in ...)`: what this pass writes for a padding expression."""
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Name)
        and node.func.value == "tuple"
        and len(node.args) == 1
        and isinstance(node.args[0].value, cst.GeneratorExp)
    )


def _order(output: cst.BaseExpression, target: cst.BaseExpression) -> str | None:
    """'keras1' when the names read (prediction, truth), 'keras2' when (truth, prediction)."""

    def role(node):
        text = code(node).lower()
        if any(w in text for w in _TARGET_WORDS):
            return "target"
        if any(w in text for w in _OUTPUT_WORDS):
            return "output"
        return None

    roles = (role(output), role(target))
    if roles == ("output", "target"):
        return "keras1"
    if roles == ("target", "output"):
        return "keras2"
    return None


def _is_phase(node: cst.BaseExpression, qualify) -> bool:
    return (
        isinstance(node, cst.Call)
        and not node.args
        and qualify(node.func) == "keras.backend.learning_phase"
    )


def _phase_index(inputs: cst.BaseExpression, qualify) -> int:
    if not isinstance(inputs, (cst.List, cst.Tuple)):
        return -1
    for i, element in enumerate(inputs.elements):
        if _is_phase(element.value, qualify):
            return i
    return -1


def _drop(seq: cst.BaseExpression, index: int) -> cst.BaseExpression:
    elements = [e for i, e in enumerate(seq.elements) if i != index]
    return seq.with_changes(elements=join(elements, list(seq.elements)))


def _drop_phase(call: cst.Call, index: int) -> cst.Call:
    first = call.args[0]
    return call.with_changes(
        args=[first.with_changes(value=_drop(first.value, index)), *call.args[1:]]
    )


def _phase_zero(node: cst.BaseExpression, index: int, n: int) -> bool:
    if not isinstance(node, (cst.List, cst.Tuple)) or len(node.elements) != n:
        return False
    value = literal(node.elements[index].value)
    return type(value) is int and value == 0


def _phase_functions(source: str) -> dict[str, tuple[int, int]]:
    """Names bound once to `K.function([..., K.learning_phase(), ...], ...)` and only ever
    called afterwards as `f([..., 0, ...])`: name -> (phase index, number of inputs)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    found: dict[str, tuple[int, int, int]] = {}
    bindings: dict[str, int] = {}
    loads: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            counts = loads if isinstance(node.ctx, ast.Load) else bindings
            counts[node.id] = counts.get(node.id, 0) + 1
        elif isinstance(node, ast.arg):
            bindings[node.arg] = bindings.get(node.arg, 0) + 1
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bindings[node.name] = bindings.get(node.name, 0) + 1
        elif isinstance(node, ast.alias):
            local = node.asname or node.name.split(".")[0]
            bindings[local] = bindings.get(local, 0) + 1
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
            if isinstance(target, ast.Name) and isinstance(value, ast.Call) and value.args:
                inputs = value.args[0]
                if isinstance(inputs, (ast.List, ast.Tuple)):
                    for i, el in enumerate(inputs.elts):
                        if (
                            isinstance(el, ast.Call)
                            and not el.args
                            and _ast_name(el.func) == "learning_phase"
                        ):
                            found[target.id] = (i, len(inputs.elts), node.lineno)
    calls: dict[str, int] = {}
    bad: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in found:
            i, n, line = found[node.func.id]
            ok = (
                len(node.args) == 1
                and not node.keywords
                and node.lineno > line
                and isinstance(node.args[0], (ast.List, ast.Tuple))
                and len(node.args[0].elts) == n
                and isinstance(node.args[0].elts[i], ast.Constant)
                and type(node.args[0].elts[i].value) is int
                and node.args[0].elts[i].value == 0
            )
            calls[node.func.id] = calls.get(node.func.id, 0) + 1
            if not ok:
                bad.add(node.func.id)
    return {
        name: (i, n)
        for name, (i, n, _) in found.items()
        if bindings.get(name) == 1 and name not in bad and calls.get(name) == loads.get(name)
    }


def _ast_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _define(module: cst.Module, name: str) -> cst.Module:
    """`NAME = 'channels_first'` after the module's leading imports, before any code that may
    read it."""
    body = list(module.body)
    at = after_leading_imports(body)
    line = cst.parse_statement(
        f"{name} = 'channels_first'  # this project's Keras 1 image_dim_ordering was 'th'\n"
    )
    line = line.with_changes(leading_lines=[cst.EmptyLine()])
    return module.with_changes(body=[*body[:at], line, *body[at:]])
