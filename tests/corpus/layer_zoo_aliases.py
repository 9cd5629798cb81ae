# One model assembled through every import spelling people used in 2016.
import keras
import keras.layers as L
import keras.backend as backend
from keras import layers
from keras.layers import *  # noqa
from keras.models import Sequential
from keras.layers.core import TimeDistributedDense as TDD

K = keras.backend


def build_seq(maxlen=20, vocab=1000):
    model = Sequential()
    model.add(L.Embedding(vocab, 32, input_length=maxlen, dropout=0.1))
    model.add(keras.layers.LSTM(64, return_sequences=True, inner_activation='hard_sigmoid'))
    model.add(TDD(32, init='he_normal'))
    model.add(TimeDistributed(Dense(16, init='glorot_normal')))
    model.add(layers.Convolution1D(16, 3, border_mode='same'))
    model.add(Convolution1D(8, 3, border_mode='same'))
    model.add(keras.layers.convolutional.MaxPooling1D(pool_length=2))
    model.add(Flatten())
    model.add(keras.layers.Dense(output_dim=1, activation='sigmoid'))
    return model


def build_func(shape=(3, 32, 32)):
    inp = Input(shape=shape)
    if backend.image_dim_ordering() == 'th':
        axis = 1
    else:
        axis = -1
    a = L.Convolution2D(8, 3, 3, border_mode='same')(inp)
    b = layers.Convolution2D(8, 5, 5, border_mode='same')(inp)
    c = keras.layers.convolutional.Convolution2D(8, 1, 1)(inp)
    m = L.merge([a, b, c], mode='concat', concat_axis=axis)
    m = keras.layers.merge([m, m], mode='sum')
    m = layers.BatchNormalization(mode=0, axis=axis)(m)
    out = layers.Dense(10, activation='softmax')(Flatten()(m))
    return keras.models.Model(input=inp, output=out)


def flatten_dict(d, parent=''):
    # our own helper, nothing to do with Keras
    items = []
    for k, v in d.items():
        key = parent + '.' + k if parent else k
        if isinstance(v, dict):
            items.extend(flatten_dict(v, key).items())
        else:
            items.append((key, v))
    return dict(items)


if __name__ == '__main__':
    print(K.image_dim_ordering(), flatten_dict({'a': {'b': 1}}))
    build_seq().summary()
    build_func().summary()
