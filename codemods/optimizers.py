"""Initializers, regularizers, constraints, losses, metrics and optimizers.

Catalogue §10 (R-01..R-34), V-31, V-32, V-34, the module moves I-12, I-13, I-20, and for the
modern target modern.md X-111, X-170..X-186. `keras.initializations` becomes
`keras.initializers` (direct calls of a Keras 1 initializer function become a Keras 2
initializer object called on the shape), `keras.objectives` becomes `keras.losses`, the Keras 1
regularizer and constraint names and keywords become the Keras 2 ones, and metrics Keras 2
dropped are reported (or, for keras 2.15, replaced by the streaming metric objects).

For keras 2.15 the optimizers need more than renames: `lr` is silently ignored there, `decay`
raises, four optimizers changed their default learning rate, and positional arguments after
the first bind to different parameters. So `lr=` becomes `learning_rate=`, Keras 1 time decay
becomes an InverseTimeDecay schedule (or, where the script changes the learning rate while
training, the legacy optimizer that still has `decay`), Keras 1 default learning rates are made
explicit, also for `compile(optimizer='adadelta')`, and every argument after the first is a
keyword.

    SGD(lr=0.01, momentum=0.9, decay=1e-6, nesterov=True)
        ->  SGD(learning_rate=InverseTimeDecay(0.01, decay_steps=1, decay_rate=1e-6), momentum=0.9, nesterov=True)
    model.compile(optimizer='adadelta', loss='mse')  ->  model.compile(optimizer=Adadelta(learning_rate=1.0), loss='mse')
    Dense(10, W_regularizer=l1l2(0.01), W_constraint=maxnorm(m=2))
        ->  Dense(10, W_regularizer=l1_l2(0.01), W_constraint=max_norm(max_value=2))
    initializations.normal((3, 4), scale=0.1)  ->  initializers.RandomNormal(stddev=0.1)((3, 4))
"""

from __future__ import annotations

import re

import libcst as cst

from migrate.cstutil import NOT_LITERAL, bind, code, expr, join, keyword, literal
from migrate.findings import Kind
from migrate.names import dotted

from .data.optimizers import (
    AXIS_CONSTRAINTS,
    CONSTRAINT_KEYWORDS,
    CONV_LAYERS,
    COSINE_NAMES,
    GETTERS,
    GONE,
    INITIALIZERS,
    K1_LEARNING_RATES,
    KERNEL_AXES,
    MEMBER_ROWS,
    MODERN_LEARNING_RATES,
    MODERN_METRICS,
    MODERN_OPTIMIZER_KEYWORDS,
    MODULES,
    MOVES,
    NADAM_SCHEDULE_DECAY,
    OPTIMIZER_VARIABLES,
    REMOVED_METRICS,
    STRING_OPTIMIZERS,
)
from .data.signatures import K1_SIGNATURES
from .data.utilities import Gone
from .utilities import Relocating, _requote, _short, _string_index, _with_index

_LR_CHANGED = re.compile(r"LearningRateScheduler|ReduceLROnPlateau|\.lr\b")
_COMPILE = ("optimizer", "loss", "metrics", "loss_weights", "sample_weight_mode")
_NOT_MODELS = frozenset({"re", "regex"})
_INIT_TODO = (
    "Keras 1 returned a variable named name=; a Keras 2 initializer returns a tensor: wrap it "
    "in K.variable(...) where a variable is needed (or use add_weight)."
)


