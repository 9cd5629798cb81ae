"""Keras 1 layer calls -> Keras 2: positional binding, class renames, keywords and values.

Catalogue §2 (L-rows), §3 (K-rows), §4 (V-01..V-19), §5 (P-01..P-24), S-12..S-14, S-19, S-31..S-33
and, for the modern target, modern.md X-120..X-122, X-130..X-134. Every call is first bound to
the Keras 1.2.2 signature, so no positional argument shifts meaning (`Convolution2D(32, 3, 3)`
is a 3x3 kernel, not strides 3); then classes and keywords are renamed from the tables in
`codemods/data/layers.py`; only the leading Keras 2 parameters stay positional.

    Convolution2D(32, 3, 3, border_mode='same', init='he_normal')
        -> Conv2D(32, (3, 3), padding='same', kernel_initializer='he_normal')
    LSTM(64, dropout_W=0.2, input_dim=100)
        -> LSTM(64, dropout=0.2, input_shape=(None, 100), recurrent_activation='hard_sigmoid')

A call already written for Keras 2 (Keras 2 keywords, or a file with no Keras 1 marks at all)
is left as it is. In a channels-first (`th`) project, layers whose behaviour depends on the
image ordering get an explicit `data_format='channels_first'` (Keras 2 ignores keras.json's
`image_dim_ordering`, S-14).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrate.cstutil import (
    NOT_LITERAL,
    bind,
    code,
    expr,
    insert_definitions,
    join,
    keyword,
    literal,
)
from migrate.findings import Kind
from migrate.names import dotted
from migrate.passes import Pass

from .data.layers import (
    BASE_KEYWORDS,
    DROP,
    EMBEDDING_CLASS,
    HIGHWAY_CLASS,
    LAYERS,
    MANUAL,
    MAXOUT_DENSE_CLASS,
    MODE_CLASS,
    VALUES,
    Helper,
    LayerSpec,
)
from .data.signatures import (
    K1_INHERITED_KWARGS,
    K1_LAYER_KWARGS,
    K1_SIGNATURES,
    K2_SIGNATURES,
)

K2_LAYER_KWARGS = frozenset(
    {
        "input_shape",
        "batch_input_shape",
        "batch_size",
        "dtype",
        "name",
        "trainable",
        "weights",
        "input_dim",
        "input_length",
    }
)
# Keras 1 class names that Keras 2.15 still exports as aliases of the new classes
KERAS2_ALIASES = frozenset(
    {"Convolution1D", "Convolution2D", "Convolution3D", "SeparableConvolution2D"}
)
ACTIVATIONS = frozenset(
    {
        "relu",
        "tanh",
        "sigmoid",
        "softmax",
        "linear",
        "elu",
        "selu",
        "softplus",
        "softsign",
        "hard_sigmoid",
        "exponential",
        "swish",
        "gelu",
    }
)


@dataclass
class Item:
    name: str  # Keras 1 keyword, or Keras 2 keyword once `done`
    arg: cst.Arg
    done: bool = False


class LayersPass(Pass):
    id = "layers"
    summary = "Keras 1 layer calls: positional binding, class, keyword and value renames"
    rows = (
        "L-01",
        "L-02",
        "L-03",
        "L-04",
        "L-05",
        "L-06",
        "L-07",
        "L-08",
        "L-09",
        "L-10",
        "L-20",
        "L-21",
        "L-22",
        "L-24",
        "L-25",
        "K-01",
        "K-02",
        "K-03",
        "K-04",
        "K-05",
        "K-06",
        "K-09",
        "K-10",
        "K-11",
        "K-12",
        "K-13",
        "K-14",
        "K-15",
        "K-16",
        "K-17",
        "K-18",
        "K-19",
        "K-20",
        "K-21",
        "K-22",
        "K-23",
        "K-24",
        "K-25",
        "K-26",
        "K-27",
        "K-28",
        "K-29",
        "K-30",
        "K-31",
        "K-33",
        "K-34",
        "K-35",
        "K-36",
        "K-38",
        "K-39",
        "K-40",
        "K-42",
        "K-43",
        "K-45",
        "K-46",
        "K-47",
        "K-48",
        "K-49",
        "K-50",
        "K-56",
        "K-57",
        "K-59",
        "V-01",
        "V-02",
        "V-03",
        "V-04",
        "V-05",
        "V-06",
        "V-07",
        "V-08",
        "V-09",
        "V-10",
        "V-11",
        "V-12",
        "V-13",
        "V-15",
        "V-16",
        "V-17",
        "V-18",
        "P-01",
        "P-02",
        "P-03",
        "P-04",
        "P-05",
        "P-06",
        "P-07",
        "P-08",
        "P-09",
        "P-10",
        "P-11",
        "P-12",
        "P-13",
        "P-14",
        "P-15",
        "P-16",
        "P-17",
        "P-18",
        "P-19",
        "P-20",
        "P-21",
        "P-22",
        "P-23",
        "P-24",
        "S-14",
        "X-130",
        "X-131",
        "X-133",
        "X-134",
    )
    safety = "review"
    explanation = __doc__

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.callee: cst.BaseExpression | None = None  # a special's replacement for the class
        self.renaming = True  # False for a subclass's super().__init__(...)
        # layer classes this file needs (Keras 1 behaviour Keras 2 has no keyword for):
        # helper -> [class name, number of uses]
        self.helpers: dict[Helper, list] = {}

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if isinstance(updated.func, cst.Call):
            return self._batch_statistics(original, updated)
        name = self.ctx.qualify(updated.func)
        if name is None or not name.startswith("keras.layers."):
            return updated
        short = name.removeprefix("keras.layers.")
        spec = LAYERS.get(short)
        if spec is None:
            return updated
        if self._dialect(updated, name, spec) == "keras1":
            return self.convert(updated, name, spec)
        if short in KERAS2_ALIASES and self.ctx.target.modern:  # Keras 2 arguments, old name
            self.ctx.replacing(updated.func)
            self.ctx.report(spec.row, Kind.REWRITE, f"{short} -> {spec.to} (same arguments)")
            return updated.with_changes(
                func=self.ctx.ref(f"keras.layers.{spec.to}", like=updated.func)
            )
        return updated

    # which Keras a call is written for ------------------------------------------------------
    def _dialect(self, call: cst.Call, name: str, spec: LayerSpec) -> str:
        k1 = {*K1_SIGNATURES.get(name, ()), *K1_INHERITED_KWARGS.get(name, ()), *K1_LAYER_KWARGS}
        k2 = {*K2_SIGNATURES.get(f"keras.layers.{spec.to}", ()), *K2_LAYER_KWARGS}
        given = {a.keyword.value for a in call.args if a.keyword is not None}
        if given & (k1 - k2):
            return "keras1"
        if given & (k2 - k1):
            return "keras2"
        keras1_only = (
            f"keras.layers.{short_name(name)}" not in K2_SIGNATURES
            and short_name(name) not in KERAS2_ALIASES
        )
        if any(a.star for a in call.args):
            return "keras1" if keras1_only or self.ctx.keras1_file else "keras2"
        positional = [a for a in call.args if a.keyword is None and not a.star]
        if "kernel2d" in spec.special and len(positional) < 3 and "nb_col" not in given:
            return "keras2" if positional else "keras1"
        if "kernel3d" in spec.special and len(positional) < 4:
            return "keras2" if positional else "keras1"
        if spec.positional[:1] == ("units",) and len(positional) > 1:
            if literal(positional[1].value) in ACTIVATIONS:
                return "keras2"  # Dense(64, 'relu'): in Keras 1 the 2nd argument was init
        return "keras1" if keras1_only or self.ctx.keras1_file else "keras2"

    # the conversion -------------------------------------------------------------------------
    def convert(
        self, call: cst.Call, name: str, spec: LayerSpec, rename: bool = True
    ) -> cst.BaseExpression:
        short = name.removeprefix("keras.layers.")
        params = K1_SIGNATURES[name]
        passed_on = [a for a in call.args if a.star == "**"]
        if passed_on and not any(a.star == "*" for a in call.args):
            # `**kwargs` after the named arguments hides nothing about their positions
            self.ctx.report(
                "P-01",
                Kind.WARNING,
                f"{short}(..., **kwargs): the keywords passed through are not checked",
                "Make sure no Keras 1 keyword (init, border_mode, ...) reaches this call through **kwargs.",
            )
            rest = call.with_changes(args=[a for a in call.args if not a.star])
            converted = self.convert(rest, name, spec, rename)
            if not isinstance(converted, cst.Call):
                return converted
            return converted.with_changes(args=join([*converted.args, *passed_on], list(call.args)))
        bound = bind(call, params)
        if bound is None:
            if any(a.star for a in call.args):
                return self._splat(call, short, spec)
            self.ctx.report(
                "P-01",
                Kind.MANUAL,
                f"{short}(): arguments do not fit the Keras 1 signature",
                f"Check the call against Keras 1.2.2's {short}{params}.",
            )
            return call
        for special in spec.special:
            if special in ("legacy", "removed"):
                return self._legacy(call, short, special)
            if special == "time_distributed_dense":
                return self._time_distributed_dense(call, bound)
        items = [Item(k, a) for k, a in bound.items()]
        self.renaming, self.callee = rename, None
        for special in spec.special:
            items = getattr(self, f"_{special}")(items, short)
        items = self._keywords(items, spec, short)
        items = self._additions(items, spec, short)
        func = call.func
        if self.callee is not None:
            self.ctx.replacing(call.func)
            func, self.callee = self.callee, None
        elif spec.to != short and rename:
            self.ctx.replacing(call.func)
            func = self.ctx.ref(f"keras.layers.{spec.to}", like=call.func)
            self.ctx.report(spec.row, Kind.REWRITE, f"{short} -> {spec.to}")
        if self._positional_hazard(bound, params, spec):
            self.ctx.report(
                f"P-{_P_ROWS.get(spec.to, '01')}",
                Kind.REWRITE,
                f"{short}: positional arguments bound to their Keras 1 meaning",
            )
        return call.with_changes(func=func, args=self._emit(items, spec, call))

    def _positional_hazard(self, bound, params, spec) -> bool:
        """True when a Keras 1 positional argument had to become a keyword."""
        positional = [k for k, a in bound.items() if a.keyword is None]
        return len(positional) > len(spec.positional)

    def _keywords(self, items: list[Item], spec: LayerSpec, short: str) -> list[Item]:
        out = []
        for item in items:
            if item.done:
                out.append(item)
                continue
            old = item.name
            if old in VALUES:
                item = self._value(item)
                if item is None:
                    continue
            new, row = spec.keywords.get(old) or BASE_KEYWORDS.get(old) or (old, "")
            if new == DROP:
                self.ctx.report(row, Kind.REWRITE, f"{short}: dropped {old}=")
                continue
            if new == MANUAL:
                out.append(Item(old, item.arg, True))
                self._manual_keyword(short, old, row)
                continue
            if old == "border_mode" and literal(item.arg.value) == "full":
                self.ctx.report(
                    "V-15",
                    Kind.MANUAL,
                    f"{short}: border_mode='full' only ever worked on Theano",
                    "Pad explicitly instead: ZeroPadding2D(kernel_size - 1) before the layer, "
                    "then padding='valid'.",
                )
            if new != old and item.arg.keyword is not None:
                self.ctx.report(row, Kind.REWRITE, f"{short}: {old}= -> {new}=")
            out.append(Item(new, item.arg, True))
        return out

    def _manual_keyword(self, short: str, old: str, row: str) -> None:
        if old == "dropout":
            self.ctx.report(
                row,
                Kind.MANUAL,
                "Embedding(dropout=...) has no Keras 2 equivalent",
                "Keras 1 dropped whole words (rows of the embedding matrix); SpatialDropout1D "
                "drops channels instead. Remove the keyword, or write a layer that zeroes "
                "random rows of the embedding matrix during training.",
            )

    def _value(self, item: Item) -> Item | None:
        """dim_ordering values (V-01..V-04)."""
        value = literal(item.arg.value)
        if value == "default":
            self.ctx.report("V-03", Kind.REWRITE, "dim_ordering='default' dropped (global setting)")
            return None
        table = VALUES[item.name]
        if value in table:
            row = "V-01" if value == "th" else "V-02"
            new = cst.SimpleString(_quote(table[value], item.arg.value))
            self.ctx.report(row, Kind.REWRITE, f"'{value}' -> '{table[value]}'")
            return Item(item.name, item.arg.with_changes(value=new))
        if value is NOT_LITERAL and not self._is_ordering_call(item.arg.value):
            mapping = cst.parse_expression(
                f"{{'th': 'channels_first', 'tf': 'channels_last'}}[{code(item.arg.value)}]"
            )
            self.ctx.report(
                "V-04",
                Kind.WARNING,
                "dim_ordering given as an expression: mapped at run time",
                "Replace the expression with 'channels_first' or 'channels_last'.",
            )
            return Item(item.name, item.arg.with_changes(value=mapping))
        return item

    def _is_ordering_call(self, node: cst.BaseExpression) -> bool:
        """K.image_dim_ordering() / K.image_data_format(): the backend pass converts these."""
        if isinstance(node, cst.Name):
            return node.value == self.ctx.data_format_name
        if not isinstance(node, cst.Call):
            return False
        name = self.ctx.qualify(node.func) or dotted(node.func) or ""  # K may be newly imported
        return name.rpartition(".")[2] in ("image_dim_ordering", "image_data_format")

    def _additions(self, items: list[Item], spec: LayerSpec, short: str) -> list[Item]:
        names = {i.name for i in items}
        if (
            spec.ordered
            and self.ctx.options.image_dim_ordering == "th"
            and "data_format" not in names
        ):
            items.append(
                Item(
                    "data_format",
                    keyword("data_format", cst.SimpleString("'channels_first'")),
                    True,
                )
            )
            self.ctx.report(
                "S-14",
                Kind.REWRITE,
                f"{short}: data_format='channels_first' made explicit (the project is channels-first; "
                "Keras 2 ignores keras.json's image_dim_ordering)",
            )
        return items

    def _emit(self, items: list[Item], spec: LayerSpec, call: cst.Call) -> list[cst.Arg]:
        args = []
        slot = 0
        for item in items:
            arg = item.arg
            if (
                arg.keyword is None
                and slot < len(spec.positional)
                and spec.positional[slot] == item.name
            ):
                slot += 1
                args.append(arg)
                continue
            slot = len(spec.positional)  # after a keyword, nothing may be positional
            if arg.keyword is None:
                args.append(keyword(item.name, arg.value, arg))
            elif arg.keyword.value != item.name:
                args.append(arg.with_changes(keyword=cst.Name(item.name)))
            else:
                args.append(arg)
        return join(args, list(call.args))

    def _splat(self, call: cst.Call, short: str, spec: LayerSpec) -> cst.Call:
        """With *args the positions cannot be bound: a person has to look."""
        self.ctx.report(
            "P-01",
            Kind.MANUAL,
            f"{short}(*args): arguments cannot be bound to their Keras 1 meaning",
            "Check the unpacked arguments against the Keras 2 signature by hand.",
        )
        return call

    # special cases ------------------------------------------------------------------------
    def _kernel2d(self, items: list[Item], short: str) -> list[Item]:
        return self._kernel(items, ("nb_row", "nb_col"), "K-17")

    def _kernel3d(self, items: list[Item], short: str) -> list[Item]:
        return self._kernel(items, ("kernel_dim1", "kernel_dim2", "kernel_dim3"), "K-18")

    def _kernel(self, items: list[Item], parts: tuple[str, ...], row: str) -> list[Item]:
        found = {i.name: i for i in items if i.name in parts}
        first = found.get(parts[0])
        if set(found) == {parts[0]} and (
            isinstance(first.arg.value, (cst.Tuple, cst.List)) or first.arg.keyword is None
        ):
            # Conv2D(32, (3, 3), border_mode=...) or Conv2D(32, size, ...): Keras 1 needed every
            # kernel dimension, so this is a Keras 2 kernel among Keras 1 keywords
            return [Item("kernel_size", i.arg, True) if i is first else i for i in items]
        if set(found) != set(parts):
            return items
        size = cst.parse_expression("(" + ", ".join(code(found[p].arg.value) for p in parts) + ")")
        out = []
        for item in items:
            if item.name == parts[0]:
                out.append(Item("kernel_size", item.arg.with_changes(value=size), True))
            elif item.name not in parts:
                out.append(item)
        self.ctx.report(row, Kind.REWRITE, f"{', '.join(parts)} -> kernel_size={code(size)}")
        return out

    def _sequence_input(self, items: list[Item], short: str) -> list[Item]:
        """input_dim (+ input_length) -> input_shape=(length, dim) (K-15, K-31, S-32)."""
        found = {i.name: i for i in items}
        if "input_dim" not in found:
            return items
        dim = code(found["input_dim"].arg.value)
        length = code(found["input_length"].arg.value) if "input_length" in found else "None"
        shape = expr(f"({length}, {dim})")
        row = "K-31" if short in ("SimpleRNN", "GRU", "LSTM") else "K-15"
        self.ctx.report(
            row, Kind.REWRITE, f"input_dim/input_length -> input_shape=({length}, {dim})"
        )
        out = []
        for item in items:
            if item.name == "input_dim":
                out.append(Item("input_shape", keyword("input_shape", shape, item.arg), True))
            elif item.name != "input_length":
                out.append(item)
        return out

    def _recurrent(self, items: list[Item], short: str) -> list[Item]:
        names = {i.name for i in items}
        out = []
        for item in items:
            if item.name == "consume_less":
                out.extend(self._consume_less(item, short))
            else:
                out.append(item)
        if not self.ctx.target.modern:
            return out
        if short in ("LSTM", "GRU") and not {"inner_activation", "recurrent_activation"} & names:
            out.append(
                Item(
                    "recurrent_activation",
                    keyword("recurrent_activation", cst.SimpleString("'hard_sigmoid'")),
                    True,
                )
            )
            self.ctx.report(
                "X-130",
                Kind.REWRITE,
                f"{short}: recurrent_activation='hard_sigmoid' (the Keras 1 default; Keras 2.15 uses sigmoid)",
            )
        if short == "GRU" and "reset_after" not in names:
            out.append(Item("reset_after", keyword("reset_after", cst.Name("False")), True))
            self.ctx.report(
                "X-131",
                Kind.REWRITE,
                "GRU: reset_after=False (Keras 1's GRU; Keras 2.15 defaults to True)",
            )
        return out

    def _consume_less(self, item: Item, short: str) -> list[Item]:
        value = literal(item.arg.value)
        if self.ctx.target.modern or (short == "SimpleRNN" and self.ctx.target.version >= (2, 1)):
            self.ctx.report("K-29", Kind.REWRITE, f"{short}: dropped consume_less= (speed only)")
            return []
        table = {"cpu": 0 if self.ctx.target.version < (2, 1) else 1, "mem": 1, "gpu": 2}
        if value not in table:
            self.ctx.report(
                "K-29",
                Kind.MANUAL,
                f"{short}: consume_less={code(item.arg.value)}",
                "Use implementation=1 (or 2 on a GPU).",
            )
            return [item]
        row = {"cpu": "V-05", "mem": "V-06", "gpu": "V-07"}[value]
        self.ctx.report(
            row, Kind.REWRITE, f"consume_less='{value}' -> implementation={table[value]}"
        )
        return [
            Item(
                "implementation",
                keyword("implementation", cst.Integer(str(table[value])), item.arg),
                True,
            )
        ]

    def _forget_bias(self, items: list[Item], short: str) -> list[Item]:
        """forget_bias_init -> unit_forget_bias (K-30, V-08..V-10, S-19)."""
        out = []
        for item in items:
            if item.name != "forget_bias_init":
                out.append(item)
                continue
            value = literal(item.arg.value)
            if value == "one":
                self.ctx.report(
                    "V-08",
                    Kind.REWRITE,
                    "forget_bias_init='one' dropped (unit_forget_bias=True is the default)",
                )
            elif value in ("zero", "zeros"):
                out.append(
                    Item(
                        "unit_forget_bias",
                        keyword("unit_forget_bias", cst.Name("False"), item.arg),
                        True,
                    )
                )
                self.ctx.report(
                    "V-09", Kind.REWRITE, "forget_bias_init='zero' -> unit_forget_bias=False"
                )
            else:
                out.append(item)
                self.ctx.report(
                    "V-10",
                    Kind.MANUAL,
                    f"forget_bias_init={code(item.arg.value)} has no Keras 2 keyword",
                    "Use unit_forget_bias=False and a bias_initializer that sets the forget-gate slice.",
                )
        return out

    def _deconv(self, items: list[Item], short: str) -> list[Item]:
        out = []
        for item in items:
            if item.name == "output_shape":
                self.ctx.report(
                    "K-19",
                    Kind.WARNING,
                    f"{short}: output_shape={code(item.arg.value)} dropped; Keras 2 computes it",
                    "Keras 2 gives in*stride (+ max(kernel-stride, 0) for 'valid'); if that differs "
                    "from the value above, add output_padding or crop.",
                )
            else:
                out.append(item)
        return out

    def _separable_init(self, items: list[Item], short: str) -> list[Item]:
        out = []
        for item in items:
            if item.name == "init":
                self.ctx.report(
                    "K-20",
                    Kind.REWRITE,
                    "init= -> depthwise_initializer= and pointwise_initializer=",
                )
                out.append(
                    Item(
                        "depthwise_initializer",
                        keyword("depthwise_initializer", item.arg.value, item.arg),
                        True,
                    )
                )
                out.append(
                    Item(
                        "pointwise_initializer",
                        keyword("pointwise_initializer", item.arg.value, item.arg),
                        True,
                    )
                )
            else:
                out.append(item)
        return out

    def _batchnorm_mode(self, items: list[Item], short: str) -> list[Item]:
        mode = next((i for i in items if i.name == "mode"), None)
        value = literal(mode.arg.value) if mode is not None else 0
        if mode is not None and value == 0:
            self.ctx.report("V-11", Kind.REWRITE, "BatchNormalization: mode=0 dropped")
        if value == 0:
            return [i for i in items if i is not mode]
        if value in (2, NOT_LITERAL) and self.renaming:
            # batch statistics at test time too: a subclass that knows the mode, or in the
            # functional API the layer itself called with training=True (_batch_statistics)
            self.callee = self.helper(MODE_CLASS, "Keras1BatchNormalization")
            name = self.callee.value
            if value == 2:
                message = (
                    f"BatchNormalization(mode=2) -> {name}(mode=2), a subclass defined in this "
                    "file that normalises with batch statistics at test time too, as mode 2 did"
                )
            else:
                message = (
                    f"BatchNormalization(mode={code(mode.arg.value)}) -> {name}: a subclass "
                    "defined in this file that takes the Keras 1 mode (0 or 2; 1 raises)"
                )
            self.ctx.report(
                "V-13",
                Kind.WARNING,
                message,
                self._load_hint(name) + "; for mode 1 use LayerNormalization.",
            )
            return [Item("mode", i.arg, True) if i is mode else i for i in items]
        names = {i.name: i for i in items}
        axis = literal(names["axis"].arg.value) if "axis" in names else -1
        modern = self.ctx.target.modern and self.renaming
        if value == 1 and modern and axis == -1 and "weights" not in names:
            self.callee = self.ctx.ref("keras.layers.LayerNormalization")
            self.ctx.report(
                "V-12",
                Kind.WARNING,
                "BatchNormalization(mode=1) -> LayerNormalization: both normalise each sample "
                "over the last axis with a learned scale and offset",
                "Keras 1 divided by sqrt(var + epsilon) + epsilon, LayerNormalization by "
                "sqrt(var + epsilon): outputs differ by about epsilon / std. Keras 1 weight files "
                "hold two more arrays (running mean and std) for this layer.",
            )
            if "momentum" in names:
                self.ctx.report("V-12", Kind.REWRITE, "LayerNormalization: dropped momentum=")
            return [i for i in items if i.name not in ("mode", "momentum")]
        self.ctx.report(
            "V-12",
            Kind.MANUAL,
            f"BatchNormalization(mode={code(mode.arg.value)}) has no Keras 2 equivalent here",
            "mode=1 normalised each sample over the last axis (LayerNormalization in Keras "
            "2.15), mode=2 used batch statistics at test time too (call the layer with "
            "training=True).",
        )
        return [Item("mode", i.arg, True) if i is mode else i for i in items]

    def helper(self, helper: Helper, name: str) -> cst.Name:
        """The name of a layer class written into this file from `helper` (at the module's
        end)."""
        entry = self.helpers.setdefault(helper, [self.ctx.free_name(name), 0])
        entry[1] += 1
        return cst.Name(entry[0])

    def _embedding_dropout(self, items: list[Item], short: str) -> list[Item]:
        dropout = next((i for i in items if i.name == "dropout"), None)
        if dropout is None or not self.renaming:
            return items
        self.callee = self.helper(EMBEDDING_CLASS, "Keras1Embedding")
        self.ctx.report(
            "K-36",
            Kind.WARNING,
            f"Embedding(dropout=) -> {self.callee.value}, an Embedding subclass defined in this "
            "file that drops whole words in training as Keras 1 did",
            self._load_hint(self.callee.value) + ". SpatialDropout1D would drop channels instead.",
        )
        return [Item("dropout", i.arg, True) if i is dropout else i for i in items]

    def _batch_statistics(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        """`BatchNormalization(mode=2)(x)` -> `BatchNormalization()(x, training=True)`: in the
        functional API the layer itself can be called with batch statistics (V-13)."""
        layer = updated.func
        entry = self.helpers.get(MODE_CLASS)
        helper = entry and isinstance(layer.func, cst.Name) and layer.func.value == entry[0]
        if not helper or any(a.star for a in updated.args):
            return updated
        if self.ctx.qualify(original.func.func) != "keras.layers.BatchNormalization":
            return updated
        mode = next((a for a in layer.args if a.keyword and a.keyword.value == "mode"), None)
        if mode is None or literal(mode.value) != 2:
            return updated
        entry[1] -= 1
        self.ctx.reports = [
            r for r in self.ctx.reports if not (r.row == "V-13" and r.node is original.func)
        ]
        self.ctx.report(
            "V-13",
            Kind.WARNING,
            "BatchNormalization(mode=2)(x) -> BatchNormalization()(x, training=True)",
            "Keras 1 mode 2 normalised with batch statistics at test time too; training=True does "
            "the same in Keras 2 (predictions then depend on the batch, as they did).",
        )
        kept = [a for a in layer.args if a is not mode]
        layer = layer.with_changes(
            func=original.func.func, args=join(kept, list(layer.args)) if kept else []
        )
        args = join([*updated.args, keyword("training", cst.Name("True"))], list(updated.args))
        return updated.with_changes(func=layer, args=args)

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        for helper, (name, uses) in self.helpers.items():
            if uses:
                updated = insert_definitions(updated, self._helper_source(helper, name))
        return updated

    def _helper_source(self, helper: Helper, name: str) -> str:
        """A helper class's code, naming what it uses as this file can (importing it)."""
        text = helper.text
        names = {"name": name, "Layer": code(self.ctx.ref(f"keras.layers.{helper.base}"))}
        for module in ("initializers", "regularizers", "constraints", "activations"):
            if "{" + module + "}" in text:
                names[module] = code(self.ctx.ref(f"keras.{module}"))
        if "{K}" in text:
            names["K"] = code(self.ctx.backend())
        names["bernoulli"] = "random_bernoulli" if self.ctx.target.modern else "random_binomial"
        return text.format(**names)

    def _load_hint(self, name: str) -> str:
        return f"Load saved models with custom_objects={{'{name}': {name}}}"

    def _padding1d(self, items: list[Item], short: str) -> list[Item]:
        return self._padding(items, ("left_pad", "right_pad"), "V-18")

    def _padding2d(self, items: list[Item], short: str) -> list[Item]:
        return self._padding(items, ("top_pad", "bottom_pad", "left_pad", "right_pad"), "V-16")

    def _padding(self, items: list[Item], keys: tuple[str, ...], row: str) -> list[Item]:
        out = []
        for item in items:
            value = literal(item.arg.value) if item.name == "padding" else NOT_LITERAL
            if isinstance(value, dict) and set(value) <= set(keys):
                values = [value.get(k, 0) for k in keys]
                row = "V-17" if len(keys) == 4 else row
            elif isinstance(value, (tuple, list)) and len(value) == 4 and len(keys) == 4:
                values = list(value)
            else:
                out.append(item)
                continue
            text = (
                f"(({values[0]}, {values[1]}), ({values[2]}, {values[3]}))"
                if len(keys) == 4
                else f"({values[0]}, {values[1]})"
            )
            self.ctx.report(row, Kind.REWRITE, f"padding -> {text}")
            out.append(Item("padding", item.arg.with_changes(value=expr(text)), True))
        return out

    def _legacy(self, call: cst.Call, short: str, kind: str) -> cst.Call:
        if kind == "removed":
            row = "L-24" if short == "SReLU" else "L-25"
            self.ctx.report(
                row,
                Kind.MANUAL,
                f"{short} was removed in Keras 2",
                "Use the keras-contrib implementation or write a custom layer.",
            )
        elif self.ctx.target.modern:  # (the subclasses pass leaves these layers alone)
            helper = HIGHWAY_CLASS if short == "Highway" else MAXOUT_DENSE_CLASS
            self.ctx.replacing(call.func)
            name = self.helper(helper, f"Keras1{short}")
            self.ctx.report(
                "X-133" if short == "Highway" else "X-134",
                Kind.WARNING,
                f"{short} (gone since Keras 2.4) -> {name.value}, a layer defined in this file "
                "with the same arguments, weights and function",
                self._load_hint(name.value) + ".",
            )
            return call.with_changes(func=name)
        else:
            self.ctx.report(
                "L-21" if short == "Highway" else "L-22",
                Kind.WARNING,
                f"{short} kept with its Keras 1 keywords (legacy layer, removed in Keras 2.4)",
            )
        return call

    def _time_distributed_dense(self, call: cst.Call, bound) -> cst.Call:
        """TimeDistributedDense(...) -> TimeDistributed(Dense(...), input_shape=(t, d)) (L-20)."""
        wrapper = {"input_dim", "input_length", "input_shape", "batch_input_shape", "name"}
        inner = [a for k, a in bound.items() if k not in wrapper]
        dense = call.with_changes(
            func=self.ctx.ref("keras.layers.Dense"), args=join(inner, list(call.args))
        )
        dense = self.convert(dense, "keras.layers.Dense", LAYERS["Dense"])
        outer = [cst.Arg(dense)]
        if "input_dim" in bound:
            length = code(bound["input_length"].value) if "input_length" in bound else "None"
            outer.append(
                keyword("input_shape", expr(f"({length}, {code(bound['input_dim'].value)})"))
            )
        outer += [a for k, a in bound.items() if k in ("input_shape", "batch_input_shape", "name")]
        self.ctx.replacing(call.func)
        self.ctx.report("L-20", Kind.REWRITE, "TimeDistributedDense -> TimeDistributed(Dense(...))")
        func = self.ctx.ref("keras.layers.TimeDistributed", like=call.func)
        return cst.Call(func=func, args=join(outer))


