"""Callbacks, the scikit-learn wrapper, preprocessing, datasets, utils and applications.

Catalogue §9 (H-01..H-40), the module moves I-14..I-19, I-28, I-30, and for the modern target
modern.md X-104, X-110, X-220..X-224, X-230..X-237. Keyword renames (`nb_words` -> `num_words`,
`dim_ordering` -> `data_format` with its values), arguments whose position changed made keywords,
Keras 1 functions that moved (`visualize_util.plot` -> `plot_model`) or became numpy
(`probas_to_classes`), Keras 1 dataset file names that Keras 2 cannot read, and the keys of
`self.params` in Callback subclasses. The import statements are rewritten with their call sites;
names Keras 2 dropped are reported for a person.

    from keras.utils.visualize_util import plot    ->  from keras.utils import plot_model
    plot(model, 'model.png', True, False)          ->  plot_model(model, 'model.png', True, show_layer_names=False)
    Y = np_utils.to_categorical(y, nb_classes=10)  ->  Y = to_categorical(y, num_classes=10)
    ImageDataGenerator(rotation_range=10, dim_ordering='th')
        ->  ImageDataGenerator(rotation_range=10, data_format='channels_first')
    self.params['nb_epoch']  (in a Callback)       ->  self.params['epochs']
"""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst

from migrate.cstutil import bind, code, expr, join, keyword, literal, string_value
from migrate.findings import Kind
from migrate.names import bound_name, canonical
from migrate.passes import Pass

from .data.utilities import (
    ALL,
    APPLICATIONS,
    BATCH_METHODS,
    CALLS,
    DROP,
    GONE,
    MODERN,
    MODULES,
    MOVES,
    NUMPY_CALLS,
    ORDERINGS,
    PARAMS_GONE_MODERN,
    PARAMS_KEYS,
    PICKLED_PATHS,
    VANISHED_MODULES,
    WEIGHT_CONSTANTS,
    CallSpec,
    Gone,
    Move,
)

_LR_KEYWORD = re.compile(r"\blr\s*=")
_NUMPY = re.compile(r"^[ \t]*import numpy(?: as (\w+))?[ \t]*(?:#.*)?$", re.MULTILINE)
_SKLEARN = re.compile(r"wrappers\.scikit_learn|wrappers import scikit_learn")


def _root(node: cst.BaseExpression) -> cst.Name | None:
    while isinstance(node, cst.Attribute):
        node = node.value
    return node if isinstance(node, cst.Name) else None


def _short(qualname: str) -> str:
    return ".".join(qualname.split(".")[-2:])


def _requote(node: cst.SimpleString, value: str) -> cst.SimpleString:
    """`node` with its text replaced by `value`, keeping the quote style and prefix."""
    quote = node.quote
    return node.with_changes(value=f"{node.prefix}{quote}{value}{quote}")


