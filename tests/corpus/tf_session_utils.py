"""GPU memory settings, intermediate-layer outputs and saliency maps with the TF backend."""
import numpy as np
import tensorflow as tf
import keras
from keras import backend as K
from keras.models import load_model


def limit_gpu_memory(fraction=0.4):
    config = tf.ConfigProto()
    config.gpu_options.per_process_gpu_memory_fraction = fraction
    config.gpu_options.allow_growth = True
    K.set_session(tf.Session(config=config))


def layer_outputs(model, x, names):
    get = K.function([model.layers[0].input, K.learning_phase()],
                     [model.get_layer(n).output for n in names])
    return get([x, 0])


def saliency(model, x, class_idx):
    out = model.output[:, class_idx]
    grads = K.gradients(out, model.input)[0]
    grads /= (K.sqrt(K.mean(K.square(grads))) + 1e-5)
    fn = K.function([model.input, K.learning_phase()], [out, grads])
    value, grad = fn([x, 0])
    return value, np.abs(grad).max(axis=-1)


def shapes(model):
    sess = K.get_session()
    rows = []
    for w in model.weights:
        rows.append((w.name, K.get_variable_shape(w), sess.run(tf.reduce_mean(w))))
    return rows


def freeze_graph(model, out_path='frozen.pb'):
    K.set_learning_phase(0)
    sess = keras.backend.get_session()
    names = [out.op.name for out in model.outputs]
    graph = tf.graph_util.convert_variables_to_constants(sess, sess.graph_def, names)
    tf.train.write_graph(graph, '.', out_path, as_text=False)
    return names


if __name__ == '__main__':
    limit_gpu_memory()
    m = load_model('model.h5')
    x = np.random.rand(1, 224, 224, 3).astype('float32')
    print(layer_outputs(m, x, [l.name for l in m.layers[1:3]]))
    print(saliency(m, x, 0)[1].shape)
    for row in shapes(m):
        print(row)
