"""Listing classifier with three Sequential branches (numeric features,
title tokens, a small 1-d signal) concatenated by a Merge layer inside a
Sequential model; the classifier head is added afterwards with model.add, in a loop.
"""
import numpy as np

from keras.models import Sequential, Model
from keras.layers import Dense, Dropout, Activation, Flatten, concatenate
from keras.layers import Embedding, GRU
from keras.layers import Conv1D, MaxPooling1D
from keras.utils import to_categorical
from keras.optimizers import Adadelta


def keras1_predict_classes(model, x, batch_size=32, verbose=1):
    """Keras 1's Sequential.predict_classes (Keras 2.6 and later no longer have it)."""
    proba = model.predict(x, batch_size=batch_size, verbose=verbose)
    if proba.shape[-1] > 1:
        return proba.argmax(axis=-1)
    return (proba > 0.5).astype("int32")


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
    title.add(GRU(8, recurrent_activation='hard_sigmoid', reset_after=False))

    signal = Sequential()
    signal.add(Conv1D(4, 3, padding='same', input_shape=(signal_len, 1)))
    signal.add(Activation('relu'))
    signal.add(MaxPooling1D(pool_size=2))
    signal.add(Flatten())

    x = concatenate([numeric.output, title.output, signal.output])
    print("stacking the head of the model")
    for width in (32, 16):
        x = Dense(width)(x)
        x = Activation('relu')(x)
        if width > 16:
            x = Dropout(0.5)(x)
    x = Dense(nb_classes)(x)
    x = Activation('softmax')(x)
    model = Model(inputs=[numeric.input, title.input, signal.input], outputs=x)

    model.compile(loss='categorical_crossentropy', optimizer=Adadelta(learning_rate=1.0), metrics=['acc'])
    return model


if __name__ == '__main__':
    n = 48
    X_num = np.random.rand(n, nb_numeric)
    X_title = np.random.randint(0, title_vocab, (n, title_len))
    X_sig = np.random.rand(n, signal_len, 1)
    y = to_categorical(np.random.randint(0, nb_classes, n), nb_classes)

    model = build()
    model.summary()
    model.fit([X_num, X_title, X_sig], y, batch_size=16, epochs=2, verbose=2)
    print(keras1_predict_classes(model, [X_num[:5], X_title[:5], X_sig[:5]]))
