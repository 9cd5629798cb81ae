'''End-to-end memory network on the bAbI tasks, built as Sequential models joined by Merge.'''
from __future__ import print_function
import re
import tarfile
from functools import reduce

import numpy as np
from keras.models import Sequential
from keras.layers.embeddings import Embedding
from keras.layers.core import Activation, Dense, Merge, Permute, Dropout
from keras.layers.recurrent import LSTM
from keras.preprocessing.sequence import pad_sequences
from keras.utils.data_utils import get_file


def tokenize(sent):
    return [x.strip() for x in re.split(r'(\W+)?', sent) if x.strip()]


def parse_stories(lines, only_supporting=False):
    data = []
    story = []
    for line in lines:
        line = line.decode('utf-8').strip()
        nid, line = line.split(' ', 1)
        nid = int(nid)
        if nid == 1:
            story = []
        if '\t' in line:
            q, a, supporting = line.split('\t')
            q = tokenize(q)
            if only_supporting:
                supporting = map(int, supporting.split())
                substory = [story[i - 1] for i in supporting]
            else:
                substory = [x for x in story if x]
            data.append((substory, q, a))
            story.append('')
        else:
            story.append(tokenize(line))
    return data


def get_stories(f, max_length=None):
    flatten = lambda data: reduce(lambda x, y: x + y, data)
    data = parse_stories(f.readlines())
    return [(flatten(story), q, answer) for story, q, answer in data
            if not max_length or len(flatten(story)) < max_length]


def vectorize_stories(data, word_idx, story_maxlen, query_maxlen):
    X, Xq, Y = [], [], []
    for story, query, answer in data:
        X.append([word_idx[w] for w in story])
        Xq.append([word_idx[w] for w in query])
        Y.append(word_idx[answer])
    return (pad_sequences(X, maxlen=story_maxlen),
            pad_sequences(Xq, maxlen=query_maxlen), np.array(Y))


def build(vocab_size, story_maxlen, query_maxlen):
    input_encoder_m = Sequential()
    input_encoder_m.add(Embedding(input_dim=vocab_size, output_dim=64,
                                  input_length=story_maxlen))
    input_encoder_m.add(Dropout(0.3))

    question_encoder = Sequential()
    question_encoder.add(Embedding(input_dim=vocab_size, output_dim=64,
                                   input_length=query_maxlen))
    question_encoder.add(Dropout(0.3))

    match = Sequential()
    match.add(Merge([input_encoder_m, question_encoder],
                    mode='dot',
                    dot_axes=[2, 2]))
    match.add(Activation('softmax'))

    input_encoder_c = Sequential()
    input_encoder_c.add(Embedding(input_dim=vocab_size, output_dim=query_maxlen,
                                  input_length=story_maxlen))
    input_encoder_c.add(Dropout(0.3))

    response = Sequential()
    response.add(Merge([match, input_encoder_c], mode='sum'))
    response.add(Permute((2, 1)))

    answer = Sequential()
    answer.add(Merge([response, question_encoder], mode='concat', concat_axis=-1))
    answer.add(LSTM(32))
    answer.add(Dropout(0.3))
    answer.add(Dense(vocab_size))
    answer.add(Activation('softmax'))
    answer.compile(optimizer='rmsprop', loss='sparse_categorical_crossentropy',
                   metrics=['accuracy'])
    return answer


if __name__ == '__main__':
    path = get_file('babi-tasks-v1-2.tar.gz',
                    origin='https://s3.amazonaws.com/text-datasets/babi_tasks_1-20_v1-2.tar.gz')
    tar = tarfile.open(path)
    challenge = 'tasks_1-20_v1-2/en-10k/qa1_single-supporting-fact_{}.txt'
    train = get_stories(tar.extractfile(challenge.format('train')))
    test = get_stories(tar.extractfile(challenge.format('test')))
    vocab = sorted(reduce(lambda x, y: x | y, (set(s + q + [a]) for s, q, a in train + test)))
    vocab_size = len(vocab) + 1
    story_maxlen = max(len(x) for x, _, _ in train + test)
    query_maxlen = max(len(x) for _, x, _ in train + test)
    word_idx = dict((c, i + 1) for i, c in enumerate(vocab))
    inputs_train, queries_train, answers_train = vectorize_stories(
        train, word_idx, story_maxlen, query_maxlen)
    inputs_test, queries_test, answers_test = vectorize_stories(
        test, word_idx, story_maxlen, query_maxlen)
    model = build(vocab_size, story_maxlen, query_maxlen)
    model.fit([inputs_train, queries_train, inputs_train], answers_train,
              batch_size=32,
              nb_epoch=120,
              validation_data=([inputs_test, queries_test, inputs_test], answers_test))
