"""BatchNormalization in its Keras 1 modes, on a small convnet and on an MLP."""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense, Activation, Flatten, Convolution2D, MaxPooling2D
from keras.layers.normalization import BatchNormalization
from keras.optimizers import Adam


def convnet(input_shape=(3, 32, 32), classes=10):
    model = Sequential()
    model.add(Convolution2D(32, 3, 3, border_mode='same', input_shape=input_shape,
                            dim_ordering='th', bias=False))
    model.add(BatchNormalization(mode=0, axis=1))
    model.add(Activation('relu'))
    model.add(Convolution2D(32, 3, 3, dim_ordering='th', bias=False))
    model.add(BatchNormalization(axis=1, mode=0, momentum=0.9, epsilon=1e-3,
                                 beta_init='zero', gamma_init='one'))
    model.add(Activation('relu'))
    model.add(MaxPooling2D(pool_size=(2, 2), dim_ordering='th'))
    model.add(Flatten())
    model.add(Dense(classes))
    model.add(BatchNormalization(mode=1))
    model.add(Activation('softmax'))
    return model


def mlp(n_in=100, classes=5, sample_wise=False):
    model = Sequential()
    model.add(Dense(128, input_dim=n_in))
    # mode 2: feature-wise normalisation with per-batch statistics, also at test time
    model.add(BatchNormalization(mode=2 if sample_wise else 0))
    model.add(Activation('relu'))
    model.add(Dense(classes, activation='softmax'))
    return model


def bn_stats(model):
    out = []
    for layer in model.layers:
        if isinstance(layer, BatchNormalization):
            gamma, beta, mean, std = layer.get_weights()
            out.append((layer.name, float(gamma.mean()), float(mean.mean()), float(std.mean())))
    return out


if __name__ == '__main__':
    for m in (convnet(), mlp(), mlp(sample_wise=True)):
        m.compile(Adam(lr=3e-4), 'categorical_crossentropy', metrics=['accuracy'])
        shape = (16,) + m.input_shape[1:]
        m.fit(np.random.rand(*shape), np.eye(m.output_shape[-1])[np.random.randint(0, m.output_shape[-1], 16)],
              nb_epoch=1, verbose=0)
        for row in bn_stats(m):
            print(row)
