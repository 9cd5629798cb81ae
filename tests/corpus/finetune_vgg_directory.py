"""Cats vs dogs: fine-tune the top of VGG16 on images read from class folders."""
import os

import numpy as np
from keras import applications
from keras import optimizers
from keras.preprocessing.image import ImageDataGenerator
from keras.models import Sequential, Model
from keras.layers import Dropout, Flatten, Dense

img_width, img_height = 150, 150
train_data_dir = 'data/train'
validation_data_dir = 'data/validation'
nb_train_samples = 2000
nb_validation_samples = 800
epochs = 50
batch_size = 16


def count_images(folder):
    return sum(len(files) for _, _, files in os.walk(folder))


def threaded_batches(x, y, batch_size=32):
    """A plain Python generator, used where a flow() iterator would not fit in memory."""
    n = len(x)
    while True:
        order = np.random.permutation(n)
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            yield x[idx], y[idx]


def build():
    base = applications.VGG16(weights='imagenet', include_top=False,
                              input_shape=(img_width, img_height, 3))
    top = Sequential()
    top.add(Flatten(input_shape=base.output_shape[1:]))
    top.add(Dense(256, activation='relu'))
    top.add(Dropout(0.5))
    top.add(Dense(1, activation='sigmoid'))
    model = Model(input=base.input, output=top(base.output))
    for layer in model.layers[:15]:
        layer.trainable = False
    model.compile(loss='binary_crossentropy',
                  optimizer=optimizers.SGD(lr=1e-4, momentum=0.9),
                  metrics=['accuracy'])
    return model


def generators():
    train_datagen = ImageDataGenerator(rescale=1. / 255, shear_range=0.2, zoom_range=0.2,
                                       horizontal_flip=True, dim_ordering='tf')
    test_datagen = ImageDataGenerator(rescale=1. / 255)
    train = train_datagen.flow_from_directory(train_data_dir,
                                              target_size=(img_height, img_width),
                                              batch_size=batch_size, class_mode='binary')
    valid = test_datagen.flow_from_directory(validation_data_dir,
                                             target_size=(img_height, img_width),
                                             batch_size=batch_size, class_mode='binary')
    return train, valid


if __name__ == '__main__':
    model = build()
    train_generator, validation_generator = generators()
    model.fit_generator(
        train_generator,
        samples_per_epoch=nb_train_samples,
        nb_epoch=epochs,
        validation_data=validation_generator,
        nb_val_samples=nb_validation_samples,
        nb_worker=4,
        pickle_safe=True,
        max_q_size=10)
    model.save_weights('finetuned.h5')
    score = model.evaluate_generator(validation_generator, val_samples=nb_validation_samples)
    print(dict(zip(model.metrics_names, score)))
    probs = model.predict_generator(validation_generator, nb_validation_samples,
                                    max_q_size=4)
    np.save('val_probs.npy', probs)
    x = np.random.rand(64, img_width, img_height, 3)
    y = np.random.randint(0, 2, 64)
    model.fit_generator(threaded_batches(x, y), 64, 1)
