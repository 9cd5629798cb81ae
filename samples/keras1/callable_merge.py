"""Merges with a callable mode: a lambda, a named function taking
`arguments=`, and a function whose mask is given through `output_mask=`.

Pairs of questions are compared with |a - b| (as in duplicate-question
detection), plus a weighted sum whose weight comes from `arguments`.
"""
import numpy as np

from keras.layers import Input, Embedding, LSTM, Dense, merge
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
    g1 = merge([e1, e2], mode=gated_words, output_shape=lambda shapes: shapes[0],
               output_mask=first_mask)
    g2 = merge([e2, e1], mode=gated_words, output_shape=lambda shapes: shapes[0],
               output_mask=lambda masks: masks[0])

    encoder = LSTM(16)
    h1 = encoder(g1)
    h2 = encoder(g2)

    diff = merge([h1, h2], mode=lambda x: K.abs(x[0] - x[1]), output_shape=lambda s: s[0])
    mix = merge([h1, h2], mode=weighted_sum, arguments={'alpha': 0.3},
                output_shape=(16,), name='weighted')
    prod = merge([h1, h2], mode='mul')

    features = merge([diff, mix, prod], mode='concat')
    hidden = Dense(16, activation='relu')(features)
    is_duplicate = Dense(1, activation='sigmoid')(hidden)

    model = Model(input=[q1, q2], output=is_duplicate)
    model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])
    return model


if __name__ == '__main__':
    X1 = np.random.randint(1, VOCAB, size=(32, MAX_LEN))
    X2 = np.random.randint(1, VOCAB, size=(32, MAX_LEN))
    X1[:, :3] = 0  # left padding
    y = np.random.randint(0, 2, size=(32,))
    model = build()
    model.summary()
    model.fit([X1, X2], y, nb_epoch=2, batch_size=16)
