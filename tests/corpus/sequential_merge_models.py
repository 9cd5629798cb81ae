'''Multi-input Sequential models (Keras 1 Merge layer at the top of a Sequential).'''
import numpy as np
from keras.models import Sequential
from keras.layers import Dense, Activation, Merge, Dropout, Embedding, LSTM, Flatten, Reshape
from keras.optimizers import SGD


def two_tower_sum():
    left = Sequential()
    left.add(Dense(32, input_dim=784))
    left.add(Activation('relu'))

    right = Sequential()
    right.add(Dense(32, input_dim=784))
    right.add(Activation('relu'))

    model = Sequential()
    model.add(Merge([left, right], mode='sum'))
    model.add(Dense(10))
    model.add(Activation('softmax'))
    model.compile(loss='categorical_crossentropy', optimizer=SGD(lr=0.1), metrics=['accuracy'])
    return model


def text_and_meta(vocab=5000, maxlen=50, n_meta=12):
    text = Sequential()
    text.add(Embedding(vocab, 64, input_length=maxlen))
    text.add(LSTM(32))

    meta = Sequential()
    meta.add(Dense(16, input_dim=n_meta, activation='relu'))

    model = Sequential()
    model.add(Merge([text, meta], mode='concat', concat_axis=-1))
    model.add(Dropout(0.3))
    model.add(Dense(1, activation='sigmoid'))
    model.compile('rmsprop', 'binary_crossentropy', metrics=['accuracy'])
    return model


def gated(n_in=20):
    value = Sequential()
    value.add(Dense(16, input_dim=n_in, activation='linear'))
    gate = Sequential()
    gate.add(Dense(16, input_dim=n_in, activation='sigmoid'))
    avg = Sequential()
    avg.add(Dense(16, input_dim=n_in))

    model = Sequential()
    model.add(Merge([value, gate], mode='mul'))
    model.add(Dense(16))
    other = Sequential()
    other.add(Merge([model, avg], mode='max'))
    other.add(Dense(1))
    other.compile('adam', 'mse')
    return other


def recommender(n_users=1000, n_items=500, k=20):
    users = Sequential()
    users.add(Embedding(n_users, k, input_length=1))
    users.add(Reshape((k,)))
    items = Sequential()
    items.add(Embedding(n_items, k, input_length=1))
    items.add(Flatten())
    model = Sequential()
    model.add(Merge([users, items], mode='dot', dot_axes=1))
    model.compile(loss='mse', optimizer='adamax')
    return model


if __name__ == '__main__':
    x = np.random.rand(100, 784)
    y = np.eye(10)[np.random.randint(0, 10, 100)]
    m = two_tower_sum()
    m.fit([x, x], y, nb_epoch=2, batch_size=16)
    print(m.predict_classes([x, x])[:10])
    print(m.predict_proba([x, x])[:2])

    g = gated()
    z = np.random.rand(64, 20)
    g.fit([z, z, z], np.random.rand(64, 1), nb_epoch=1, verbose=0)

    r = recommender()
    u = np.random.randint(0, 1000, (256, 1))
    i = np.random.randint(0, 500, (256, 1))
    r.fit([u, i], np.random.rand(256), nb_epoch=3, batch_size=64)
