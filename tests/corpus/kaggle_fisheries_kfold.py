# The Nature Conservancy Fisheries: VGG-like net, 5-fold CV, averaged test predictions.
import glob
import os
import datetime

import cv2
import numpy as np
import pandas as pd
from sklearn.model_selection import KFold
from sklearn.metrics import log_loss

from keras.models import Sequential
from keras.layers.core import Dense, Dropout, Flatten
from keras.layers.convolutional import Convolution2D, MaxPooling2D, ZeroPadding2D
from keras.optimizers import SGD
from keras.callbacks import EarlyStopping
from keras.utils import np_utils
from keras import backend as K

K.set_image_dim_ordering('th')
FOLDERS = ['ALB', 'BET', 'DOL', 'LAG', 'NoF', 'OTHER', 'SHARK', 'YFT']
ROWS, COLS = 32, 32


def get_im_cv2(path):
    img = cv2.imread(path)
    return cv2.resize(img, (COLS, ROWS), interpolation=cv2.INTER_LINEAR)


def load_train():
    X_train, y_train = [], []
    for index, fld in enumerate(FOLDERS):
        for fl in glob.glob(os.path.join('..', 'input', 'train', fld, '*.jpg')):
            X_train.append(get_im_cv2(fl))
            y_train.append(index)
    X = np.array(X_train, dtype=np.uint8).transpose((0, 3, 1, 2)).astype('float32') / 255
    y = np_utils.to_categorical(np.array(y_train, dtype=np.uint8), 8)
    return X, y


def create_model():
    model = Sequential()
    model.add(ZeroPadding2D((1, 1), input_shape=(3, ROWS, COLS), dim_ordering='th'))
    model.add(Convolution2D(4, 3, 3, activation='relu', dim_ordering='th', init='he_uniform'))
    model.add(ZeroPadding2D((1, 1), dim_ordering='th'))
    model.add(Convolution2D(4, 3, 3, activation='relu', dim_ordering='th', init='he_uniform'))
    model.add(MaxPooling2D(pool_size=(2, 2), strides=(2, 2), dim_ordering='th'))
    model.add(ZeroPadding2D((1, 1), dim_ordering='th'))
    model.add(Convolution2D(8, 3, 3, activation='relu', dim_ordering='th', init='he_uniform'))
    model.add(MaxPooling2D(pool_size=(2, 2), strides=(2, 2), dim_ordering='th'))
    model.add(Flatten())
    model.add(Dense(32, activation='relu', init='he_uniform'))
    model.add(Dropout(0.5))
    model.add(Dense(8, activation='softmax'))
    sgd = SGD(lr=1e-2, decay=1e-6, momentum=0.9, nesterov=True)
    model.compile(optimizer=sgd, loss='categorical_crossentropy')
    return model


def run_cross_validation(X, y, nfolds=5, batch_size=16, nb_epoch=30):
    kf = KFold(n_splits=nfolds, shuffle=True, random_state=51)
    models, scores = [], []
    for num_fold, (train_index, test_index) in enumerate(kf.split(X), 1):
        model = create_model()
        callbacks = [EarlyStopping(monitor='val_loss', patience=3, verbose=0)]
        model.fit(X[train_index], y[train_index], batch_size=batch_size, nb_epoch=nb_epoch,
                  shuffle=True, verbose=2,
                  validation_data=(X[test_index], y[test_index]), callbacks=callbacks)
        pred = model.predict(X[test_index].astype('float32'), batch_size=batch_size, verbose=2)
        score = log_loss(y[test_index], pred)
        print('Fold %d log_loss: %.5f' % (num_fold, score))
        scores.append(score)
        models.append(model)
    return models, float(np.mean(scores))


def create_submission(predictions, test_id, info):
    result = pd.DataFrame(predictions, columns=FOLDERS)
    result.loc[:, 'image'] = pd.Series(test_id, index=result.index)
    now = datetime.datetime.now()
    name = 'submission_' + info + '_' + now.strftime("%Y-%m-%d-%H-%M") + '.csv'
    result.to_csv(name, index=False)


if __name__ == '__main__':
    X, y = load_train()
    models, score = run_cross_validation(X, y)
    print('mean log loss', score)
