"""Build a migrated sample under keras 2.15, load the converted Keras 1 weights, predict.

Runs inside the keras2 environment:

    python runner_keras2.py MIGRATED.py OUT_DIR TIMEOUT

It builds the model, then waits up to TIMEOUT seconds for OUT_DIR/keras1.json and
keras1.npz from runner_keras1.py. Writes OUT_DIR/keras2.json: the structure of the Keras 2
model and, when the weights could be moved across, how far each prediction is from the
Keras 1 one.
"""

import importlib.util
import json
import sys
import time
import traceback
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from layers import pair_layers  # noqa: E402
from weights import convert  # noqa: E402

RTOL = 1e-3
ATOL = 1e-4


def load(path):
    spec = importlib.util.spec_from_file_location("keras2_sample", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def jsonable(value):
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return None if value is None else int(value)  # shapes may hold numpy integers


def output_shape(layer):
    try:
        return jsonable(layer.output_shape)
    except Exception:  # a shared layer with differently shaped nodes
        nodes = range(len(layer.inbound_nodes))
        return [jsonable(layer.get_output_shape_at(i)) for i in nodes]


def keras_class(layer):
    """The layer's class; a `Keras1<Name>` class the migration defined in the file stands for
    the Keras 1 layer it reproduces (Keras1Highway for Highway)."""
    name = type(layer).__name__
    return name[len("Keras1") :] if name.startswith("Keras1") else name


def describe(layer):
    record = {"class": keras_class(layer), "name": layer.name}
    inner = getattr(layer, "layer", None)  # TimeDistributed, Bidirectional
    if inner is not None and hasattr(inner, "get_weights"):
        record["inner"] = describe(inner)
    return record


def leaves(model, seen=None):
    import keras

    seen = set() if seen is None else seen
    found = []
    for layer in model.layers:
        if id(layer) in seen or type(layer).__name__ == "InputLayer":
            continue
        seen.add(id(layer))
        found += leaves(layer, seen) if isinstance(layer, keras.Model) else [layer]
    return found


def as_list(value):
    return value if isinstance(value, list) else [value]


def compare(expected, actual, declared):
    """How far one Keras 2 prediction is from the Keras 1 one."""
    # Keras 1 merge mode 'cos' declares (batch, 1) but returns (batch, 1, 1): its
    # declared shape is the one a migration has to meet.
    want = [expected.shape[0]] + list(declared[1:])
    if list(expected.shape) != want and None not in want and expected.size == np.prod(want):
        expected = expected.reshape(want)
    result = {"keras1_shape": list(expected.shape), "keras2_shape": list(actual.shape)}
    if expected.shape != actual.shape:
        return result
    diff = np.abs(actual.astype("float64") - expected.astype("float64"))
    bad = ~np.isclose(actual, expected, rtol=RTOL, atol=ATOL)
    result.update(
        max_abs_diff=float(np.nanmax(diff)) if np.isfinite(diff).any() else None,
        mismatched=int(bad.sum()),
        size=int(bad.size),
        nan=bool(np.isnan(actual).any() or np.isnan(expected).any()),
    )
    return result


def wait_for_keras1(out_dir, timeout):
    """The harness starts this runner beside the Keras 1 one, so TensorFlow's slow import
    overlaps Theano's work; keras1.json appears (atomically) when that one is done."""
    path = Path(out_dir) / "keras1.json"
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"no {path.name} after {timeout} s")
        time.sleep(0.1)
    return json.loads(path.read_text())


def build(source):
    import keras

    keras.backend.set_image_data_format("channels_last")
    model = load(source).build()
    layers = leaves(model)
    records = []
    for layer in layers:
        record = describe(layer)
        record.update(
            output_shape=output_shape(layer),
            params=int(layer.count_params()),
            weight_shapes=[list(w.shape) for w in layer.get_weights()],
        )
        records.append(record)
    report = {
        "keras": keras.__version__,
        "layers": records,
        "input_shapes": jsonable(as_list(model.input_shape)),
        "output_shapes": jsonable(as_list(model.output_shape)),
        "params": int(model.count_params()),
    }
    return model, layers, report


def predict(model, layers, report, k1, data):
    """Move the Keras 1 weights across, predict on the Keras 1 inputs, compare."""
    records = report["layers"]
    pairs, lonely1, lonely2 = pair_layers(k1["layers"], records)
    if lonely1 or lonely2:
        report["weights_error"] = "the layers do not pair up, so no weights were moved"
        return
    for i, j in pairs:
        arrays = [data[f"w{i}_{n}"] for n in range(len(k1["layers"][i]["weight_shapes"]))]
        try:
            converted = convert(k1["layers"][i], arrays)
            shapes = [list(w.shape) for w in converted]
            if shapes != records[j]["weight_shapes"]:
                raise ValueError(f"converted shapes {shapes} vs {records[j]['weight_shapes']}")
            layers[j].set_weights(converted)
        except Exception as exc:
            report["weights_error"] = f"{records[j]['name']}: {exc}"
            return

    inputs = [data[f"in_{k}"] for k in range(len(k1["input_shapes"]))]
    feed = inputs if len(inputs) > 1 else inputs[0]
    outputs = as_list(model.predict(feed, batch_size=len(inputs[0]), verbose=0))
    declared = k1["output_shapes"]
    report["predictions"] = [
        compare(data[f"out_{k}"], y, declared[k]) if k < len(declared) else None
        for k, y in enumerate(outputs)
    ]


def main():
    source, out_dir, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
    try:
        model, layers, report = build(source)
        k1 = wait_for_keras1(out_dir, timeout)
        if "error" not in k1:
            predict(model, layers, report, k1, np.load(Path(out_dir) / "keras1.npz"))
    except Exception:
        report = {"error": traceback.format_exc()}
    (Path(out_dir) / "keras2.json").write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
