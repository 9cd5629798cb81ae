#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Sentiment of IMDB reviews with an LSTM (Keras 1.1, Python 2.7).

Downloads the raw review dump once, builds a word index, trains, and
answers reviews typed at the prompt.
"""
import re
import sys
import urllib.request, urllib.parse, urllib.error
import pickle as pickle
from io import StringIO

import numpy as np
from keras.preprocessing import sequence
from keras.models import Sequential
from keras.layers import Embedding, LSTM, Dense, Dropout
from keras.regularizers import l2
from keras import backend as K


class Keras1Embedding(Embedding):
    """Keras 1 Embedding(dropout=p): in training, each row of the embedding matrix (a word
    type) is dropped with probability p, one draw per batch, and the rest scaled by 1 / (1 - p)."""

    def __init__(self, *args, dropout=0.0, **kwargs):
        super().__init__(*args, **kwargs)
        self.dropout = dropout

    def call(self, inputs, training=None):
        outputs = super().call(inputs)
        if not 0.0 < self.dropout < 1.0:
            return outputs
        keep = 1.0 - self.dropout
        rows = K.random_bernoulli((self.input_dim,), p=keep) / keep
        dropped = outputs * K.expand_dims(K.gather(rows, K.cast(inputs, "int32")))
        return K.in_train_phase(dropped, outputs, training=training)

    def get_config(self):
        return {**super().get_config(), "dropout": self.dropout}


MAX_FEATURES = 20000
MAXLEN = 80
BATCH_SIZE = 32
SEED = 2147483648
URL = 'https://example.org/datasets/imdb_reviews.pkl'
TOKEN = re.compile(r'[\w\']+', re.UNICODE)


def fetch(url, dest='imdb_reviews.pkl'):
    try:
        urllib.request.urlretrieve(url, dest)
    except IOError as e:
        raise RuntimeError("download failed: %s" % e)
    return dest


def tokenize(text):
    if not isinstance(text, str):
        raise TypeError(repr(text))
    return TOKEN.findall(str(text).lower())


def build_index(texts, max_words):
    freq = {}
    for t in texts:
        for w in tokenize(t):
            if w in freq:
                freq[w] += 1
            else:
                freq[w] = 1
    ranked = sorted(freq.items(), key=lambda w_n: -w_n[1])[:max_words - 1]
    return dict((w, i + 1) for i, (w, _) in enumerate(ranked))


def encode(texts, index):
    return [[index[w] for w in tokenize(t) if w in index] for t in texts]


with open(fetch(URL), 'rb') as f:
    (train_texts, y_train), (test_texts, y_test) = pickle.load(f)
print(len(train_texts), 'train sequences', file=sys.stderr)
print(len(test_texts), 'test sequences', file=sys.stderr)

index = build_index(train_texts, MAX_FEATURES)
X_train = sequence.pad_sequences(encode(train_texts, index), maxlen=MAXLEN)
X_test = sequence.pad_sequences(encode(test_texts, index), maxlen=MAXLEN)
np.random.seed(SEED % 2 ** 32)

model = Sequential()
model.add(Keras1Embedding(MAX_FEATURES, 128, dropout=0.2, input_length=MAXLEN))
model.add(LSTM(128, dropout=0.2, recurrent_dropout=0.2, kernel_regularizer=l2(1e-5), recurrent_activation='hard_sigmoid'))
model.add(Dense(1, activation='sigmoid'))
model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['acc'])

print('Train...')
model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=15,
          validation_data=(X_test, y_test))
score, acc = model.evaluate(X_test, y_test, batch_size=BATCH_SIZE)
print('Test score:', score)
print('Test accuracy:', acc)

buf = StringIO()
model.summary()
n_batches = len(X_train) / BATCH_SIZE
print('batches per epoch:', n_batches, file=buf)
sys.stdout.write(buf.getvalue())

while True:
    review = input('review> ')
    if review.strip() != '':
        x = sequence.pad_sequences(encode([review], index), maxlen=MAXLEN)
        p = model.predict(x)[0][0]
        print('positive' if p > 0.5 else 'negative', '(%.3f)' % p)
    else:
        break
