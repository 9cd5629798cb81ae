"""Convolutional autoencoder on MNIST with a Deconvolution2D decoder; plots the model graph."""
import numpy as np
from keras.layers import Input, Convolution2D, Deconvolution2D, MaxPooling2D, UpSampling2D
from keras.layers import Flatten, Dense, Reshape
from keras.models import Model
from keras.datasets import mnist
from keras.utils.visualize_util import plot
from keras import objectives
import keras.backend as K

batch_size = 100
nb_filters = 32


def build_encoder(inp):
    x = Convolution2D(nb_filters, 3, 3, activation='relu', border_mode='same')(inp)
    x = MaxPooling2D((2, 2), border_mode='same')(x)
    x = Convolution2D(nb_filters // 2, 3, 3, activation='relu', border_mode='same')(x)
    return MaxPooling2D((2, 2), border_mode='same')(x)


def build_decoder(code):
    if K.image_dim_ordering() == 'th':
        out1 = (batch_size, nb_filters, 14, 14)
        out2 = (batch_size, nb_filters, 28, 28)
    else:
        out1 = (batch_size, 14, 14, nb_filters)
        out2 = (batch_size, 28, 28, nb_filters)
    x = Deconvolution2D(nb_filters, 3, 3, out1, border_mode='same', subsample=(2, 2),
                        activation='relu')(code)
    x = Deconvolution2D(nb_filters, 3, 3, output_shape=out2, border_mode='same',
                        subsample=(2, 2), activation='relu')(x)
    return Convolution2D(1, 2, 2, border_mode='same', activation='sigmoid')(x)


def build_upsampling_decoder(code):
    x = Convolution2D(nb_filters // 2, 3, 3, activation='relu', border_mode='same')(code)
    x = UpSampling2D((2, 2))(x)
    x = Convolution2D(nb_filters, 3, 3, activation='relu', border_mode='same')(x)
    x = UpSampling2D((2, 2))(x)
    return Convolution2D(1, 3, 3, activation='sigmoid', border_mode='same')(x)


def weighted_bce(y_true, y_pred):
    # background pixels dominate MNIST; weight the strokes more
    w = 1. + 4. * y_true
    return K.mean(w * objectives.binary_crossentropy(y_true, y_pred))


def main(deconv=True):
    shape = (1, 28, 28) if K.image_dim_ordering() == 'th' else (28, 28, 1)
    inp = Input(batch_shape=(batch_size,) + shape)
    code = build_encoder(inp)
    flat = Flatten()(code)
    bottleneck = Dense(64, activation='relu')(flat)
    code = Reshape((7, 7, nb_filters // 2) if shape[-1] == 1 else (nb_filters // 2, 7, 7))(
        Dense(7 * 7 * (nb_filters // 2))(bottleneck))
    out = build_decoder(code) if deconv else build_upsampling_decoder(code)
    autoencoder = Model(input=inp, output=out)
    autoencoder.compile(optimizer='adadelta', loss=weighted_bce)
    plot(autoencoder, to_file='autoencoder.png', show_shapes=True)

    (x_train, _), (x_test, _) = mnist.load_data()
    x_train = x_train.astype('float32')[:59900] / 255.
    x_test = x_test.astype('float32')[:9900] / 255.
    x_train = np.reshape(x_train, (len(x_train),) + shape)
    x_test = np.reshape(x_test, (len(x_test),) + shape)
    autoencoder.fit(x_train, x_train, nb_epoch=50, batch_size=batch_size, shuffle=True,
                    validation_data=(x_test, x_test))
    return autoencoder


if __name__ == '__main__':
    main()
