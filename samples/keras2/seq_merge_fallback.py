"""Sequential model with a Merge whose layers are added in a loop and by
a helper function that receives the half-built model.

Valid Keras 1: the Merge of the per-sensor branches goes first, hidden
layers follow from a list, and add_output_head() finishes the model.
"""
import numpy as np

from keras.models import Sequential
from keras.layers import Dense, Activation, Dropout, Merge

DIM_ORDERINGS = ("tf",)

SENSORS = [4, 6, 3]
HIDDEN = [24, 12]


def sensor_branch(dim):
    branch = Sequential()
    branch.add(Dense(8, input_dim=dim, activation='relu'))
    return branch


def add_output_head(model, nb_classes, dropout=0.25):
    model.add(Dropout(dropout))
    model.add(Dense(nb_classes))
    model.add(Activation('softmax'))
    return model


def build():
    branches = [sensor_branch(d) for d in SENSORS]

    model = Sequential()
    model.add(Merge(branches, mode='concat'))
    for units in HIDDEN:
        model.add(Dense(units, activation='relu'))
    model = add_output_head(model, 4)
    model.compile(loss='categorical_crossentropy', optimizer='adam')
    return model


if __name__ == '__main__':
    xs = [np.random.rand(32, d) for d in SENSORS]
    y = np.eye(4)[np.random.randint(0, 4, 32)]
    model = build()
    model.fit(xs, y, epochs=2, batch_size=16)