class OptimizersPass(Relocating):
    id = "optimizers"
    summary = (
        "initializers, regularizers, constraints, losses, metrics, optimizers: renames, "
        "learning_rate, decay schedules, Keras 1 default learning rates"
    )
    rows = (
        *(f"R-{i:02d}" for i in range(1, 35) if i not in (3, 10, 16, 24, 31, 33)),
        "V-31",
        "V-32",
        "V-34",
        "I-12",
        "I-13",
        "I-20",
        "X-111",
        "X-170",
        "X-171",
        "X-172",
        "X-173",
        "X-175",
        "X-176",
        "X-177",
        "X-178",
        "X-180",
        "X-181",
        "X-182",
        "X-183",
    )
    safety = "review"
    explanation = __doc__
    MOVES = MOVES
    MODULES = MODULES
    GONE = GONE
    MEMBER_ROWS = MEMBER_ROWS

    def unmapped(self, q: str) -> Gone | None:
        head, _, name = q.rpartition(".")
        if head == "keras.initializations" and name in INITIALIZERS:
            return Gone(
                "R-01",
                f"a reference to the Keras 1 initializer function initializations.{name}",
                "Pass a Keras 2 initializer object or string instead.",
            )
        return None

    def defer_gone(self, q: str) -> bool:
        """Removed metrics inside compile(metrics=...) are handled by _compile."""
        call = self.ctx.enclosing_call()
        return (
            q.rpartition(".")[2] in REMOVED_METRICS
            and call is not None
            and isinstance(call.func, cst.Attribute)
            and call.func.attr.value == "compile"
        )

    # references ----------------------------------------------------------------------------------
    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        q = self.ctx.qualify(original)
        if q is not None and self.unmapped(q) is not None:
            call = self.ctx.enclosing_call()
            if call is not None and call.func is original:
                return updated  # a call: leave_Call rewrites it whole
            cls, _, default = INITIALIZERS[q.rpartition(".")[2]]
            args = [keyword("gain", expr(default))] if cls == "Orthogonal" else []
            self.ctx.report(
                "R-01",
                Kind.REWRITE,
                f"{_short(q)} (a Keras 1 initializer function) -> initializers.{cls}()",
            )
            return cst.Call(self.expr_for(original, f"keras.initializers.{cls}"), args)
        return super().leave_Attribute(original, updated)

    # calls ---------------------------------------------------------------------------------------
    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        q = self.ctx.qualify(original.func)
        if q is None:
            if isinstance(original.func, cst.Attribute):
                attr = original.func.attr.value
                if attr == "compile":
                    return self._compile(original, updated)
                if attr == "get_updates":
                    return self._get_updates(updated)
                if attr in ("set_value", "get_value"):
                    return self._shared_variable(updated, attr)
            return updated
        head, _, name = q.rpartition(".")
        if head == "keras.optimizers" and name in K1_LEARNING_RATES:
            return self._optimizer(original, updated, name)
        if head == "keras.initializations" and name in INITIALIZERS:
            return self._initializer(original, updated, name)
        if q in GETTERS:
            updated = self._getter(updated, q)
        if q in CONSTRAINT_KEYWORDS:
            updated = self._constraint_keywords(updated, q)
        if q in AXIS_CONSTRAINTS:
            updated = self._kernel_axis(original, updated, q)
        return self.rename_callee(original, updated)

    def _shared_variable(self, call: cst.Call, method: str) -> cst.BaseExpression:
        """`model.optimizer.lr.set_value(v)` -> `K.set_value(model.optimizer.lr, v)`: on
        Theano, Keras 1 optimizers held their hyper-parameters in shared variables with these
        methods; a TensorFlow variable has neither (X-177)."""
        variable = call.func.value
        chain = (dotted(variable) or "").split(".")
        if len(chain) < 3 or chain[-1] not in OPTIMIZER_VARIABLES or "optimizer" not in chain:
            return call
        setting = method == "set_value"
        if any(a.star or a.keyword for a in call.args) or len(call.args) != int(setting):
            return call
        name, value = ".".join(chain[-2:]), "..." if setting else ""
        self.ctx.report(
            "X-177",
            Kind.REWRITE,
            f"{name}.{method}({value}) -> K.{method}({', '.join(filter(None, [name, value]))}) "
            "(Theano shared-variable methods; the backend functions work on any variable)",
        )
        args = join([cst.Arg(variable), *call.args])
        return cst.Call(func=cst.Attribute(self.ctx.backend(), cst.Name(method)), args=args)

    def _getter(self, call: cst.Call, q: str) -> cst.Call:
        """get(identifier, kwargs) -> get(identifier) (R-19)."""
        if len(call.args) < 2 or call.args[0].keyword is not None or call.args[0].star:
            return call
        dropped = ", ".join(code(a) for a in call.args[1:])
        self.ctx.report(
            "R-19",
            Kind.WARNING,
            f"{_short(q)}: dropped {dropped.rstrip(', ')} (Keras 2 get() takes the identifier only)",
            "Build the object with those arguments yourself if they mattered.",
        )
        return call.with_changes(args=[call.args[0].with_changes(comma=cst.MaybeSentinel.DEFAULT)])

    def _constraint_keywords(self, call: cst.Call, q: str) -> cst.Call:
        names, row = CONSTRAINT_KEYWORDS[q]
        args = []
        for a in call.args:
            if a.keyword is not None and a.keyword.value in names:
                new = names[a.keyword.value]
                self.ctx.report(row, Kind.REWRITE, f"{_short(q)}: {a.keyword.value}= -> {new}=")
                a = a.with_changes(keyword=cst.Name(new))
            args.append(a)
        return call.with_changes(args=args)

    def _kernel_axis(self, original: cst.Call, updated: cst.Call, q: str) -> cst.Call:
        """A constraint given to a conv layer's W_constraint follows the kernel layout (R-23)."""
        layer = self.ctx.enclosing_call()
        kind = CONV_LAYERS.get(self.ctx.qualify(layer.func) or "") if layer is not None else None
        if kind is None or not any(
            a.value is original and a.keyword is not None and a.keyword.value == "W_constraint"
            for a in layer.args
        ):
            return updated
        if kind != "1d":
            ordering = self.ctx.options.image_dim_ordering
            for a in layer.args:
                if a.keyword is not None and a.keyword.value == "dim_ordering":
                    ordering = literal(a.value)
            if ordering == "default":
                ordering = self.ctx.options.image_dim_ordering
            if ordering == "tf":
                return updated
            if ordering != "th":
                self._axis_manual("the layer's dim_ordering is not a literal")
                return updated
            kind += "_th"
        table = KERNEL_AXES[kind]
        params = AXIS_CONSTRAINTS[q]
        bound = bind(updated, params)
        if bound is None:
            return updated
        axis = bound.get("axis")
        if axis is None and kind == "1d":
            return updated  # axis 0 is the kernel length in both layouts
        value = 0 if axis is None else literal(axis.value)
        rank = 5 if kind == "3d_th" else 4
        if _is_int(value):
            if value % rank not in table:
                self._axis_manual("the axis is the squeezed axis of the Keras 1 kernel")
                return updated
            new = str(table[value % rank])
        elif isinstance(value, (list, tuple)) and value and all(_is_int(v) for v in value):
            mapped = sorted({table[v % rank] for v in value if v % rank in table})  # no size-1 axis
            new = str(mapped) if isinstance(value, list) else str(tuple(mapped))
        else:
            self._axis_manual("the axis is not a literal")
            return updated
        if axis is not None and new == code(axis.value):
            return updated
        args = [a for k, a in bound.items() if k != "axis"]
        if axis is not None and axis.keyword is None:
            args = [*args, axis.with_changes(value=expr(new))]
        else:
            args.append(keyword("axis", expr(new), axis))
        self.ctx.report(
            "R-23",
            Kind.WARNING,
            f"constraint axis {code(axis.value) if axis else '0 (default)'} -> {new}: the Keras 2 "
            "kernel layout differs",
            "Keras 1 laid this kernel out channels-first (or with an extra axis for 1-D); the "
            "axis now names the same kernel dimensions in the Keras 2 layout.",
        )
        return updated.with_changes(args=join(args, list(updated.args) or None))

    def _axis_manual(self, why: str) -> None:
        self.ctx.report(
            "R-23",
            Kind.MANUAL,
            f"constraint on a Keras 1 conv kernel: {why}",
            "Map the axis to the Keras 2 kernel layout (rows, cols, in, out): channels-first "
            "axis [1, 2, 3] becomes [0, 1, 2].",
        )

    # initializations.<f>(shape, ...) (R-04..R-09) ----------------------------------------------------
    def _initializer(self, original: cst.Call, updated: cst.Call, name: str):
        cls, row, default = INITIALIZERS[name]
        bound = bind(updated, K1_SIGNATURES[f"keras.initializations.{name}"])
        if bound is None or "shape" not in bound:
            self.ctx.report(
                row, Kind.MANUAL, f"initializations.{name}(...) cannot be bound", _INIT_TODO
            )
            return updated
        scale = bound["scale"].value if "scale" in bound else None
        args: list[cst.Arg] = []
        if cls == "RandomUniform" and scale is not None:
            args = [keyword("minval", _negate(scale)), keyword("maxval", scale)]
        elif cls == "RandomNormal" and scale is not None:
            args = [keyword("stddev", scale)]
        elif cls == "Orthogonal":
            args = [keyword("gain", scale if scale is not None else expr(default))]
        elif cls == "Identity" and scale is not None:
            args = [keyword("gain", scale)]
        func = self.expr_for(original.func, f"keras.initializers.{cls}")
        made = cst.Call(func, join(args))
        kind = Kind.REWRITE if row == "R-07" else Kind.WARNING
        self.ctx.report(
            row,
            kind,
            f"initializations.{name}(shape, ...) -> initializers.{cls}(...)(shape)",
            _INIT_TODO,
        )
        return cst.Call(made, [cst.Arg(bound["shape"].value)])

    # optimizers (X-170..X-175) ------------------------------------------------------------------------
    def _optimizer(self, original: cst.Call, updated: cst.Call, cls: str) -> cst.BaseExpression:
        if not self.ctx.target.modern:
            return updated  # unchanged names and order in Keras 2.0-2.2
        given = {a.keyword.value for a in updated.args if a.keyword is not None}
        if given & MODERN_OPTIMIZER_KEYWORDS and not given & {"lr", "decay"}:
            return updated  # Keras 2 code; but lr= is ignored by keras 2.15 whatever else is given
        if not (given & {"lr", "decay", "schedule_decay"}) and not self.old_code():
            return updated
        bound = bind(updated, K1_SIGNATURES[f"keras.optimizers.{cls}"])
        if bound is None:
            self.ctx.report(
                "X-175",
                Kind.MANUAL,
                f"{cls}(*args/**kwargs): arguments cannot be checked",
                "keras 2.15 reads lr= as nothing and raises on decay=: use learning_rate= and "
                "keywords for everything after it.",
            )
            return updated
        legacy = False
        lr = bound["lr"].value if "lr" in bound else None
        decay = bound.get("decay")
        if decay is not None and literal(decay.value) in (0, 0.0):
            self.ctx.report("X-171", Kind.REWRITE, f"{cls}: decay={code(decay.value)} dropped")
            decay = None
        elif decay is not None and _LR_CHANGED.search(self.ctx.source):
            legacy = True
            self.ctx.report(
                "X-171",
                Kind.REWRITE,
                f"{cls}(decay=...) -> keras.optimizers.legacy.{cls}: it keeps Keras 1's decay",
                "The script changes the learning rate while training (a callback or .lr), which "
                "a learning-rate schedule would silently ignore.",
            )
        elif decay is not None:
            lr = cst.Call(
                self.ctx.ref("keras.optimizers.schedules.InverseTimeDecay"),
                join(
                    [
                        cst.Arg(lr if lr is not None else expr(K1_LEARNING_RATES[cls])),
                        keyword("decay_steps", cst.Integer("1")),
                        keyword("decay_rate", decay.value),
                    ]
                ),
            )
            self.ctx.report(
                "X-171",
                Kind.REWRITE,
                f"{cls}: Keras 1 decay -> learning_rate=InverseTimeDecay(..., decay_steps=1, decay_rate=...)",
            )
        schedule = bound.get("schedule_decay")
        if schedule is not None and literal(schedule.value) == NADAM_SCHEDULE_DECAY:
            self.ctx.report("X-172", Kind.REWRITE, "Nadam: schedule_decay=0.004 dropped (built in)")
            schedule = None
        elif schedule is not None:
            legacy = True
            self.ctx.report(
                "X-172",
                Kind.REWRITE,
                "Nadam(schedule_decay=...) -> keras.optimizers.legacy.Nadam (the only one that takes it)",
            )
        if lr is None and K1_LEARNING_RATES[cls] != MODERN_LEARNING_RATES[cls]:
            lr = expr(K1_LEARNING_RATES[cls])
            self.ctx.report(
                "X-173",
                Kind.REWRITE,
                f"{cls}: learning_rate={K1_LEARNING_RATES[cls]} made explicit (the Keras 1 default; "
                f"keras 2.15 defaults to {MODERN_LEARNING_RATES[cls]})",
            )
        args: list[cst.Arg] = []
        keyworded = False
        for name, arg in bound.items():
            if name == "lr":
                if arg.keyword is None:
                    args.append(arg.with_changes(value=lr))
                else:
                    args.append(keyword("learning_rate", lr, arg))
                    self.ctx.report("X-170", Kind.REWRITE, f"{cls}: lr= -> learning_rate=")
                continue
            if (name == "decay" and decay is None) or (
                name == "schedule_decay" and schedule is None
            ):
                continue
            if name == "decay" and not legacy:
                continue  # folded into the schedule
            if arg.keyword is None:
                keyworded = True
                arg = keyword(name, arg.value, arg)
            args.append(arg)
        if "lr" not in bound and lr is not None:
            args.insert(0, keyword("learning_rate", lr))
        if keyworded:
            self.ctx.report(
                "X-175",
                Kind.REWRITE,
                f"{cls}: arguments after the learning rate made keywords (their positions "
                "changed in keras 2.15)",
            )
        func = updated.func
        if legacy:
            self.ctx.report("X-111", Kind.REWRITE, f"{cls} -> keras.optimizers.legacy.{cls}")
            func = self._legacy(original.func, cls)
        new = updated.with_changes(func=func, args=join(args, list(updated.args) or None))
        return updated if code(new) == code(updated) else new

    def _legacy(self, func: cst.BaseExpression, cls: str) -> cst.BaseExpression:
        if isinstance(func, cst.Name):
            self.ctx.replacing(func)
            return cst.Attribute(self.ctx.ref("keras.optimizers.legacy"), cst.Name(cls))
        return self.expr_for(func, f"keras.optimizers.legacy.{cls}")

    # model.compile(optimizer=..., loss=..., metrics=...) -----------------------------------------
    def _compile(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        receiver = original.func.value
        if isinstance(receiver, cst.Name) and receiver.value in _NOT_MODELS:
            return updated
        bound = bind(updated, _COMPILE)
        old = bind(original, _COMPILE)
        if bound is None or old is None:
            return updated
        args = []
        for name, arg in bound.items():
            value = arg.value
            if name == "optimizer":
                value = self._string_optimizer(value)
            elif name == "loss":
                value = self._losses(value)
            elif name == "metrics" and name in old:
                value = self._metrics(old[name].value, value)
            args.append(arg if value is arg.value else arg.with_changes(value=value))
        if all(a is b for a, b in zip(args, bound.values(), strict=True)):
            return updated
        return updated.with_changes(args=join(args, list(updated.args)))

    def _string_optimizer(self, node: cst.BaseExpression) -> cst.BaseExpression:
        name = literal(node)
        if not (self.ctx.target.modern and name in STRING_OPTIMIZERS and self.old_code()):
            return node
        cls = STRING_OPTIMIZERS[name]
        self.ctx.report(
            "X-173",
            Kind.REWRITE,
            f"optimizer='{name}' -> {cls}(learning_rate={K1_LEARNING_RATES[cls]}) (the Keras 1 "
            f"default; keras 2.15 defaults to {MODERN_LEARNING_RATES[cls]})",
        )
        return cst.Call(
            self.ctx.ref(f"keras.optimizers.{cls}"),
            [keyword("learning_rate", expr(K1_LEARNING_RATES[cls]))],
        )

    def _losses(self, node: cst.BaseExpression) -> cst.BaseExpression:
        """'cosine_proximity' loss strings (also in lists and dicts) -> 'cosine_similarity'."""
        if not self.ctx.target.modern:
            return node
        if isinstance(node, cst.SimpleString) and literal(node) in COSINE_NAMES:
            self.ctx.report(
                "X-180",
                Kind.WARNING,
                f"loss '{literal(node)}' -> 'cosine_similarity'",
                "Keras 1 computed -mean over the last axis, keras 2.15 -sum: the loss is scaled "
                "by the size of the last axis.",
            )
            return _requote(node, "cosine_similarity")
        return _map_elements(node, self._losses)

    def _metrics(self, old: cst.BaseExpression, node: cst.BaseExpression) -> cst.BaseExpression:
        if isinstance(node, (cst.List, cst.Tuple)) and isinstance(old, type(node)):
            if len(old.elements) != len(node.elements):
                return node
            elements = [
                n.with_changes(value=self._metric(o.value, n.value))
                for o, n in zip(old.elements, node.elements, strict=True)
            ]
            if all(a.value is b.value for a, b in zip(elements, node.elements, strict=True)):
                return node
            return node.with_changes(elements=elements)
        if isinstance(node, cst.Dict) and isinstance(old, cst.Dict):
            if len(old.elements) != len(node.elements):
                return node
            elements = [
                n.with_changes(value=self._metrics(o.value, n.value))
                if isinstance(n, cst.DictElement) and isinstance(o, cst.DictElement)
                else n
                for o, n in zip(old.elements, node.elements, strict=True)
            ]
            if all(
                a is b or a.value is b.value for a, b in zip(elements, node.elements, strict=True)
            ):
                return node
            return node.with_changes(elements=elements)
        return node

    def _metric(self, old: cst.BaseExpression, node: cst.BaseExpression) -> cst.BaseExpression:
        """One compile metric: a Keras 1 metric Keras 2 dropped, or cosine_proximity."""
        if isinstance(node, cst.SimpleString):
            name = literal(node)
            if name in COSINE_NAMES and self.ctx.target.modern:
                self.ctx.report(
                    "X-180",
                    Kind.WARNING,
                    f"metric '{name}' -> 'cosine_similarity'",
                    "Keras 1 reported -mean cosine; keras 2.15 reports +cosine (sign and scale "
                    "differ): check monitors and thresholds on this metric.",
                    old,
                )
                return _requote(node, "cosine_similarity")
            ref = None
        else:
            q = self.ctx.qualify(old) if isinstance(old, (cst.Name, cst.Attribute)) else None
            if q is None or q.rpartition(".")[0] != "keras.metrics":
                return node
            name, ref = q.rpartition(".")[2], old
        if name not in REMOVED_METRICS:
            return node
        if not self.ctx.target.modern or name not in MODERN_METRICS:
            row = GONE[f"keras.metrics.{name}"].row if ref is not None else "V-34"
            self.ctx.report(
                row,
                Kind.MANUAL,
                f"metric {name} was removed in Keras 2",
                "Write it as a custom metric (y_true, y_pred) -> tensor, or a "
                "keras.metrics.Metric; Keras 1 averaged it per batch.",
                old,
            )
            return node
        cls, arguments, _ = MODERN_METRICS[name]
        if ref is not None:
            self.ctx.replacing(ref)
        self.ctx.report(
            "X-183",
            Kind.WARNING,
            f"metric {name} -> keras.metrics.{cls}({arguments})",
            "Keras 1 averaged the metric over batches; keras.metrics accumulates it over the "
            "epoch, so values differ."
            + (" F1Score/FBetaScore need 2-D (batch, classes) targets." if "Score" in cls else ""),
            old,
        )
        made = expr(f"{cls}({arguments})")
        return made.with_changes(func=self.ctx.ref(f"keras.metrics.{cls}"))

    # opt.get_updates(params, constraints, loss) (R-34, X-176) ---------------------------------------
    def _get_updates(self, call: cst.Call) -> cst.Call:
        bound = bind(call, ("params", "constraints", "loss"))
        if bound is None or set(bound) != {"params", "constraints", "loss"}:
            return call
        if not (self.ctx.keras1_file or bound["constraints"].keyword is not None):
            return call
        if self.ctx.target.modern:
            self.ctx.report(
                "X-176",
                Kind.MANUAL,
                "get_updates(params, constraints, loss): keras 2.15 optimizers have no get_updates",
                "Compute gradients with tf.GradientTape and call optimizer.apply_gradients(zip("
                "grads, params)), or train with model.fit.",
            )
            return call
        if self.ctx.target.version < (2, 1):
            return call  # 2.0.x: the order changed at 2.0.7, whose shim converts this call
        constraints = literal(bound["constraints"].value)
        if constraints not in ({}, [], None, ()):
            self.ctx.report(
                "R-34",
                Kind.WARNING,
                "get_updates: the constraints argument is gone",
                "Keras 2 applies a variable's constraint itself (add_weight(constraint=...)).",
            )
        keywords = any(a.keyword is not None for a in call.args)
        loss, params = bound["loss"], bound["params"]
        if keywords:
            args = [keyword("loss", loss.value), keyword("params", params.value)]
        else:
            args = [cst.Arg(loss.value), cst.Arg(params.value)]
        self.ctx.report(
            "R-34",
            Kind.REWRITE,
            "get_updates(params, constraints, loss) -> get_updates(loss, params)",
        )
        return call.with_changes(args=join(args, list(call.args)))

    # opt.get_config()['lr'] (X-177) --------------------------------------------------------------
    def leave_Subscript(self, original: cst.Subscript, updated: cst.Subscript):
        if not self.ctx.target.modern:
            return updated
        key = _string_index(updated)
        value = original.value
        if (
            key is None
            or literal(key) != "lr"
            or not isinstance(value, cst.Call)
            or not isinstance(value.func, cst.Attribute)
            or value.func.attr.value != "get_config"
        ):
            return updated
        owner = value.func.value
        is_optimizer = (isinstance(owner, cst.Attribute) and owner.attr.value == "optimizer") or (
            isinstance(owner, cst.Name)
            and (self.ctx.names.origin(owner.value) or "").startswith("keras.optimizers.")
        )
        if not is_optimizer:
            return updated
        self.ctx.report("X-177", Kind.REWRITE, "optimizer config key 'lr' -> 'learning_rate'")
        return _with_index(updated, _requote(key, "learning_rate"))

    # statements: reg.set_param(p) / reg.set_layer(l), imports ------------------------------
    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) == 1 and _is_regularizer_setup(updated.body[0], self.ctx):
            self.ctx.report(
                "R-18", Kind.REWRITE, "regularizer set_param/set_layer call removed (a no-op)"
            )
            return cst.RemovalSentinel.REMOVE
        return super().leave_SimpleStatementLine(original, updated)


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _negate(node: cst.BaseExpression) -> cst.BaseExpression:
    value = literal(node)
    if value is not NOT_LITERAL and isinstance(value, (int, float)) and not isinstance(value, bool):
        return expr(repr(-value)) if value > 0 else expr(f"-({code(node)})")
    if isinstance(node, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)):
        return cst.UnaryOperation(cst.Minus(), node)
    return expr(f"-({code(node)})")


