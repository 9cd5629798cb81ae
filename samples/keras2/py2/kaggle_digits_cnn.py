# -*- coding: utf-8 -*-
# Kaggle "Digit Recognizer" (2016): a small convnet on the 28x28 MNIST digits.
# Run: python kaggle_digits_cnn.py  (expects train.csv and test.csv next to it)
import os
import sys
import time
import pickle

import numpy as np
import pandas as pd

from keras.models import Sequential
from keras.layers import Dense, Dropout, Activation, Flatten
from keras.layers import Conv2D, MaxPooling2D
from keras.callbacks import EarlyStopping
from keras.optimizers import Adadelta
from keras.utils import to_categorical


def keras1_predict_classes(model, x, batch_size=32, verbose=1):
    """Keras 1's Sequential.predict_classes (Keras 2.6 and later no longer have it)."""
    proba = model.predict(x, batch_size=batch_size, verbose=verbose)
    if proba.shape[-1] > 1:
        return proba.argmax(axis=-1)
    return (proba > 0.5).astype("int32")


np.random.seed(1337)  # for reproducibility

nb_classes = 10
nb_epoch = 12
batch_size = 128
img_rows, img_cols = 28, 28
CACHE = 'cache'


def load_data(path):
    print("Reading", path, "...", end=' ')
    t0 = time.time()
    df = pd.read_csv(path)
    print("done in %.1fs" % (time.time() - t0))
    return df


def cached(name, fn):
        """Pickle the result of fn() under cache/ so that later runs skip the CSV parsing."""
        fname = os.path.join(CACHE, name + '.pkl')
        if os.path.isfile(fname):
                with open(fname, 'rb') as f:
                        return pickle.load(f)
        if not os.path.isdir(CACHE):
            os.makedirs(CACHE, 0o755)
        data = fn()
        try:
                with open(fname, 'wb') as f:
                        pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
        except IOError as e:
                print("could not write cache:", e, file=sys.stderr)
        return data


train = cached('train', lambda: load_data('train.csv'))
test = cached('test', lambda: load_data('test.csv'))

y_train = train['label'].values
X_train = train.drop('label', axis=1).values.reshape(-1, 1, img_rows, img_cols)
X_test = test.values.reshape(-1, 1, img_rows, img_cols)
X_train = X_train.astype('float32') / 255
X_test = X_test.astype('float32') / 255

counts = {}
for label in y_train:
    counts[label] = counts.get(label, 0) + 1
for label, n in sorted(counts.items()):
    print("  digit %d: %5d images (%.1f%%)" % (label, n, 100. * n / len(y_train)))

Y_train = to_categorical(y_train, nb_classes)

model = Sequential()
model.add(Conv2D(32, (3, 3), padding='valid', input_shape=(1, img_rows, img_cols)))
model.add(Activation('relu'))
model.add(Conv2D(32, (3, 3)))
model.add(Activation('relu'))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Dropout(0.25))
model.add(Flatten())
model.add(Dense(128, kernel_initializer='he_normal'))
model.add(Activation('relu'))
model.add(Dropout(0.5))
model.add(Dense(nb_classes))
model.add(Activation('softmax'))
model.compile(loss='categorical_crossentropy', optimizer=Adadelta(learning_rate=1.0), metrics=['acc'])

early = EarlyStopping(monitor='val_loss', patience=2, verbose=1)
model.fit(X_train, Y_train, batch_size=batch_size, epochs=nb_epoch,
          verbose=2, validation_split=0.1, callbacks=[early])

preds = keras1_predict_classes(model, X_test, batch_size=batch_size, verbose=0)
with open('submission.csv', 'w') as f:
    f.write('ImageId,Label\n')
    for i in range(len(preds)):
        f.write('%d,%d\n' % (i + 1, preds[i]))
print('wrote', len(preds), 'predictions')
