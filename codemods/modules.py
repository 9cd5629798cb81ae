"""Keras 1 module paths -> the public Keras 2 modules (catalogue §11; modern.md X-101..X-108).

Keras 1 code imported layers from their implementation modules (`keras.layers.convolutional`,
`keras.engine.topology`, `keras.backend.tensorflow_backend`). Keras 2.15 exports every layer
from `keras.layers` and no longer has those modules, so the import itself fails. For the
`tf-keras` target every Keras import is spelled `tf_keras`.

    from keras.layers.convolutional import Convolution2D   ->  from keras.layers import Convolution2D
    from keras.engine.topology import Layer, InputSpec      ->  from keras.layers import Layer, InputSpec
    from keras.backend.common import image_dim_ordering     ->  from keras.backend import image_dim_ordering
    import keras.layers.core as core                        ->  import keras.layers as core
    keras.layers.core.Dense(8)                              ->  keras.layers.Dense(8)

(The layer passes then rename the imported classes themselves.)
"""

from __future__ import annotations

import re

import libcst as cst

from migrate.cstutil import join
from migrate.findings import Kind
from migrate.names import bound_name, canonical, dotted
from migrate.passes import Pass

from .data.modules import (
    ENGINE_MODULES,
    ENGINE_NAMES,
    FOREIGN_MODULES,
    KERAS2_MODULES,
    MANUAL_NAMES,
    MOVES,
    OBSOLETE,
    REMOVED_MODULES,
    RENAMED_ALIASES,
)