class Relocating(Pass):
    """Shared by the utilities and optimizers passes: Keras 1 names that moved, or are gone.

    A name used as `module.name` is rewritten where it is used (leave_Attribute); a name
    imported with `from module import name` is rewritten in the import statement, under the
    user's local name, and a call site whose name changed is renamed too (the import of the old
    local name then goes when nothing uses it any more). Names with no Keras 2 equivalent are
    reported.
    """

    MOVES: ClassVar[dict[str, list[Move]]] = {}
    MODULES: ClassVar[dict[str, Move]] = {}
    GONE: ClassVar[dict[str, Gone]] = {}
    VANISHED: ClassVar[frozenset[str]] = frozenset()  # modules gone in keras 2.13+
    MEMBER_ROWS: ClassVar[dict[str, str]] = {}  # renamed module -> row of its members' uses

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.moves = {q: m for q, ms in self.MOVES.items() for m in ms if self.applies(m.when)}
        self.modules = {q: m for q, m in self.MODULES.items() if self.applies(m.when)}
        self.gone = {q: g for q, g in self.GONE.items() if self.applies(g.when)}
        self._pending: list[tuple[cst.CSTNode, str, Gone]] = []  # imports checked at the end
        self.reported: set[str] = set()  # local names already reported where they are used
        self._rewritten: set[int] = set()  # import statements this pass rewrote
        self._module_uses: set[int] = set()  # renamed-module references already reported

    def applies(self, when: str) -> bool:
        return when == ALL or (when == MODERN) == self.ctx.target.modern

    def old_code(self) -> bool:
        """Whether the file reads as Keras 1 (or pre-2.3 Keras 2) code."""
        return self.ctx.keras1_file or _LR_KEYWORD.search(self.ctx.source) is not None

    # what a name became ----------------------------------------------------------------------
    def move_of(self, q: str) -> Move | None:
        if q in self.moves:
            return self.moves[q]
        if q in self.modules:
            return self.modules[q]
        head, _, last = q.rpartition(".")
        module = self.modules.get(head)
        if module is None or self.gone_of(q) is not None or self.unmapped(q):
            return None
        return module._replace(to=f"{module.to}.{last}", row=self.MEMBER_ROWS.get(head, module.row))

    def gone_of(self, q: str) -> Gone | None:
        while q:
            if q in self.gone:
                return self.gone[q]
            q = q.rpartition(".")[0]
        return None

    def unmapped(self, q: str) -> Gone | None:
        """A name rewritten only where it is called (the import goes once it is unused)."""
        return None

    def expr_for(self, original: cst.BaseExpression, target: str, alias: bool = False):
        """An expression naming `target`, built from the reference `original` (a dotted name):
        the same root when the root's module still holds it, the renamed module, or an import."""
        root = _root(original)
        bound = self.ctx.names.lookup(root.value) if root is not None else None
        if bound is not None:
            rq = canonical(bound)
            if target.startswith(rq + "."):
                return expr(root.value + target[len(rq) :])
            renamed = self.modules.get(rq)
            if renamed is not None and target.startswith(renamed.to + "."):
                if root.value == rq.rpartition(".")[2]:  # the module's own name: rename it too
                    self.ctx.replacing(root)
                    return expr(code(self.ctx.ref(renamed.to)) + target[len(renamed.to) :])
                return expr(root.value + target[len(renamed.to) :])  # import rewritten in place
        if root is not None:
            self.ctx.replacing(root)
        rebound = self._rebound(target)
        if rebound is not None:
            return rebound
        module, _, name = target.rpartition(".")
        if alias:
            return cst.Attribute(self.ctx.ref(module), cst.Name(name))
        return self.ctx.ref(target, like=original)

    def _rebound(self, target: str) -> cst.Name | None:
        """A local name whose Keras 1 import this pass rewrote to import `target`."""
        for scope in reversed(self.ctx.names.stack):
            for local, bound in scope.imports.items():
                move = self.move_of(canonical(bound))
                if move is not None and move.to == target and self.ctx.names.lookup(local) == bound:
                    return cst.Name(local)
        return None

    def report_move(self, q: str, move: Move, node=None) -> None:
        kind = Kind.WARNING if move.warning else Kind.REWRITE
        self.ctx.report(move.row, kind, f"{_short(q)} -> {_short(move.to)}", move.warning, node)

    def report_gone(self, gone: Gone, node=None) -> None:
        self.ctx.report(gone.row, Kind.MANUAL, gone.message, gone.todo, node)

    # hooks --------------------------------------------------------------------------------------
    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        q = self.ctx.qualify(original) if not self.ctx.target_depth else None
        if q is None:
            return updated
        move = self.move_of(q)
        if move is not None:
            if q in self.modules:  # `keras.initializations` inside `keras.initializations.get`
                self._module_uses.add(id(original))
            if id(original.value) not in self._module_uses or q in self.moves:
                self.report_move(q, move)
            return self.expr_for(original, move.to, move.alias)
        gone = self.gone_of(q)
        if gone is not None and not self.defer_gone(q):
            self.report_gone(gone)
        return updated

    def defer_gone(self, q: str) -> bool:
        """True when the pass reports (or rewrites) this use of a gone name itself."""
        return False

    def rename_callee(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        """`old_name(...)` -> `new_name(...)` for a Name callee whose name changed."""
        func = original.func
        if not isinstance(func, cst.Name):
            return updated
        q = self.ctx.qualify(func)
        move = self.move_of(q) if q else None
        if move is None or move.alias or move.to.rpartition(".")[2] == func.value:
            return updated
        self.ctx.replacing(func)
        self.report_move(q, move)
        return updated.with_changes(func=self.ctx.ref(move.to))

    def leave_SimpleStatementLine(self, original, updated):
        if not any(isinstance(s, (cst.Import, cst.ImportFrom)) for s in original.body):
            return updated
        if len(original.body) != len(updated.body):
            return updated
        body, changed = [], False
        for old, new in zip(original.body, updated.body, strict=True):
            if isinstance(old, cst.ImportFrom):
                result = self._import_from(old, original)
            elif isinstance(old, cst.Import):
                result = self._import(old, new)
            else:
                result = None
            if result is not None:
                changed = True
                new = result.with_changes(semicolon=new.semicolon)
            body.append(new)
        if not changed:
            return updated
        # the statement is rebuilt from the original: drop what leave_Attribute said inside it
        inner: set[int] = set()
        _collect(original, inner)
        inner.discard(id(original))
        self.ctx.reports[:] = [
            r for r in self.ctx.reports if not (r.pass_id == self.id and id(r.node) in inner)
        ]
        result = updated.with_changes(body=body)
        self._rewritten.add(id(result))
        return result

    def _import_from(self, node: cst.ImportFrom, statement) -> cst.ImportFrom | None:
        if node.relative or node.module is None or isinstance(node.names, cst.ImportStar):
            return None
        module = code(node.module)
        if module.split(".")[0] != "keras":
            return None
        groups: dict[str, list[cst.ImportAlias]] = {}
        changed = False
        for alias in node.names:
            name = alias.name.value  # type: ignore[union-attr]
            local = bound_name(alias)
            q = canonical(f"{module}.{name}")
            to = module, name
            move = self.move_of(q)
            if move is not None:
                to = tuple(move.to.rpartition(".")[::2])
                self.ctx.report(
                    move.import_row or move.row,
                    Kind.WARNING if move.warning else Kind.REWRITE,
                    f"import {_short(q)} -> {_short(move.to)}",
                    move.warning,
                )
            else:
                gone = self.gone_of(q) or self.unmapped(q)
                if gone is not None:  # the import goes if nothing uses the name any more
                    self.ctx.replacing(cst.Name(local))
                    self.ctx.changed = True  # so that the import fixer runs
                    self._pending.append((statement, local, gone))
                    self.ctx.may_report.append(statement)
            changed |= to != (module, name)
            asname = None if local == to[1] else cst.AsName(name=cst.Name(local))
            groups.setdefault(to[0], []).append(cst.ImportAlias(cst.Name(to[1]), asname))
        if not changed:
            return None
        keep = module if module in groups else next(iter(groups))
        for other, aliases in groups.items():
            if other != keep:  # a name that moved elsewhere: the import fixer adds it
                for a in aliases:
                    self.ctx.needed[(other, a.name.value)] = bound_name(a)  # type: ignore[union-attr]
        return node.with_changes(
            module=expr(self.spell(keep)), names=join(groups[keep], list(node.names))
        )

    def _import(self, node: cst.Import, new: cst.Import) -> cst.Import | None:
        if len(new.names) != len(node.names):
            return None
        names, changed = [], False
        for alias, current in zip(node.names, new.names, strict=True):
            q = canonical(code(alias.name))
            move = self.modules.get(q)
            if move is not None:
                if current.asname is not None and current.asname.name.value == "keras":
                    alias = current  # `import tf_keras as keras` (tf-keras target) reaches it
                else:
                    alias = current.with_changes(name=expr(self.spell(move.to)))
                changed = True
                self.ctx.report(
                    move.import_row or move.row, Kind.REWRITE, f"import {q} -> {move.to}"
                )
            elif self.ctx.target.modern and q in self.VANISHED:
                # keras 2.15 has no keras.utils.<submodule>: the moved names are on keras.utils
                changed = True
                self.ctx.report("X-104", Kind.REWRITE, f"import {q} -> keras.utils")
                if current.asname is None:
                    alias = current.with_changes(name=expr(self.spell("keras.utils")))
                else:  # the import fixer can drop a from-import once its name is unused
                    return cst.ImportFrom(
                        module=cst.Name(self.ctx.target.package),
                        names=[cst.ImportAlias(cst.Name("utils"), current.asname)],
                    )
            elif (gone := self.gone_of(q)) is not None:
                self.report_gone(gone)
            else:
                alias = current
            names.append(alias)
        return new.with_changes(names=names) if changed else None

    def spell(self, module: str) -> str:
        """A Keras module path in the target's package (keras, or tf_keras)."""
        return self.ctx.target.package + module[len("keras") :]

    def leave_Module(self, original, updated):
        if self._pending or self._rewritten:
            self.ctx.finishers.append((self.id, self.finish))  # needs the names the output reads
        return updated

    def finish(self, module: cst.Module, used: set[str]) -> cst.Module:
        for statement, local, gone in self._pending:
            if local in used and local not in self.reported:
                self.report_gone(gone._replace(row=gone.import_row or gone.row), statement)
        if not self._rewritten:
            return module
        body = [self._unalias(s, used) if id(s) in self._rewritten else s for s in module.body]
        if all(a is b for a, b in zip(body, module.body, strict=True)):
            return module
        return module.with_changes(body=body)

    def _unalias(self, statement, used: set[str]):
        """`from m import new as old` whose uses all became `new`: import `new` right there
        (instead of the import fixer dropping this alias and adding `new` at the end)."""
        body = []
        for small in statement.body:
            if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
                module = "keras" + code(small.module)[len(self.ctx.target.package) :]
                names = []
                for alias in small.names:
                    name = alias.name.value
                    local = bound_name(alias)
                    if (
                        local != name
                        and local not in used
                        and self.ctx.needed.get((module, name)) == name
                    ):
                        del self.ctx.needed[(module, name)]
                        alias = alias.with_changes(asname=None)
                    names.append(alias)
                small = small.with_changes(names=names)
            body.append(small)
        return statement.with_changes(body=body)

    # arguments ---------------------------------------------------------------------------------
    def convert_args(
        self, updated: cst.Call, spec: CallSpec, drops: dict[str, tuple] | None = None
    ) -> cst.Call:
        """Bind to the Keras 1 parameters; rename keywords, convert dim_ordering values, make
        keywords of positionals whose position changed. `drops`: parameter -> report arguments."""
        bound = bind(updated, spec.params)
        if bound is None:
            return updated
        version, modern = self.ctx.target.version, self.ctx.target.modern
        renamed = set(spec.keywords.values())
        keras2 = any(a.keyword is not None and a.keyword.value in renamed for a in updated.args)
        keep = spec.keep
        if keep is not None and not (
            version >= spec.keep_from
            and (spec.keep_modern or not modern)
            and self.ctx.keras1_file
            and not keras2
        ):
            keep = None
        out: list[cst.Arg] = []
        positional_ok, changed, keyworded, dropped = True, False, False, False
        index = 0
        for name, arg in bound.items():
            new, row = spec.keywords.get(name, name), spec.row
            since = spec.since.get(name)
            if since is not None and version >= since[1]:
                new, row = since[0], since[3] if modern else since[2]
                if new == DROP:
                    self.ctx.report(row, Kind.REWRITE, f"dropped {name}=")
            if drops and name in drops:
                self.ctx.report(*drops[name])
                new = DROP
            if name == spec.ordering and new != DROP:
                converted = self._ordering(arg, row)
                new = DROP if converted is None else new
                changed |= converted is not arg
                arg = converted or arg
            if new == DROP:
                positional_ok, changed, dropped = False, True, True
                continue
            if arg.keyword is None:
                index += 1
                if positional_ok and (keep is None or index <= keep):
                    out.append(arg)
                    continue
                out.append(keyword(new, arg.value, arg))
                keyworded = changed = True
                continue
            positional_ok = False
            if new != name:
                self.ctx.report(row, Kind.REWRITE, f"{name}= -> {new}=")
                arg = arg.with_changes(keyword=cst.Name(new))
                changed = True
            out.append(arg)
        if keyworded:
            self.ctx.report(
                spec.row if dropped else spec.keep_row or spec.row,
                Kind.REWRITE,
                "positional arguments after a dropped one made keywords"
                if dropped
                else "arguments whose position changed in Keras 2 made keywords",
            )
        if (
            spec.ordering
            and spec.ordering not in bound
            and "data_format" not in bound
            and self.ctx.options.image_dim_ordering == "th"
            and self.ctx.keras1_file
        ):
            out.append(keyword("data_format", cst.SimpleString("'channels_first'")))
            self.ctx.report(
                spec.row,
                Kind.REWRITE,
                "data_format='channels_first' made explicit (the project is channels-first; "
                "Keras 2 ignores keras.json's image_dim_ordering)",
            )
            changed = True
        if not changed:
            return updated
        return updated.with_changes(args=join(out, list(updated.args)))

    def _ordering(self, arg: cst.Arg, row: str) -> cst.Arg | None:
        """A dim_ordering argument as a data_format one (V-37); None to drop it."""
        value = literal(arg.value)
        th = self.ctx.options.image_dim_ordering == "th"
        if value == "default" and not th:
            self.ctx.report(row, Kind.REWRITE, "dim_ordering='default' dropped (global setting)")
            return None
        if value == "default":
            value = "th"
        if value in ORDERINGS:
            new = cst.SimpleString(f"'{ORDERINGS[value]}'")
            if isinstance(arg.value, cst.SimpleString):
                new = _requote(arg.value, ORDERINGS[value])
            self.ctx.report(row, Kind.REWRITE, f"dim_ordering '{value}' -> '{ORDERINGS[value]}'")
            value_node = new
        elif _is_ordering_call(arg.value) or isinstance(value, str):
            value_node = arg.value
        else:  # .get(v, v): right whether v still holds 'th' or already 'channels_first'
            text = code(arg.value)
            simple = isinstance(arg.value, (cst.Name, cst.Attribute))
            value_node = expr(
                "{'th': 'channels_first', 'tf': 'channels_last'}"
                + (f".get({text}, {text})" if simple else f"[{text}]")
            )
            self.ctx.report(
                row,
                Kind.WARNING,
                "dim_ordering given as an expression: mapped at run time",
                "Replace the expression with 'channels_first' or 'channels_last'.",
            )
        return arg if value_node is arg.value else arg.with_changes(value=value_node)


def _is_ordering_call(node: cst.BaseExpression) -> bool:
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value in ("image_dim_ordering", "image_data_format")
    )


