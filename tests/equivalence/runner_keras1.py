"""Build a Keras 1 sample under Keras 1.2.2 (Theano), set seeded weights, predict.

Runs inside the keras1 environment, started by the harness with KERAS_BACKEND=theano and
a HOME whose keras.json sets the image dim ordering:

    python runner_keras1.py SAMPLE.py OUT_DIR

Writes OUT_DIR/keras1.json (structure, or {"error": ...}) and OUT_DIR/keras1.npz
(inputs in_<k>, predictions out_<k>, weights w<layer>_<array>).
"""

import importlib.util
import json
import sys
import traceback
from pathlib import Path

import numpy as np

SEED = 1234
BATCH = 3
FREE_DIM = 6  # stands in for None in an input shape (e.g. variable sequence length)
MAX_INDEX = 10  # integer inputs of an Embedding are drawn from [0, min(MAX_INDEX, input_dim))


def patch_theano():
    import theano.ifelse  # noqa: F401  Keras 1 uses theano.ifelse without importing it
    from theano.tensor.blas import BatchedDot

    # With blas.ldflags empty, BatchedDot's C code fails to load (undefined dgemm_);
    # its Python implementation is correct, so force it.
    make_thunk = BatchedDot.make_thunk

    def py_thunk(self, node, storage_map, compute_map, no_recycling, impl=None):
        return make_thunk(self, node, storage_map, compute_map, no_recycling, impl="py")

    BatchedDot.make_thunk = py_thunk


def load(path):
    sys.path.insert(0, str(Path(path).resolve().parent))
    spec = importlib.util.spec_from_file_location("keras1_sample", path)
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
        return [jsonable(layer.get_output_shape_at(i)) for i in range(len(layer.inbound_nodes))]


def describe(layer):
    cls = type(layer).__name__
    record = {"class": cls, "name": layer.name}
    if cls == "Merge":
        record["mode"] = "callable" if callable(layer.mode) else layer.mode
    inner = getattr(layer, "layer", None)  # TimeDistributed, Bidirectional
    if inner is not None and hasattr(inner, "get_weights"):
        record["inner"] = describe(inner)
    if hasattr(layer, "dim_ordering"):
        record["dim_ordering"] = layer.dim_ordering
    return record


def leaves(model, seen=None):
    """Layers of `model`, nested models expanded, InputLayers left out, each once."""
    from keras.engine.topology import Container

    seen = set() if seen is None else seen
    found = []
    for layer in model.layers:
        if id(layer) in seen or type(layer).__name__ == "InputLayer":
            continue
        seen.add(id(layer))
        if isinstance(layer, Container):
            found += leaves(layer, seen)
            continue
        # A Merge of Sequential branches holds the branch models; they are not in
        # model.layers themselves.
        for branch in getattr(layer, "layers", None) or []:
            if isinstance(branch, Container) and id(branch) not in seen:
                seen.add(id(branch))
                found += leaves(branch, seen)
        found.append(layer)
    return found


def random_weights(layer, rng):
    arrays = layer.get_weights()
    if type(layer).__name__ == "BatchNormalization":
        gamma, beta, mean, var = arrays
        return [
            1 + 0.2 * rng.standard_normal(gamma.shape),
            0.2 * rng.standard_normal(beta.shape),
            0.2 * rng.standard_normal(mean.shape),
            rng.uniform(0.5, 1.5, var.shape),  # a variance: must be positive
        ]
    # Keep the scale Keras initialised with; biases start at 0, so give them some.
    return [
        ((float(a.std()) or 0.2) * rng.standard_normal(a.shape)).astype(a.dtype) for a in arrays
    ]


def integer_inputs(model, layers):
    """Indices of model inputs that must hold integers, and the exclusive upper bound."""
    embeddings = [layer for layer in layers if type(layer).__name__ == "Embedding"]
    high = min([MAX_INDEX] + [e.input_dim for e in embeddings])
    feeding = set()
    for e in embeddings:
        for node in e.inbound_nodes:
            feeding.update(id(t) for t in node.input_tensors)
    ints = {
        k
        for k, x in enumerate(model.inputs)
        if id(x) in feeding or str(x.dtype).startswith(("int", "uint"))
    }
    return ints, high


def as_list(value):
    return value if isinstance(value, list) else [value]


def run(sample, out_dir):
    np.random.seed(SEED)  # anything random inside build() is repeatable
    patch_theano()
    from keras import backend as K

    module = load(sample)
    model = module.build()
    layers = leaves(model)
    rng = np.random.RandomState(SEED)
    arrays = {}
    records = []
    for i, layer in enumerate(layers):
        weights = random_weights(layer, rng)
        layer.set_weights(weights)
        for j, w in enumerate(weights):
            arrays[f"w{i}_{j}"] = w
        record = describe(layer)
        record.update(
            output_shape=output_shape(layer),
            params=int(layer.count_params()),
            weight_shapes=[list(w.shape) for w in weights],
        )
        records.append(record)

    ints, high = integer_inputs(model, layers)
    inputs = []
    for k, shape in enumerate(as_list(model.input_shape)):
        shape = [BATCH] + [FREE_DIM if d is None else d for d in shape[1:]]
        if k in ints:
            inputs.append(rng.randint(0, high, size=shape).astype("int32"))
        else:
            inputs.append(rng.standard_normal(shape).astype(K.floatx()))
    outputs = as_list(model.predict(inputs if len(inputs) > 1 else inputs[0], batch_size=BATCH))
    for k, x in enumerate(inputs):
        arrays[f"in_{k}"] = x
    for k, y in enumerate(outputs):
        arrays[f"out_{k}"] = y
    np.savez(Path(out_dir) / "keras1.npz", **arrays)
    return {
        "keras": __import__("keras").__version__,
        "image_dim_ordering": K.image_dim_ordering(),
        "layers": records,
        "input_shapes": jsonable(as_list(model.input_shape)),
        "output_shapes": jsonable(as_list(model.output_shape)),
        "params": int(model.count_params()),
    }


def write_report(path, report):
    # Atomic: the Keras 2 runner, started alongside, reads it as soon as it exists.
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(report, indent=1))
    tmp.replace(path)


def main():
    sample, out_dir = sys.argv[1:3]
    try:
        report = run(sample, out_dir)
    except Exception:
        report = {"error": traceback.format_exc()}
    write_report(Path(out_dir) / "keras1.json", report)


if __name__ == "__main__":
    main()
