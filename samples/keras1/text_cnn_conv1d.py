'''Text classification with 1-d convolutions (IMDB-style), random data.

Uses the Keras 1 keyword names of Convolution1D and MaxPooling1D:
nb_filter, filter_length, border_mode, subsample_length, pool_length.
'''
from __future__ import print_function
import numpy as np

from keras.preprocessing import sequence
from keras.models import Sequential, Model
from keras.layers import Input, Dense, Dropout, Activation, Flatten, merge
from keras.layers import Embedding
from keras.layers import Convolution1D, MaxPooling1D, GlobalMaxPooling1D

DIM_ORDERINGS = ("tf",)

max_features = 500
maxlen = 40
batch_size = 16
embedding_dims = 16
nb_filter = 8
filter_length = 3
hidden_dims = 16
nb_epoch = 2


def build():
    model = Sequential()
    model.add(Embedding(max_features,
                        embedding_dims,
                        input_length=maxlen,
                        dropout=0.2))
    model.add(Convolution1D(nb_filter=nb_filter,
                            filter_length=filter_length,
                            border_mode='valid',
                            activation='relu',
                            subsample_length=1))
    model.add(MaxPooling1D(pool_length=2))
    model.add(Convolution1D(nb_filter, 3, border_mode='same', subsample_length=2))
    model.add(GlobalMaxPooling1D())
    model.add(Dense(hidden_dims))
    model.add(Dropout(0.2))
    model.add(Activation('relu'))
    model.add(Dense(1))
    model.add(Activation('sigmoid'))

    model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
    return model


def build_multi_filter():
    """Kim (2014) style: parallel filter widths, max-pooled, concatenated."""
    words = Input(shape=(maxlen,), dtype='int32')
    emb = Embedding(max_features, embedding_dims, input_length=maxlen)(words)
    pooled = []
    for width in (2, 3, 4):
        c = Convolution1D(nb_filter=nb_filter, filter_length=width, border_mode='valid',
                          activation='relu', subsample_length=1)(emb)
        c = MaxPooling1D(pool_length=maxlen - width + 1)(c)
        pooled.append(Flatten()(c))
    x = merge(pooled, mode='concat')
    x = Dropout(0.5)(x)
    out = Dense(1, activation='sigmoid')(x)
    model = Model(input=words, output=out)
    model.compile(loss='binary_crossentropy', optimizer='adadelta')
    return model


if __name__ == '__main__':
    X_train = sequence.pad_sequences(
        [np.random.randint(1, max_features, np.random.randint(10, 60)) for _ in range(64)],
        maxlen=maxlen)
    y_train = np.random.randint(0, 2, 64)
    model = build()
    model.fit(X_train, y_train, batch_size=batch_size, nb_epoch=nb_epoch,
              validation_data=(X_train[:16], y_train[:16]))
    build_multi_filter().fit(X_train, y_train, batch_size=batch_size, nb_epoch=1)
