"""Action recognition on short clips stored in an HDF5 file (frames, channels-first)."""
import h5py
import numpy as np
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten, Activation
from keras.layers.convolutional import Convolution3D, MaxPooling3D, ZeroPadding3D
from keras.optimizers import SGD
from keras.utils.np_utils import to_categorical

NB_FRAMES, ROWS, COLS = 16, 112, 112
NB_CLASSES = 101


def c3d(weights=None):
    model = Sequential()
    model.add(Convolution3D(64, 3, 3, 3, activation='relu', border_mode='same', name='conv1',
                            subsample=(1, 1, 1), dim_ordering='th',
                            input_shape=(3, NB_FRAMES, ROWS, COLS)))
    model.add(MaxPooling3D(pool_size=(1, 2, 2), strides=(1, 2, 2), border_mode='valid',
                           dim_ordering='th', name='pool1'))
    model.add(Convolution3D(128, 3, 3, 3, activation='relu', border_mode='same', name='conv2',
                            dim_ordering='th'))
    model.add(MaxPooling3D(pool_size=(2, 2, 2), strides=(2, 2, 2), dim_ordering='th'))
    model.add(Convolution3D(nb_filter=256, kernel_dim1=3, kernel_dim2=3, kernel_dim3=3,
                            activation='relu', border_mode='same', dim_ordering='th'))
    model.add(ZeroPadding3D(padding=(0, 1, 1), dim_ordering='th'))
    model.add(MaxPooling3D(pool_size=(2, 2, 2), strides=(2, 2, 2), dim_ordering='th'))
    model.add(Flatten())
    model.add(Dense(4096, activation='relu', name='fc6'))
    model.add(Dropout(.5))
    model.add(Dense(4096, activation='relu', name='fc7'))
    model.add(Dropout(.5))
    model.add(Dense(NB_CLASSES, name='fc8'))
    model.add(Activation('softmax'))
    if weights:
        model.load_weights(weights)
    return model


def batches(path, batch_size=8):
    with h5py.File(path, 'r') as f:
        clips, labels = f['clips'], f['labels']
        n = clips.shape[0]
        while True:
            for start in range(0, n - batch_size + 1, batch_size):
                x = clips[start:start + batch_size].astype('float32') / 255.
                y = to_categorical(labels[start:start + batch_size], nb_classes=NB_CLASSES)
                yield x, y


if __name__ == '__main__':
    model = c3d()
    model.compile(SGD(lr=0.003, momentum=0.9), 'categorical_crossentropy', metrics=['accuracy'])
    model.fit_generator(batches('ucf101_train.h5'), samples_per_epoch=9536, nb_epoch=16,
                        validation_data=batches('ucf101_val.h5'), nb_val_samples=3776)
    print(model.evaluate_generator(batches('ucf101_test.h5'), val_samples=3776))
