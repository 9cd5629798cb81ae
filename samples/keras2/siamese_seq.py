"""Two-tower matching model built with Sequential models only.

Each tower maps a 24-d vector to a 10-d code; the towers are combined
inside a Sequential model by Merge(mode='dot', dot_axes=1), giving one
score per pair. build_cos() does the same with the cosine mode.
"""
import numpy as np

from keras.models import Sequential, Model
from keras.layers import Dense, Activation, dot
from keras.optimizers import SGD
from keras.optimizers.schedules import InverseTimeDecay

DIM_ORDERINGS = ("tf",)

INPUT_DIM = 24


def create_tower(name):
    tower = Sequential(name=name)
    tower.add(Dense(16, input_dim=INPUT_DIM, kernel_initializer='uniform'))
    tower.add(Activation('relu'))
    tower.add(Dense(10, kernel_initializer='uniform'))
    return tower


def build():
    left = create_tower('query_tower')
    right = create_tower('doc_tower')

    x = dot([left.output, right.output], axes=1)
    x = Dense(1, kernel_initializer='one', activation='sigmoid')(x)
    model = Model(inputs=[*left.inputs, *right.inputs], outputs=x)

    sgd = SGD(learning_rate=InverseTimeDecay(0.1, decay_steps=1, decay_rate=1e-6), momentum=0.9, nesterov=True)
    model.compile(loss='binary_crossentropy', optimizer=sgd)
    return model


def build_cos():
    left = create_tower('left')
    right = create_tower('right')
    x = dot([left.output, right.output], axes=1, normalize=True)
    model = Model(inputs=[*left.inputs, *right.inputs], outputs=x)
    return model


if __name__ == '__main__':
    a = np.random.rand(40, INPUT_DIM)
    b = np.random.rand(40, INPUT_DIM)
    labels = np.random.randint(2, size=(40, 1))
    model = build()
    model.fit([a, b], labels, epochs=2, batch_size=8)
    print(model.predict([a[:3], b[:3]]))
    print(build_cos().predict([a[:3], b[:3]]).ravel())