class ModulesPass(Pass):
    id = "modules"
    summary = (
        "Keras 1 module paths (keras.layers.core, keras.engine.topology, ...) -> public modules"
    )
    rows = (
        "I-01",
        "I-02",
        "I-03",
        "I-04",
        "I-05",
        "I-06",
        "I-07",
        "I-08",
        "I-09",
        "I-10",
        "I-21",
        "I-22",
        "I-23",
        "I-24",
        "I-25",
        "I-26",
        "I-27",
        "I-29",
        "X-101",
        "X-102",
        "X-103",
        "X-106",
        "X-108",
        "L-29",
    )
    explanation = __doc__

    def leave_SimpleStatementLine(self, original, updated):
        self._obsolete(original)
        for small in original.body:
            module = dotted(small.module) if isinstance(small, cst.ImportFrom) and small.module else ""
            if module in FOREIGN_MODULES and not small.relative:
                row, todo = FOREIGN_MODULES[module]
                self.ctx.report(row, Kind.MANUAL, f"{module} is in neither Keras 1.2.2 nor Keras 2", todo)
        if not self.ctx.target.modern:
            return updated  # Keras 2.0-2.2 still have these modules
        body: list = []
        changed = False
        for small in updated.body:
            new = self._statement(small)
            changed |= new is not small
            body.extend(new if isinstance(new, list) else [new])
        if not changed:
            return updated
        if len(body) == len(updated.body):
            return updated.with_changes(body=body)
        # one import split into several (names going to different modules): one line each
        return cst.FlattenSentinel(
            [
                updated.with_changes(
                    body=[s.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)],
                    leading_lines=updated.leading_lines if i == 0 else [],
                )
                for i, s in enumerate(body)
            ]
        )

    def _obsolete(self, stmt: cst.SimpleStatementLine) -> None:
        """Imports of Keras 1 names the target lacks: the import goes once nothing uses it."""
        target = self.ctx.target
        gone = OBSOLETE.get(
            "modern" if target.modern else "2.2" if target.version >= (2, 2) else ""
        )
        if not gone:
            return
        for small in stmt.body:
            if not isinstance(small, cst.ImportFrom) or isinstance(small.names, cst.ImportStar):
                continue
            module = dotted(small.module) or "" if not small.relative else ""
            for alias in small.names:
                local = bound_name(alias)
                full = canonical(f"{module}.{dotted(alias.name)}")
                if full in gone:  # names of gone modules are moved by the utilities pass
                    self.ctx.obsolete[local] = small
                    self.ctx.replaced.add(local)
                elif full in RENAMED_ALIASES and target.modern:
                    self.ctx.replaced.add(local)  # still exported, but the old spelling

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        name = self.ctx.names.qualify(original.func, raw=True) or ""
        module = name.rpartition(".")[0]
        if module in FOREIGN_MODULES:
            row, todo = FOREIGN_MODULES[module]
            self.ctx.report(row, Kind.MANUAL, f"{name.rpartition('.')[2]} comes from {module}", todo)
        return updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute):
        """keras.layers.core.Dense -> keras.layers.Dense (the module part of a dotted use)."""
        if self.ctx.target_depth or not self.ctx.target.modern:
            return updated
        raw = self.ctx.names.qualify(updated, raw=True)
        if raw is None or raw not in MOVES or raw in KERAS2_MODULES:  # keras.layers.merge(...)
            return updated
        local = (dotted(updated) or "").split(".")[0]
        base = self.ctx.names.lookup(local) or ""
        target = MOVES[raw]
        if not target.startswith(base):
            return updated
        self.ctx.report(_row(raw), Kind.REWRITE, f"{raw} -> {target}")
        return cst.parse_expression(local + target[len(base) :])

    # import statements -------------------------------------------------------------------
    def _statement(self, small):
        if isinstance(small, cst.ImportFrom) and not small.relative and small.module is not None:
            return self._import_from(small)
        if isinstance(small, cst.Import):
            return self._import(small)
        return small

    def _import(self, node: cst.Import):
        names = []
        changed = False
        for alias in node.names:
            full = dotted(alias.name) or ""
            target = MOVES.get(full, full)
            if alias.asname is not None and target != full:
                self.ctx.report(_row(full), Kind.REWRITE, f"import {full} -> import {target}")
                alias = alias.with_changes(name=cst.parse_expression(target))
                changed = True
            alias, respelled = self._package(alias, full)
            changed |= respelled
            names.append(alias)
        return node.with_changes(names=names) if changed else node

    def _package(self, alias: cst.ImportAlias, full: str):
        """`import keras...` for the tf-keras target (X-101)."""
        package = self.ctx.target.package
        if package == "keras" or full.split(".")[0] != "keras":
            return alias, False
        spelled = package + (dotted(alias.name) or "")[len("keras") :]
        if alias.asname is None:
            alias = alias.with_changes(
                name=cst.parse_expression(package),
                asname=cst.AsName(name=cst.Name("keras")),
            )
        else:
            alias = alias.with_changes(name=cst.parse_expression(spelled))
        self.ctx.report("X-101", Kind.REWRITE, f"import {full} -> {package}")
        return alias, True

    def _import_from(self, node: cst.ImportFrom):
        module = dotted(node.module) or ""
        if module.split(".")[0] != "keras":
            return node
        if module in REMOVED_MODULES:
            row, why = REMOVED_MODULES[module]
            self.ctx.report(row, Kind.MANUAL, f"{module} does not exist in Keras 2", why)
            return node
        if isinstance(node.names, cst.ImportStar):
            return self._respell(node, MOVES.get(module, module), module)
        self._manual_names(module, node.names)
        if module in ENGINE_MODULES:
            return self._split_engine(node, module)
        submodules = [  # `from keras.layers import merge` is Keras 1's function, not the module
            a for a in node.names if f"{module}.{a.name.value}" in MOVES.keys() - KERAS2_MODULES
        ]
        if submodules:  # from keras.layers import core  ->  from keras import layers as core
            return self._submodule_aliases(node, module)
        return self._respell(node, MOVES.get(module, module), module)

    def _respell(self, node: cst.ImportFrom, target: str, module: str):
        package = self.ctx.target.package
        spelled = package + target[len("keras") :]
        if spelled == module:
            return node
        if target != module:
            self.ctx.report(_row(module), Kind.REWRITE, f"from {module} -> from {target}")
        if package != "keras":
            self.ctx.report("X-101", Kind.REWRITE, f"from {target} -> from {spelled}")
        return node.with_changes(module=cst.parse_expression(spelled))

    def _manual_names(self, module: str, names) -> None:
        for alias in names:
            name = alias.name.value if isinstance(alias.name, cst.Name) else ""
            found = MANUAL_NAMES.get((module, name)) or MANUAL_NAMES.get((module, "*"))
            if found and (module, name) not in ENGINE_NAMES_KEYS:
                row, why = found
                local = bound_name(alias)
                if len(re.findall(rf"\b{re.escape(local)}\b", self.ctx.source)) == 1:
                    # imported and never used: the import alone would raise ImportError
                    self.ctx.replacing(cst.Name(local))
                    self.ctx.report(
                        row, Kind.REWRITE, f"dropped the unused import of {module}.{name}"
                    )
                    continue
                self.ctx.report(
                    row, Kind.MANUAL, f"{module}.{name} has no public Keras 2 equivalent", why
                )

    def _split_engine(self, node: cst.ImportFrom, module: str):
        """keras.engine[.topology|.training] names go to keras.layers / keras.models / keras.utils."""
        groups: dict[str, list[cst.ImportAlias]] = {}
        for alias in node.names:
            name = alias.name.value if isinstance(alias.name, cst.Name) else ""
            target, new_name = ENGINE_NAMES.get(name, (module, name))
            if new_name != name:
                asname = alias.asname or cst.AsName(name=cst.Name(name))
                alias = alias.with_changes(name=cst.Name(new_name), asname=asname)
                self.ctx.report(
                    "X-103",
                    Kind.WARNING,
                    f"{module}.{name} -> {target}.{new_name}",
                    "Container was the base of Model; a functional Model does what it did.",
                )
            groups.setdefault(target, []).append(alias)
        if list(groups) == [module]:
            return node
        out = []
        for target, aliases in groups.items():
            self.ctx.report("I-22", Kind.REWRITE, f"from {module} -> from {target}")
            stmt = node.with_changes(
                module=cst.parse_expression(target), names=join(aliases, list(node.names))
            )
            out.append(self._respell(stmt, target, target))
        return out[0] if len(out) == 1 else out

    def _submodule_aliases(self, node: cst.ImportFrom, module: str):
        out = []
        rest = []
        for alias in node.names:
            full = f"{module}.{alias.name.value}"
            if full in MOVES and full not in KERAS2_MODULES:  # keras.layers.merge: the function
                parent, _, name = MOVES[full].rpartition(".")
                local = alias.asname or cst.AsName(name=cst.Name(alias.name.value))
                self.ctx.report(_row(full), Kind.REWRITE, f"{full} -> {MOVES[full]}")
                out.append(
                    cst.ImportFrom(
                        module=cst.parse_expression(parent),
                        names=[cst.ImportAlias(name=cst.Name(name), asname=local)],
                    )
                )
            else:
                rest.append(alias)
        if rest:
            out.insert(0, node.with_changes(names=join(rest, list(node.names))))
        return [self._respell(s, dotted(s.module), dotted(s.module)) for s in out]


ENGINE_NAMES_KEYS = {(m, n) for m in ENGINE_MODULES for n in ENGINE_NAMES}


def _row(module: str) -> str:
    if module.startswith("keras.backend"):
        return "X-106"
    if module.startswith("keras.engine"):
        return "I-22"
    return "X-102"
