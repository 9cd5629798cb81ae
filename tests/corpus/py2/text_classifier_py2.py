"""Two-channel text CNN (static + trainable embeddings), Python 2."""
import sys
import codecs
from collections import defaultdict

import numpy as np
from keras.models import Model
from keras.layers import Input, Embedding, Convolution1D, MaxPooling1D, Flatten, Dense, Dropout
from keras.layers import merge
from keras.preprocessing.sequence import pad_sequences


def read_corpus(path):
    vocab = defaultdict(int)
    docs = []
    with codecs.open(path, 'r', 'utf-8') as f:
        for line in f:
            label, text = line.split(u'\t', 1)
            words = text.split()
            for w in words:
                vocab[w] += 1
            docs.append((int(label), words))
    return docs, vocab


def build(vocab_size, maxlen, emb_dim=300, filter_sizes=(3, 4, 5)):
    inp = Input(shape=(maxlen,), dtype='int32')
    static = Embedding(vocab_size, emb_dim, input_length=maxlen, trainable=False)(inp)
    tuned = Embedding(vocab_size, emb_dim, input_length=maxlen)(inp)
    pools = []
    for fs in filter_sizes:
        for channel in (static, tuned):
            c = Convolution1D(nb_filter=100, filter_length=fs, border_mode='valid',
                              activation='relu', subsample_length=1)(channel)
            c = MaxPooling1D(pool_length=maxlen - fs + 1)(c)
            pools.append(Flatten()(c))
    x = merge(pools, mode='concat')
    x = Dropout(0.5)(x)
    out = Dense(1, activation='sigmoid')(x)
    model = Model(input=inp, output=out)
    model.compile('adadelta', 'binary_crossentropy', metrics=['accuracy'])
    return model


if __name__ == '__main__':
    try:
        docs, vocab = read_corpus(sys.argv[1])
    except IOError, e:
        print >>sys.stderr, "cannot read corpus:", e
        sys.exit(1)
    index = dict((w, i + 1) for i, (w, c) in enumerate(sorted(vocab.iteritems())) if c > 1)
    X = pad_sequences([[index.get(w, 0) for w in words] for _, words in docs], maxlen=56)
    y = np.array([label for label, _ in docs])
    model = build(len(index) + 1, 56)
    model.fit(X, y, batch_size=50, nb_epoch=25, validation_split=0.1)
    print "accuracy:", model.evaluate(X, y, verbose=0)[1]
