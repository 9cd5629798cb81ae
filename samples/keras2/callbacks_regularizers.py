"""MNIST-style digit classifier with regularizers, constraints, a tuned
optimizer and the usual callbacks, written to run on either dim ordering.
"""
from __future__ import print_function

import os
import tempfile

import numpy as np

from keras.models import Sequential
from keras.layers import Dense, Dropout, Activation, Flatten
from keras.layers import Conv2D, MaxPooling2D, ZeroPadding2D
from keras.regularizers import l2, l1_l2
from keras.constraints import max_norm
from keras.optimizers import legacy
from keras.callbacks import EarlyStopping, ModelCheckpoint, ReduceLROnPlateau, LearningRateScheduler
from keras.utils import to_categorical

IMAGE_DATA_FORMAT = 'channels_first'  # this project's Keras 1 image_dim_ordering was 'th'

DIM_ORDERINGS = ("th", "tf")

nb_classes = 10
img_rows, img_cols = 12, 12
nb_filters = 8
pool_size = (2, 2)
kernel_size = (3, 3)


def input_shape():
    if IMAGE_DATA_FORMAT == 'channels_first':
        return (1, img_rows, img_cols)
    return (img_rows, img_cols, 1)


def build():
    model = Sequential()
    model.add(ZeroPadding2D((1, 1), input_shape=input_shape(), data_format='channels_first'))
    model.add(Conv2D(nb_filters, (kernel_size[0], kernel_size[1]), padding='valid',
                            kernel_regularizer=l2(0.01),
                            bias_regularizer=l2(0.01),
                            data_format='channels_first'))
    model.add(Activation('relu'))
    model.add(Conv2D(nb_filters, (kernel_size[0], kernel_size[1]), kernel_constraint=max_norm(3, axis=3), data_format='channels_first'))
    model.add(Activation('relu'))
    model.add(MaxPooling2D(pool_size=pool_size, data_format='channels_first'))
    model.add(Dropout(0.25))

    model.add(Flatten())
    model.add(Dense(32, kernel_regularizer=l1_l2(l1=0.001, l2=0.001), activity_regularizer=l2(0.01)))
    model.add(Activation('relu'))
    model.add(Dropout(0.5))
    model.add(Dense(nb_classes, kernel_regularizer=l2(0.01)))
    model.add(Activation('softmax'))

    sgd = legacy.SGD(learning_rate=0.01, decay=1e-6, momentum=0.9, nesterov=True)
    model.compile(loss='categorical_crossentropy', optimizer=sgd, metrics=['acc'])
    return model


def schedule(epoch):
    return 0.01 * (0.5 ** epoch)


if __name__ == '__main__':
    n = 64
    X_train = np.random.rand(n, *input_shape()).astype('float32')
    y_train = np.random.randint(0, nb_classes, n)
    # convert class vectors to binary class matrices
    Y_train = to_categorical(y_train, nb_classes)
    print('X_train shape:', X_train.shape)

    model = build()
    checkpoint_path = os.path.join(tempfile.mkdtemp(), 'weights.{epoch:02d}.hdf5')
    callbacks = [
        EarlyStopping(monitor='val_loss', patience=3, verbose=1),
        ModelCheckpoint(checkpoint_path, monitor='val_loss', save_best_only=True),
        ReduceLROnPlateau(monitor='val_loss', factor=0.2, patience=1, min_delta=1e-4, min_lr=1e-5),
        LearningRateScheduler(schedule),
    ]
    model.fit(X_train, Y_train, batch_size=16, epochs=2,
              verbose=1, validation_split=0.25, callbacks=callbacks)
    score = model.evaluate(X_train, Y_train, verbose=0)
    print('Test score:', score[0])
    print('Test accuracy:', score[1])
