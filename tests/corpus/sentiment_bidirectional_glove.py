"""Toxic-comment style multi-label classifier: GloVe embeddings + bidirectional GRU."""
import os
import sys

import numpy as np
import pandas as pd
from keras.preprocessing.text import Tokenizer
from keras.preprocessing.sequence import pad_sequences
from keras.utils.np_utils import to_categorical
from keras.layers import Dense, Input, Embedding, GRU, Bidirectional, Dropout
from keras.layers import GlobalMaxPooling1D, SpatialDropout1D
from keras.models import Model
from keras.callbacks import EarlyStopping, ModelCheckpoint

GLOVE = os.path.expanduser('~/data/glove.6B.100d.txt')
MAX_SEQUENCE_LENGTH = 150
MAX_NB_WORDS = 30000
EMBEDDING_DIM = 100
LABELS = ['toxic', 'severe_toxic', 'obscene', 'threat', 'insult', 'identity_hate']


def load_glove(path):
    index = {}
    with open(path, encoding='utf8') as f:
        for line in f:
            values = line.rstrip().split(' ')
            index[values[0]] = np.asarray(values[1:], dtype='float32')
    print('Found %s word vectors.' % len(index), file=sys.stderr)
    return index


def embedding_matrix(word_index, vectors):
    nb_words = min(MAX_NB_WORDS, len(word_index)) + 1
    matrix = np.zeros((nb_words, EMBEDDING_DIM))
    for word, i in word_index.items():
        if i >= nb_words:
            continue
        v = vectors.get(word)
        if v is not None:
            matrix[i] = v
    return matrix


def build(matrix):
    seq = Input(shape=(MAX_SEQUENCE_LENGTH,), dtype='int32')
    x = Embedding(matrix.shape[0], EMBEDDING_DIM, weights=[matrix],
                  input_length=MAX_SEQUENCE_LENGTH, trainable=False)(seq)
    x = SpatialDropout1D(p=0.2)(x)
    x = Bidirectional(GRU(64, return_sequences=True, dropout_W=0.1, dropout_U=0.1),
                      merge_mode='concat')(x)
    x = GlobalMaxPooling1D()(x)
    x = Dropout(0.2)(x)
    preds = Dense(len(LABELS), activation='sigmoid')(x)
    model = Model(input=seq, output=preds)
    model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
    return model


if __name__ == '__main__':
    train = pd.read_csv('train.csv')
    test = pd.read_csv('test.csv')
    texts = train['comment_text'].fillna('_na_').values
    tokenizer = Tokenizer(nb_words=MAX_NB_WORDS)
    tokenizer.fit_on_texts(list(texts))
    X = pad_sequences(tokenizer.texts_to_sequences(texts), maxlen=MAX_SEQUENCE_LENGTH)
    X_te = pad_sequences(tokenizer.texts_to_sequences(test['comment_text'].fillna('_na_')),
                         maxlen=MAX_SEQUENCE_LENGTH)
    y = train[LABELS].values
    # a single-label view of the same data, for a sanity-check baseline
    y_any = to_categorical(np.asarray(y.max(axis=1)))

    model = build(embedding_matrix(tokenizer.word_index, load_glove(GLOVE)))
    model.fit(X, y, batch_size=256, nb_epoch=3, validation_split=0.1,
              callbacks=[EarlyStopping(patience=1), ModelCheckpoint('gru.h5', save_best_only=True)])
    probs = model.predict(X_te, batch_size=1024, verbose=1)
    sub = pd.DataFrame(probs, columns=LABELS)
    sub.insert(0, 'id', test['id'])
    sub.to_csv('submission_gru.csv', index=False)
