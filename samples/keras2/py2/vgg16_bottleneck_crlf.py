# Feature extraction with a pretrained VGG16 in batches, then a small classifier.
# Written for Keras 1.2 on Python 2.7 (Windows, hence the line endings).
import itertools
import os
import sys

import numpy as np
from keras.applications.vgg16 import VGG16
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten
from keras.preprocessing.image import ImageDataGenerator
from functools import reduce

IMG = 150
N_TRAIN = 2000
N_VAL = 800


def batches(gen, n):
    """Yield (x, y) from gen until n samples were seen."""
    seen = 0
    while seen < n:
        x, y = gen.next()
        seen += len(x)
        yield x, y


def features(model, gen, n):
    chunks = [(model.predict(x), y) for x, y in batches(gen, n)]
    X = reduce(lambda a, b: np.concatenate([a, b]), [c[0] for c in chunks])
    Y = reduce(lambda a, b: np.concatenate([a, b]), [c[1] for c in chunks])
    return X[:n], Y[:n]


base = VGG16(include_top=False, weights='imagenet', input_shape=(3, IMG, IMG))
datagen = ImageDataGenerator(rescale=1. / 255)
flow = lambda d: datagen.flow_from_directory(os.path.join('data', d), target_size=(IMG, IMG),
                                             batch_size=32, class_mode='binary', shuffle=False)
X_train, y_train = features(base, flow('train'), N_TRAIN)
X_val, y_val = features(base, flow('validation'), N_VAL)
print('features:', X_train.shape, X_val.shape)

top = Sequential()
top.add(Flatten(input_shape=X_train.shape[1:]))
top.add(Dense(256, activation='relu'))
top.add(Dropout(0.5))
top.add(Dense(1, activation='sigmoid'))
top.compile(optimizer='rmsprop', loss='binary_crossentropy', metrics=['acc'])
top.fit(X_train, y_train, epochs=50, batch_size=32, validation_data=(X_val, y_val))

wrong = 0
for p, t in zip(top.predict(X_val)[:, 0], y_val):
    if (p > 0.5) != bool(t):
        wrong += 1
print('validation errors: %d of %d' % (wrong, len(y_val)))
cfg = {'limit': sys.maxsize}
if os.path.exists('extra_config.py'):
    exec(open('extra_config.py').read(), cfg)
top.save_weights(cfg.get('weights', 'bottleneck_top.h5'))
