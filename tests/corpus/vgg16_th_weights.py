# VGG-16 in the Theano ordering, loading the converted 2015 weights file layer by layer
import sys

import cv2
import h5py
import numpy as np
from keras import backend as K
from keras.models import Sequential
from keras.layers.core import Flatten, Dense, Dropout
from keras.layers.convolutional import Convolution2D, MaxPooling2D, ZeroPadding2D
from keras.optimizers import SGD

K.set_image_dim_ordering('th')


def conv_stage(model, n, width, first=False):
    for i in range(n):
        if first and i == 0:
            model.add(ZeroPadding2D((1, 1), input_shape=(3, 224, 224)))
        else:
            model.add(ZeroPadding2D((1, 1)))
        model.add(Convolution2D(width, 3, 3, activation='relu'))
    model.add(MaxPooling2D((2, 2), strides=(2, 2)))


def VGG_16(weights_path=None):
    model = Sequential()
    conv_stage(model, 2, 64, first=True)
    conv_stage(model, 2, 128)
    conv_stage(model, 3, 256)
    conv_stage(model, 3, 512)
    conv_stage(model, 3, 512)
    model.add(Flatten())
    model.add(Dense(4096, activation='relu'))
    model.add(Dropout(0.5))
    model.add(Dense(4096, activation='relu'))
    model.add(Dropout(0.5))
    model.add(Dense(1000, activation='softmax'))

    if weights_path:
        f = h5py.File(weights_path)
        for k in range(f.attrs['nb_layers']):
            if k >= len(model.layers):
                break
            g = f['layer_{}'.format(k)]
            weights = [g['param_{}'.format(p)] for p in range(g.attrs['nb_params'])]
            model.layers[k].set_weights(weights)
        f.close()
        print('Model loaded.')
    return model


def load_image(path):
    im = cv2.resize(cv2.imread(path), (224, 224)).astype(np.float32)
    im[:, :, 0] -= 103.939
    im[:, :, 1] -= 116.779
    im[:, :, 2] -= 123.68
    im = im.transpose((2, 0, 1))
    return np.expand_dims(im, axis=0)


if __name__ == "__main__":
    model = VGG_16(sys.argv[1] if len(sys.argv) > 1 else None)
    sgd = SGD(lr=0.1, decay=1e-6, momentum=0.9, nesterov=True)
    model.compile(optimizer=sgd, loss='categorical_crossentropy')
    out = model.predict(load_image(sys.argv[2] if len(sys.argv) > 2 else 'cat.jpg'))
    print(np.argmax(out))
    print(model.predict_classes(load_image('dog.jpg'), verbose=0))
