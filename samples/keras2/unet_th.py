"""Small U-Net for binary segmentation of 32x32 grey images, channels first.

Written for the Theano backend: every image layer says dim_ordering='th',
feature maps are (channels, rows, cols) and the skip connections are
concatenated on axis 1.
"""
from keras.layers import Input, concatenate, Conv2D, MaxPooling2D, UpSampling2D
from keras.layers import BatchNormalization
from keras.layers import Activation
from keras.models import Model
from keras.optimizers import Adam
from keras import backend as K

import numpy as np

DIM_ORDERINGS = ("th", "tf")

img_rows, img_cols = 32, 32
smooth = 1.


def dice_coef(y_true, y_pred):
    y_true_f = K.flatten(y_true)
    y_pred_f = K.flatten(y_pred)
    intersection = K.sum(y_true_f * y_pred_f)
    return (2. * intersection + smooth) / (K.sum(y_true_f) + K.sum(y_pred_f) + smooth)


def dice_coef_loss(y_true, y_pred):
    return -dice_coef(y_true, y_pred)


def conv_bn_relu(x, nb_filter):
    x = Conv2D(nb_filter, (3, 3), padding='same', kernel_initializer='he_normal',
                      data_format='channels_first')(x)
    x = BatchNormalization(axis=1)(x)
    return Activation('relu')(x)


def build():
    inputs = Input((1, img_rows, img_cols))

    conv1 = conv_bn_relu(inputs, 8)
    conv1 = conv_bn_relu(conv1, 8)
    pool1 = MaxPooling2D(pool_size=(2, 2), data_format='channels_first')(conv1)

    conv2 = conv_bn_relu(pool1, 16)
    conv2 = conv_bn_relu(conv2, 16)
    pool2 = MaxPooling2D(pool_size=(2, 2), data_format='channels_first')(conv2)

    conv3 = Conv2D(32, (3, 3), activation='relu', padding='same', data_format='channels_first')(pool2)
    conv3 = Conv2D(32, (3, 3), activation='relu', padding='same', data_format='channels_first')(conv3)

    up4 = concatenate([UpSampling2D(size=(2, 2), data_format='channels_first')(conv3), conv2], axis=1)
    conv4 = conv_bn_relu(up4, 16)
    conv4 = conv_bn_relu(conv4, 16)

    up5 = UpSampling2D(size=(2, 2), data_format='channels_first')(conv4)
    up5 = concatenate([up5, conv1],
                axis=1)
    conv5 = Conv2D(8, (3, 3), activation='relu', padding='same', data_format='channels_first')(up5)
    conv5 = Conv2D(8, (3, 3), activation='relu', padding='same', data_format='channels_first')(conv5)

    conv6 = Conv2D(1, (1, 1), activation='sigmoid', data_format='channels_first')(conv5)

    model = Model(inputs=inputs, outputs=conv6)
    model.compile(optimizer=Adam(learning_rate=1e-5), loss=dice_coef_loss, metrics=[dice_coef])
    return model


if __name__ == '__main__':
    imgs_train = np.random.rand(32, 1, img_rows, img_cols).astype('float32')
    imgs_mask_train = (np.random.rand(32, 1, img_rows, img_cols) > 0.5).astype('float32')

    model = build()
    model.summary()
    model.fit(imgs_train, imgs_mask_train, batch_size=16, epochs=2, verbose=1, shuffle=True)
    masks = model.predict(imgs_train[:4], verbose=1)
    print(masks.shape)
