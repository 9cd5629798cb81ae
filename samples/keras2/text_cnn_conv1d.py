'''Text classification with 1-d convolutions (IMDB-style), random data.

Uses the Keras 1 keyword names of Convolution1D and MaxPooling1D:
nb_filter, filter_length, border_mode, subsample_length, pool_length.
'''
from __future__ import print_function
import numpy as np

from keras.preprocessing import sequence
from keras.models import Sequential, Model
from keras.layers import Input, Dense, Dropout, Activation, Flatten, concatenate
from keras.layers import Embedding
from keras.layers import Conv1D, MaxPooling1D, GlobalMaxPooling1D
from keras import backend as K
from keras.optimizers import Adadelta


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
    model.add(Keras1Embedding(max_features,
                        embedding_dims,
                        input_length=maxlen,
                        dropout=0.2))
    model.add(Conv1D(filters=nb_filter,
                            kernel_size=filter_length,
                            padding='valid',
                            activation='relu',
                            strides=1))
    model.add(MaxPooling1D(pool_size=2))
    model.add(Conv1D(nb_filter, 3, padding='same', strides=2))
    model.add(GlobalMaxPooling1D())
    model.add(Dense(hidden_dims))
    model.add(Dropout(0.2))
    model.add(Activation('relu'))
    model.add(Dense(1))
    model.add(Activation('sigmoid'))

    model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['acc'])
    return model


def build_multi_filter():
    """Kim (2014) style: parallel filter widths, max-pooled, concatenated."""
    words = Input(shape=(maxlen,), dtype='int32')
    emb = Embedding(max_features, embedding_dims, input_length=maxlen)(words)
    pooled = []
    for width in (2, 3, 4):
        c = Conv1D(filters=nb_filter, kernel_size=width, padding='valid',
                          activation='relu', strides=1)(emb)
        c = MaxPooling1D(pool_size=maxlen - width + 1)(c)
        pooled.append(Flatten()(c))
    x = concatenate(pooled)
    x = Dropout(0.5)(x)
    out = Dense(1, activation='sigmoid')(x)
    model = Model(inputs=words, outputs=out)
    model.compile(loss='binary_crossentropy', optimizer=Adadelta(learning_rate=1.0))
    return model


if __name__ == '__main__':
    X_train = sequence.pad_sequences(
        [np.random.randint(1, max_features, np.random.randint(10, 60)) for _ in range(64)],
        maxlen=maxlen)
    y_train = np.random.randint(0, 2, 64)
    model = build()
    model.fit(X_train, y_train, batch_size=batch_size, epochs=nb_epoch,
              validation_data=(X_train[:16], y_train[:16]))
    build_multi_filter().fit(X_train, y_train, batch_size=batch_size, epochs=1)
