"""Convert the weights of a Keras 1.2.2 (Theano) layer into its Keras 2 twin's layout.

Used by the Keras 2 runner. `record` is the Keras 1 layer record (see layers.py);
`arrays` its weights in Keras 1 order.
"""

from __future__ import annotations

import numpy as np

# Theano computes true convolution, TensorFlow cross-correlation: a kernel moved from one
# to the other is flipped along its spatial axes.
THEANO = True


class ConversionError(ValueError):
    pass


def _flip(kernel, axes):
    return np.flip(kernel, axis=axes) if THEANO else kernel


def conv(record, arrays):
    kernel, *rest = arrays
    rank = kernel.ndim - 2
    if record.get("dim_ordering", "tf") == "th":
        # (out, in, *spatial) -> (*spatial, in, out)
        kernel = kernel.transpose(*range(2, kernel.ndim), 1, 0)
    return [np.ascontiguousarray(_flip(kernel, tuple(range(rank)))), *rest]


def conv1d(record, arrays):
    kernel, *rest = arrays  # (length, 1, in, out)
    return [np.ascontiguousarray(_flip(kernel[:, 0], (0,))), *rest]


def lstm(record, arrays):
    if len(arrays) == 3:  # consume_less='gpu' already stores i, f, c, o concatenated
        return arrays
    i, c, f, o = (arrays[k : k + 3] for k in range(0, 12, 3))  # each W, U, b
    return [np.concatenate([g[n] for g in (i, f, c, o)], axis=-1) for n in range(3)]


def gru(record, arrays):
    if len(arrays) == 3:  # consume_less='gpu': z, r, h concatenated
        return arrays
    z, r, h = (arrays[k : k + 3] for k in range(0, 9, 3))
    return [np.concatenate([g[n] for g in (z, r, h)], axis=-1) for n in range(3)]


CONVERTERS = {
    "Convolution2D": conv,
    "AtrousConvolution2D": conv,
    "Convolution3D": conv,
    "Convolution1D": conv1d,
    "AtrousConvolution1D": conv1d,
    "LSTM": lstm,
    "GRU": gru,
}
# Layers whose Keras 2 layout differs in a way not handled here.
UNSUPPORTED = {"Deconvolution2D", "SeparableConvolution2D", "ConvLSTM2D"}


def convert(record: dict, arrays: list) -> list:
    """Everything not listed keeps its arrays as they are: Dense, Embedding, SimpleRNN,
    BatchNormalization (running_std holds the variance), PReLU, custom layers..."""
    cls = record["class"]
    if cls == "Bidirectional":
        half = len(arrays) // 2
        return convert(record["inner"], arrays[:half]) + convert(record["inner"], arrays[half:])
    if cls == "TimeDistributed":
        return convert(record["inner"], arrays)
    if cls in UNSUPPORTED and arrays:
        raise ConversionError(f"no weight conversion for Keras 1 {cls}")
    return CONVERTERS[cls](record, arrays) if cls in CONVERTERS and arrays else list(arrays)
