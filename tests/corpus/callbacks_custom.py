# Training utilities shared by several experiments: LR schedules, loss logging, checkpoints.
import csv
import math
import os
import time

import numpy as np
import keras
from keras.callbacks import (Callback, LearningRateScheduler, ReduceLROnPlateau,
                             TensorBoard, CSVLogger, ModelCheckpoint, EarlyStopping)
from keras import backend as K
from keras.models import Sequential
from keras.layers import Dense


class LossHistory(Callback):
    def on_train_begin(self, logs={}):
        self.losses = []
        self.accs = []
        self.t0 = time.time()
        print('training for %d epochs on %d samples' % (self.params['nb_epoch'],
                                                         self.params['nb_sample']))

    def on_batch_end(self, batch, logs={}):
        self.losses.append(logs.get('loss'))
        self.accs.append(logs.get('acc'))

    def on_epoch_end(self, epoch, logs={}):
        lr = K.get_value(self.model.optimizer.lr)
        print(' - lr %.2e - %.0fs' % (lr, time.time() - self.t0))


class WarmRestarts(Callback):
    """Cosine annealing with restarts every `period` epochs."""

    def __init__(self, lr_max=0.05, lr_min=1e-4, period=10):
        super(WarmRestarts, self).__init__()
        self.lr_max, self.lr_min, self.period = lr_max, lr_min, period

    def on_epoch_begin(self, epoch, logs=None):
        t = (epoch % self.period) / float(self.period)
        lr = self.lr_min + 0.5 * (self.lr_max - self.lr_min) * (1 + math.cos(math.pi * t))
        K.set_value(self.model.optimizer.lr, lr)


def step_decay(epoch, initial=0.1, drop=0.5, every=10.0):
    return initial * math.pow(drop, math.floor((1 + epoch) / every))


def write_log(path, rows):
    new = not os.path.exists(path)
    with open(path, 'a') as f:
        w = csv.writer(f)
        if new:
            w.writerow(['epoch', 'loss', 'val_loss'])
        w.writerows(rows)


def callbacks_for(name, log_dir='logs'):
    return [
        LossHistory(),
        LearningRateScheduler(step_decay),
        ReduceLROnPlateau(monitor='val_loss', factor=0.2, patience=5, epsilon=1e-4, min_lr=1e-6),
        TensorBoard(log_dir, 1, True),
        CSVLogger(os.path.join(log_dir, name + '.csv'), append=True),
        ModelCheckpoint(name + '.{epoch:02d}-{val_loss:.2f}.hdf5', monitor='val_acc',
                        save_best_only=True, mode='max'),
        EarlyStopping(monitor='val_acc', patience=10, mode='max'),
        keras.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: print(e, logs)),
    ]


if __name__ == '__main__':
    model = Sequential([Dense(10, input_dim=4, activation='softmax')])
    model.compile(optimizer=keras.optimizers.SGD(0.1, 0.9), loss='categorical_crossentropy',
                  metrics=['accuracy'])
    x = np.random.rand(256, 4)
    y = np.eye(10)[np.random.randint(0, 10, 256)]
    h = model.fit(x, y, validation_split=0.25, nb_epoch=30, callbacks=callbacks_for('toy'),
                  verbose=0)
    write_log('toy.csv', zip(h.epoch, h.history['loss'], h.history['val_loss']))
    print('final val acc', h.history['val_acc'][-1])
