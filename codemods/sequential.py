"""Sequential models that merge other models -> functional models (catalogue M-15, X-01, S-04).

Keras 1 built multi-input models by putting a `Merge` of Sequential models first in another
Sequential. Keras 2.2 removed that. Within one block, where it is safe, the model is rebuilt
with the functional API: the merge of the branches' outputs, each later `add(L)` as a layer
call, and `Model(inputs, outputs)` where the Sequential was complete. Training calls keep
working unchanged: they already pass a list of inputs.

    model = Sequential()
    model.add(Merge([left, right], mode='concat'))      x = concatenate([left.output, right.output])
    model.add(Dense(1))                           ->    x = Dense(1)(x)
    model.add(Activation('sigmoid'))                    x = Activation('sigmoid')(x)
                                                        model = Model(inputs=[left.input, right.input], outputs=x)

Not rewritten, with a manual finding that says why and shows the rebuild to paste: the
Sequential is handed to other code before it is complete, `add` is called in a loop or branch
or after the model is used, `model.layers[i]` is indexed (indices change), or a branch is
merged twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from migrate.cstutil import code
from migrate.findings import Kind
from migrate.names import dotted
from migrate.passes import Pass

from .merge import MODES, MergePass, list_elements

# uses of a finished model that work the same on a functional Model
_MODEL_API = frozenset(
    {
        "compile",
        "fit",
        "fit_generator",
        "evaluate",
        "evaluate_generator",
        "predict",
        "predict_generator",
        "predict_on_batch",
        "train_on_batch",
        "test_on_batch",
        "summary",
        "save",
        "save_weights",
        "load_weights",
        "to_json",
        "get_weights",
        "set_weights",
        "count_params",
        "get_layer",
        "get_config",
        "output",
        "outputs",
        "input",
        "inputs",
        "optimizer",
        "predict_classes",
        "predict_proba",
        "layers",
        "name",
        "trainable",
    }
)


class SequentialPass(Pass):
    id = "sequential"
    summary = "Sequential models whose first layer merges other models -> functional Model"
    rows = ("M-15", "X-01", "S-04")
    safety = "review"
    explanation = __doc__

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.rebuilt: set[str] = set()  # models this pass turned into functional Models

    def leave_IndentedBlock(self, original, updated):
        body = self._block(list(original.body), list(updated.body))
        return updated if body is None else updated.with_changes(body=body)

    def leave_Module(self, original, updated):
        body = self._block(list(original.body), list(updated.body))
        return updated if body is None else updated.with_changes(body=body)

    # finding a candidate --------------------------------------------------------------------
    def _block(self, original: list, body: list) -> list | None:
        if "Merge" not in self.ctx.source:
            return None
        originals = original if len(original) == len(body) else [None] * len(body)
        changed = False
        i = 0
        while i < len(body):
            start = self._start(body[i])
            if start is None:
                i += 1
                continue
            name, ctor_layers = start
            result = self._rebuild(body, originals, i, name, ctor_layers)
            inlined = None if result is not None else self._inline(body, originals, i, name)
            if inlined is not None:
                result = self._rebuild(*inlined[:3], name, ctor_layers)
            if result is None:
                i += 1
                continue
            if inlined is not None:  # the merge pass's finding on the Merge is answered here
                merge = inlined[3]
                self.ctx.reports = [
                    r for r in self.ctx.reports if not (r.row == "M-15" and r.node is merge)
                ]
            body, originals, i = result
            changed = True
        return body if changed else None

    def _inline(self, body, originals, start, name):
        """`merged = Merge([...])` ... `name.add(merged)`, the only use of `merged`: the block
        with the Merge moved into the add (and the start's new index, and the original Merge
        call), or None."""
        adds = [(j, _added(body[j], name)) for j in range(start + 1, len(body))]
        j, layer = next(((j, a) for j, a in adds if a is not None), (None, None))
        if not isinstance(layer, cst.Name) or originals[j] is None:
            return None
        for k, stmt in enumerate(body[:j]):
            assign = _single(stmt, cst.Assign)
            if (
                k != start
                and assign is not None
                and len(assign.targets) == 1
                and isinstance(assign.targets[0].target, cst.Name)
                and assign.targets[0].target.value == layer.value
                and self._is_merge(assign.value)
                and originals[k] is not None
            ):
                break
        else:
            return None
        if sum(_mentions(s, layer.value) for s in body) != 2:
            return None
        add = body[j].body[0].value
        add = add.with_changes(args=[add.args[0].with_changes(value=assign.value)])
        new = list(body)
        new[j] = body[j].with_changes(body=[body[j].body[0].with_changes(value=add)])
        following, removed = new[k + 1], list(body[k].leading_lines)
        if removed:  # the Merge's comments move down with it; blank lines are not doubled
            lines = following.leading_lines
            ours = list(lines) if any(line.comment for line in lines) else []
            new[k + 1] = following.with_changes(leading_lines=[*ours, *removed])
        merge = originals[k].body[0].value
        del new[k]
        kept = [o for i, o in enumerate(originals) if i != k]
        return new, kept, start - (k < start), merge

    def _start(self, stmt):
        """`name = Sequential()` or `name = Sequential([...])`: (name, layers of the list)."""
        assign = _single(stmt, cst.Assign)
        if assign is None or len(assign.targets) != 1:
            return None
        target = dotted(assign.targets[0].target)  # `model` or `self.model`
        value = assign.value
        if target is None or not isinstance(value, cst.Call):
            return None
        if self.ctx.qualify(value.func) != "keras.models.Sequential":
            return None
        if not value.args:
            return target, []
        first = value.args[0]
        if first.keyword is not None and first.keyword.value != "layers":
            return None
        elements = list_elements(first.value)
        return (target, elements) if elements else None

    # the rebuild ---------------------------------------------------------------------------
    def _rebuild(self, body, originals, start, name, ctor_layers):
        adds: list[tuple[int, cst.BaseExpression]] = []
        end = len(body)
        for j in range(start + 1, len(body)):
            layer = _added(body[j], name) or (_Nested.of(body[j], name) if adds else None)
            if layer is not None:
                adds.append((j, layer))
            elif _mentions(body[j], name):
                end = j
                break
        layers = list(ctor_layers) + [layer for _, layer in adds]
        if not layers or not self._is_merge(layers[0]):
            return None
        merge = layers[0]
        node = originals[adds[0][0]] if not ctor_layers and adds else originals[start]
        reason = self._unsafe(body, start, end, name, merge)
        recipe_var = self._variable()
        if reason is None:
            statements = self._statements(name, merge, layers[1:], recipe_var)
        if reason is not None or statements is None:
            self.ctx.report(
                "M-15",
                Kind.MANUAL,
                f"Sequential '{name}' merges other models; not rebuilt: {reason or 'its merge cannot be read'}",
                "Rebuild it as a functional model:\n"
                + self._recipe(name, merge, layers[1:], recipe_var)
                + (
                    ""
                    if reason is None
                    else f"\n(and {recipe_var} = L({recipe_var}) for every layer L added to {name} after these)"
                ),
                node=node,
            )
            return None
        merge_stmt, layer_stmts, model_stmt = statements
        self.ctx.replacing(body[start].body[0].value.func)
        self.ctx.report(
            "M-15",
            Kind.WARNING,
            f"Sequential '{name}' with a Merge of models -> functional Model",
            f"{name}.layers now lists the branches' layers and an InputLayer per branch; "
            "code that indexes model.layers needs new indices.",
            node=node,
        )
        self.rebuilt.add(name)
        return self._splice(
            body, originals, start, adds, ctor_layers, [merge_stmt, *layer_stmts], model_stmt
        )

    def _splice(self, body, originals, start, adds, ctor_layers, new, model_stmt):
        """Replace the constructor and the add statements by the functional statements; the
        Model(...) assignment goes after the last of them."""
        add_at = {j for j, _ in adds}
        last = adds[-1][0] if adds else start
        out, orig = body[:start], originals[:start]
        pending: list = []
        if ctor_layers:
            head, new = new[: len(ctor_layers)], new[len(ctor_layers) :]
            out += [_like(head[0], body[start]), *head[1:]]
            orig += [None] * len(head)
        else:
            pending = list(body[start].leading_lines)
        for j in range(start + 1, last + 1):
            stmt = _like(new.pop(0), body[j]) if j in add_at else body[j]
            if pending:
                stmt = stmt.with_changes(leading_lines=[*pending, *stmt.leading_lines])
                pending = []
            out.append(stmt)
            orig.append(None if j in add_at else originals[j])
        out.append(model_stmt.with_changes(leading_lines=pending))
        orig.append(None)
        return out + body[last + 1 :], orig + originals[last + 1 :], len(out)

    def _is_merge(self, node) -> bool:
        return isinstance(node, cst.Call) and self.ctx.qualify(node.func) == "keras.layers.Merge"

    def _unsafe(self, body, start, end, name, merge: cst.Call) -> str | None:
        branches = _branch_names(merge)
        if branches is None:
            return "the merged models are not a list of names"
        if any(
            a.keyword and a.keyword.value in ("node_indices", "tensor_indices") for a in merge.args
        ):
            return "node_indices/tensor_indices"
        block = "".join(code(s) for s in body)
        for branch in branches:
            uses = len(re.findall(rf"Merge\(\s*\[[^\]]*\b{re.escape(branch)}\b", block))
            if uses > 1:
                return f"branch '{branch}' is merged more than once"
        rest = "".join(code(s) for s in body[end:])
        if end < len(body) and not _safe_use(body[end], name):
            return f"'{name}' is used by `{code(body[end]).strip()}` before it is complete"
        if re.search(rf"\b{re.escape(name)}\.add\(", rest):
            return f"{name}.add() is called in a loop, a branch or after the model is used"
        if re.search(rf"\b{re.escape(name)}\.layers\[", rest):
            return f"{name}.layers is indexed, and the indices change"
        return None

    def _variable(self) -> str:
        for candidate in ("x", "merged", "merged_x"):
            if not self.ctx.names.bound_anywhere(candidate):
                return candidate
        return "keras_merged"

    def _inputs(self, branches: list[str]) -> str:
        parts = []
        for b in branches:
            known = self.ctx.names.origin(b) == "keras.models.Sequential" and b not in self.rebuilt
            parts.append(f"{b}.input" if known else f"*{b}.inputs")
        return "[" + ", ".join(parts) + "]"

    def _statements(self, name, merge: cst.Call, layers, var):
        merger = MergePass(self.ctx)
        bound, mode = merger.bind_merge_class(merge)
        if bound is None:
            return None
        merged = merger.of_outputs(merge, bound, mode)
        merge_stmt = _assign(var, merged)
        layer_stmts = [
            layer.calls(var)
            if isinstance(layer, _Nested)
            else _assign(var, cst.Call(func=layer, args=[cst.Arg(cst.Name(var))]))
            for layer in layers
        ]
        model = cst.Call(
            func=self.ctx.ref("keras.models.Model"),
            args=[
                cst.Arg(
                    cst.parse_expression(self._inputs(_branch_names(merge))),
                    keyword=cst.Name("inputs"),
                    equal=_EQ,
                    comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
                ),
                cst.Arg(cst.Name(var), keyword=cst.Name("outputs"), equal=_EQ),
            ],
        )
        return merge_stmt, layer_stmts, _assign(name, model)

    def _recipe(self, name, merge: cst.Call, layers, var) -> str:
        """The functional rebuild as text the user can paste."""
        branches = _branch_names(merge)
        given = code(merge.args[0].value) if merge.args else "branches"
        if branches:
            outputs = "[" + ", ".join(f"{b}.output" for b in branches) + "]"
            inputs = self._inputs(branches)
        else:
            outputs = f"[m.output for m in {given}]"
            inputs = f"[i for m in {given} for i in m.inputs]"
        keywords = {a.keyword.value: code(a.value) for a in merge.args if a.keyword}
        positional = [code(a.value) for a in merge.args[1:] if a.keyword is None]
        mode = keywords.get("mode") or (positional[0] if positional else "'sum'")
        function = {f"'{m}'": v[0] for m, v in MODES.items()} | {
            f'"{m}"': v[0] for m, v in MODES.items()
        }
        extra = ""
        if "concat_axis" in keywords:
            extra = f", axis={keywords['concat_axis']}"
        elif mode.strip("'\"") in ("dot", "cos"):
            extra = f", axes={keywords.get('dot_axes', '-1')}"
            extra += ", normalize=True" if mode.strip("'\"") == "cos" else ""
        call = (
            f"{function[mode]}({outputs}{extra})"
            if mode in function
            else f"Lambda({mode})({outputs})"
        )
        lines = [f"{var} = {call}"]
        lines += [
            code(layer.calls(var)).strip("\n")
            if isinstance(layer, _Nested)
            else f"{var} = {code(layer)}({var})"
            for layer in layers
        ]
        lines.append(f"{name} = Model(inputs={inputs}, outputs={var})")
        return "\n".join(lines)


_EQ = cst.AssignEqual(
    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
)


def _single(stmt, kind):
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
        small = stmt.body[0]
        if isinstance(small, kind):
            return small
    return None


def _added(stmt, name: str):
    """The layer of a `name.add(layer)` statement, else None."""
    expr = _single(stmt, cst.Expr)
    if expr is None or not isinstance(expr.value, cst.Call):
        return None
    call = expr.value
    if dotted(call.func) != f"{name}.add" or len(call.args) != 1 or call.args[0].keyword:
        return None
    return call.args[0].value


def _mentions(stmt, name: str) -> bool:
    """Whether the statement's code names `name` (`model`, `model.fit`; not in a string)."""
    return _Uses.count(stmt, name) > 0


