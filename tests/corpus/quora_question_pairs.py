"""Quora duplicate questions: shared LSTM encoder, hand-made pair features, merges of every kind."""
import numpy as np
import pandas as pd
from keras.layers import Input, Embedding, LSTM, Dense, Dropout, BatchNormalization, merge
from keras.layers.core import Lambda
from keras.models import Model
from keras.optimizers import Nadam
from keras.callbacks import EarlyStopping, ModelCheckpoint
import keras.backend as K

MAX_LEN = 30
NB_WORDS = 120000
EMB = 300
RATE_DROP = 0.25


def abs_diff(tensors):
    return K.abs(tensors[0] - tensors[1])


def build(embedding_weights=None, n_feats=8):
    emb = Embedding(NB_WORDS, EMB, input_length=MAX_LEN, trainable=False,
                    weights=None if embedding_weights is None else [embedding_weights])
    encoder = LSTM(200, dropout_W=RATE_DROP, dropout_U=RATE_DROP)

    q1 = Input(shape=(MAX_LEN,), dtype='int32', name='q1')
    q2 = Input(shape=(MAX_LEN,), dtype='int32', name='q2')
    feats = Input(shape=(n_feats,), name='feats')

    a = encoder(emb(q1))
    b = encoder(emb(q2))

    both = merge([a, b], mode='concat')
    prod = merge([a, b], mode='mul')
    avg = merge([a, b], mode='ave')
    big = merge([a, b], mode='max')
    diff = merge([a, b], mode=abs_diff, output_shape=lambda shapes: shapes[0])
    cos = merge([a, b], mode='cos', dot_axes=1)
    dot = merge([a, b], mode='dot', dot_axes=1)

    f = Dense(32, activation='relu')(BatchNormalization()(feats))
    x = merge([both, prod, avg, big, diff, f], mode='concat', concat_axis=-1)
    x = merge([x, Lambda(lambda t: K.reshape(t, (-1, 1)))(cos), dot], mode='concat')
    x = Dropout(RATE_DROP)(x)
    x = BatchNormalization()(x)
    x = Dense(128, activation='relu')(x)
    x = Dropout(RATE_DROP)(x)
    x = BatchNormalization(mode=0)(x)
    preds = Dense(1, activation='sigmoid')(x)

    model = Model(input=[q1, q2, feats], output=preds)
    model.compile(loss='binary_crossentropy',
                  optimizer=Nadam(lr=0.002, schedule_decay=0.004),
                  metrics=['acc'])
    return model


def pair_features(df):
    q1 = df['question1'].fillna('').str.lower().str.split()
    q2 = df['question2'].fillna('').str.lower().str.split()
    out = pd.DataFrame()
    out['len1'] = q1.map(len)
    out['len2'] = q2.map(len)
    out['common'] = [len(set(a) & set(b)) for a, b in zip(q1, q2)]
    out['jaccard'] = out['common'] / (out['len1'] + out['len2'] - out['common'] + 1e-6)
    out['same_first'] = [int(bool(a) and bool(b) and a[0] == b[0]) for a, b in zip(q1, q2)]
    out['same_last'] = [int(bool(a) and bool(b) and a[-1] == b[-1]) for a, b in zip(q1, q2)]
    out['q_mark1'] = df['question1'].fillna('').str.count(r'\?')
    out['q_mark2'] = df['question2'].fillna('').str.count(r'\?')
    return out.values.astype('float32')


if __name__ == '__main__':
    df = pd.read_csv('train.csv')
    feats = pair_features(df)
    d1 = np.random.randint(1, NB_WORDS, size=(len(df), MAX_LEN))
    d2 = np.random.randint(1, NB_WORDS, size=(len(df), MAX_LEN))
    y = df['is_duplicate'].values
    class_weight = {0: 1.309028344, 1: 0.472001959}
    model = build()
    model.fit([d1, d2, feats], y, validation_split=0.1, nb_epoch=200, batch_size=2048,
              shuffle=True, class_weight=class_weight,
              callbacks=[EarlyStopping(monitor='val_loss', patience=3),
                         ModelCheckpoint('qqp.h5', save_best_only=True, save_weights_only=True)])
