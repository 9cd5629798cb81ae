"""Siamese network on pairs of 20-d feature vectors.

One base network is shared by both inputs; the two embeddings are compared
with merge(mode='cos') in build() and with merge(mode='dot') in build_dot()
(once with dot_axes=1, once relying on the default dot_axes=-1).
"""
import numpy as np

from keras.layers import Input, Dense, Dropout, dot, concatenate
from keras.models import Sequential, Model
from keras.optimizers import RMSprop

DIM_ORDERINGS = ("tf",)

input_dim = 20


def create_base_network(input_dim):
    '''Base network to be shared (eq. to feature extraction).
    '''
    seq = Sequential()
    seq.add(Dense(32, input_shape=(input_dim,), activation='relu'))
    seq.add(Dropout(0.1))
    seq.add(Dense(32, activation='relu'))
    seq.add(Dropout(0.1))
    seq.add(Dense(16, activation='relu'))
    return seq


def build():
    base_network = create_base_network(input_dim)

    input_a = Input(shape=(input_dim,))
    input_b = Input(shape=(input_dim,))

    # because we re-use the same instance `base_network`,
    # the weights of the network will be shared across the two branches
    processed_a = base_network(input_a)
    processed_b = base_network(input_b)

    similarity = dot([processed_a, processed_b], axes=1, normalize=True)

    model = Model(inputs=[input_a, input_b], outputs=similarity)
    return model


def build_dot():
    base_network = create_base_network(input_dim)
    input_a = Input(shape=(input_dim,), name='left')
    input_b = Input(shape=(input_dim,), name='right')
    processed_a = base_network(input_a)
    processed_b = base_network(input_b)

    score = dot([processed_a, processed_b], axes=1, name='score')
    # same thing, default axes (-1 is the feature axis here)
    score2 = dot([processed_a, processed_b], axes=-1)
    both = concatenate([score, score2])
    out = Dense(1, activation='sigmoid')(both)

    model = Model(inputs=[input_a, input_b], outputs=out)
    model.compile(loss='binary_crossentropy', optimizer=RMSprop(learning_rate=0.001))
    return model


if __name__ == '__main__':
    n = 64
    tr_a = np.random.rand(n, input_dim)
    tr_b = np.random.rand(n, input_dim)
    tr_y = np.random.randint(0, 2, n)

    model = build_dot()
    model.fit([tr_a, tr_b], tr_y, batch_size=16, epochs=2)
    print(model.predict([tr_a[:5], tr_b[:5]]))

    cos_model = build()
    sims = cos_model.predict([tr_a[:5], tr_b[:5]])
    print(sims.reshape(-1))
