"""Attention-over-encoder model that leans on backend ops and patched _keras_shape values."""
from keras import backend as K
from keras.layers import Input, Dense, LSTM, Lambda, Activation, RepeatVector, Permute, Flatten
from keras.layers import merge
from keras.models import Model


def attention_3d_block(inputs, time_steps):
    input_dim = int(inputs._keras_shape[2])
    a = Permute((2, 1))(inputs)
    a = Dense(time_steps, activation='softmax')(a)
    a_probs = Permute((2, 1), name='attention_vec')(a)
    return merge([inputs, a_probs], name='attention_mul', mode='mul'), input_dim


def build(time_steps=20, input_dim=32, units=64):
    inputs = Input(shape=(time_steps, input_dim))
    lstm_out = LSTM(units, return_sequences=True)(inputs)
    attended, width = attention_3d_block(lstm_out, time_steps)
    assert width == units
    # concatenate with raw backend ops and patch the shape so later layers accept it
    both = K.concatenate([attended, lstm_out], axis=-1)
    both._keras_shape = (None, time_steps, 2 * units)
    pooled = Lambda(lambda t: K.max(t, axis=1), output_shape=(2 * units,))(both)
    score = Dense(1, activation='sigmoid')(pooled)
    return Model(input=[inputs], output=score)


def batch_similarity(a, b):
    """Pairwise scores of two (batch, steps, dim) sequences."""
    return K.batch_dot(a, b, axes=[2, 2])


def build_pairwise(steps=10, dim=16):
    x = Input(shape=(steps, dim))
    y = Input(shape=(steps, dim))
    sim = Lambda(lambda ts: batch_similarity(ts[0], ts[1]),
                 output_shape=(steps, steps))([x, y])
    weights = Activation('softmax')(Flatten()(sim))
    n = x._keras_shape[1] * y._keras_shape[1]
    out = Dense(1)(RepeatVector(1)(Dense(n)(weights)))
    return Model(input=[x, y], output=out)


if __name__ == '__main__':
    build().summary()
    build_pairwise().summary()
