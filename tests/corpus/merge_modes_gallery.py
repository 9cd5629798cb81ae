"""Every Keras 1 merge mode on small dense branches, for a quick shape check of each."""
import numpy as np
import keras
from keras.layers import Input, Dense, Merge
from keras.layers import merge as kmerge
from keras.models import Model

DIM = 8


def branches(n=2):
    inputs = [Input(shape=(DIM,), name='in%d' % i) for i in range(n)]
    towers = [Dense(DIM, activation='tanh')(x) for x in inputs]
    return inputs, towers


def weighted_sum(tensors, alpha=0.5):
    return alpha * tensors[0] + (1 - alpha) * tensors[1]


MODES = ['sum', 'mul', 'concat', 'ave', 'max', 'dot', 'cos']


def build(mode):
    inputs, (a, b) = branches()
    if mode in ('dot', 'cos'):
        m = kmerge([a, b], mode=mode, dot_axes=1)
    elif mode == 'concat':
        m = kmerge([a, b], mode=mode, concat_axis=-1)
    else:
        m = kmerge([a, b], mode=mode)
    out = Dense(1)(m)
    return Model(input=inputs, output=out)


def build_literal_modes():
    inputs, (a, b) = branches()
    s = keras.layers.merge([a, b], mode='sum', name='s')
    p = keras.layers.merge([a, b], mode='mul', name='p')
    c = keras.layers.merge([s, p], mode='concat')
    av = kmerge([a, b], mode='ave')
    mx = kmerge([a, b], mode='max')
    d = kmerge([a, b], mode='dot', dot_axes=(1, 1))
    cs = kmerge([a, b], mode='cos', dot_axes=1)
    w = kmerge([a, b], mode=weighted_sum, output_shape=(DIM,), arguments={'alpha': 0.3})
    lam = kmerge([a, b], mode=lambda t: t[0] - t[1], output_shape=lambda s: s[0])
    out = kmerge([c, av, mx, d, cs, w, lam], mode='concat', concat_axis=1)
    return Model(input=inputs, output=Dense(2, activation='softmax')(out))


def build_layer_objects():
    inputs, (a, b) = branches()
    concat = Merge(mode='concat', concat_axis=1, name='concat_layer')
    summed = Merge(mode='sum')([a, b])
    both = concat([a, b])
    dense_a = Dense(4)
    dense_b = Dense(4)
    dense_a(a)
    dense_b(b)
    over_layers = Merge([dense_a, dense_b], mode='mul')
    y = Merge(mode='concat')([both, summed, over_layers.output])
    return Model(inputs, Dense(1)(y))


def build_dynamic(mode_name):
    # the mode is only known at run time
    inputs, (a, b) = branches()
    return Model(inputs, Dense(1)(kmerge([a, b], mode=mode_name)))


if __name__ == '__main__':
    x = [np.random.rand(3, DIM), np.random.rand(3, DIM)]
    for mode in MODES:
        print(mode, build(mode).predict(x).shape)
    print(build_literal_modes().predict(x).shape)
    print(build_layer_objects().predict(x).shape)
    print(build_dynamic('sum').predict(x).shape)
