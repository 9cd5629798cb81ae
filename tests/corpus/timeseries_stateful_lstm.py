# Stateful LSTM on a noisy cosine; one epoch at a time so the state can be reset by hand.
from __future__ import print_function

import numpy as np
import pandas as pd
from keras.models import Sequential
from keras.layers import Dense, LSTM
from keras.callbacks import Callback

tsteps = 1
batch_size = 25
epochs = 25
lahead = 1


def gen_cosine_amp(amp=100, period=1000, x0=0, xn=50000, step=1, k=0.0001):
    cos = np.zeros(((xn - x0) * step, 1, 1))
    for i in range(len(cos)):
        idx = x0 + i * step
        cos[i, 0, 0] = amp * np.cos(2 * np.pi * idx / period)
        cos[i, 0, 0] = cos[i, 0, 0] * np.exp(-k * idx)
    return cos


class ResetStates(Callback):
    def on_epoch_end(self, epoch, logs={}):
        self.model.reset_states()
        print('epoch %d/%d done' % (epoch + 1, self.params['nb_epoch']))


def build():
    model = Sequential()
    model.add(LSTM(50,
                   batch_input_shape=(batch_size, tsteps, 1),
                   return_sequences=True,
                   stateful=True))
    model.add(LSTM(50,
                   return_sequences=False,
                   stateful=True,
                   forget_bias_init='one'))
    model.add(Dense(1))
    model.compile(loss='mse', optimizer='rmsprop')
    return model


if __name__ == '__main__':
    cos = gen_cosine_amp()
    expected_output = np.zeros((len(cos), 1))
    rolled = pd.Series(cos[:, 0, 0]).rolling(window=lahead, center=False).mean()
    expected_output[:, 0] = rolled.bfill().values

    model = build()
    for i in range(epochs):
        print('Epoch', i, '/', epochs)
        model.fit(cos, expected_output, batch_size=batch_size, verbose=1, nb_epoch=1,
                  shuffle=False)
        model.reset_states()

    predicted_output = model.predict(cos, batch_size=batch_size)
    err = np.mean((predicted_output - expected_output) ** 2)
    print('mse: %.3f' % err)
