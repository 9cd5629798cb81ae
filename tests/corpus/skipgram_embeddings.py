"""Word2vec-style skip-gram embeddings trained with negative sampling on a text file."""
import collections
import sys

import numpy as np
from keras.preprocessing.sequence import skipgrams, make_sampling_table
from keras.preprocessing import text
from keras.models import Sequential, Model
from keras.layers import Embedding, Reshape, Activation, Merge, Input, Dense, merge, Flatten

VOCAB = 10000
DIM = 128
WINDOW = 3


def read_words(path):
    with open(path) as f:
        return text.text_to_word_sequence(f.read())


def build_index(words):
    counts = collections.Counter(words).most_common(VOCAB - 1)
    index = {w: i + 1 for i, (w, _) in enumerate(counts)}
    return index, [index.get(w, 0) for w in words]


def sequential_model():
    word = Sequential()
    word.add(Embedding(VOCAB, DIM, init='glorot_uniform', input_length=1))
    word.add(Reshape((DIM,)))
    context = Sequential()
    context.add(Embedding(VOCAB, DIM, init='glorot_uniform', input_length=1))
    context.add(Reshape((DIM,)))
    model = Sequential()
    model.add(Merge([word, context], mode='dot', dot_axes=1))
    model.add(Reshape((1,)))
    model.add(Activation('sigmoid'))
    model.compile(loss='binary_crossentropy', optimizer='rmsprop')
    return model


def functional_model():
    w_in = Input(shape=(1,), dtype='int32')
    c_in = Input(shape=(1,), dtype='int32')
    w = Flatten()(Embedding(VOCAB, DIM, input_length=1, name='word_emb')(w_in))
    c = Flatten()(Embedding(VOCAB, DIM, input_length=1)(c_in))
    sim = merge([w, c], mode='cos', dot_axes=1)
    dot = merge([w, c], mode='dot', dot_axes=1)
    out = Dense(1, activation='sigmoid')(Reshape((1,))(dot))
    model = Model(input=[w_in, c_in], output=out)
    validation = Model(input=[w_in, c_in], output=sim)
    model.compile(loss='binary_crossentropy', optimizer='adam')
    return model, validation


def nearest(embeddings, index, word, k=8):
    inv = {i: w for w, i in index.items()}
    v = embeddings[index[word]]
    sims = embeddings.dot(v) / (np.linalg.norm(embeddings, axis=1) * np.linalg.norm(v) + 1e-8)
    return [inv.get(i, '?') for i in np.argsort(-sims)[1:k + 1]]


if __name__ == '__main__':
    words = read_words(sys.argv[1])
    index, seq = build_index(words)
    table = make_sampling_table(VOCAB)
    couples, labels = skipgrams(seq, VOCAB, window_size=WINDOW, sampling_table=table)
    pairs = np.array(couples, dtype='int32')
    labels = np.array(labels, dtype='int32')
    model, validation = functional_model()
    model.fit([pairs[:, :1], pairs[:, 1:]], labels, batch_size=1024, nb_epoch=5)
    emb = model.get_layer('word_emb').get_weights()[0]
    for w in ('king', 'paris', 'good'):
        if w in index:
            print(w, nearest(emb, index, w))
