"""A grab bag of custom layers and losses collected from several projects."""
import numpy as np
from keras import backend as K
from keras import regularizers, constraints
from keras.engine import Layer, InputSpec
from keras.layers import Dense, Input, Lambda
from keras.models import Model


class Scale(Layer):
    """Learns a per-channel scale and shift (used after BatchNormalization in DenseNet ports)."""

    def __init__(self, axis=-1, momentum=0.9, beta_init='zero', gamma_init='one', **kwargs):
        self.momentum = momentum
        self.axis = axis
        self.beta_init = beta_init
        self.gamma_init = gamma_init
        super(Scale, self).__init__(**kwargs)

    def build(self, input_shape):
        self.input_spec = [InputSpec(shape=input_shape)]
        shape = (int(input_shape[self.axis]),)
        self.gamma = self.add_weight(shape, self.gamma_init, name='%s_gamma' % self.name)
        self.beta = self.add_weight(shape, initializer=self.beta_init,
                                    name='{}_beta'.format(self.name))
        self.built = True

    def call(self, x, mask=None):
        input_shape = self.input_spec[0].shape
        broadcast_shape = [1] * len(input_shape)
        broadcast_shape[self.axis] = input_shape[self.axis]
        out = K.reshape(self.gamma, broadcast_shape) * x + K.reshape(self.beta, broadcast_shape)
        return out


class DenseWithPenalty(Layer):
    def __init__(self, output_dim, W_regularizer=None, W_constraint=None, **kwargs):
        self.output_dim = output_dim
        self.W_regularizer = regularizers.get(W_regularizer)
        self.W_constraint = constraints.get(W_constraint)
        super(DenseWithPenalty, self).__init__(**kwargs)

    def build(self, input_shape):
        input_dim = input_shape[1]
        self.W = self.add_weight((input_dim, self.output_dim), 'glorot_uniform',
                                 name='W', regularizer=self.W_regularizer,
                                 constraint=self.W_constraint)
        self.b = K.zeros((self.output_dim,), name='b')
        self.trainable_weights = [self.W, self.b]
        self.regularizers = []
        if self.W_regularizer:
            self.W_regularizer.set_param(self.W)
            self.regularizers.append(self.W_regularizer)
        self.constraints = {}
        if self.W_constraint:
            self.constraints[self.W] = self.W_constraint

    def call(self, x, mask=None):
        return K.dot(x, self.W) + self.b

    def get_output_shape_for(self, input_shape):
        return (input_shape[0], self.output_dim)


class CosineSimilarity(Layer):
    def call(self, inputs, mask=None):
        a, b = inputs
        a = K.l2_normalize(a, axis=-1)
        b = K.l2_normalize(b, axis=-1)
        return K.batch_dot(a, b, axes=[1, 1])

    def get_output_shape_for(self, input_shapes):
        return (input_shapes[0][0], 1)


class PairConcat(Layer):
    """Concatenates two sequences on the feature axis and appends their elementwise product."""

    def call(self, inputs, mask=None):
        a, b = inputs
        return K.concatenate([a, b, a * b], axis=-1)

    def get_output_shape_for(self, input_shapes):
        s = list(input_shapes[0])
        s[-1] = s[-1] * 3
        return tuple(s)


def weighted_categorical_crossentropy(weights):
    weights = K.variable(np.asarray(weights, dtype='float32'))

    def loss(y_true, y_pred):
        # Keras 1 argument order: output first, then target
        return K.categorical_crossentropy(y_pred, y_true) * K.sum(y_true * weights, axis=-1)
    return loss


def focal_binary(gamma=2.0):
    def loss(y_true, y_pred):
        bce = K.binary_crossentropy(y_pred, y_true)
        p_t = y_true * y_pred + (1 - y_true) * (1 - y_pred)
        return K.mean(K.pow(1. - p_t, gamma) * bce, axis=-1)
    return loss


def sparse_loss(y_true, y_pred):
    return K.sparse_categorical_crossentropy(y_pred, y_true)


def build():
    a = Input(shape=(16,))
    b = Input(shape=(16,))
    ha = DenseWithPenalty(8)(a)
    hb = DenseWithPenalty(8)(b)
    sim = CosineSimilarity()([ha, hb])
    pair = PairConcat()([ha, hb])
    pair = Scale()(pair)
    joined = Lambda(lambda t: K.concatenate(t, axis=-1),
                    output_shape=lambda s: (s[0][0], s[0][1] + s[1][1]))([pair, sim])
    out = Dense(3, activation='softmax')(joined)
    model = Model(input=[a, b], output=out)
    model.compile(optimizer='adam', loss=weighted_categorical_crossentropy([1., 2., 5.]))
    return model


if __name__ == '__main__':
    m = build()
    x = np.random.rand(4, 16).astype('float32')
    print(m.predict([x, x]).shape)