def _map_elements(node: cst.BaseExpression, fn) -> cst.BaseExpression:
    """Apply fn to the elements of a list/tuple or the values of a dict literal."""
    if isinstance(node, (cst.List, cst.Tuple)):
        elements = [e.with_changes(value=fn(e.value)) for e in node.elements]
        if any(a.value is not b.value for a, b in zip(elements, node.elements, strict=True)):
            return node.with_changes(elements=elements)
    elif isinstance(node, cst.Dict):
        elements = [
            e.with_changes(value=fn(e.value)) if isinstance(e, cst.DictElement) else e
            for e in node.elements
        ]
        if any(
            a is not b and a.value is not b.value
            for a, b in zip(elements, node.elements, strict=True)
        ):
            return node.with_changes(elements=elements)
    return node


def _is_regularizer_setup(small: cst.BaseSmallStatement, ctx) -> bool:
    """`<regularizer>.set_param(x)` / `.set_layer(x)` as a whole statement (Keras 1 no-ops)."""
    if not isinstance(small, cst.Expr) or not isinstance(small.value, cst.Call):
        return False
    call = small.value
    func = call.func
    if not (
        isinstance(func, cst.Attribute)
        and func.attr.value in ("set_param", "set_layer")
        and len(call.args) == 1
    ):
        return False
    receiver = func.value
    if isinstance(receiver, cst.Name):
        origin = ctx.names.origin(receiver.value) or ""
        if origin.startswith("keras.regularizers."):
            return True
    return "regularizer" in code(receiver).lower()
