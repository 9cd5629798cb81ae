"""Text-line OCR: conv features, two bidirectional GRU layers built from go_backwards pairs, CTC loss."""
import itertools

import numpy as np
from keras import backend as K
from keras.layers import Input, Dense, Activation, Reshape, Lambda, merge
from keras.layers.convolutional import Convolution2D, MaxPooling2D
from keras.layers.recurrent import GRU
from keras.models import Model
from keras.optimizers import SGD
from keras.callbacks import Callback

ALPHABET = u'abcdefghijklmnopqrstuvwxyz '
OUTPUT_LEN = len(ALPHABET) + 1


def ctc_lambda_func(args):
    y_pred, labels, input_length, label_length = args
    # the first couple of RNN outputs tend to be garbage
    y_pred = y_pred[:, 2:, :]
    return K.ctc_batch_cost(labels, y_pred, input_length, label_length)


def labels_to_text(labels):
    return ''.join(ALPHABET[c] for c in labels if c < len(ALPHABET))


def decode_batch(test_func, word_batch):
    out = test_func([word_batch])[0]
    ret = []
    for j in range(out.shape[0]):
        best = list(np.argmax(out[j, 2:], 1))
        best = [k for k, g in itertools.groupby(best)]
        ret.append(labels_to_text(best))
    return ret


class VizCallback(Callback):
    def __init__(self, test_func, batch):
        super(VizCallback, self).__init__()
        self.test_func = test_func
        self.batch = batch

    def on_epoch_end(self, epoch, logs={}):
        print(epoch, decode_batch(self.test_func, self.batch)[:4])


def build(img_w=128, img_h=64, absolute_max_string_len=16):
    conv_num_filters = 16
    filter_size = 3
    pool_size = 2
    time_dense_size = 32
    rnn_size = 512

    if K.image_dim_ordering() == 'th':
        input_shape = (1, img_w, img_h)
    else:
        input_shape = (img_w, img_h, 1)

    act = 'relu'
    input_data = Input(name='the_input', shape=input_shape, dtype='float32')
    inner = Convolution2D(conv_num_filters, filter_size, filter_size, border_mode='same',
                          activation=act, init='he_normal', name='conv1')(input_data)
    inner = MaxPooling2D(pool_size=(pool_size, pool_size), name='max1')(inner)
    inner = Convolution2D(conv_num_filters, filter_size, filter_size, border_mode='same',
                          activation=act, init='he_normal', name='conv2')(inner)
    inner = MaxPooling2D(pool_size=(pool_size, pool_size), name='max2')(inner)

    conv_to_rnn_dims = (img_w // (pool_size ** 2), (img_h // (pool_size ** 2)) * conv_num_filters)
    inner = Reshape(target_shape=conv_to_rnn_dims, name='reshape')(inner)
    inner = Dense(time_dense_size, activation=act, name='dense1')(inner)

    gru_1 = GRU(rnn_size, return_sequences=True, init='he_normal', name='gru1')(inner)
    gru_1b = GRU(rnn_size, return_sequences=True, go_backwards=True, init='he_normal',
                 name='gru1_b')(inner)
    gru1_merged = merge([gru_1, gru_1b], mode='sum')
    gru_2 = GRU(rnn_size, return_sequences=True, init='he_normal', name='gru2')(gru1_merged)
    gru_2b = GRU(rnn_size, return_sequences=True, go_backwards=True, init='he_normal',
                 name='gru2_b')(gru1_merged)

    inner = Dense(OUTPUT_LEN, init='he_normal', name='dense2')(merge([gru_2, gru_2b],
                                                                      mode='concat'))
    y_pred = Activation('softmax', name='softmax')(inner)

    labels = Input(name='the_labels', shape=[absolute_max_string_len], dtype='float32')
    input_length = Input(name='input_length', shape=[1], dtype='int64')
    label_length = Input(name='label_length', shape=[1], dtype='int64')
    loss_out = Lambda(ctc_lambda_func, output_shape=(1,), name='ctc')(
        [y_pred, labels, input_length, label_length])

    sgd = SGD(lr=0.02, decay=1e-6, momentum=0.9, nesterov=True, clipnorm=5)
    model = Model(input=[input_data, labels, input_length, label_length], output=[loss_out])
    model.compile(loss={'ctc': lambda y_true, y_pred: y_pred}, optimizer=sgd)
    test_func = K.function([input_data], [y_pred])
    return model, test_func


if __name__ == '__main__':
    model, test_func = build()
    model.summary()
