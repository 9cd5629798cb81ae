"""Two-input regression model whose merges are spelled through different
imports: `merge as m`, `layers.merge`, `keras.layers.merge`.

The script also has names of its own that contain "merge" (merge_dicts,
merge_mode) which are not Keras.
"""
import numpy as np

import keras
import keras.backend as K
from keras import layers
from keras.layers import concatenate, Lambda
from keras.layers import Input, Dense, LSTM, Bidirectional
from keras.models import Model

DIM_ORDERINGS = ("tf",)

DEFAULTS = {'hidden': 16, 'timesteps': 6, 'features': 4, 'lr': 0.01}


def merge_dicts(*dicts):
    """Later dicts win, like {**a, **b} on newer Pythons."""
    out = {}
    for d in dicts:
        out.update(d)
    return out


def build(config=None):
    cfg = merge_dicts(DEFAULTS, config or {})
    merge_mode = 'concat'  # how the two directions of the RNN are joined

    seq = Input(shape=(cfg['timesteps'], cfg['features']), name='seq')
    meta = Input(shape=(8,), name='meta')

    h = Bidirectional(LSTM(cfg['hidden'], recurrent_activation='hard_sigmoid'), merge_mode=merge_mode)(seq)   # (None, 32)
    g = Dense(2 * cfg['hidden'], activation='relu')(meta)                 # (None, 32)

    both = concatenate([h, g])
    gated = layers.multiply([h, g])
    summed = keras.layers.add([both, keras.layers.concatenate([gated, gated])])
    scaled = Lambda(lambda t: t[0] * K.sigmoid(t[1]),
                                output_shape=lambda s: s[0])([summed, summed])
    out = Dense(1)(scaled)

    model = Model(inputs=[seq, meta], outputs=out)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=cfg['lr']), loss='mse')
    return model


if __name__ == '__main__':
    model = build({'hidden': 8})
    X = np.random.rand(32, 6, 4)
    M = np.random.rand(32, 8)
    y = np.random.rand(32, 1)
    model.fit([X, M], y, epochs=2, batch_size=16)
    print(merge_dicts({'a': 1}, {'b': 2}))
