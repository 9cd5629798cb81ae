# Bounding-box regression from image folders; fit_generator with a hand-written generator.
import os
import random
import Queue
import threading

import numpy as np
from scipy.misc import imread, imresize
from keras.models import Sequential
from keras.layers.core import Dense, Flatten, Dropout
from keras.layers.convolutional import Convolution2D, MaxPooling2D
from keras.optimizers import Adam
from keras import backend as K

SIZE = 96


def image_batches(folder, boxes, batch_size=32):
    names = sorted(boxes.keys())
    while 1:
        random.shuffle(names)
        for start in xrange(0, len(names) - batch_size + 1, batch_size):
            chunk = names[start:start + batch_size]
            X = np.zeros((batch_size, 3, SIZE, SIZE), dtype='float32')
            Y = np.zeros((batch_size, 4), dtype='float32')
            for i, name in enumerate(chunk):
                img = imresize(imread(os.path.join(folder, name)), (SIZE, SIZE))
                X[i] = img.transpose(2, 0, 1) / 255.
                Y[i] = boxes[name]
            yield X, Y


def prefetch(gen, size=8):
    q = Queue.Queue(maxsize=size)

    def worker():
        for item in gen:
            q.put(item)
    t = threading.Thread(target=worker)
    t.daemon = True
    t.start()
    while True:
        yield q.get()


def build():
    model = Sequential()
    model.add(Convolution2D(32, 3, 3, activation='relu', input_shape=(3, SIZE, SIZE),
                            dim_ordering='th'))
    model.add(MaxPooling2D((2, 2), dim_ordering='th'))
    model.add(Convolution2D(64, 3, 3, activation='relu', dim_ordering='th'))
    model.add(MaxPooling2D((2, 2), dim_ordering='th'))
    model.add(Flatten())
    model.add(Dense(128, activation='relu'))
    model.add(Dropout(0.5))
    model.add(Dense(4))
    model.compile(Adam(lr=1e-4), 'mse')
    return model


if __name__ == '__main__':
    assert K.image_dim_ordering() == 'th', "set image_dim_ordering to th in keras.json"
    boxes = dict((l.split()[0], map(float, l.split()[1:])) for l in open('boxes.txt'))
    model = build()
    model.fit_generator(prefetch(image_batches('train', boxes)), samples_per_epoch=3200,
                        nb_epoch=40, nb_worker=1)
    print 'saved' if model.save('bbox.h5') is None else 'failed'
