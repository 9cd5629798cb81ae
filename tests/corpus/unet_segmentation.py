"""U-Net for the ultrasound nerve segmentation competition (channels-first, Theano)."""
import numpy as np
from keras.models import Model
from keras.layers import Input, merge, Convolution2D, MaxPooling2D, UpSampling2D, Dropout
from keras.optimizers import Adam
from keras.callbacks import ModelCheckpoint, LearningRateScheduler
from keras import backend as K

img_rows = 64
img_cols = 80
smooth = 1.


def dice_coef(y_true, y_pred):
    y_true_f = K.flatten(y_true)
    y_pred_f = K.flatten(y_pred)
    intersection = K.sum(y_true_f * y_pred_f)
    return (2. * intersection + smooth) / (K.sum(y_true_f) + K.sum(y_pred_f) + smooth)


def dice_coef_loss(y_true, y_pred):
    return -dice_coef(y_true, y_pred)


def conv_block(x, n, drop=0.0):
    x = Convolution2D(n, 3, 3, activation='relu', border_mode='same')(x)
    if drop:
        x = Dropout(drop)(x)
    x = Convolution2D(n, 3, 3, activation='relu', border_mode='same')(x)
    return x


def get_unet(lr=1e-5):
    inputs = Input((1, img_rows, img_cols))
    conv1 = conv_block(inputs, 32)
    pool1 = MaxPooling2D(pool_size=(2, 2))(conv1)
    conv2 = conv_block(pool1, 64)
    pool2 = MaxPooling2D(pool_size=(2, 2))(conv2)
    conv3 = conv_block(pool2, 128)
    pool3 = MaxPooling2D(pool_size=(2, 2))(conv3)
    conv4 = conv_block(pool3, 256, drop=0.2)
    pool4 = MaxPooling2D(pool_size=(2, 2))(conv4)

    conv5 = conv_block(pool4, 512, drop=0.3)

    up6 = merge([UpSampling2D(size=(2, 2))(conv5), conv4], mode='concat', concat_axis=1)
    conv6 = conv_block(up6, 256)
    up7 = merge([UpSampling2D(size=(2, 2))(conv6), conv3], mode='concat', concat_axis=1)
    conv7 = conv_block(up7, 128)
    up8 = merge([UpSampling2D(size=(2, 2))(conv7), conv2],
                mode='concat',
                concat_axis=1)
    conv8 = conv_block(up8, 64)
    up9 = merge([UpSampling2D(size=(2, 2))(conv8), conv1], mode='concat', concat_axis=1)
    conv9 = conv_block(up9, 32)

    conv10 = Convolution2D(1, 1, 1, activation='sigmoid')(conv9)

    model = Model(input=inputs, output=conv10)
    model.compile(optimizer=Adam(lr=lr), loss=dice_coef_loss, metrics=[dice_coef])
    return model


def preprocess(imgs):
    out = np.ndarray((imgs.shape[0], imgs.shape[1], img_rows, img_cols), dtype=np.uint8)
    for i in range(imgs.shape[0]):
        out[i, 0] = imgs[i, 0, :img_rows, :img_cols]
    return out


def schedule(epoch):
    return 1e-5 if epoch < 10 else 5e-6


if __name__ == '__main__':
    imgs_train = np.load('imgs_train.npy')
    imgs_mask_train = np.load('imgs_mask_train.npy')
    imgs_train = preprocess(imgs_train).astype('float32')
    mean, std = np.mean(imgs_train), np.std(imgs_train)
    imgs_train = (imgs_train - mean) / std
    imgs_mask_train = preprocess(imgs_mask_train).astype('float32') / 255.

    model = get_unet()
    checkpoint = ModelCheckpoint('unet.hdf5', monitor='loss', save_best_only=True)
    model.fit(imgs_train, imgs_mask_train, batch_size=32, nb_epoch=20, verbose=1, shuffle=True,
              callbacks=[checkpoint, LearningRateScheduler(schedule)])
