"""Recurrent text models in the Keras 1 style.

build(): sentiment classifier (Embedding with dropout, stacked LSTMs with
dropout_W / dropout_U and an explicit inner_activation, then a GRU).
build_tagger(): part-of-speech style tagger with TimeDistributedDense.
"""
from __future__ import print_function

import numpy as np

from keras.preprocessing import sequence
from keras.models import Sequential
from keras.layers import Dense, Activation, Embedding
from keras.layers import LSTM, GRU, TimeDistributed
from keras import backend as K


def keras1_predict_classes(model, x, batch_size=32, verbose=1):
    """Keras 1's Sequential.predict_classes (Keras 2.6 and later no longer have it)."""
    proba = model.predict(x, batch_size=batch_size, verbose=verbose)
    if proba.shape[-1] > 1:
        return proba.argmax(axis=-1)
    return (proba > 0.5).astype("int32")


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


DIM_ORDERINGS = ("tf",)

max_features = 1000
maxlen = 20  # cut texts after this number of words
batch_size = 16
nb_tags = 6


def build():
    model = Sequential()
    model.add(Keras1Embedding(max_features, 16, input_length=maxlen, dropout=0.2))
    model.add(LSTM(16, dropout=0.2, recurrent_dropout=0.2, recurrent_activation='hard_sigmoid',
                   return_sequences=True))
    model.add(GRU(8, dropout=0.1, recurrent_dropout=0.1, kernel_initializer='glorot_uniform',
                  recurrent_initializer='orthogonal', activation='tanh', recurrent_activation='hard_sigmoid', reset_after=False))
    model.add(Dense(1))
    model.add(Activation('sigmoid'))

    model.compile(loss='binary_crossentropy',
                  optimizer='adam',
                  metrics=['acc'])
    return model


def build_tagger():
    model = Sequential()
    model.add(Embedding(max_features, 16, input_length=maxlen, mask_zero=True))
    model.add(LSTM(units=16, return_sequences=True, recurrent_activation='hard_sigmoid'))
    model.add(TimeDistributed(Dense(nb_tags)))
    model.add(Activation('softmax'))
    model.compile(loss='categorical_crossentropy', optimizer='rmsprop')
    return model


if __name__ == '__main__':
    print('Loading data...')
    X_train = [list(np.random.randint(1, max_features, np.random.randint(5, 30))) for _ in range(48)]
    y_train = np.random.randint(0, 2, 48)
    print(len(X_train), 'train sequences')

    print('Pad sequences (samples x time)')
    X_train = sequence.pad_sequences(X_train, maxlen=maxlen)
    print('X_train shape:', X_train.shape)

    model = build()
    print('Train...')
    model.fit(X_train, y_train, batch_size=batch_size, epochs=2,
              validation_data=(X_train[:16], y_train[:16]))
    score, acc = model.evaluate(X_train, y_train, batch_size=batch_size)
    print('Test score:', score)
    print('Test accuracy:', acc)
    print(keras1_predict_classes(model, X_train[:5], batch_size=batch_size))
