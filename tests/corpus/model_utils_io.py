"""Helpers to save, reload, plot and inspect models between experiments."""
import json
import os

import numpy as np
from keras.models import model_from_json, load_model, Sequential
from keras.layers import Dense
from keras.utils import np_utils
from keras.utils.visualize_util import plot, model_to_dot
from keras.utils.layer_utils import layer_from_config
from keras.utils.generic_utils import get_from_module, Progbar
from keras.optimizers import optimizer_from_config


def save_architecture(model, folder):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, 'arch.json'), 'w') as f:
        f.write(model.to_json())
    model.save_weights(os.path.join(folder, 'weights.h5'), overwrite=True)
    plot(model, to_file=os.path.join(folder, 'model.png'), show_shapes=True,
         show_layer_names=False)
    return model_to_dot(model).create(prog='dot', format='svg')


def load_architecture(folder):
    with open(os.path.join(folder, 'arch.json')) as f:
        model = model_from_json(f.read())
    model.load_weights(os.path.join(folder, 'weights.h5'))
    return model


def clone_layer(layer):
    config = {'class_name': layer.__class__.__name__, 'config': layer.get_config()}
    return layer_from_config(config)


def optimizer_copy(model):
    cfg = {'class_name': model.optimizer.__class__.__name__,
           'config': model.optimizer.get_config()}
    return optimizer_from_config(cfg)


def resolve_activation(name):
    from keras import activations
    return get_from_module(name, vars(activations), 'activation function')


def evaluate_probs(model, x, y):
    probs = model.predict(x, batch_size=256)
    classes = np_utils.categorical_probas_to_classes(probs)
    hard = np_utils.probas_to_classes(probs)
    acc = np.mean(classes == np_utils.categorical_probas_to_classes(y))
    return acc, hard


def progress_demo(n=50):
    bar = Progbar(n)
    for i in range(n):
        bar.update(i + 1, values=[('i', i)], force=(i == n - 1))


if __name__ == '__main__':
    m = Sequential([Dense(3, input_dim=4, activation='softmax')])
    m.compile('sgd', 'categorical_crossentropy')
    save_architecture(m, 'out')
    m2 = load_architecture('out')
    x = np.random.rand(10, 4)
    y = np_utils.to_categorical(np.random.randint(0, 3, 10), nb_classes=3)
    print(evaluate_probs(m2, x, y))
    print(json.dumps(m2.get_config())[:80])
    print(clone_layer(m2.layers[0]).get_config()['output_dim'])
    progress_demo()
