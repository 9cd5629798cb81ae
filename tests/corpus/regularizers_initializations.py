"""Weight penalties and hand-rolled initialisations compared on a small regression problem."""
import numpy as np
from keras import initializations
from keras.models import Sequential
from keras.layers import Dense, Activation
from keras.regularizers import (WeightRegularizer, ActivityRegularizer, l1, l2, l1l2,
                                activity_l1, activity_l2, activity_l1l2, EigenvalueRegularizer)
import keras.regularizers as R


def scaled_normal(shape, name=None):
    return initializations.normal(shape, scale=0.01, name=name)


def my_orthogonal(shape, name=None, dim_ordering='th'):
    return initializations.orthogonal(shape, scale=1.1, name=name)


def identity_init(shape, name=None):
    return initializations.identity(shape, scale=1.0, name=name)


PENALTIES = {
    'none': {},
    'l2': {'W_regularizer': l2(0.01)},
    'l1': {'W_regularizer': l1(0.001)},
    'l1l2': {'W_regularizer': l1l2(l1=0.001, l2=0.01), 'b_regularizer': l2(0.01)},
    'weight_reg': {'W_regularizer': WeightRegularizer(l1=0., l2=0.01)},
    'activity': {'activity_regularizer': activity_l2(0.01)},
    'activity_l1': {'activity_regularizer': activity_l1(1e-4)},
    'activity_both': {'activity_regularizer': activity_l1l2(1e-5, 1e-4)},
    'activity_obj': {'activity_regularizer': ActivityRegularizer(l1=1e-5, l2=0.)},
    'eigen': {'W_regularizer': EigenvalueRegularizer(0.1)},
    'module': {'W_regularizer': R.l1l2(0.0, 0.001), 'activity_regularizer': R.activity_l2()},
}


def build(penalty='none', init='glorot_uniform'):
    kw = PENALTIES[penalty]
    model = Sequential()
    model.add(Dense(64, input_dim=13, init=init, **kw))
    model.add(Activation('relu'))
    model.add(Dense(64, init=scaled_normal, W_regularizer=R.WeightRegularizer(l2=1e-3)))
    model.add(Activation('relu'))
    model.add(Dense(1, init='zero'))
    model.compile(loss='mse', optimizer='adam')
    return model


def custom_variable_init(shape):
    w = initializations.get('glorot_uniform')(shape)
    return w


if __name__ == '__main__':
    rng = np.random.RandomState(42)
    X = rng.randn(506, 13)
    y = X.dot(rng.randn(13)) + 0.1 * rng.randn(506)
    for name in sorted(PENALTIES):
        model = build(name)
        h = model.fit(X, y, nb_epoch=20, verbose=0, validation_split=0.2)
        print('%-14s val_loss %.4f' % (name, h.history['val_loss'][-1]))
    model = build('none', init=my_orthogonal)
    model.fit(X, y, nb_epoch=5, verbose=0)
