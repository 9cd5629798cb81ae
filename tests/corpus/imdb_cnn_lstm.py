# IMDB sentiment: embedding -> conv1d -> pool -> LSTM; ~0.85 accuracy after 2 epochs
import numpy as np
np.random.seed(1337)

from keras.preprocessing import sequence
from keras.models import Sequential
from keras.layers import Dense, Dropout, Activation
from keras.layers import Embedding
from keras.layers import LSTM, GRU, SimpleRNN
from keras.layers import Convolution1D, MaxPooling1D
from keras.datasets import imdb

# Embedding
max_features = 20000
maxlen = 100
embedding_size = 128

# Convolution
filter_length = 5
nb_filter = 64
pool_length = 4

# LSTM
lstm_output_size = 70

# Training
batch_size = 30
nb_epoch = 2


def load():
    print('Loading data...')
    (X_train, y_train), (X_test, y_test) = imdb.load_data(nb_words=max_features)
    print(len(X_train), 'train sequences')
    print(len(X_test), 'test sequences')
    X_train = sequence.pad_sequences(X_train, maxlen=maxlen)
    X_test = sequence.pad_sequences(X_test, maxlen=maxlen)
    return X_train, y_train, X_test, y_test


def build(rnn='lstm'):
    model = Sequential()
    model.add(Embedding(max_features, embedding_size, input_length=maxlen, dropout=0.25))
    model.add(Convolution1D(nb_filter=nb_filter,
                            filter_length=filter_length,
                            border_mode='valid',
                            activation='relu',
                            subsample_length=1))
    model.add(MaxPooling1D(pool_length=pool_length))
    if rnn == 'lstm':
        model.add(LSTM(lstm_output_size, dropout_W=0.2, dropout_U=0.2))
    elif rnn == 'gru':
        model.add(GRU(output_dim=lstm_output_size, init='glorot_uniform', inner_init='orthogonal'))
    else:
        model.add(SimpleRNN(lstm_output_size, W_regularizer=None, U_regularizer=None))
    model.add(Dense(1))
    model.add(Activation('sigmoid'))
    model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
    return model


if __name__ == '__main__':
    X_train, y_train, X_test, y_test = load()
    for kind in ('lstm', 'gru'):
        model = build(kind)
        print('Train', kind)
        model.fit(X_train, y_train, batch_size=batch_size, nb_epoch=nb_epoch,
                  validation_data=(X_test, y_test))
        score, acc = model.evaluate(X_test, y_test, batch_size=batch_size)
        print('Test score:', score)
        print('Test accuracy:', acc)
        wrong = np.where(model.predict_classes(X_test[:500]).ravel() != y_test[:500])[0]
        print('first errors:', wrong[:10])
