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
from keras.layers import Conv2D, UpSampling2D
from keras.layers import BatchNormalization
from keras.layers import LeakyReLU


class Keras1BatchNormalization(BatchNormalization):
    """Keras 1 BatchNormalization with its mode: 0 is Keras 2's layer, 2 normalises with the
    batch's statistics at test time too. Mode 1 (per sample) is LayerNormalization's job."""

    def __init__(self, mode=0, **kwargs):
        if mode not in (0, 2):
            raise ValueError(f"BatchNormalization mode={mode}: use LayerNormalization")
        super().__init__(**kwargs)
        self.mode = mode

    def call(self, inputs, training=None):
        return super().call(inputs, training=True if self.mode == 2 else training)

    def get_config(self):
        return {**super().get_config(), "mode": self.mode}


DIM_ORDERINGS = ("tf",)

img_rows, img_cols = 8, 8


def build_discriminator():
    model = Sequential()
    model.add(Conv2D(8, (3, 3), padding='same', input_shape=(img_rows, img_cols, 1)))
    model.add(Keras1BatchNormalization(mode=2, axis=-1))
    model.add(LeakyReLU(0.2))
    model.add(Flatten())
    model.add(Dense(1))
    model.add(Activation('sigmoid'))
    model.compile(loss='binary_crossentropy', optimizer='adam')
    return model


def up_block(x, nb_filter, bn_mode, bn_axis=-1):
    x = UpSampling2D(size=(2, 2))(x)
    x = Conv2D(nb_filter, (3, 3), padding='same')(x)
    x = Keras1BatchNormalization(mode=bn_mode, axis=bn_axis)(x)
    return Activation('relu')(x)


def build_generator(bn_mode=2):
    noise = Input(shape=(16,))
    x = Dense(4 * 4 * 8)(noise)
    x = BatchNormalization()(x, training=True)
    x = Reshape((4, 4, 8))(x)
    x = up_block(x, 8, bn_mode)
    x = Conv2D(1, (3, 3), padding='same', activation='tanh')(x)
    model = Model(inputs=noise, outputs=x)
    model.compile(loss='mse', optimizer='sgd')
    return model


def build():
    generator = build_generator()
    discriminator = build_discriminator()
    noise = Input(shape=(16,))
    model = Model(inputs=noise, outputs=discriminator(generator(noise)))
    model.compile(loss='binary_crossentropy', optimizer='adam')
    return model
