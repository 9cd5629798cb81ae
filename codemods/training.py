"""Keras 1 Model / Sequential and training calls -> Keras 2 (catalogue §8; modern.md §4).

    Model(input=a, output=b)                      ->  Model(inputs=a, outputs=b)
    model.fit(X, y, nb_epoch=5)                   ->  model.fit(X, y, epochs=5)
    model.fit(X, y)                               ->  model.fit(X, y, epochs=10)   (Keras 1 default)
    model.fit_generator(datagen.flow(X, y, batch_size=32), samples_per_epoch=len(X), nb_epoch=3)
        ->  model.fit(datagen.flow(X, y, batch_size=32), steps_per_epoch=ceil(len(X) / 32), epochs=3)
    model.predict_generator(gen, val_samples=100)  ->  model.predict(gen, steps=ceil(100 / 32))[:100]
    model.predict_classes(X)                      ->  keras1_predict_classes(model, X)
    compile(..., metrics=['accuracy'])            ->  compile(..., metrics=['acc'])  (Keras 1 history keys)

Samples become steps by dividing by the generator's batch size (S-01), which must be provable
from the code (`flow(..., batch_size=b)`, `flow_from_directory` with its default 32, or a
generator built with `batch_size=b`); where it is not, the division is by a placeholder name
and a warning says what to put there:

    model.fit_generator(gen, samples_per_epoch=N)
        ->  model.fit(gen, steps_per_epoch=ceil(N / TODO_batch_size))      (NameError until set)

Methods are rewritten on receivers known to be Keras models (built with
Sequential/Model/load_model in the file, or compiled in it).
"""

from __future__ import annotations

import libcst as cst

from migrate.cstutil import code, expr, insert_definitions, join, keyword, literal
from migrate.findings import Kind
from migrate.names import LOCAL_CLASS, dotted
from migrate.passes import Pass

from .data.signatures import K1_SIGNATURES
from .data.training import (
    DROPPED,
    GENERATOR_BATCH_DEFAULTS,
    GENERATOR_METHODS,
    K1_GENERATOR_SIGNATURES,
    MODEL_CONSTRUCTORS,
    PLACEHOLDERS,
    PREDICT_CLASSES_HELPER,
    RENAMED_KEYWORDS,
)


