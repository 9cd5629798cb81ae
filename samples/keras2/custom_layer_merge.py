"""Custom layers that merge plain backend tensors inside `call`.

`HighwayConcat` concatenates its input with a learned transform of it
(merge(..., mode='concat', concat_axis=-1) on raw tensors) and
`ResidualPair` adds two inputs with merge(mode='sum'); a Lambda does an
elementwise product through merge as well. In Keras 1 `merge` on tensors
that are not Keras tensors simply evaluates the merge.
"""
import numpy as np

from keras.layers import Layer
from keras.layers import Input, Dense, Lambda
from keras.models import Model
from keras import initializers
from keras import backend as K

DIM_ORDERINGS = ("tf",)


class HighwayConcat(Layer):
    """Outputs [x, tanh(x W + b)] along the last axis."""

    def __init__(self, output_dim, init='glorot_uniform', **kwargs):
        self.output_dim = output_dim
        self.init = initializers.get(init)
        super(HighwayConcat, self).__init__(**kwargs)

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.W = self.add_weight(shape=(input_dim, self.output_dim), initializer=self.init, name='{}_W'.format(self.name))
        self.b = K.zeros((self.output_dim,), name='{}_b'.format(self.name))
        super(HighwayConcat, self).build(input_shape)

    def call(self, x, mask=None):
        h = K.tanh(K.dot(x, self.W) + self.b)
        return K.concatenate([x, h])

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[1] + self.output_dim)


class ResidualPair(Layer):
    """Takes [x, y] and returns relu(x + y) and, with `with_mean`, their mean too."""

    def __init__(self, with_mean=False, **kwargs):
        self.with_mean = with_mean
        super(ResidualPair, self).__init__(**kwargs)

    def call(self, inputs, mask=None):
        x, y = inputs
        s = (x + y)
        s = K.relu(s)
        if self.with_mean:
            m = ((x + y) / 2)
            s = K.concatenate([s, m])
        return s

    def compute_output_shape(self, input_shape):
        shape = list(input_shape[0])
        if self.with_mean:
            shape[-1] *= 2
        return tuple(shape)


def gated_product(tensors):
    gate = K.sigmoid(tensors[1])
    return (tensors[0] * gate)


def build():
    inp = Input(shape=(12,))
    aux = Input(shape=(20,))

    x = HighwayConcat(8)(inp)                  # (None, 20)
    y = Dense(20, activation='relu')(aux)      # (None, 20)
    z = ResidualPair(with_mean=True)([x, y])   # (None, 40)
    w = Dense(40)(aux)
    g = Lambda(gated_product, output_shape=lambda shapes: shapes[0])([z, w])
    t = ResidualPair()([g, w])
    out = Dense(3, activation='softmax')(t)

    model = Model(inputs=[inp, aux], outputs=out)
    model.compile('sgd', 'categorical_crossentropy')
    return model


if __name__ == '__main__':
    X = np.random.randn(40, 12)
    A = np.random.randn(40, 20)
    Y = np.eye(3)[np.random.randint(0, 3, 40)]
    model = build()
    model.summary()
    model.fit([X, A], Y, epochs=2, batch_size=16)
