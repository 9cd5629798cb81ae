"""Compare the reports of the two runners and give a verdict."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layers import keras1_classes, keras2_class, pair_layers

EXCEPTION = re.compile(r"[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b")


@dataclass
class Verdict:
    differences: list[str] = field(default_factory=list)
    max_abs_diff: float | None = None  # over all predictions, when they were compared
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (Keras 1, Keras 2) names
    keras1: dict = field(default_factory=dict, repr=False)  # the runners' reports
    keras2: dict = field(default_factory=dict, repr=False)
    # wall time until the Keras 1 runner was done ("keras1") and both were ("both")
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def equal(self) -> bool:
        return not self.differences

    def __str__(self) -> str:
        head = "equivalent" if self.equal else f"{len(self.differences)} difference(s)"
        lines = [f"{head}; {len(self.pairs)} layer pairs; max abs diff {self.max_abs_diff}"]
        lines += [f"  - {d}" for d in self.differences]
        return "\n".join(lines)


def error_line(trace: str) -> str:
    """The exception of a traceback on one line. Keras 2 messages run over several lines
    and end with a list of call arguments, so start at the last line that names an
    exception and stop before that list."""
    lines = trace.strip().splitlines()
    starts = [i for i, line in enumerate(lines) if EXCEPTION.match(line)]
    message = lines[starts[-1] if starts else -1 :]
    message = message[: next((i for i, m in enumerate(message) if m.startswith("Call arg")), None)]
    return " ".join(m.strip() for m in message if m.strip())[:500]


def _label(record: dict, cls: str) -> str:
    return f"{record['name']} ({cls})"


def compare_reports(k1: dict, k2: dict) -> Verdict:
    verdict = Verdict(keras1=k1, keras2=k2)
    diffs = verdict.differences
    for side, report in (("Keras 1", k1), ("Keras 2", k2)):
        if "error" in report:
            diffs.append(f"{side} run failed: {error_line(report['error'])}")
    if diffs:
        return verdict

    l1, l2 = k1["layers"], k2["layers"]
    pairs, lonely1, lonely2 = pair_layers(l1, l2)
    for i, j in pairs:
        a, b = l1[i], l2[j]
        name = f"{_label(a, a['class'])} -> {_label(b, keras2_class(b))}"
        verdict.pairs.append((a["name"], b["name"]))
        if a["output_shape"] != b["output_shape"]:
            diffs.append(f"{name}: output shape {a['output_shape']} vs {b['output_shape']}")
        if a["params"] != b["params"]:
            diffs.append(f"{name}: {a['params']} vs {b['params']} parameters")
    for i in lonely1:
        cls, want = l1[i]["class"], "/".join(keras1_classes(l1[i]))
        label = _label(l1[i], cls if cls == want else f"{cls}, in Keras 2 {want}")
        diffs.append(f"Keras 1 layer {label} has no Keras 2 counterpart")
    for j in lonely2:
        diffs.append(
            f"Keras 2 layer {_label(l2[j], keras2_class(l2[j]))} has no Keras 1 counterpart"
        )
    for key, what in (
        ("input_shapes", "model input shapes"),
        ("output_shapes", "model output shapes"),
        ("params", "total parameters"),
    ):
        if k1[key] != k2[key]:
            diffs.append(f"{what}: {k1[key]} vs {k2[key]}")

    if "weights_error" in k2:
        diffs.append(f"predictions not compared: {k2['weights_error']}")
        return verdict
    worst = []
    for k, p in enumerate(k2["predictions"]):
        if p is None:
            continue  # an extra output, already reported with the model output shapes
        if p["keras1_shape"] != p["keras2_shape"]:
            diffs.append(f"output {k}: prediction shape {p['keras1_shape']} vs {p['keras2_shape']}")
            continue
        if p["max_abs_diff"] is not None:
            worst.append(p["max_abs_diff"])
        if p["nan"]:
            diffs.append(f"output {k}: NaN in a prediction")
        elif p["mismatched"]:
            diffs.append(
                f"output {k}: {p['mismatched']} of {p['size']} values differ "
                f"(max abs diff {p['max_abs_diff']:.3g})"
            )
    verdict.max_abs_diff = max(worst) if worst else None
    return verdict