class TrainingPass(Pass):
    id = "training"
    summary = "Model(input=, output=), fit/fit_generator/predict_* and compile -> Keras 2"
    rows = (
        "K-54",
        "K-55",
        "T-01",
        "T-02",
        "T-03",
        "T-04",
        "T-05",
        "T-06",
        "T-07",
        "T-08",
        "T-09",
        "T-10",
        "T-11",
        "T-12",
        "T-13",
        "T-14",
        "T-15",
        "T-16",
        "T-18",
        "T-19",
        "T-20",
        "T-21",
        "V-21",
        "V-22",
        "V-23",
        "P-27",
        "P-28",
        "P-29",
        "P-30",
        "S-01",
        "S-02",
        "S-03",
        "S-39",
        "X-150",
        "X-151",
        "X-152",
        "X-153",
        "X-156",
        "X-157",
        "X-158",
        "X-159",
    )
    safety = "review"
    explanation = __doc__

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.helper_needed = False

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        name = self.ctx.qualify(updated.func)
        if name == "keras.models.Model":
            return self._model(updated)
        if name in ("keras.models.model_from_yaml",):
            return self._yaml_loader(updated)
        func = updated.func
        if not isinstance(func, cst.Attribute) or name is not None:
            return updated
        method = func.attr.value
        if (
            isinstance(func.value, cst.Name)
            and self.ctx.names.origin(func.value.value) == LOCAL_CLASS
        ):
            return updated  # the user's own class, whatever its methods are called
        known = self._is_model(func.value)
        if method == "fit" and (known or _has_keyword(updated, "nb_epoch")):
            return self._fit(updated, known)
        if method in GENERATOR_METHODS and self.ctx.keras1_file:
            return self._generator(updated, method)
        if (
            method == "predict_classes"
            and self.ctx.target.modern
            and (known or self.ctx.keras1_file)
        ):
            return self._predict_classes(updated)  # only Keras models ever had this method
        if not known:
            return updated
        if method == "compile":
            return self._compile(updated)
        if method in ("train_on_batch", "test_on_batch", "evaluate", "predict"):
            return self._drop_keywords(updated, method)
        if method == "predict_proba" and self.ctx.target.modern:
            self.ctx.report(
                "X-151", Kind.REWRITE, "predict_proba() -> predict() (removed in Keras 2.6)"
            )
            return updated.with_changes(func=func.with_changes(attr=cst.Name("predict")))
        if method == "to_yaml" and self.ctx.target.modern:
            self.ctx.report(
                "X-157",
                Kind.WARNING,
                "to_yaml() -> to_json() (YAML export raises in Keras 2.6+)",
                "Files written as YAML must be regenerated as JSON.",
            )
            return updated.with_changes(func=func.with_changes(attr=cst.Name("to_json")))
        if method == "load_weights":
            return self._load_weights(updated)
        return updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        """model.regularizers, .flattened_layers, .model, .training_data (T-18..T-21)."""
        attr = updated.attr.value
        if attr not in (
            "regularizers",
            "flattened_layers",
            "model",
            "training_data",
            "validation_data",
        ) or not self._is_model(updated.value):
            return updated
        if attr == "regularizers":
            self.ctx.report(
                "T-18",
                Kind.WARNING,
                "model.regularizers -> model.losses",
                "model.losses holds the regularisation loss tensors themselves.",
            )
            return updated.with_changes(attr=cst.Name("losses"))
        if attr == "flattened_layers":
            self.ctx.report(
                "T-19",
                Kind.WARNING,
                "model.flattened_layers -> model.layers",
                "Nested models are no longer flattened into one list.",
            )
            return updated.with_changes(attr=cst.Name("layers"))
        if attr == "model" and self.ctx.target.modern:
            self.ctx.report(
                "X-156", Kind.REWRITE, "seq.model -> seq (Sequential is the model itself)"
            )
            return updated.value
        if attr in ("training_data", "validation_data"):
            self.ctx.report(
                "T-20",
                Kind.MANUAL,
                f"Sequential.{attr} was removed in Keras 2",
                "Keep a reference to the arrays you passed to fit().",
            )
        return updated

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        if not self.helper_needed:
            return updated
        return insert_definitions(updated, PREDICT_CLASSES_HELPER)

    # receivers --------------------------------------------------------------------------
    def _is_model(self, node: cst.BaseExpression) -> bool:
        if not isinstance(node, cst.Name):
            return False
        return self.ctx.names.origin(node.value) in MODEL_CONSTRUCTORS or (
            node.value in self.ctx.model_names
        )

    # Model(...) ---------------------------------------------------------------------------
    def _model(self, call: cst.Call) -> cst.Call:
        args = []
        for arg in call.args:
            kw = arg.keyword.value if arg.keyword else None
            if kw in ("input", "output"):
                row = "K-54" if kw == "input" else "K-55"
                self.ctx.report(row, Kind.REWRITE, f"Model({kw}=) -> Model({kw}s=)")
                arg = arg.with_changes(keyword=cst.Name(kw + "s"))
            args.append(arg)
        return call.with_changes(args=args)

    def _yaml_loader(self, call: cst.Call) -> cst.BaseExpression:
        if not self.ctx.target.modern:
            return call
        self.ctx.replacing(call.func)
        self.ctx.report(
            "X-157",
            Kind.WARNING,
            "model_from_yaml -> model_from_json",
            "The YAML file must be regenerated as JSON (to_json()).",
        )
        return call.with_changes(func=self.ctx.ref("keras.models.model_from_json", like=call.func))

    # fit ----------------------------------------------------------------------------------
    def _fit(self, call: cst.Call, known: bool) -> cst.Call:
        args = self._renamed(call, "fit")
        if args is None:
            return call
        params = K1_SIGNATURES["keras.models.Sequential.fit"]
        positional = [a for a in call.args if a.keyword is None]
        has_epochs = any(
            (a.keyword and a.keyword.value in ("nb_epoch", "epochs")) for a in call.args
        ) or len(positional) > params.index("nb_epoch")
        fit_keywords = set(params) | set(K1_SIGNATURES["keras.models.Model.fit"])
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in PLACEHOLDERS:
                self.ctx.report(
                    "T-04",
                    Kind.MANUAL,
                    f"fit(): {arg.keyword.value}= is a fit_generator() keyword; Keras 1's fit() "
                    "raised TypeError on it too",
                    "Remove it (fit() on arrays goes through all samples each epoch), or pass a "
                    "generator and steps_per_epoch.",
                )
        keras_call = all(a.keyword is None or a.keyword.value in fit_keywords for a in call.args)
        if not has_epochs and known and keras_call and self.ctx.keras1_file:
            args.append(keyword("epochs", cst.Integer("10")))
            self.ctx.report(
                "T-03",
                Kind.REWRITE,
                "fit() without nb_epoch: epochs=10 (Keras 1's default; Keras 2 trains 1)",
            )
        return call.with_changes(args=join(args, list(call.args)))

    def _renamed(self, call: cst.Call, method: str) -> list[cst.Arg] | None:
        """The call's arguments with Keras 1 keywords renamed or dropped (T-02, T-08..T-15)."""
        if any(a.star for a in call.args):
            return None
        out = []
        for arg in call.args:
            kw = arg.keyword.value if arg.keyword else None
            if kw in DROPPED.get(method, {}):
                row, why = DROPPED[method][kw]
                kind = (
                    Kind.WARNING
                    if kw == "show_accuracy" and literal(arg.value) is True
                    else Kind.REWRITE
                )
                self.ctx.report(
                    row,
                    kind,
                    f"{method}(): dropped {kw}= ({why})",
                    "Add metrics=['acc'] to compile() to keep reporting accuracy."
                    if kind is Kind.WARNING
                    else "",
                )
                continue
            new = RENAMED_KEYWORDS.get(kw)
            if new is not None and (new[2] is None or self.ctx.target.version >= new[2]):
                self.ctx.report(new[1], Kind.REWRITE, f"{method}(): {kw}= -> {new[0]}=")
                arg = arg.with_changes(keyword=cst.Name(new[0]))
            out.append(arg)
        return out

    def _drop_keywords(self, call: cst.Call, method: str) -> cst.Call:
        args = self._renamed(call, method)
        if args is None or len(args) == len(call.args):
            return call
        return call.with_changes(args=join(args, list(call.args)))

    # compile ------------------------------------------------------------------------------
    def _compile(self, call: cst.Call) -> cst.Call:
        args = self._renamed(call, "compile")
        if args is None:
            return call
        params = K1_SIGNATURES["keras.models.Model.compile"]
        out = []
        for i, arg in enumerate(args):
            if arg.keyword is None and i >= 3 and self.ctx.target.modern and i < len(params):
                self.ctx.report(
                    "X-159", Kind.REWRITE, f"compile(): positional {params[i]} -> keyword"
                )
                arg = keyword(params[i], arg.value, arg)
            if (
                arg.keyword is not None
                and arg.keyword.value == "metrics"
                and self.ctx.target.modern
            ):
                arg = self._metrics(arg)
            elif arg.keyword is None and i == 2 and self.ctx.target.modern:
                arg = self._metrics(arg)
            out.append(arg)
        return call.with_changes(args=join(out, list(call.args)))

    def _metrics(self, arg: cst.Arg) -> cst.Arg:
        """'accuracy' -> 'acc' so history keys stay 'acc'/'val_acc' as in Keras 1 (X-153)."""
        value = arg.value
        if not isinstance(value, (cst.List, cst.Tuple)):
            return arg
        elements = []
        changed = False
        for el in value.elements:
            if isinstance(el.value, cst.SimpleString) and literal(el.value) == "accuracy":
                q = el.value.value[0]
                el = el.with_changes(value=cst.SimpleString(f"{q}acc{q}"))
                changed = True
            elements.append(el)
        if not changed:
            return arg
        self.ctx.report(
            "X-153",
            Kind.REWRITE,
            "metrics 'accuracy' -> 'acc': Keras 2.3+ would report it as 'accuracy', breaking "
            "'acc'/'val_acc' in history, callbacks and monitor= as Keras 1 named them",
        )
        return arg.with_changes(value=value.with_changes(elements=elements))

    def _load_weights(self, call: cst.Call) -> cst.Call:
        if len(call.args) < 2 or call.args[1].keyword is not None or not self.ctx.target.modern:
            return call
        self.ctx.report("X-158", Kind.REWRITE, "load_weights(path, by_name) -> by_name= keyword")
        args = list(call.args)
        args[1] = keyword("by_name", args[1].value, args[1])
        return call.with_changes(args=args)

    # generators ---------------------------------------------------------------------------
    def _generator(self, call: cst.Call, method: str) -> cst.BaseExpression:
        params = K1_GENERATOR_SIGNATURES[method]
        if any(a.star for a in call.args):
            self.ctx.report(
                "P-29",
                Kind.MANUAL,
                f"{method}(*args/**kwargs): cannot be checked",
                "Convert samples to steps by hand: steps = ceil(samples / batch_size).",
            )
            return call
        bound: dict[str, cst.Arg] = {}
        for i, arg in enumerate(call.args):
            name = arg.keyword.value if arg.keyword else (params[i] if i < len(params) else None)
            if name is None:
                return call
            bound[name] = arg
        gen = bound.get("generator")
        modern = self.ctx.target.modern
        out: list[cst.Arg] = []
        slice_to = None
        for name, arg in bound.items():
            if name in ("samples_per_epoch", "nb_val_samples", "val_samples"):
                source = gen if name != "nb_val_samples" else bound.get("validation_data")
                new = {
                    "samples_per_epoch": "steps_per_epoch",
                    "nb_val_samples": "validation_steps",
                    "val_samples": "steps",
                }[name]
                row = {
                    "samples_per_epoch": "V-21",
                    "nb_val_samples": "V-22",
                    "val_samples": "V-23",
                }[name]
                if name == "nb_val_samples" and isinstance(getattr(source, "value", None), cst.Tuple):
                    self.ctx.report(
                        row,
                        Kind.REWRITE,
                        f"{method}(): dropped {name}= (Keras 1 ignored it for array validation data)",
                    )
                    continue
                steps = self._steps(arg.value, source.value if source is not None else None)
                if steps is None:
                    what = "validation generator" if name == "nb_val_samples" else "generator"
                    batch = PLACEHOLDERS[name]
                    steps = self._ceil(arg.value, cst.Name(batch))
                    self.ctx.report(
                        row,
                        Kind.WARNING,
                        f"{method}(): {name}={code(arg.value)} -> {new}={code(steps)}: {name}= "
                        f"counts samples, Keras 2 counts batches, and the {what}'s batch size is "
                        "not visible here",
                        f"Replace {batch} with the number of samples the {what} yields per step "
                        "(until then the call raises NameError).",
                    )
                else:
                    self.ctx.report(
                        row,
                        Kind.REWRITE,
                        f"{method}(): {name}={code(arg.value)} -> {new}={code(steps)}",
                    )
                out.append(keyword(new, steps, arg))
                if name == "val_samples" and method == "predict_generator":
                    slice_to = arg.value
                continue
            if name == "generator" and modern:
                out.append(arg.with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT))
                continue
            new = RENAMED_KEYWORDS.get(name)
            if new is not None and (new[2] is None or self.ctx.target.version >= new[2]):
                self.ctx.report(new[1], Kind.REWRITE, f"{method}(): {name}= -> {new[0]}=")
                out.append(
                    keyword(new[0], arg.value, arg)
                    if arg.keyword is None
                    else arg.with_changes(keyword=cst.Name(new[0]))
                )
                continue
            if name in DROPPED.get(method, {}):
                row, why = DROPPED[method][name]
                self.ctx.report(row, Kind.REWRITE, f"{method}(): dropped {name}= ({why})")
                continue
            if arg.keyword is None and (modern or len(out) >= 3):
                arg = keyword(name, arg.value, arg)  # Keras 2's fit/evaluate/predict read x, y, ...
            out.append(arg)
        func = call.func
        if modern:  # Keras 2's fit/evaluate/predict take the generator first, as x
            out.sort(key=lambda a: a.keyword is not None)
            new_method = GENERATOR_METHODS[method]
            func = func.with_changes(attr=cst.Name(new_method))
            self.ctx.report(
                "X-152",
                Kind.REWRITE,
                f"{method}() -> {new_method}() (the generator methods are deprecated)",
            )
        result: cst.BaseExpression = call.with_changes(func=func, args=join(out, list(call.args)))
        if slice_to is not None:
            self.ctx.report(
                "T-07",
                Kind.REWRITE,
                "predict on a generator returns whole batches: sliced to the Keras 1 sample count",
            )
            result = cst.Subscript(
                value=result,
                slice=[cst.SubscriptElement(cst.Slice(lower=None, upper=slice_to))],
            )
        return result

    def _steps(self, samples: cst.BaseExpression, generator: cst.BaseExpression | None):
        """`ceil(samples / batch_size)` when the generator's batch size is provable, else None."""
        batch = self._batch_size(generator)
        if batch is None:
            return None
        n, b = literal(samples), literal(batch)
        if isinstance(n, int) and isinstance(b, int) and b > 0:
            return cst.Integer(str(-(-n // b)))
        return self._ceil(samples, batch)

    def _ceil(self, samples: cst.BaseExpression, batch: cst.BaseExpression) -> cst.Call:
        ceil = self.ctx.ref("math.ceil")
        division = expr(f"{_operand(samples)} / {_operand(batch)}")
        return cst.Call(func=ceil, args=[cst.Arg(division)])

    def _batch_size(self, node: cst.BaseExpression | None, depth: int = 0):
        if node is None or depth > 3:
            return None
        if isinstance(node, cst.Name):
            return self._batch_size(self.ctx.names.value(node.value), depth + 1)
        if not isinstance(node, cst.Call):
            return None
        for arg in node.args:
            if arg.keyword is not None and _batch_name(arg.keyword.value):
                return arg.value
        if isinstance(node.func, cst.Name):
            defined = self.ctx.names.function(node.func.value)
            if defined is not None:
                return _argument(node, defined)
        for arg in node.args:  # generator(..., config.batch_size): named for what it is
            if arg.keyword is None and _batch_name((dotted(arg.value) or "").rpartition(".")[2]):
                return arg.value
        if (
            isinstance(node.func, cst.Attribute)
            and node.func.attr.value in GENERATOR_BATCH_DEFAULTS
        ):
            method = node.func.attr.value
            index, default = GENERATOR_BATCH_DEFAULTS[method]
            positional = [a for a in node.args if a.keyword is None]
            if len(positional) > index:
                return positional[index].value
            return cst.Integer(str(default))
        return None

    # predict_classes ------------------------------------------------------------------------
    def _predict_classes(self, call: cst.Call) -> cst.Call:
        self.helper_needed = True
        self.ctx.report(
            "X-150",
            Kind.REWRITE,
            "predict_classes() (removed in Keras 2.6) -> keras1_predict_classes(model, ...), a helper added to this file",
        )
        receiver = call.func.value
        args = join([cst.Arg(receiver), *call.args], list(call.args) or None)
        return cst.Call(func=cst.Name("keras1_predict_classes"), args=args)


def _has_keyword(call: cst.Call, name: str) -> bool:
    return any(a.keyword is not None and a.keyword.value == name for a in call.args)


def _operand(node: cst.BaseExpression) -> str:
    text = code(node)
    simple = isinstance(node, (cst.Name, cst.Attribute, cst.Call, cst.Integer, cst.Subscript))
    return text if simple else f"({text})"


def _batch_name(name: str) -> bool:
    """batch_size, BATCH_SIZE, batchsize, BATCHSIZE: named for what it is."""
    return name.lower().replace("_", "") == "batchsize"


def _argument(call: cst.Call, defined: cst.FunctionDef):
    """The value `call` gives the batch-size parameter of the function it calls (its default
    when not given), or None."""
    params = list(defined.params.params)
    names = [p.name.value for p in params]
    index = next((i for i, n in enumerate(names) if _batch_name(n)), None)
    if index is None:
        return None
    for i, arg in enumerate(call.args):
        if arg.star:
            return None
        if (arg.keyword is None and i == index) or (
            arg.keyword and arg.keyword.value == names[index]
        ):
            return arg.value
    default = params[index].default
    return None if isinstance(default, cst.Name) and default.value == "None" else default
