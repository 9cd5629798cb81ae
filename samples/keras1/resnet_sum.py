"""A small residual network (ResNet-50 style bottleneck blocks) for
32x32 colour images, 10 classes.

Identity and projection shortcuts are added with merge(mode='sum');
one block uses the bare merge([a, b]) whose default mode is also sum.
Works with either image_dim_ordering in ~/.keras/keras.json.
"""
from __future__ import print_function

import numpy as np

from keras.layers import Input, merge
from keras.layers import Convolution2D, BatchNormalization, Activation
from keras.layers import GlobalAveragePooling2D, Dense
from keras.models import Model
from keras.regularizers import l2
from keras.utils import np_utils
from keras import backend as K

DIM_ORDERINGS = ("th", "tf")

nb_classes = 10
weight_decay = 1e-4

if K.image_dim_ordering() == 'th':
    bn_axis = 1
else:
    bn_axis = 3


def identity_block(input_tensor, kernel_size, filters, stage, block):
    nb_filter1, nb_filter2, nb_filter3 = filters
    conv_name_base = 'res' + str(stage) + block + '_branch'
    bn_name_base = 'bn' + str(stage) + block + '_branch'

    x = Convolution2D(nb_filter1, 1, 1, name=conv_name_base + '2a')(input_tensor)
    x = BatchNormalization(axis=bn_axis, name=bn_name_base + '2a')(x)
    x = Activation('relu')(x)

    x = Convolution2D(nb_filter2, kernel_size, kernel_size,
                      border_mode='same', name=conv_name_base + '2b')(x)
    x = BatchNormalization(axis=bn_axis, name=bn_name_base + '2b')(x)
    x = Activation('relu')(x)

    x = Convolution2D(nb_filter3, 1, 1, name=conv_name_base + '2c')(x)
    x = BatchNormalization(axis=bn_axis, name=bn_name_base + '2c')(x)

    x = merge([x, input_tensor], mode='sum')
    x = Activation('relu')(x)
    return x


def conv_block(input_tensor, kernel_size, filters, stage, block, strides=(2, 2)):
    """Block with a 1x1 projection on the shortcut; downsamples with `strides`."""
    nb_filter1, nb_filter2, nb_filter3 = filters
    conv_name_base = 'res' + str(stage) + block + '_branch'
    bn_name_base = 'bn' + str(stage) + block + '_branch'

    x = Convolution2D(nb_filter1, 1, 1, subsample=strides,
                      name=conv_name_base + '2a', W_regularizer=l2(weight_decay))(input_tensor)
    x = BatchNormalization(axis=bn_axis, name=bn_name_base + '2a')(x)
    x = Activation('relu')(x)

    x = Convolution2D(nb_filter2, kernel_size, kernel_size, border_mode='same',
                      name=conv_name_base + '2b', W_regularizer=l2(weight_decay))(x)
    x = BatchNormalization(axis=bn_axis, name=bn_name_base + '2b')(x)
    x = Activation('relu')(x)

    x = Convolution2D(nb_filter3, 1, 1, name=conv_name_base + '2c')(x)
    x = BatchNormalization(axis=bn_axis, name=bn_name_base + '2c')(x)

    shortcut = Convolution2D(nb_filter3, 1, 1, subsample=strides,
                             name=conv_name_base + '1')(input_tensor)
    shortcut = BatchNormalization(axis=bn_axis, name=bn_name_base + '1')(shortcut)

    x = merge([x, shortcut], mode='sum')
    x = Activation('relu')(x)
    return x


def build():
    if K.image_dim_ordering() == 'th':
        img_input = Input(shape=(3, 32, 32))
    else:
        img_input = Input(shape=(32, 32, 3))

    x = Convolution2D(16, 3, 3, border_mode='same', init='he_normal', name='conv1')(img_input)
    x = BatchNormalization(axis=bn_axis, name='bn_conv1')(x)
    x = Activation('relu')(x)

    x = conv_block(x, 3, [8, 8, 16], stage=2, block='a', strides=(1, 1))
    x = identity_block(x, 3, [8, 8, 16], stage=2, block='b')

    x = conv_block(x, 3, [16, 16, 32], stage=3, block='a')
    # plain pre-activation style block: the default merge mode is 'sum'
    y = Activation('relu')(BatchNormalization(axis=bn_axis)(x))
    y = Convolution2D(32, 3, 3, border_mode='same')(y)
    x = merge([x, y])

    x = GlobalAveragePooling2D()(x)
    x = Dense(nb_classes, activation='softmax', name='fc10')(x)

    model = Model(img_input, x)
    model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
    return model


if __name__ == "__main__":
    if K.image_dim_ordering() == 'th':
        X = np.random.rand(32, 3, 32, 32)
    else:
        X = np.random.rand(32, 32, 32, 3)
    y = np_utils.to_categorical(np.random.randint(0, nb_classes, 32), nb_classes)
    model = build()
    model.summary()
    model.fit(X, y, nb_epoch=2, batch_size=16, validation_split=0.25)
    print(model.evaluate(X, y, batch_size=16))