class _Uses(cst.CSTVisitor):
    """Counts the names and dotted names in a statement that are `name` or start with it."""

    def __init__(self, name: str) -> None:
        self.name, self.found = name, 0

    @classmethod
    def count(cls, node: cst.CSTNode, name: str) -> int:
        uses = cls(name)
        node.visit(uses)
        return uses.found

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        text = dotted(node)
        if text is None:
            return True
        self.found += text == self.name or text.startswith(self.name + ".")
        return False

    def visit_Name(self, node: cst.Name) -> None:
        self.found += node.value == self.name


@dataclass(frozen=True)
class _Nested:
    """A loop or branch whose only uses of the Sequential are `name.add(L)` statements: in
    the functional rebuild each becomes `x = L(x)`."""

    stmt: cst.BaseCompoundStatement
    name: str

    @classmethod
    def of(cls, stmt, name: str) -> _Nested | None:
        if not isinstance(stmt, (cst.For, cst.While, cst.If, cst.With, cst.Try)):
            return None
        adds = _AddsToCalls(name, "x")  # counts them; the rewritten statement is dropped
        stmt.visit(adds)
        return cls(stmt, name) if adds.done and adds.done == _Uses.count(stmt, name) else None

    def calls(self, var: str) -> cst.BaseCompoundStatement:
        return self.stmt.visit(_AddsToCalls(self.name, var))


