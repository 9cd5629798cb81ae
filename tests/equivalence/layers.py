"""Normalised layer classes and the pairing of Keras 1 layers with their Keras 2 twins.

Plain Python: used by the Keras 2 runner (inside its environment) and by the comparison.
A layer record is a dict written by a runner: at least "class", and for Keras 1 merges
"mode", for wrappers "inner" (the wrapped layer's record).
"""

from __future__ import annotations

import re

# Keras 1 class -> Keras 2 class, where the name changed.
RENAMED = {
    "Convolution1D": "Conv1D",
    "AtrousConvolution1D": "Conv1D",
    "Convolution2D": "Conv2D",
    "AtrousConvolution2D": "Conv2D",
    "Convolution3D": "Conv3D",
    "Deconvolution2D": "Conv2DTranspose",
    "SeparableConvolution2D": "SeparableConv2D",
}

# Keras 1 Merge mode -> the Keras 2 layer classes a faithful migration may produce.
# 'cos' may also become a Lambda with the Keras 1 formula; a callable may become
# Subtract or Minimum when it computes exactly that.
MERGE_MODES = {
    "concat": ("Concatenate",),
    "sum": ("Add",),
    "mul": ("Multiply",),
    "ave": ("Average",),
    "max": ("Maximum",),
    "dot": ("Dot",),
    "cos": ("Dot", "Lambda"),
    "callable": ("Lambda", "Subtract", "Minimum"),
}


def keras1_classes(record: dict) -> tuple[str, ...]:
    """Keras 2 classes that may stand for this Keras 1 layer, the usual one first."""
    cls = record["class"]
    if cls == "Merge":
        return MERGE_MODES.get(record.get("mode") or "sum", (f"Merge({record.get('mode')})",))
    if cls == "TimeDistributedDense":
        return ("TimeDistributed(Dense)",)
    if record.get("inner") is not None:
        return tuple(f"{cls}({inner})" for inner in keras1_classes(record["inner"]))
    return (RENAMED.get(cls, cls),)


def keras2_class(record: dict) -> str:
    if record.get("inner") is not None:
        return f"{record['class']}({keras2_class(record['inner'])})"
    return record["class"]


def explicit_name(record: dict) -> bool:
    """False for the names Keras 1 makes up itself: '<class in lower case>_<n>'."""
    return not re.fullmatch(re.escape(record["class"].lower()) + r"_\d+", record["name"])


def pair_layers(
    k1: list[dict], k2: list[dict]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair Keras 1 layers with Keras 2 layers by normalised class.

    Three rounds, each in model order and taking the first unpaired Keras 2 layer that
    fits: a Keras 1 layer that was given a name pairs with the Keras 2 layer of that name;
    then with a layer of its class (or an alternative) with the same output shape and
    parameter count, which pairs parallel branches that the two versions list in a
    different order (Keras 1 expands merged Sequential branches one after the other,
    Keras 2 lists a functional model by depth); then with any layer of its class, so a
    wrong migration still pairs up and shows its differences.
    Returns (index pairs, unpaired Keras 1 indices, unpaired Keras 2 indices).
    """
    classes = [keras2_class(r) for r in k2]
    partner: dict[int, int] = {}

    def named(a, b):
        return explicit_name(a) and a["name"] == b["name"]

    def alike(a, b):
        return a["output_shape"] == b["output_shape"] and a["params"] == b["params"]

    for fits in (named, alike, lambda a, b: True):
        for i, record in enumerate(k1):
            if i in partner:
                continue
            wanted = keras1_classes(record)
            free = [j for j in range(len(k2)) if j not in partner.values()]
            for cls in wanted:
                j = next((j for j in free if classes[j] == cls and fits(record, k2[j])), None)
                if j is not None:
                    partner[i] = j
                    break
    lonely1 = [i for i in range(len(k1)) if i not in partner]
    lonely2 = [j for j in range(len(k2)) if j not in partner.values()]
    return sorted(partner.items()), lonely1, lonely2
