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
from keras.layers import LSTM, GRU, TimeDistributedDense

DIM_ORDERINGS = ("tf",)

max_features = 1000
maxlen = 20  # cut texts after this number of words
batch_size = 16
nb_tags = 6


def build():
    model = Sequential()
    model.add(Embedding(max_features, 16, input_length=maxlen, dropout=0.2))
    model.add(LSTM(16, dropout_W=0.2, dropout_U=0.2, inner_activation='hard_sigmoid',
                   return_sequences=True))
    model.add(GRU(8, dropout_W=0.1, dropout_U=0.1, init='glorot_uniform',
                  inner_init='orthogonal', activation='tanh'))
    model.add(Dense(1))
    model.add(Activation('sigmoid'))

    model.compile(loss='binary_crossentropy',
                  optimizer='adam',
                  metrics=['accuracy'])
    return model


def build_tagger():
    model = Sequential()
    model.add(Embedding(max_features, 16, input_length=maxlen, mask_zero=True))
    model.add(LSTM(output_dim=16, return_sequences=True, forget_bias_init='one',
                   consume_less='cpu'))
    model.add(TimeDistributedDense(nb_tags))
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
    model.fit(X_train, y_train, batch_size=batch_size, nb_epoch=2,
              validation_data=(X_train[:16], y_train[:16]))
    score, acc = model.evaluate(X_train, y_train, batch_size=batch_size)
    print('Test score:', score)
    print('Test accuracy:', acc)
    print(model.predict_classes(X_train[:5], batch_size=batch_size))
