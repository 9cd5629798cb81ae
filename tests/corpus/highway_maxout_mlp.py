# Deep MLP experiments on tabular data: highway layers, maxout, parametric activations, noise.
import argparse
import json

import numpy as np
from keras.models import Sequential
from keras.layers.core import Dense, Dropout, Activation, Highway, MaxoutDense
from keras.layers.advanced_activations import PReLU, LeakyReLU, SReLU, ParametricSoftplus, ELU
from keras.layers.noise import GaussianNoise, GaussianDropout
from keras.constraints import maxnorm, nonneg
from keras.optimizers import Adagrad, Adadelta


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument('--depth', type=int, default=10)
    p.add_argument('--width', type=int, default=64)
    p.add_argument('--act', default='prelu', choices=['prelu', 'leaky', 'srelu', 'softplus', 'elu'])
    p.add_argument('--epochs', type=int, default=30)
    p.add_argument('--out', default='history.json')
    return p.parse_args()


def activation(kind):
    if kind == 'prelu':
        return PReLU(init='zero')
    if kind == 'leaky':
        return LeakyReLU(alpha=0.1)
    if kind == 'srelu':
        return SReLU()
    if kind == 'softplus':
        return ParametricSoftplus(alpha_init=0.2, beta_init=5.0)
    return ELU(alpha=1.0)


def highway_net(n_in, n_out, depth, width, act):
    model = Sequential()
    model.add(GaussianNoise(sigma=0.05, input_shape=(n_in,)))
    model.add(Dense(width, W_constraint=maxnorm(3), b_constraint=nonneg()))
    model.add(activation(act))
    for _ in range(depth):
        model.add(Highway(activation='relu', init='glorot_uniform', transform_bias=-2))
        model.add(Dropout(0.1))
    model.add(Dense(n_out, activation='softmax', bias=True))
    return model


def maxout_net(n_in, n_out, width):
    model = Sequential()
    model.add(MaxoutDense(width, nb_feature=4, input_dim=n_in))
    model.add(GaussianDropout(p=0.2))
    model.add(MaxoutDense(output_dim=width, nb_feature=4))
    model.add(Dense(n_out, bias=False))
    model.add(Activation('softmax'))
    return model


def main():
    args = parse_args()
    rng = np.random.RandomState(0)
    X = rng.randn(2000, 20).astype('float32')
    y = (X[:, 0] + X[:, 1] ** 2 > 1).astype('int32')
    Y = np.eye(2)[y]
    results = {}
    for name, model in [('highway', highway_net(20, 2, args.depth, args.width, args.act)),
                        ('maxout', maxout_net(20, 2, args.width))]:
        opt = Adagrad(lr=0.01, epsilon=1e-8) if name == 'highway' else Adadelta()
        model.compile(opt, 'categorical_crossentropy', metrics=['accuracy'])
        h = model.fit(X, Y, nb_epoch=args.epochs, batch_size=64, validation_split=0.2, verbose=2)
        results[name] = {k: [float(v) for v in vals] for k, vals in h.history.items()}
    with open(args.out, 'w') as f:
        json.dump(results, f, indent=2)


if __name__ == '__main__':
    main()
