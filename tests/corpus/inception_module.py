"""Inception-style blocks with dilated branches, for 3x299x299 or 299x299x3 inputs."""
from keras import layers
from keras.layers import Input
from keras.layers.convolutional import Convolution2D, AtrousConvolution2D, MaxPooling2D
from keras.layers.convolutional import AveragePooling2D
from keras.layers.normalization import BatchNormalization
from keras.models import Model
from keras import backend as K

channel_axis = 1 if K.image_dim_ordering() == 'th' else -1


def conv2d_bn(x, nb_filter, nb_row, nb_col, border_mode='same', subsample=(1, 1), name=None):
    """Conv + BN + ReLU, the classic helper (our own function, not a Keras API)."""
    bn_name = name + '_bn' if name else None
    conv_name = name + '_conv' if name else None
    x = Convolution2D(nb_filter, nb_row, nb_col,
                      subsample=subsample,
                      activation='relu',
                      border_mode=border_mode,
                      name=conv_name)(x)
    x = BatchNormalization(axis=channel_axis, name=bn_name)(x)
    return x


def inception_a(x, pool_features, name):
    branch1x1 = conv2d_bn(x, 64, 1, 1)

    branch5x5 = conv2d_bn(x, 48, 1, 1)
    branch5x5 = conv2d_bn(branch5x5, 64, 5, 5)

    branch3x3dbl = conv2d_bn(x, 64, 1, 1)
    branch3x3dbl = conv2d_bn(branch3x3dbl, 96, 3, 3)
    branch3x3dbl = conv2d_bn(branch3x3dbl, 96, 3, 3)

    branch_pool = AveragePooling2D((3, 3), strides=(1, 1), border_mode='same')(x)
    branch_pool = conv2d_bn(branch_pool, pool_features, 1, 1)
    return layers.merge([branch1x1, branch5x5, branch3x3dbl, branch_pool],
                        mode='concat', concat_axis=channel_axis,
                        name=name)


def dilated_branch(x, n, rate):
    return AtrousConvolution2D(n, 3, 3, atrous_rate=(rate, rate), border_mode='same',
                               activation='relu')(x)


def context_module(x, name):
    branches = [dilated_branch(x, 32, r) for r in (1, 2, 4, 8)]
    return layers.merge(branches, mode='concat', concat_axis=channel_axis, name=name)


def build(input_shape=(299, 299, 3), classes=1000):
    if K.image_dim_ordering() == 'th':
        input_shape = (input_shape[2], input_shape[0], input_shape[1])
    img = Input(shape=input_shape)
    x = conv2d_bn(img, 32, 3, 3, subsample=(2, 2), border_mode='valid')
    x = conv2d_bn(x, 32, 3, 3, border_mode='valid')
    x = conv2d_bn(x, 64, 3, 3)
    x = MaxPooling2D((3, 3), strides=(2, 2))(x)
    x = inception_a(x, 32, name='mixed0')
    x = inception_a(x, 64, name='mixed1')
    x = context_module(x, name='context')
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dense(classes, activation='softmax')(x)
    return Model(img, x)


if __name__ == '__main__':
    net = build(input_shape=(139, 139, 3), classes=10)
    print(len(net.layers), 'layers,', net.count_params(), 'params')
