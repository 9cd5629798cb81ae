"""A DCGAN-style discriminator and generator with the Keras 1 BatchNormalization modes.

build_discriminator(): Sequential discriminator with BatchNormalization(mode=2) (batch
statistics at test time too), as GAN code of 2016 wrote it.
build_generator(): functional generator whose blocks take the mode as a parameter
(bn_mode=2 from the command line in the original scripts), and one mode=2 layer called
directly.
build(): the two stacked, as trained for the generator's step.
"""
from keras.models import Sequential, Model
from keras.layers import Input, Dense, Activation, Flatten, Reshape
from keras.layers import Convolution2D, UpSampling2D
from keras.layers.normalization import BatchNormalization
from keras.layers.advanced_activations import LeakyReLU

DIM_ORDERINGS = ("tf",)

img_rows, img_cols = 8, 8


def build_discriminator():
    model = Sequential()
    model.add(Convolution2D(8, 3, 3, border_mode='same', input_shape=(img_rows, img_cols, 1)))
    model.add(BatchNormalization(mode=2, axis=-1))
    model.add(LeakyReLU(0.2))
    model.add(Flatten())
    model.add(Dense(1))
    model.add(Activation('sigmoid'))
    model.compile(loss='binary_crossentropy', optimizer='adam')
    return model


def up_block(x, nb_filter, bn_mode, bn_axis=-1):
    x = UpSampling2D(size=(2, 2))(x)
    x = Convolution2D(nb_filter, 3, 3, border_mode='same')(x)
    x = BatchNormalization(mode=bn_mode, axis=bn_axis)(x)
    return Activation('relu')(x)


def build_generator(bn_mode=2):
    noise = Input(shape=(16,))
    x = Dense(4 * 4 * 8)(noise)
    x = BatchNormalization(mode=2)(x)
    x = Reshape((4, 4, 8))(x)
    x = up_block(x, 8, bn_mode)
    x = Convolution2D(1, 3, 3, border_mode='same', activation='tanh')(x)
    model = Model(input=noise, output=x)
    model.compile(loss='mse', optimizer='sgd')
    return model


def build():
    generator = build_generator()
    discriminator = build_discriminator()
    noise = Input(shape=(16,))
    model = Model(input=noise, output=discriminator(generator(noise)))
    model.compile(loss='binary_crossentropy', optimizer='adam')
    return model