def _collect(node: cst.CSTNode, into: set[int]) -> None:
    into.add(id(node))
    for child in node.children:
        _collect(child, into)


class UtilitiesPass(Relocating):
    id = "utilities"
    summary = (
        "callbacks, scikit-learn wrapper, preprocessing, datasets, utils, applications: "
        "keywords, moved names, Callback params keys"
    )
    rows = (
        *(f"H-{i:02d}" for i in range(1, 41) if i != 5),
        "I-14",
        "I-15",
        "I-16",
        "I-17",
        "I-18",
        "I-19",
        "I-28",
        "I-30",
        "S-26",
        "S-27",
        "X-104",
        "X-110",
        "X-220",
        "X-221",
        "X-222",
        "X-223",
        "X-224",
        "X-230",
        "X-231",
        "X-232",
        "X-234",
        "X-235",
    )
    safety = "review"
    explanation = __doc__
    MOVES = MOVES
    MODULES = MODULES
    GONE = GONE
    VANISHED = VANISHED_MODULES

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._callbacks: set[str] = set()  # Callback subclasses defined in this file
        self._sklearn = _SKLEARN.search(ctx.source) is not None

    def unmapped(self, q: str) -> Gone | None:
        row = NUMPY_CALLS.get(q)
        if row is None:
            return None
        return Gone(
            row, f"{_short(q)} was removed in Keras 2", "Rewrite it with numpy.", import_row="I-16"
        )

    def gone_of(self, q: str) -> Gone | None:
        head, _, last = q.rpartition(".")
        if last in WEIGHT_CONSTANTS and head.startswith("keras.applications."):
            return Gone(
                "H-38",
                f"{last} was removed from keras.applications in Keras 2",
                "Keras 2 has WEIGHTS_PATH / WEIGHTS_PATH_NO_TOP (channels-last weights only); "
                "or pass weights='imagenet' and let the application download them.",
            )
        return super().gone_of(q)

    # calls ---------------------------------------------------------------------------------------
    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        q = self.ctx.qualify(original.func)
        if q is None:
            return self._method(original, updated)
        gone = self.gone_of(q)
        if gone is not None and gone.row != "X-110":  # the wrapper's keywords are still renamed
            return updated
        if q in NUMPY_CALLS:
            return self._numpy_call(original, updated, q)
        key = _spec_key(q)
        spec = CALLS.get(key)
        if spec is not None:
            drops = self._drops(updated, key, spec)
            updated = self.convert_args(updated, spec, drops)
        return self.rename_callee(original, updated)

    def _drops(self, call: cst.Call, key: str, spec: CallSpec) -> dict[str, tuple]:
        drops = {}
        bound = bind(call, spec.params) or {}
        if key in PICKLED_PATHS and "path" in bound:
            path = string_value(bound["path"].value)
            if path is not None and path.endswith((".pkl", ".pkl.gz")):
                drops["path"] = (
                    PICKLED_PATHS[key],
                    Kind.WARNING,
                    f"path={path!r} dropped: Keras 2 cannot read the Keras 1 pickle",
                    "Keras 2 downloads its own .npz/.json file under ~/.keras/datasets; pass "
                    "path= only to name that file.",
                )
        if key == "keras.utils.np_utils.convert_kernel" and "dim_ordering" in bound:
            drops["dim_ordering"] = (
                "H-21",
                Kind.WARNING,
                "convert_kernel: dim_ordering dropped",
                "Keras 2 assumes a channels-last kernel (rows, cols, in, out).",
            )
        return drops

    def _method(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        """Methods of objects whose class is known: flow, Progbar.update, the sklearn wrapper."""
        func = original.func
        if self._sklearn:
            updated = self._sklearn_args(original, updated)
        if not isinstance(func, cst.Attribute):
            return updated
        attr = func.attr.value
        origin = None
        if isinstance(func.value, cst.Name):
            origin = self.ctx.names.origin(func.value.value)
        given = {a.keyword.value for a in updated.args if a.keyword is not None}
        if attr == "flow" and (
            origin == "keras.preprocessing.image.ImageDataGenerator" or "X" in given
        ):
            return self.convert_args(
                updated, CALLS["keras.preprocessing.image.ImageDataGenerator.flow"]
            )
        if attr == "update" and (
            origin == "keras.utils.generic_utils.Progbar" or ("force" in given and self._progbar())
        ):
            return self.convert_args(updated, CALLS["keras.utils.generic_utils.Progbar.update"])
        if attr in ("fit", "set_params") and origin in (
            "keras.wrappers.scikit_learn.KerasClassifier",
            "keras.wrappers.scikit_learn.KerasRegressor",
        ):
            return self._rename_nb_epoch(updated, "H-07", Kind.WARNING)
        return updated

    def _progbar(self) -> bool:
        return any(
            t == "keras.utils.generic_utils.Progbar"
            for scope in self.ctx.names.stack
            for t in scope.imports.values()
        )

    def _rename_nb_epoch(self, call: cst.Call, row: str, kind: Kind) -> cst.Call:
        args = []
        for a in call.args:
            if a.keyword is not None and a.keyword.value == "nb_epoch":
                a = a.with_changes(keyword=cst.Name("epochs"))
                self.ctx.report(
                    row,
                    kind,
                    "nb_epoch= -> epochs= (the wrapper no longer forwards nb_epoch to fit)",
                    "Check other places that build the wrapper's parameter names.",
                )
            args.append(a)
        return call.with_changes(args=args)

    # scikit-learn wrapper parameter grids (H-07) --------------------------------------------------
    def _sklearn_args(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if (
            isinstance(original.func, cst.Name)
            and original.func.value == "dict"
            and not self.ctx.names.bound_anywhere("dict")
        ):
            return self._rename_nb_epoch(updated, "H-07", Kind.WARNING)
        args = [a.with_changes(value=self._epochs_keys(a.value)) for a in updated.args]
        if any(a.value is not b.value for a, b in zip(args, updated.args, strict=True)):
            return updated.with_changes(args=args)
        return updated

    def _epochs_keys(self, node: cst.BaseExpression) -> cst.BaseExpression:
        """'nb_epoch' keys of dict literals (also inside lists and tuples) -> 'epochs'."""
        if isinstance(node, (cst.List, cst.Tuple)):
            elements = [e.with_changes(value=self._epochs_keys(e.value)) for e in node.elements]
            if any(a.value is not b.value for a, b in zip(elements, node.elements, strict=True)):
                return node.with_changes(elements=elements)
            return node
        if not isinstance(node, cst.Dict):
            return node
        elements, changed = [], False
        for e in node.elements:
            if (
                isinstance(e, cst.DictElement)
                and isinstance(e.key, cst.SimpleString)
                and literal(e.key) == "nb_epoch"
            ):
                e = e.with_changes(key=_requote(e.key, "epochs"))
                changed = True
                self.ctx.report(
                    "H-07",
                    Kind.WARNING,
                    "parameter key 'nb_epoch' -> 'epochs' (the wrapper no longer forwards nb_epoch)",
                    "Check other places that build the wrapper's parameter names.",
                )
            elements.append(e)
        return node.with_changes(elements=elements) if changed else node

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
        if not self._sklearn:
            return updated
        value = self._epochs_keys(updated.value)
        return updated if value is updated.value else updated.with_changes(value=value)

    def leave_Subscript(self, original: cst.Subscript, updated: cst.Subscript):
        if not self._sklearn:
            return updated
        key = _string_index(updated)
        if key is not None and literal(key) == "nb_epoch" and not _is_self_params(original.value):
            self.ctx.report("H-07", Kind.WARNING, "key 'nb_epoch' -> 'epochs'")
            return _with_index(updated, _requote(key, "epochs"))
        return updated

    # probas_to_classes (H-18, H-19) -----------------------------------------------------------------
    def _numpy_call(self, original: cst.Call, updated: cst.Call, q: str) -> cst.BaseExpression:
        row = NUMPY_CALLS[q]
        recipe = (
            "np.argmax(p, axis=1) if p.ndim > 1 and p.shape[1] > 1 else (p > 0.5).astype(int).ravel()"
            if row == "H-18"
            else "np.argmax(p, axis=1)"
        )
        match = _NUMPY.search(self.ctx.source)
        args = [a for a in updated.args if not a.star]
        if match is None or len(args) != 1 or len(updated.args) != 1:
            return self._numpy_manual(original, updated, q, recipe)
        np = match.group(1) or "numpy"
        p = code(args[0].value)
        self.ctx.replacing(original.func)
        if row == "H-19":
            self.ctx.report(row, Kind.REWRITE, f"{_short(q)}(p) -> {np}.argmax(p, axis=1)")
            return expr(f"{np}.argmax({p}, axis=1)")
        if not isinstance(args[0].value, (cst.Name, cst.Attribute, cst.Subscript)):
            return self._numpy_manual(
                original, updated, q, f"Assign the argument to a name p, then use: {recipe}."
            )
        self.ctx.report(
            row,
            Kind.WARNING,
            f"{_short(q)}(p) -> the same rule in numpy",
            "Simplify it once the width of p is known: np.argmax(p, axis=-1) for several "
            "columns, (p > 0.5).astype(int).ravel() for one.",
        )
        return expr(
            f"({np}.argmax({p}, axis=1) if {p}.ndim > 1 and {p}.shape[1] > 1 "
            f"else ({p} > 0.5).astype(int).ravel())"
        )

    def _numpy_manual(self, original: cst.Call, updated: cst.Call, q: str, todo: str) -> cst.Call:
        self.ctx.report(NUMPY_CALLS[q], Kind.MANUAL, f"{_short(q)} was removed in Keras 2", todo)
        if isinstance(original.func, cst.Name):
            self.reported.add(original.func.value)  # its import needs no second report
        return updated

    # Callback subclasses (H-01, H-02, X-220..X-222) --------------------------------------------------
    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        if not self._is_callback(original):
            return updated
        self._callbacks.add(original.name.value)
        finder = _CallbackKeys(self.ctx.target.modern, apply=False)
        original.body.visit(finder)
        if not finder.found:
            return updated
        rewriter = _CallbackKeys(self.ctx.target.modern, apply=True)
        body = updated.body.visit(rewriter)
        if len(rewriter.found) != len(finder.found):  # another pass changed the class: keep it
            return updated
        for node, (row, kind, message, todo) in zip(
            (n for n, _ in finder.found), (r for _, r in rewriter.found), strict=True
        ):
            self.ctx.report(row, kind, message, todo, node)
        return updated.with_changes(body=body)

    def _is_callback(self, node: cst.ClassDef) -> bool:
        for base in node.bases:
            q = self.ctx.qualify(base.value)
            if q is not None and q.startswith("keras.callbacks."):
                return True
            if isinstance(base.value, cst.Name) and base.value.value in self._callbacks:
                return True
        return False


def _spec_key(q: str) -> str:
    """The CALLS key of a Keras 1 name: applications and preprocess_input under one name."""
    parts = q.split(".")
    if len(parts) == 4 and parts[1] == "applications":
        if parts[3] in APPLICATIONS:
            return f"keras.applications.{parts[3]}"
        if parts[3] == "preprocess_input" and parts[2] in ("vgg16", "vgg19", "resnet50"):
            return "keras.applications.imagenet_utils.preprocess_input"
    return q


def _string_index(node: cst.Subscript) -> cst.SimpleString | None:
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    value = node.slice[0].slice.value
    return value if isinstance(value, cst.SimpleString) else None


def _with_index(node: cst.Subscript, value: cst.BaseExpression) -> cst.Subscript:
    element = node.slice[0]
    return node.with_changes(
        slice=[element.with_changes(slice=element.slice.with_changes(value=value))]
    )


def _is_self_params(node: cst.BaseExpression) -> bool:
    return (
        isinstance(node, cst.Attribute)
        and node.attr.value == "params"
        and isinstance(node.value, cst.Name)
        and node.value.value == "self"
    )


class _CallbackKeys(cst.CSTTransformer):
    """In one Callback subclass: `self.params[...]` keys, `logs['batch']`, `self.validation_data`.

    Run once over the original class body to find the places (for their positions) and once
    over the current body to rewrite them, in the same order.
    """

    def __init__(self, modern: bool, apply: bool) -> None:
        super().__init__()
        self.modern = modern
        self.apply = apply
        self.found: list[tuple[cst.CSTNode, tuple]] = []
        self.methods: list[cst.FunctionDef] = []
        self.validation_data = False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False  # a nested class is not the callback

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.methods.append(node)

    def leave_FunctionDef(self, original, updated):
        self.methods.pop()
        return updated

    def _batch_params(self) -> tuple[str, str] | None:
        """(batch, logs) parameter names inside on_batch_begin/on_batch_end."""
        if not self.methods or self.methods[-1].name.value not in BATCH_METHODS:
            return None
        params = [p.name.value for p in self.methods[-1].params.params]
        return (params[1], params[2]) if len(params) >= 3 else None

    def _found(self, original, replacement, report):
        self.found.append((original, report))
        return replacement if self.apply else original

    def _key(self, key: cst.SimpleString, receiver: cst.BaseExpression):
        """(new key or a replacement node, report) for a key read from `receiver`."""
        value = literal(key)
        if _is_self_params(receiver):
            if value in PARAMS_KEYS:
                new = PARAMS_KEYS[value]
                return _requote(key, new), (
                    "H-01",
                    Kind.REWRITE,
                    f"params['{value}'] -> params['{new}']",
                    "",
                )
            if value == "nb_sample" and self.modern:
                return _requote(key, "steps"), (
                    "X-220",
                    Kind.WARNING,
                    "params['nb_sample'] -> params['steps']",
                    "Keras 2.15 gives only epochs, steps and verbose: 'steps' counts batches "
                    "per epoch, not samples; multiply by the batch size if samples were meant.",
                )
            if value == "nb_sample":
                return _requote(key, "samples"), (
                    "H-02",
                    Kind.WARNING,
                    "params['nb_sample'] -> params['samples']",
                    "fit() sets 'samples'; fit_generator() sets 'steps' (batches) instead.",
                )
            if value in PARAMS_GONE_MODERN and self.modern:
                return None, (
                    "X-220",
                    Kind.MANUAL,
                    f"params['{value}'] does not exist in keras 2.15 callbacks",
                    "Only epochs, steps and verbose are set: pass the value to the callback's "
                    "constructor instead.",
                )
            return None
        batch = self._batch_params() if self.modern else None
        if batch is not None and isinstance(receiver, cst.Name) and receiver.value == batch[1]:
            if value == "batch":
                return cst.Name(batch[0]), (
                    "X-221",
                    Kind.WARNING,
                    f"logs['batch'] -> {batch[0]} (batch logs carry no 'batch' key in keras 2.15)",
                    "The batch index is the method's first argument.",
                )
            if value == "size":
                return None, (
                    "X-221",
                    Kind.MANUAL,
                    "logs['size'] does not exist in keras 2.15 batch logs",
                    "Pass the batch size to the callback's constructor.",
                )
        return None

    def leave_Subscript(self, original: cst.Subscript, updated: cst.Subscript):
        key = _string_index(original)
        result = self._key(key, original.value) if key is not None else None
        if result is None:
            return updated
        new, report = result
        if new is None:
            return self._found(original, updated, report)
        if isinstance(new, cst.SimpleString):
            return self._found(original, _with_index(updated, new), report)
        return self._found(original, new, report)

    def leave_Call(self, original: cst.Call, updated: cst.Call):
        func = original.func
        if not (
            isinstance(func, cst.Attribute)
            and func.attr.value == "get"
            and original.args
            and isinstance(original.args[0].value, cst.SimpleString)
        ):
            return updated
        result = self._key(original.args[0].value, func.value)
        if result is None:
            return updated
        new, report = result
        if new is None:
            return self._found(original, updated, report)
        if isinstance(new, cst.SimpleString):
            first = updated.args[0].with_changes(value=new)
            return self._found(
                original, updated.with_changes(args=[first, *updated.args[1:]]), report
            )
        return self._found(original, new, report)

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        if (
            self.modern
            and not self.validation_data
            and original.attr.value == "validation_data"
            and isinstance(original.value, cst.Name)
            and original.value.value == "self"
        ):
            self.validation_data = True
            return self._found(
                original,
                updated,
                (
                    "X-222",
                    Kind.MANUAL,
                    "self.validation_data is None in keras 2.15 callbacks",
                    "Pass (x_val, y_val) to the callback's constructor and use those.",
                ),
            )
        return updated
