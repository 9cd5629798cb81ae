"""The Merge layer class in the functional API.

A Merge(mode='concat', concat_axis=1) object is created first and called
on tensors later; another Merge is given layer instances
([layer_a, layer_b]) rather than tensors and connects to their outputs.
"""
import numpy as np

from keras.layers import Input, Dense, Activation
from keras.layers import Concatenate, add, Multiply
from keras.models import Model
from keras.optimizers import Adagrad

DIM_ORDERINGS = ("tf",)


def build():
    user_in = Input(shape=(10,), name='user')
    item_in = Input(shape=(12,), name='item')

    user_dense = Dense(8, activation='relu', name='user_dense')
    item_dense = Dense(8, activation='relu', name='item_dense')
    u = user_dense(user_in)
    v = item_dense(item_in)

    # built once, called once further down
    concat = Concatenate(axis=1, name='uv_concat')

    summed = add([user_dense.output, item_dense.output], name='uv_sum')

    x = concat([u, v])                          # (None, 16)
    y = Dense(8)(x)
    z = Dense(8)(summed)
    out = Multiply()([y, z])
    out = Dense(1)(out)
    out = Activation('sigmoid')(out)

    model = Model(inputs=[user_in, item_in], outputs=out)
    model.compile(loss='binary_crossentropy', optimizer=Adagrad(learning_rate=0.01))
    return model


if __name__ == '__main__':
    U = np.random.rand(48, 10)
    V = np.random.rand(48, 12)
    clicked = np.random.randint(0, 2, (48, 1))
    model = build()
    model.fit([U, V], clicked, epochs=2, batch_size=16)
