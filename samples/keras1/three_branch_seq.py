"""Listing classifier with three Sequential branches (numeric features,
title tokens, a small 1-d signal) concatenated by a Merge layer inside a
Sequential model; the classifier head is added afterwards with model.add, in a loop.
"""
import numpy as np

from keras.models import Sequential
from keras.layers import Dense, Dropout, Activation, Flatten, Merge
from keras.layers import Embedding, GRU
from keras.layers import Convolution1D, MaxPooling1D
from keras.utils.np_utils import to_categorical

DIM_ORDERINGS = ("tf",)

nb_numeric = 6
title_len = 8
title_vocab = 100
signal_len = 16
nb_classes = 3


def build():
    numeric = Sequential()
    numeric.add(Dense(16, input_shape=(nb_numeric,)))
    numeric.add(Activation('relu'))

    title = Sequential()
    title.add(Embedding(title_vocab, 8, input_length=title_len))
    title.add(GRU(8))

    signal = Sequential()
    signal.add(Convolution1D(4, 3, border_mode='same', input_shape=(signal_len, 1)))
    signal.add(Activation('relu'))
    signal.add(MaxPooling1D(pool_length=2))
    signal.add(Flatten())

    model = Sequential()
    model.add(Merge([numeric, title, signal], mode='concat', concat_axis=-1))
    print("stacking the head of the model")
    for width in (32, 16):
        model.add(Dense(width))
        model.add(Activation('relu'))
        if width > 16:
            model.add(Dropout(0.5))
    model.add(Dense(nb_classes))
    model.add(Activation('softmax'))

    model.compile(loss='categorical_crossentropy', optimizer='adadelta', metrics=['accuracy'])
    return model


if __name__ == '__main__':
    n = 48
    X_num = np.random.rand(n, nb_numeric)
    X_title = np.random.randint(0, title_vocab, (n, title_len))
    X_sig = np.random.rand(n, signal_len, 1)
    y = to_categorical(np.random.randint(0, nb_classes, n), nb_classes)

    model = build()
    model.summary()
    model.fit([X_num, X_title, X_sig], y, batch_size=16, nb_epoch=2, verbose=2)
    print(model.predict_classes([X_num[:5], X_title[:5], X_sig[:5]]))
