"""Siamese MLP on pairs of MNIST digits with a contrastive loss (Hadsell et al. 2006)."""
import random

import numpy as np
from keras.datasets import mnist
from keras.models import Sequential, Model
from keras.layers import Dense, Dropout, Input, Lambda, merge
from keras.optimizers import RMSprop
from keras import backend as K


def euclidean_distance(vects):
    x, y = vects
    return K.sqrt(K.maximum(K.sum(K.square(x - y), axis=1, keepdims=True), K.epsilon()))


def eucl_dist_output_shape(shapes):
    shape1, shape2 = shapes
    return (shape1[0], 1)


def contrastive_loss(y_true, y_pred):
    margin = 1
    return K.mean(y_true * K.square(y_pred) + (1 - y_true) * K.square(K.maximum(margin - y_pred, 0)))


def create_pairs(x, digit_indices):
    pairs = []
    labels = []
    n = min([len(digit_indices[d]) for d in range(10)]) - 1
    for d in range(10):
        for i in range(n):
            z1, z2 = digit_indices[d][i], digit_indices[d][i + 1]
            pairs += [[x[z1], x[z2]]]
            inc = random.randrange(1, 10)
            dn = (d + inc) % 10
            z1, z2 = digit_indices[d][i], digit_indices[dn][i]
            pairs += [[x[z1], x[z2]]]
            labels += [1, 0]
    return np.array(pairs), np.array(labels)


def create_base_network(input_dim):
    seq = Sequential()
    seq.add(Dense(128, input_shape=(input_dim,), activation='relu'))
    seq.add(Dropout(0.1))
    seq.add(Dense(128, activation='relu'))
    seq.add(Dropout(0.1))
    seq.add(Dense(128, activation='relu'))
    return seq


def compute_accuracy(predictions, labels):
    return labels[predictions.ravel() < 0.5].mean()


def build(input_dim=784):
    base_network = create_base_network(input_dim)
    input_a = Input(shape=(input_dim,))
    input_b = Input(shape=(input_dim,))
    processed_a = base_network(input_a)
    processed_b = base_network(input_b)

    # Keras 1 style: merge with a callable mode instead of a Lambda
    distance = merge([processed_a, processed_b], mode=euclidean_distance,
                     output_shape=eucl_dist_output_shape)
    model = Model(input=[input_a, input_b], output=distance)
    model.compile(loss=contrastive_loss, optimizer=RMSprop())
    return model


def build_lambda(input_dim=784):
    base_network = create_base_network(input_dim)
    input_a = Input(shape=(input_dim,))
    input_b = Input(shape=(input_dim,))
    distance = Lambda(euclidean_distance, output_shape=eucl_dist_output_shape)(
        [base_network(input_a), base_network(input_b)])
    return Model([input_a, input_b], distance)


if __name__ == '__main__':
    (X_train, y_train), (X_test, y_test) = mnist.load_data()
    X_train = X_train.reshape(60000, 784).astype('float32') / 255
    X_test = X_test.reshape(10000, 784).astype('float32') / 255
    digit_indices = [np.where(y_train == i)[0] for i in range(10)]
    tr_pairs, tr_y = create_pairs(X_train, digit_indices)
    digit_indices = [np.where(y_test == i)[0] for i in range(10)]
    te_pairs, te_y = create_pairs(X_test, digit_indices)

    model = build()
    model.fit([tr_pairs[:, 0], tr_pairs[:, 1]], tr_y,
              validation_data=([te_pairs[:, 0], te_pairs[:, 1]], te_y),
              batch_size=128,
              nb_epoch=20)
    pred = model.predict([tr_pairs[:, 0], tr_pairs[:, 1]])
    print('* Accuracy on training set: %0.2f%%' % (100 * compute_accuracy(pred, tr_y)))
