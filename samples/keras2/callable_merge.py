"""Merges with a callable mode: a lambda, a named function taking
`arguments=`, and a function whose mask is given through `output_mask=`.

Pairs of questions are compared with |a - b| (as in duplicate-question
detection), plus a weighted sum whose weight comes from `arguments`.
"""
import numpy as np

from keras.layers import Input, Embedding, LSTM, Dense, multiply, concatenate, Lambda
from keras.models import Model
from keras import backend as K

DIM_ORDERINGS = ("tf",)

MAX_LEN = 12
VOCAB = 200
EMBED = 16


def weighted_sum(tensors, alpha=0.5):
    return alpha * tensors[0] + (1. - alpha) * tensors[1]


def gated_words(tensors):
    # word vectors of the first sequence, scaled by a gate from the second
    words, gate = tensors
    return words * K.sigmoid(gate)


def first_mask(masks):
    # keep the padding mask of the word sequence for the LSTM that follows
    return masks[0]


def build():
    q1 = Input(shape=(MAX_LEN,), dtype='int32', name='q1')
    q2 = Input(shape=(MAX_LEN,), dtype='int32', name='q2')

    emb = Embedding(VOCAB, EMBED, input_length=MAX_LEN, mask_zero=True)
    e1 = emb(q1)
    e2 = emb(q2)

    # masked sequences merged by a callable: Keras cannot guess the mask
    g1 = Lambda(gated_words, output_shape=lambda shapes: shapes[0],
               mask=lambda inputs, mask: first_mask(mask))([e1, e2])
    g2 = Lambda(gated_words, output_shape=lambda shapes: shapes[0],
               mask=lambda inputs, masks: masks[0])([e2, e1])

    encoder = LSTM(16, recurrent_activation='hard_sigmoid')
    h1 = encoder(g1)
    h2 = encoder(g2)

    diff = Lambda(lambda x: K.abs(x[0] - x[1]), output_shape=lambda s: s[0])([h1, h2])
    mix = Lambda(weighted_sum, arguments={'alpha': 0.3},
                output_shape=(16,), name='weighted')([h1, h2])
    prod = multiply([h1, h2])

    features = concatenate([diff, mix, prod])
    hidden = Dense(16, activation='relu')(features)
    is_duplicate = Dense(1, activation='sigmoid')(hidden)

    model = Model(inputs=[q1, q2], outputs=is_duplicate)
    model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['acc'])
    return model


if __name__ == '__main__':
    X1 = np.random.randint(1, VOCAB, size=(32, MAX_LEN))
    X2 = np.random.randint(1, VOCAB, size=(32, MAX_LEN))
    X1[:, :3] = 0  # left padding
    y = np.random.randint(0, 2, size=(32,))
    model = build()
    model.summary()
    model.fit([X1, X2], y, epochs=2, batch_size=16)
