# A small WaveNet: stacks of dilated causal convolutions with gated activations and skips.
import numpy as np
from keras.layers import Input, Activation, merge
from keras.layers.convolutional import Convolution1D, AtrousConvolution1D
from keras.models import Model
from keras.optimizers import Adam
from keras.regularizers import l2

FRAGMENT = 4096
NB_FILTERS = 64
QUANT = 256


def residual_block(x, i, s):
    rate = 2 ** i
    tanh_out = AtrousConvolution1D(NB_FILTERS, 2, atrous_rate=rate, border_mode='same',
                                   name='dilated_conv_%d_tanh_s%d' % (rate, s),
                                   activation='tanh', W_regularizer=l2(1e-4))(x)
    sigm_out = AtrousConvolution1D(NB_FILTERS, 2, atrous_rate=rate, border_mode='same',
                                   name='dilated_conv_%d_sigm_s%d' % (rate, s),
                                   activation='sigmoid', bias=False)(x)
    gated = merge([tanh_out, sigm_out], mode='mul', name='gated_activation_%d_s%d' % (i, s))
    res_x = Convolution1D(NB_FILTERS, 1, border_mode='same')(gated)
    skip_x = Convolution1D(NB_FILTERS, 1, border_mode='same')(gated)
    res_x = merge([x, res_x], mode='sum')
    return res_x, skip_x


def build(nb_stacks=2, dilation_depth=9):
    inp = Input(shape=(FRAGMENT, QUANT), name='input_part')
    out = AtrousConvolution1D(NB_FILTERS, 2, atrous_rate=1, border_mode='same',
                              name='initial_causal_conv')(inp)
    skips = []
    for s in range(nb_stacks):
        for i in range(dilation_depth + 1):
            out, skip = residual_block(out, i, s)
            skips.append(skip)
    out = merge(skips, mode='sum')
    out = Activation('relu')(out)
    out = Convolution1D(QUANT, 1, border_mode='same')(out)
    out = Activation('relu')(out)
    out = Convolution1D(nb_filter=QUANT, filter_length=1, border_mode='same')(out)
    out = Activation('softmax')(out)
    model = Model(inp, out)
    model.compile(Adam(lr=0.001, epsilon=1e-8), 'categorical_crossentropy',
                  metrics=['accuracy'])
    return model


def mu_law(x, mu=QUANT - 1):
    return np.sign(x) * np.log1p(mu * np.abs(x)) / np.log1p(mu)


def one_hot(audio):
    q = ((mu_law(audio) + 1) / 2 * (QUANT - 1)).astype('int32')
    return np.eye(QUANT)[q]


if __name__ == '__main__':
    audio = np.sin(np.linspace(0, 800 * np.pi, FRAGMENT * 4))
    X = np.stack([one_hot(audio[i:i + FRAGMENT]) for i in range(0, 3 * FRAGMENT, 512)])
    model = build()
    model.summary()
    model.fit(X, X, nb_epoch=1, batch_size=2)
