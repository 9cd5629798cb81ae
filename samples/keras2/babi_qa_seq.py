'''Trains a two-branch recurrent network on bAbI-style question answering.

The story and the question are each encoded by their own Sequential
model (Embedding + LSTM); the two encoders are joined by a Merge layer
added to a third Sequential model, which predicts the answer word.
Random token ids stand in for the real dataset here.
'''
from __future__ import print_function

import numpy as np

from keras.layers import Embedding
from keras.layers import Dense, concatenate, Dropout, Activation
from keras import layers as recurrent
from keras.models import Sequential, Model

DIM_ORDERINGS = ("tf",)

RNN = recurrent.LSTM
EMBED_HIDDEN_SIZE = 16
SENT_HIDDEN_SIZE = 20
QUERY_HIDDEN_SIZE = 12
BATCH_SIZE = 16
EPOCHS = 2

vocab_size = 30
story_maxlen = 20
query_maxlen = 5

def build():
    story_encoder = Sequential()
    story_encoder.add(Embedding(vocab_size, EMBED_HIDDEN_SIZE,
                                input_length=story_maxlen))
    story_encoder.add(Dropout(0.3))
    story_encoder.add(RNN(SENT_HIDDEN_SIZE, return_sequences=False, recurrent_activation='hard_sigmoid'))

    question_encoder = Sequential()
    question_encoder.add(Embedding(vocab_size, EMBED_HIDDEN_SIZE,
                                   input_length=query_maxlen))
    question_encoder.add(Dropout(0.3))
    question_encoder.add(RNN(QUERY_HIDDEN_SIZE, return_sequences=False, recurrent_activation='hard_sigmoid'))

    x = concatenate([story_encoder.output, question_encoder.output])
    x = Dropout(0.3)(x)
    x = Dense(vocab_size)(x)
    x = Activation('softmax')(x)
    model = Model(inputs=[story_encoder.input, question_encoder.input], outputs=x)

    model.compile(optimizer='adam',
                  loss='categorical_crossentropy',
                  metrics=['acc'])
    return model


if __name__ == '__main__':
    print('RNN / Embed / Sent / Query = {}, {}, {}, {}'.format(RNN, EMBED_HIDDEN_SIZE,
                                                               SENT_HIDDEN_SIZE,
                                                               QUERY_HIDDEN_SIZE))
    X = np.random.randint(1, vocab_size, size=(64, story_maxlen))
    Xq = np.random.randint(1, vocab_size, size=(64, query_maxlen))
    Y = np.zeros((64, vocab_size))
    Y[np.arange(64), np.random.randint(1, vocab_size, 64)] = 1

    model = build()
    print('Training')
    model.fit([X, Xq], Y, batch_size=BATCH_SIZE, epochs=EPOCHS, validation_split=0.05)
    loss, acc = model.evaluate([X, Xq], Y, batch_size=BATCH_SIZE)
    print('Test loss / test accuracy = {:.4f} / {:.4f}'.format(loss, acc))
