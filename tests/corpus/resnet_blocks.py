# ResNet-ish blocks written against the Keras 1 functional API; works in both orderings.
from keras.layers import (Input, Dense, Activation, Flatten, Convolution2D, MaxPooling2D,
                          AveragePooling2D, ZeroPadding2D, BatchNormalization, merge)
from keras.models import Model
from keras.regularizers import l2
import keras.backend as K

WEIGHT_DECAY = 1e-4

if K.image_dim_ordering() == 'tf':
    bn_axis = 3
else:
    bn_axis = 1


def identity_block(input_tensor, kernel_size, filters, stage, block):
    nb_filter1, nb_filter2, nb_filter3 = filters
    conv_name_base = 'res' + str(stage) + block + '_branch'
    bn_name_base = 'bn' + str(stage) + block + '_branch'

    x = Convolution2D(nb_filter1, 1, 1, name=conv_name_base + '2a')(input_tensor)
    x = BatchNormalization(axis=bn_axis, name=bn_name_base + '2a')(x)
    x = Activation('relu')(x)

    x = Convolution2D(nb_filter2, kernel_size, kernel_size, border_mode='same',
                      name=conv_name_base + '2b', W_regularizer=l2(WEIGHT_DECAY))(x)
    x = BatchNormalization(axis=bn_axis, mode=0, name=bn_name_base + '2b')(x)
    x = Activation('relu')(x)

    x = Convolution2D(nb_filter3, 1, 1, name=conv_name_base + '2c')(x)
    x = BatchNormalization(axis=bn_axis, name=bn_name_base + '2c')(x)

    x = merge([x, input_tensor], mode='sum')
    x = Activation('relu')(x)
    return x


def conv_block(input_tensor, kernel_size, filters, stage, block, strides=(2, 2)):
    nb_filter1, nb_filter2, nb_filter3 = filters
    name = 'res%d%s_branch' % (stage, block)

    x = Convolution2D(nb_filter1, 1, 1, subsample=strides, init='he_normal',
                      name=name + '2a')(input_tensor)
    x = BatchNormalization(axis=bn_axis)(x)
    x = Activation('relu')(x)
    x = Convolution2D(nb_filter2, kernel_size, kernel_size, border_mode='same',
                      init='he_normal', name=name + '2b')(x)
    x = BatchNormalization(axis=bn_axis)(x)
    x = Activation('relu')(x)
    x = Convolution2D(nb_filter3, 1, 1, init='he_normal', name=name + '2c')(x)
    x = BatchNormalization(axis=bn_axis)(x)

    shortcut = Convolution2D(nb_filter3, 1, 1, subsample=strides,
                             name=name + '1')(input_tensor)
    shortcut = BatchNormalization(axis=bn_axis)(shortcut)

    x = merge([x, shortcut])  # default mode is 'sum'
    return Activation('relu')(x)


def small_resnet(input_shape=None, classes=10):
    if input_shape is None:
        input_shape = (3, 64, 64) if K.image_dim_ordering() == 'th' else (64, 64, 3)
    img_input = Input(shape=input_shape)
    x = ZeroPadding2D((3, 3))(img_input)
    x = Convolution2D(64, 7, 7, subsample=(2, 2), name='conv1')(x)
    x = BatchNormalization(axis=bn_axis, name='bn_conv1')(x)
    x = Activation('relu')(x)
    x = MaxPooling2D((3, 3), strides=(2, 2))(x)

    x = conv_block(x, 3, [64, 64, 256], stage=2, block='a', strides=(1, 1))
    x = identity_block(x, 3, [64, 64, 256], stage=2, block='b')
    x = conv_block(x, 3, [128, 128, 512], stage=3, block='a')
    for b in 'bcd':
        x = identity_block(x, 3, [128, 128, 512], stage=3, block=b)

    x = AveragePooling2D((4, 4), name='avg_pool')(x)
    x = Flatten()(x)
    x = Dense(classes, activation='softmax', name='fc', W_regularizer=l2(WEIGHT_DECAY),
              b_regularizer=l2(WEIGHT_DECAY))(x)
    return Model(img_input, x, name='small_resnet')


def count_layers(model):
    kinds = {}
    for layer in model.layers:
        kinds[layer.__class__.__name__] = kinds.get(layer.__class__.__name__, 0) + 1
    return sorted(kinds.items())


if __name__ == '__main__':
    m = small_resnet()
    m.summary()
    print(count_layers(m))
