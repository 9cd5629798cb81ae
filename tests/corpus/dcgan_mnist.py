"""DCGAN on MNIST, the generator/discriminator alternation done by hand with train_on_batch."""
import argparse
import math

import numpy as np
from PIL import Image
from keras.models import Sequential
from keras.layers import Dense, Reshape, Activation, Flatten
from keras.layers.core import Dropout
from keras.layers.normalization import BatchNormalization
from keras.layers.convolutional import UpSampling2D, Convolution2D, MaxPooling2D
from keras.layers.advanced_activations import LeakyReLU
from keras.optimizers import SGD, Adam
from keras.datasets import mnist


def generator_model():
    model = Sequential()
    model.add(Dense(input_dim=100, output_dim=1024))
    model.add(Activation('tanh'))
    model.add(Dense(128 * 7 * 7))
    model.add(BatchNormalization())
    model.add(Activation('tanh'))
    model.add(Reshape((128, 7, 7), input_shape=(128 * 7 * 7,)))
    model.add(UpSampling2D(size=(2, 2), dim_ordering='th'))
    model.add(Convolution2D(64, 5, 5, border_mode='same', dim_ordering='th'))
    model.add(Activation('tanh'))
    model.add(UpSampling2D(size=(2, 2), dim_ordering='th'))
    model.add(Convolution2D(1, 5, 5, border_mode='same', dim_ordering='th'))
    model.add(Activation('tanh'))
    return model


def discriminator_model():
    model = Sequential()
    model.add(Convolution2D(64, 5, 5, border_mode='same', input_shape=(1, 28, 28),
                            dim_ordering='th', subsample=(2, 2)))
    model.add(LeakyReLU(0.2))
    model.add(Convolution2D(128, 5, 5, subsample=(2, 2), dim_ordering='th'))
    model.add(LeakyReLU(0.2))
    model.add(Dropout(p=0.3))
    model.add(Flatten())
    model.add(Dense(output_dim=1))
    model.add(Activation('sigmoid'))
    return model


def generator_containing_discriminator(generator, discriminator):
    model = Sequential()
    model.add(generator)
    discriminator.trainable = False
    model.add(discriminator)
    return model


def combine_images(generated_images):
    num = generated_images.shape[0]
    width = int(math.sqrt(num))
    height = int(math.ceil(float(num) / width))
    shape = generated_images.shape[2:]
    image = np.zeros((height * shape[0], width * shape[1]), dtype=generated_images.dtype)
    for index, img in enumerate(generated_images):
        i = int(index / width)
        j = index % width
        image[i * shape[0]:(i + 1) * shape[0], j * shape[1]:(j + 1) * shape[1]] = img[0, :, :]
    return image


def train(batch_size, epochs=100):
    (X_train, _), _ = mnist.load_data()
    X_train = (X_train.astype(np.float32) - 127.5) / 127.5
    X_train = X_train.reshape((X_train.shape[0], 1) + X_train.shape[1:])
    discriminator = discriminator_model()
    generator = generator_model()
    gan = generator_containing_discriminator(generator, discriminator)
    d_optim = SGD(lr=0.0005, momentum=0.9, nesterov=True)
    g_optim = Adam(lr=0.0002, beta_1=0.5)
    generator.compile(loss='binary_crossentropy', optimizer='SGD')
    gan.compile(loss='binary_crossentropy', optimizer=g_optim)
    discriminator.trainable = True
    discriminator.compile(loss='binary_crossentropy', optimizer=d_optim)
    noise = np.zeros((batch_size, 100))
    for epoch in range(epochs):
        print("Epoch is", epoch)
        for index in range(int(X_train.shape[0] / batch_size)):
            noise = np.random.uniform(-1, 1, (batch_size, 100))
            image_batch = X_train[index * batch_size:(index + 1) * batch_size]
            generated_images = generator.predict(noise, verbose=0)
            if index % 20 == 0:
                image = combine_images(generated_images) * 127.5 + 127.5
                Image.fromarray(image.astype(np.uint8)).save('%d_%d.png' % (epoch, index))
            X = np.concatenate((image_batch, generated_images))
            y = [1] * batch_size + [0] * batch_size
            d_loss = discriminator.train_on_batch(X, y)
            noise = np.random.uniform(-1, 1, (batch_size, 100))
            discriminator.trainable = False
            g_loss = gan.train_on_batch(noise, [1] * batch_size)
            discriminator.trainable = True
            print("batch %d d_loss : %f g_loss : %f" % (index, d_loss, g_loss))
        generator.save_weights('generator', True)
        discriminator.save_weights('discriminator', True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch_size", type=int, default=128)
    train(parser.parse_args().batch_size)
