"""A small residual network (ResNet-50 style bottleneck blocks) for
32x32 colour images, 10 classes.

Identity and projection shortcuts are added with merge(mode='sum');
one block uses the bare merge([a, b]) whose default mode is also sum.
Works with either image_dim_ordering in ~/.keras/keras.json.
"""
from __future__ import print_function

import numpy as np

from keras.layers import Input, add
from keras.layers import Conv2D, BatchNormalization, Activation
from keras.layers import GlobalAveragePooling2D, Dense
from keras.models import Model
from keras.regularizers import l2
from keras.utils import to_categorical

IMAGE_DATA_FORMAT = 'channels_first'  # this project's Keras 1 image_dim_ordering was 'th'

DIM_ORDERINGS = ("th", "tf")

nb_classes = 10
weight_decay = 1e-4

if IMAGE_DATA_FORMAT == 'channels_first':
    bn_axis = 1
else:
    bn_axis = 3


def identity_block(input_tensor, kernel_size, filters, stage, block):
    nb_filter1, nb_filter2, nb_filter3 = filters
    conv_name_base = 'res' + str(stage) + block + '_branch'
    bn_name_base = 'bn' + str(stage) + block + '_branch'

    x = Conv2D(nb_filter1, (1, 1), name=conv_name_base + '2a', data_format='channels_first')(input_tensor)
    x = BatchNormalization(axis=bn_axis, name=bn_name_base + '2a')(x)
    x = Activation('relu')(x)

    x = Conv2D(nb_filter2, (kernel_size, kernel_size), padding='same', name=conv_name_base + '2b', data_format='channels_first')(x)
    x = BatchNormalization(axis=bn_axis, name=bn_name_base + '2b')(x)
    x = Activation('relu')(x)

    x = Conv2D(nb_filter3, (1, 1), name=conv_name_base + '2c', data_format='channels_first')(x)
    x = BatchNormalization(axis=bn_axis, name=bn_name_base + '2c')(x)

    x = add([x, input_tensor])
    x = Activation('relu')(x)
    return x


def conv_block(input_tensor, kernel_size, filters, stage, block, strides=(2, 2)):
    """Block with a 1x1 projection on the shortcut; downsamples with `strides`."""
    nb_filter1, nb_filter2, nb_filter3 = filters
    conv_name_base = 'res' + str(stage) + block + '_branch'
    bn_name_base = 'bn' + str(stage) + block + '_branch'

    x = Conv2D(nb_filter1, (1, 1), strides=strides,
                      name=conv_name_base + '2a', kernel_regularizer=l2(weight_decay), data_format='channels_first')(input_tensor)
    x = BatchNormalization(axis=bn_axis, name=bn_name_base + '2a')(x)
    x = Activation('relu')(x)

    x = Conv2D(nb_filter2, (kernel_size, kernel_size), padding='same',
                      name=conv_name_base + '2b', kernel_regularizer=l2(weight_decay), data_format='channels_first')(x)
    x = BatchNormalization(axis=bn_axis, name=bn_name_base + '2b')(x)
    x = Activation('relu')(x)

    x = Conv2D(nb_filter3, (1, 1), name=conv_name_base + '2c', data_format='channels_first')(x)
    x = BatchNormalization(axis=bn_axis, name=bn_name_base + '2c')(x)

    shortcut = Conv2D(nb_filter3, (1, 1), strides=strides,
                             name=conv_name_base + '1',
                             data_format='channels_first')(input_tensor)
    shortcut = BatchNormalization(axis=bn_axis, name=bn_name_base + '1')(shortcut)

    x = add([x, shortcut])
    x = Activation('relu')(x)
    return x


def build():
    if IMAGE_DATA_FORMAT == 'channels_first':
        img_input = Input(shape=(3, 32, 32))
    else:
        img_input = Input(shape=(32, 32, 3))

    x = Conv2D(16, (3, 3), padding='same', kernel_initializer='he_normal', name='conv1', data_format='channels_first')(img_input)
    x = BatchNormalization(axis=bn_axis, name='bn_conv1')(x)
    x = Activation('relu')(x)

    x = conv_block(x, 3, [8, 8, 16], stage=2, block='a', strides=(1, 1))
    x = identity_block(x, 3, [8, 8, 16], stage=2, block='b')

    x = conv_block(x, 3, [16, 16, 32], stage=3, block='a')
    # plain pre-activation style block: the default merge mode is 'sum'
    y = Activation('relu')(BatchNormalization(axis=bn_axis)(x))
    y = Conv2D(32, (3, 3), padding='same', data_format='channels_first')(y)
    x = add([x, y])

    x = GlobalAveragePooling2D(data_format='channels_first')(x)
    x = Dense(nb_classes, activation='softmax', name='fc10')(x)

    model = Model(img_input, x)
    model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['acc'])
    return model


if __name__ == "__main__":
    if IMAGE_DATA_FORMAT == 'channels_first':
        X = np.random.rand(32, 3, 32, 32)
    else:
        X = np.random.rand(32, 32, 32, 3)
    y = to_categorical(np.random.randint(0, nb_classes, 32), nb_classes)
    model = build()
    model.summary()
    model.fit(X, y, epochs=2, batch_size=16, validation_split=0.25)
    print(model.evaluate(X, y, batch_size=16))
