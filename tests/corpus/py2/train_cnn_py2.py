# -*- coding: utf-8 -*-
# Plankton classifier training script (Python 2.7, Keras 1.1, Theano backend).
import os
import sys
import cPickle as pickle

import numpy as np
from keras.models import Sequential
from keras.layers import Dense, Dropout, Activation, Flatten
from keras.layers import Convolution2D, MaxPooling2D
from keras.optimizers import SGD
from keras.utils import np_utils

NB_CLASSES = 121


def load(path):
    with open(path, 'rb') as f:
        data = pickle.load(f)
    print "loaded %d images from %s" % (len(data['X']), path)
    return data['X'], data['y']


def build():
    model = Sequential()
    model.add(Convolution2D(32, 3, 3, border_mode='same', input_shape=(1, 48, 48)))
    model.add(Activation('relu'))
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Convolution2D(64, 3, 3, border_mode='same', init='he_normal'))
    model.add(Activation('relu'))
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Flatten())
    model.add(Dense(256, W_regularizer=None))
    model.add(Activation('relu'))
    model.add(Dropout(0.5))
    model.add(Dense(NB_CLASSES))
    model.add(Activation('softmax'))
    model.compile(loss='categorical_crossentropy',
                  optimizer=SGD(lr=0.03, momentum=0.9, nesterov=True))
    return model


if __name__ == '__main__':
    X, y = load(sys.argv[1])
    Y = np_utils.to_categorical(y, NB_CLASSES)
    model = build()
    for epoch in xrange(30):
        hist = model.fit(X, Y, batch_size=64, nb_epoch=1, validation_split=0.1, verbose=0)
        print "epoch %d: loss %.4f val_loss %.4f" % (epoch, hist.history['loss'][0],
                                                      hist.history['val_loss'][0])
        if epoch % 10 == 9:
            model.save_weights(os.path.join('weights', 'epoch_%02d.h5' % epoch), overwrite=True)
    print >>sys.stderr, "done"
