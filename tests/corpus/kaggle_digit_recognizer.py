# Digit Recognizer: a small convnet on the Kaggle train.csv / test.csv pixel dumps.
# Public LB ~0.993 after 30 epochs with the augmentation turned on.
import os
import sys
import time

import numpy as np
import pandas as pd

from keras.models import Sequential
from keras.layers.core import Dense, Dropout, Activation, Flatten
from keras.layers.convolutional import Convolution2D, MaxPooling2D
from keras.utils import np_utils
from keras import backend as K

DATA_DIR = os.environ.get("DATA_DIR", "../input")
batch_size = 128
nb_classes = 10
nb_epoch = 12

img_rows, img_cols = 28, 28
nb_filters = 32
nb_pool = 2
nb_conv = 3


def load(path):
    df = pd.read_csv(path)
    if "label" in df.columns:
        y = df["label"].values
        X = df.drop("label", axis=1).values.astype("float32")
    else:
        y = None
        X = df.values.astype("float32")
    X /= 255.0
    return X, y


def reshape_for_backend(X):
    # Theano wants channels first, TensorFlow channels last
    if K.image_dim_ordering() == 'th':
        return X.reshape(X.shape[0], 1, img_rows, img_cols), (1, img_rows, img_cols)
    return X.reshape(X.shape[0], img_rows, img_cols, 1), (img_rows, img_cols, 1)


def build_model(input_shape):
    model = Sequential()
    model.add(Convolution2D(nb_filters, nb_conv, nb_conv,
                            border_mode='valid',
                            input_shape=input_shape))
    model.add(Activation('relu'))
    model.add(Convolution2D(nb_filters, nb_conv, nb_conv))
    model.add(Activation('relu'))
    model.add(MaxPooling2D(pool_size=(nb_pool, nb_pool)))
    model.add(Dropout(0.25))

    model.add(Flatten())
    model.add(Dense(128))
    model.add(Activation('relu'))
    model.add(Dropout(0.5))
    model.add(Dense(nb_classes))
    model.add(Activation('softmax'))

    model.compile(loss='categorical_crossentropy',
                  optimizer='adadelta',
                  metrics=['accuracy'])
    return model


def write_submission(pred, fname="submission.csv"):
    sub = pd.DataFrame({"ImageId": np.arange(1, len(pred) + 1), "Label": pred})
    sub.to_csv(fname, index=False)
    print("wrote", fname, sub.shape)


if __name__ == "__main__":
    t0 = time.time()
    X, y = load(os.path.join(DATA_DIR, "train.csv"))
    X_test, _ = load(os.path.join(DATA_DIR, "test.csv"))
    X, input_shape = reshape_for_backend(X)
    X_test, _ = reshape_for_backend(X_test)
    Y = np_utils.to_categorical(y, nb_classes)

    n_val = 2000
    X_tr, X_val = X[:-n_val], X[-n_val:]
    Y_tr, Y_val = Y[:-n_val], Y[-n_val:]

    model = build_model(input_shape)
    model.fit(X_tr, Y_tr, batch_size=batch_size, nb_epoch=nb_epoch,
              verbose=1, validation_data=(X_val, Y_val))
    score = model.evaluate(X_val, Y_val, verbose=0)
    print('Test score:', score[0])
    print('Test accuracy:', score[1])

    pred = model.predict_classes(X_test, verbose=0)
    write_submission(pred)
    print("done in %.1fs" % (time.time() - t0), file=sys.stderr)
