"""What a pass sees of the file it works on: names, position in the tree, findings, imports."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import libcst as cst

from .findings import Finding, Kind
from .names import Names, canonical

# Functions that receive raw backend tensors, by how Keras 1 code hands them over: given to
# Lambda, used as a callable merge mode, or passed as a loss or metric.
_RAW_FUNCTION_USES = re.compile(
    r"\b(?:Lambda\(\s*|mode\s*=\s*|loss\s*=\s*|metrics\s*=\s*\[?\s*)([A-Za-z_]\w*)"
)


# Spellings that exist only in Keras 1 code. A file with none of them is taken as Keras 2, and
# calls whose Keras 1 and Keras 2 readings are both possible (`Dense(64, 'relu')`) stay as they are.
_KERAS1_MARKS = re.compile(
    r"\b(?:nb_epoch|nb_filter|border_mode|subsample(?:_length)?|dim_ordering|output_dim|"
    r"[WbU]_(?:regularizer|constraint)|init\s*=|inner_(?:init|activation)|dropout_[WU]|"
    r"consume_less|forget_bias_init|samples_per_epoch|nb_val_samples|val_samples|merge\(|"
    r"Merge\(|Convolution[123]D|Deconvolution2D|Atrous\w+|TimeDistributedDense|"
    r"image_dim_ordering|get_output_shape_for|nb_classes|nb_words|pool_length|filter_length|"
    r"nb_row|nb_col|input\s*=|output\s*=|topology|initializations|objectives|visualize_util|"
    r"show_accuracy|max_q_size|nb_worker|pickle_safe|beta_init|gamma_init|_keras_shape|"
    r"kernel_dim[123]|atrous_rate)"
)


# receivers that only a Keras model has methods for
_MODEL_USES = re.compile(r"\b(\w+)\.(?:compile|fit_generator|predict_classes|summary|to_json)\(")


@dataclass(frozen=True)
class Target:
    """The Keras 2 version the output must run on."""

    name: str
    version: tuple[int, int]
    package: str = "keras"  # the import name: keras, or tf_keras

    @property
    def modern(self) -> bool:
        return self.version >= (2, 4)


TARGETS = {
    "2.15": Target("2.15", (2, 15)),
    "tf-keras": Target("tf-keras", (2, 16), "tf_keras"),
    "2.2": Target("2.2", (2, 2)),
    "2.1": Target("2.1", (2, 1)),
    "2.0": Target("2.0", (2, 0)),
}
DEFAULT_TARGET = "2.15"


@dataclass
class Options:
    target: Target = TARGETS[DEFAULT_TARGET]
    image_dim_ordering: str = "tf"  # the Keras 1 project's ordering: "th" or "tf"
    ordering_source: str = "Keras 1.2.2 default"


@dataclass
class _Report:
    node: cst.CSTNode
    pass_id: str
    row: str
    kind: Kind
    message: str
    todo: str


@dataclass
class Context:
    path: str
    source: str
    options: Options = field(default_factory=Options)
    names: Names = field(default_factory=Names)
    raw_depth: int = 0  # > 0 inside code that works on raw backend tensors
    class_depth: int = 0
    target_depth: int = 0  # > 0 inside an assignment target
    call_nodes: list = field(
        default_factory=list
    )  # enclosing calls (original nodes), outermost first
    changed: bool = False
    current: cst.CSTNode | None = None  # the original node whose hooks are running
    current_pass: str = ""
    reports: list[_Report] = field(default_factory=list)
    needed: dict[tuple[str, str], str] = field(default_factory=dict)  # (module, name) -> local
    replaced: set[str] = field(default_factory=set)  # local names whose uses passes removed
    pass_ids: frozenset[str] = frozenset()  # the passes of this migration
    successors: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # old -> new
    data_format_name: str | None = None  # module constant with a th project's data_format
    aliases: set[tuple[str, str, str]] = field(default_factory=set)  # more (module, name, local)
    obsolete: dict[str, cst.CSTNode] = field(default_factory=dict)  # gone names -> their import
    # (pass id, fn): fn(module, names the output reads) -> module, run once the code is made
    finishers: list = field(default_factory=list)
    may_report: list = field(default_factory=list)  # nodes finishers may report on

    def __post_init__(self) -> None:
        self.raw_functions = set(_RAW_FUNCTION_USES.findall(self.source))
        self.model_names = set(_MODEL_USES.findall(self.source))
        self._keras1_file: bool | None = None

    @property
    def keras1_file(self) -> bool:
        """Whether the file shows any spelling that only Keras 1 had."""
        if self._keras1_file is None:
            self._keras1_file = _KERAS1_MARKS.search(self.source) is not None
        return self._keras1_file

    def has_pass(self, pass_id: str) -> bool:
        return pass_id in self.pass_ids

    @property
    def target(self) -> Target:
        return self.options.target

    @property
    def raw(self) -> bool:
        """True inside a layer's `call`, a function given to Lambda, a loss or a metric."""
        return self.raw_depth > 0

    def enclosing_call(self) -> cst.Call | None:
        """The innermost call whose arguments contain the node being left."""
        return self.call_nodes[-1] if self.call_nodes else None

    def qualify(self, node: cst.BaseExpression) -> str | None:
        return self.names.qualify(node)

    def report(
        self, row: str, kind: Kind, message: str, todo: str = "", node: cst.CSTNode | None = None
    ) -> None:
        self.reports.append(
            _Report(node or self.current, self.current_pass, row, kind, message, todo)
        )

    def replacing(self, callee: cst.BaseExpression) -> None:
        """Note that a Keras 1 name is used once less, so its import may go."""
        head = callee
        while isinstance(head, cst.Attribute):
            head = head.value
        if isinstance(head, cst.Name):
            self.replaced.add(head.value)

    def ref(self, qualname: str, like: cst.BaseExpression | None = None) -> cst.BaseExpression:
        """An expression naming the Keras 2 object `qualname` (e.g. 'keras.layers.concatenate').

        Reuses a local name already bound to it, else the module prefix of `like` (the callee
        being replaced, e.g. `layers.merge`) when that prefix is the same module, else imports
        the bare name (under an alias if the name is taken in this file).
        """
        module, _, name = qualname.rpartition(".")
        for scope in reversed(self.names.stack):
            for local, target in scope.imports.items():
                if canonical(target) == qualname and self.names.lookup(local) == target:
                    return cst.Name(local)
        if isinstance(like, cst.Attribute) and self.names.qualify(like.value, raw=True) == module:
            return like.with_changes(attr=cst.Name(name))
        if isinstance(like, cst.Name):
            following = self.successors.setdefault(like.value, [])
            if (module, name) not in following:
                following.append((module, name))
        local = self.needed.get((module, name))
        if local is not None and not self.names.bound_anywhere(local):
            return cst.Name(local)
        local = self.free_name(name)
        if (module, name) in self.needed:  # the first local name is taken here: one more alias
            self.aliases.add((module, name, local))
        else:
            self.needed[(module, name)] = local
        return cst.Name(local)

    def free_name(self, name: str) -> str:
        """`name`, or `keras_name`, ... : the first not bound in the scopes at this point."""
        local = name
        while self.names.bound_anywhere(local) or local in self.raw_functions:
            local = f"keras_{local}"
        return local

    def backend(self) -> cst.BaseExpression:
        """An expression naming the Keras backend module (normally `K`)."""
        for scope in reversed(self.names.stack):
            for local, target in scope.imports.items():
                if target == "keras.backend" and self.names.lookup(local) == target:
                    return cst.Name(local)
        if ("keras", "backend") not in self.needed:
            local = "K" if not self.names.bound_anywhere("K") else "keras_backend"
            self.needed[("keras", "backend")] = local
        return cst.Name(self.needed[("keras", "backend")])

    def findings(self, positions: dict) -> list[Finding]:
        """The reports as findings; `positions` maps nodes to (line, 0-based column)."""
        out = []
        for r in self.reports:
            line, col = positions.get(r.node, (0, -1))
            col += 1
            out.append(Finding(line, col, r.pass_id, r.row, r.kind, r.message, r.todo, self.path))
        return sorted(set(out))
