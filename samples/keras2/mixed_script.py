#!/usr/bin/env python
"""Kaggle-style script: predicts a binary target from a short sequence of
daily readings plus a few static features.

Data prep uses numpy only; a helper called `merge` (the script's own, for
dicts) sits beside Keras' merge, imported here as `kmerge`.
"""
import argparse
import numpy as np

from keras.layers import Input, Dense, Dropout, LSTM, Bidirectional
from keras.layers import maximum, multiply, average, concatenate
from keras.models import Model
from keras.callbacks import EarlyStopping

DIM_ORDERINGS = ("tf",)

SEQ_LEN = 7
N_DAILY = 3
N_STATIC = 5

params = {'units': 8, 'dropout': 0.2}


def merge(a, b):
    """Shallow merge of two parameter dicts (b wins)."""
    c = dict(a)
    c.update(b)
    return c


def make_data(n, seed=0):
    rng = np.random.RandomState(seed)
    daily = rng.rand(n, SEQ_LEN, N_DAILY)
    static = rng.rand(n, N_STATIC)
    # engineered features: running mean of the first reading, appended as a channel
    running = np.cumsum(daily[:, :, :1], axis=1) / np.arange(1, SEQ_LEN + 1)[None, :, None]
    daily = np.concatenate([daily, running], axis=2)
    y = (daily[:, -1, 0] + static[:, 0] > 1.0).astype('int32')
    return daily, static, y


def build(p=None):
    p = merge(params, p or {})
    units = p['units']

    daily_in = Input(shape=(SEQ_LEN, N_DAILY + 1), name='daily')
    static_in = Input(shape=(N_STATIC,), name='static')

    fwd_bwd = Bidirectional(LSTM(units, dropout=p['dropout'], recurrent_activation='hard_sigmoid'), merge_mode='concat')(daily_in)
    seq_a = Dense(units, activation='relu')(fwd_bwd)
    seq_b = Dense(units, activation='tanh')(fwd_bwd)
    stat = Dense(units, activation='relu')(static_in)

    peak = maximum([seq_a, seq_b, stat])
    inter = multiply([seq_a, stat])
    avg = average([seq_b, stat])

    x = concatenate([peak, inter, avg], name='all_features')
    x = Dropout(p['dropout'])(x)
    out = Dense(1, activation='sigmoid')(x)

    model = Model(inputs=[daily_in, static_in], outputs=out)
    model.compile(loss='binary_crossentropy', optimizer='rmsprop', metrics=['acc'])
    return model


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--epochs', type=int, default=2)
    parser.add_argument('--batch-size', type=int, default=16)
    parser.add_argument('--units', type=int, default=8)
    args = parser.parse_args()

    daily, static, y = make_data(64)
    model = build({'units': args.units})
    model.summary()
    model.fit([daily, static], y, epochs=args.epochs, batch_size=args.batch_size,
              validation_split=0.25, callbacks=[EarlyStopping(patience=2)])
    preds = model.predict([daily[:8], static[:8]])
    print(np.concatenate([preds, y[:8, None]], axis=1))
