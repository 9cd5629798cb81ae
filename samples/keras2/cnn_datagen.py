'''Small CIFAR-style convnet trained with real-time data augmentation.

ImageDataGenerator is told the dim ordering explicitly and the model is
trained with fit_generator(samples_per_epoch=..., nb_val_samples=...).
'''
from __future__ import print_function

import numpy as np

from keras.preprocessing.image import ImageDataGenerator
from keras.models import Sequential
from keras.layers import Dense, Dropout, Activation, Flatten
from keras.layers import Conv2D, MaxPooling2D
from keras.utils import to_categorical
from math import ceil

IMAGE_DATA_FORMAT = 'channels_first'  # this project's Keras 1 image_dim_ordering was 'th'

DIM_ORDERINGS = ("th", "tf")

batch_size = 16
nb_classes = 10
nb_epoch = 2

img_rows, img_cols = 16, 16
img_channels = 3


def build():
    if IMAGE_DATA_FORMAT == 'channels_first':
        input_shape = (img_channels, img_rows, img_cols)
    else:
        input_shape = (img_rows, img_cols, img_channels)

    model = Sequential()
    model.add(Conv2D(8, (3, 3), padding='same',
                            input_shape=input_shape,
                            data_format='channels_first'))
    model.add(Activation('relu'))
    model.add(Conv2D(8, (3, 3), data_format='channels_first'))
    model.add(Activation('relu'))
    model.add(MaxPooling2D(pool_size=(2, 2), data_format='channels_first'))
    model.add(Dropout(0.25))

    model.add(Conv2D(16, (3, 3), padding='same', data_format='channels_first'))
    model.add(Activation('relu'))
    model.add(MaxPooling2D(pool_size=(2, 2), strides=(2, 2), padding='valid', data_format='channels_first'))
    model.add(Dropout(0.25))

    model.add(Flatten())
    model.add(Dense(32))
    model.add(Activation('relu'))
    model.add(Dropout(0.5))
    model.add(Dense(nb_classes))
    model.add(Activation('softmax'))

    model.compile(loss='categorical_crossentropy',
                  optimizer='rmsprop',
                  metrics=['acc'])
    return model


if __name__ == '__main__':
    ordering = {'channels_first': 'th', 'channels_last': 'tf'}[IMAGE_DATA_FORMAT]
    if ordering == 'th':
        X_train = np.random.rand(64, img_channels, img_rows, img_cols).astype('float32')
    else:
        X_train = np.random.rand(64, img_rows, img_cols, img_channels).astype('float32')
    y_train = np.random.randint(0, nb_classes, (64, 1))
    Y_train = to_categorical(y_train, nb_classes)
    X_test, Y_test = X_train[:32], Y_train[:32]

    model = build()

    print('Using real-time data augmentation.')
    datagen = ImageDataGenerator(
        featurewise_center=False,
        samplewise_center=False,
        rotation_range=0,
        width_shift_range=0.1,
        height_shift_range=0.1,
        horizontal_flip=True,
        vertical_flip=False,
        data_format={'th': 'channels_first', 'tf': 'channels_last'}.get(ordering, ordering))
    datagen.fit(X_train)

    model.fit(datagen.flow(X_train, Y_train, batch_size=batch_size),
                        steps_per_epoch=ceil(X_train.shape[0] / batch_size),
                        epochs=nb_epoch,
                        validation_data=datagen.flow(X_test, Y_test, batch_size=batch_size),
                        validation_steps=ceil(X_test.shape[0] / batch_size))
    print(model.evaluate(datagen.flow(X_test, Y_test, batch_size=batch_size),
                                   steps=ceil(X_test.shape[0] / batch_size)))