class _AddsToCalls(cst.CSTTransformer):
    def __init__(self, name: str, var: str) -> None:
        super().__init__()
        self.name, self.var, self.done = name, var, 0

    def leave_SimpleStatementLine(self, original, updated):
        layer = _added(updated, self.name)
        if layer is None:
            return updated
        self.done += 1
        call = cst.Call(func=layer, args=[cst.Arg(cst.Name(self.var))])
        return _like(_assign(self.var, call), updated)


def _safe_use(stmt, name: str) -> bool:
    """A first use of the finished model that a functional Model supports the same way
    (its methods and attributes, `return name`, or being a branch of another Merge)."""
    text = re.sub(r"Merge\(\s*\[[^\]]*\]", "Merge([]", code(stmt))
    uses = re.findall(rf"\b{re.escape(name)}\b(\.\w+)?", text)
    returned = re.fullmatch(rf"\s*return {re.escape(name)}\s*(#.*)?", text.strip()) is not None
    return returned or all(u[1:] in _MODEL_API for u in uses)


def _branch_names(merge: cst.Call) -> list[str] | None:
    first = merge.args[0] if merge.args else None
    if first is None or (first.keyword and first.keyword.value != "layers"):
        return None
    elements = list_elements(first.value)
    if not elements or not all(isinstance(e, cst.Name) for e in elements):
        return None
    return [e.value for e in elements]


def _assign(name: str, value: cst.BaseExpression) -> cst.SimpleStatementLine:
    target = cst.parse_expression(name)  # `x`, or an attribute such as `self.model`
    return cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(target)], value)])


def _like(new, old):
    if not isinstance(new, cst.SimpleStatementLine):
        return new  # a rebuilt loop or branch keeps its own lines
    return new.with_changes(
        leading_lines=old.leading_lines, trailing_whitespace=old.trailing_whitespace
    )
