"""Sequence tagger that concatenates with the backend and patches shapes.

Later layers are sized by reading `_keras_shape`. For feature
extraction, the word embeddings and the convolution over them are joined
with K.concatenate at model-building level; the result is not a Keras
tensor, so the script fills in `_keras_shape` by hand before calling a
layer on it and reads the values through K.function. The custom layer
`ContextConcat` concatenates inside `call`, which is the right place for
K.concatenate, and patches the raw tensor before calling a Dense on it.
"""
import numpy as np

from keras.layers import Input, Embedding, Conv1D, Dense, Reshape, concatenate
from keras.layers import TimeDistributed
from keras.layers import Layer
from keras.models import Model
from keras import backend as K

DIM_ORDERINGS = ("tf",)

maxlen = 10
vocab_size = 500
embedding_dims = 32
nb_tags = 5


class ContextConcat(Layer):
    """Appends the sentence mean to every timestep, then projects with a Dense."""

    def __init__(self, output_dim, **kwargs):
        self.output_dim = output_dim
        self.proj = Dense(output_dim, activation='tanh')
        super(ContextConcat, self).__init__(**kwargs)

    def build(self, input_shape):
        self.timesteps = input_shape[1]
        self.input_dim = input_shape[2]
        self.built = True

    def call(self, x, mask=None):
        ctx = K.repeat(K.mean(x, axis=1), self.timesteps)
        h = K.concatenate([x, ctx], axis=-1)
        # Dense needs to know the input shape of this plain tensor
        out = self.proj(h)
        return out

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[1], self.output_dim)


def build():
    words = Input(shape=(maxlen,), dtype='int32')
    emb = Embedding(vocab_size, embedding_dims, input_length=maxlen, name='emb')(words)
    conv = Conv1D(32, 3, padding='same', activation='relu', name='conv')(emb)

    y = ContextConcat(16)(conv)
    nb_steps = K.int_shape(y)[1]
    z = TimeDistributed(Dense(K.int_shape(y)[-1] // 2, activation='relu'))(y)
    flat = Reshape((nb_steps * K.int_shape(z)[2],))(z)
    tags = Dense(nb_steps * nb_tags)(flat)
    tags = Reshape((nb_steps, nb_tags))(tags)

    model = Model(inputs=words, outputs=tags)
    model.compile(optimizer='adam', loss='mse')
    return model


def feature_function(model):
    """Per-word features: embedding and convolution side by side, mixed by a Dense."""
    emb = model.get_layer('emb').output
    conv = model.get_layer('conv').output

    x = concatenate([emb, conv])
    mixed = TimeDistributed(Dense(8, activation='relu'))(x)
    mixed._keras_shape = (None, K.int_shape(x)[1], 8)

    return K.function([model.input, K.learning_phase()], [mixed])


if __name__ == '__main__':
    X = np.random.randint(0, vocab_size, size=(32, maxlen))
    Y = np.random.rand(32, maxlen, nb_tags)
    model = build()
    model.summary()
    model.fit(X, Y, epochs=2, batch_size=16)

    get_features = feature_function(model)
    feats = get_features([X[:4], 0])[0]
    print(feats.shape)
