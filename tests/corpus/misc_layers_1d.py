"""Sensor-signal classifier: 1-D convolutions, locally connected layers and assorted pooling."""
import glob
import os

import numpy as np
from keras.models import Sequential, Model
from keras.layers import (Input, Dense, Flatten, Dropout, Activation, Convolution1D,
                          MaxPooling1D, AveragePooling1D, GlobalMaxPooling1D, UpSampling1D,
                          LocallyConnected1D, LocallyConnected2D, Convolution2D,
                          SeparableConvolution2D, Cropping2D, SpatialDropout2D,
                          GlobalMaxPooling2D, ZeroPadding1D)
from keras.optimizers import RMSprop, Adamax

SIGNAL_LEN = 128
N_CHANNELS = 9
N_CLASSES = 6


def load_signals(folder):
    arrays = [np.loadtxt(p) for p in sorted(glob.glob(os.path.join(folder, '*.txt')))]
    return np.transpose(np.array(arrays), (1, 2, 0))


def conv1d_model():
    model = Sequential()
    model.add(ZeroPadding1D(2, input_shape=(SIGNAL_LEN, N_CHANNELS)))
    model.add(Convolution1D(64, 5, border_mode='valid', activation='relu', init='he_normal'))
    model.add(MaxPooling1D(pool_length=2, stride=2))
    model.add(Convolution1D(64, 3, border_mode='same', activation='relu', subsample_length=1))
    model.add(AveragePooling1D(pool_length=2))
    model.add(LocallyConnected1D(32, 3, activation='relu', W_regularizer=None))
    model.add(UpSampling1D(length=2))
    model.add(GlobalMaxPooling1D())
    model.add(Dense(N_CLASSES, activation='softmax'))
    model.compile(loss='categorical_crossentropy', optimizer=RMSprop(lr=0.001, rho=0.9),
                  metrics=['accuracy'])
    return model


def spectrogram_model(rows=64, cols=32):
    inp = Input(shape=(1, rows, cols))
    x = Cropping2D(cropping=((2, 2), (0, 0)), dim_ordering='th')(inp)
    x = Convolution2D(16, 3, 3, activation='relu', dim_ordering='th')(x)
    x = SpatialDropout2D(p=0.1, dim_ordering='th')(x)
    x = SeparableConvolution2D(32, 3, 3, depth_multiplier=1, border_mode='same',
                               dim_ordering='th', init='glorot_uniform')(x)
    x = LocallyConnected2D(8, 3, 3, dim_ordering='th', subsample=(1, 1))(x)
    x = GlobalMaxPooling2D(dim_ordering='th')(x)
    x = Dropout(0.3)(x)
    out = Dense(N_CLASSES, activation='softmax')(x)
    model = Model(input=inp, output=out)
    model.compile(Adamax(lr=0.002), 'categorical_crossentropy')
    return model


def windows(x, size, step):
    return np.stack([x[i:i + size] for i in range(0, len(x) - size + 1, step)])


if __name__ == '__main__':
    rng = np.random.RandomState(0)
    X = rng.randn(300, SIGNAL_LEN, N_CHANNELS).astype('float32')
    y = np.eye(N_CLASSES)[rng.randint(0, N_CLASSES, 300)]
    m = conv1d_model()
    m.fit(X, y, nb_epoch=2, batch_size=32, validation_split=0.2)
    s = spectrogram_model()
    s.fit(rng.rand(20, 1, 64, 32), y[:20], nb_epoch=1)
    print(windows(np.arange(20), 5, 5).shape)