_P_ROWS = {
    "Dense": "01",
    "Conv1D": "02",
    "LocallyConnected1D": "02",
    "Conv2D": "04",
    "LocallyConnected2D": "04",
    "SeparableConv2D": "06",
    "Conv2DTranspose": "07",
    "Conv3D": "08",
    "ConvLSTM2D": "09",
    "SimpleRNN": "10",
    "GRU": "11",
    "LSTM": "12",
    "Embedding": "13",
    "BatchNormalization": "14",
    "MaxPooling1D": "15",
    "AveragePooling1D": "15",
    "MaxPooling2D": "16",
    "AveragePooling2D": "16",
    "MaxPooling3D": "16",
    "AveragePooling3D": "16",
    "UpSampling1D": "18",
    "UpSampling2D": "18",
    "UpSampling3D": "18",
    "ZeroPadding2D": "19",
    "ZeroPadding3D": "19",
    "Cropping2D": "19",
    "Cropping3D": "19",
    "Dropout": "20",
    "SpatialDropout2D": "21",
    "SpatialDropout3D": "21",
    "GaussianNoise": "22",
    "GaussianDropout": "22",
    "PReLU": "23",
    "Lambda": "24",
}


def short_name(qualname: str) -> str:
    return qualname.removeprefix("keras.layers.")


def _quote(value: str, like: cst.BaseExpression) -> str:
    q = '"' if isinstance(like, cst.SimpleString) and like.value.startswith('"') else "'"
    return f"{q}{value}{q}"
