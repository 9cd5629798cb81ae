"""Date-format translation (e.g. 'march 3rd 2016' -> '2016-03-03') with a hand-written attention layer."""
import random
import string

import numpy as np
from keras import initializations
from keras import backend as K
from keras.engine.topology import Layer
from keras.layers import Input, Embedding, GRU, RepeatVector, TimeDistributedDense, Activation
from keras.models import Model

MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august',
          'september', 'october', 'november', 'december']
IN_CHARS = sorted(set(string.ascii_lowercase + string.digits + ' ,/-'))
OUT_CHARS = sorted(set(string.digits + '-'))


class Attention(Layer):
    """Soft attention over time steps; returns the weighted sum of the inputs."""

    def __init__(self, init='glorot_uniform', **kwargs):
        self.init = initializations.get(init)
        self.supports_masking = True
        super(Attention, self).__init__(**kwargs)

    def build(self, input_shape):
        assert len(input_shape) == 3
        self.W = self.init((input_shape[-1],), name='{}_W'.format(self.name))
        self.trainable_weights = [self.W]
        super(Attention, self).build(input_shape)

    def call(self, x, mask=None):
        eij = K.tanh(K.dot(x, K.expand_dims(self.W)))
        eij = K.squeeze(eij, -1)
        a = K.exp(eij)
        if mask is not None:
            a *= K.cast(mask, K.floatx())
        a /= K.cast(K.sum(a, axis=1, keepdims=True) + K.epsilon(), K.floatx())
        weighted = x * K.expand_dims(a)
        return K.sum(weighted, axis=1)

    def compute_mask(self, input, input_mask=None):
        return None

    def get_output_shape_for(self, input_shape):
        return (input_shape[0], input_shape[-1])


def random_date():
    y = random.randint(1950, 2030)
    m = random.randint(1, 12)
    d = random.randint(1, 28)
    style = random.choice(['%s %d %d', '%d/%d/%d', '%d %s, %d'])
    if style == '%s %d %d':
        src = style % (MONTHS[m - 1], d, y)
    elif style == '%d/%d/%d':
        src = style % (m, d, y)
    else:
        src = style % (d, MONTHS[m - 1], y)
    return src, '%04d-%02d-%02d' % (y, m, d)


def encode(s, chars, maxlen):
    idx = dict((c, i + 1) for i, c in enumerate(chars))
    out = [idx[c] for c in s][:maxlen]
    return out + [0] * (maxlen - len(out))


def build(in_len=30, out_len=10, hidden=128):
    src = Input(shape=(in_len,), dtype='int32')
    x = Embedding(len(IN_CHARS) + 1, 32, input_length=in_len, mask_zero=True)(src)
    x = GRU(hidden, return_sequences=True, inner_init='orthogonal', consume_less='gpu')(x)
    ctx = Attention()(x)
    x = RepeatVector(out_len)(ctx)
    x = GRU(output_dim=hidden, return_sequences=True)(x)
    x = TimeDistributedDense(len(OUT_CHARS) + 1)(x)
    out = Activation('softmax')(x)
    model = Model(input=src, output=out)
    model.compile('adam', 'categorical_crossentropy', metrics=['accuracy'])
    return model


if __name__ == '__main__':
    pairs = [random_date() for _ in range(20000)]
    X = np.array([encode(s, IN_CHARS, 30) for s, _ in pairs])
    Y_idx = np.array([encode(t, OUT_CHARS, 10) for _, t in pairs])
    Y = np.eye(len(OUT_CHARS) + 1)[Y_idx]
    model = build()
    model.fit(X, Y, batch_size=64, nb_epoch=10, validation_split=0.1)
