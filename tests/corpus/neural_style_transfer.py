'''Neural style transfer with VGG16 features and L-BFGS (Gatys et al.).'''
from __future__ import print_function
import argparse
import time

import numpy as np
from scipy.misc import imsave
from scipy.optimize import fmin_l_bfgs_b
from keras.preprocessing.image import load_img, img_to_array
from keras.applications import vgg16
from keras import backend as K

parser = argparse.ArgumentParser()
parser.add_argument('base_image_path')
parser.add_argument('style_reference_image_path')
parser.add_argument('result_prefix')
parser.add_argument('--iter', type=int, default=10)
args = parser.parse_args()

total_variation_weight = 1.
style_weight = 1.
content_weight = 0.025
img_nrows = 400
width, height = load_img(args.base_image_path).size
img_ncols = int(width * img_nrows / height)


def preprocess_image(image_path):
    img = load_img(image_path, target_size=(img_nrows, img_ncols))
    img = img_to_array(img, dim_ordering=K.image_dim_ordering())
    img = np.expand_dims(img, axis=0)
    return vgg16.preprocess_input(img)


def deprocess_image(x):
    if K.image_dim_ordering() == 'th':
        x = x.reshape((3, img_nrows, img_ncols)).transpose((1, 2, 0))
    else:
        x = x.reshape((img_nrows, img_ncols, 3))
    x[:, :, 0] += 103.939
    x[:, :, 1] += 116.779
    x[:, :, 2] += 123.68
    x = x[:, :, ::-1]
    return np.clip(x, 0, 255).astype('uint8')


base_image = K.variable(preprocess_image(args.base_image_path))
style_reference_image = K.variable(preprocess_image(args.style_reference_image_path))
if K.image_dim_ordering() == 'th':
    combination_image = K.placeholder((1, 3, img_nrows, img_ncols))
else:
    combination_image = K.placeholder((1, img_nrows, img_ncols, 3))
input_tensor = K.concatenate([base_image, style_reference_image, combination_image], axis=0)
model = vgg16.VGG16(input_tensor=input_tensor, weights='imagenet', include_top=False)
outputs_dict = dict([(layer.name, layer.output) for layer in model.layers])


def gram_matrix(x):
    assert K.ndim(x) == 3
    if K.image_dim_ordering() == 'th':
        features = K.batch_flatten(x)
    else:
        features = K.batch_flatten(K.permute_dimensions(x, (2, 0, 1)))
    return K.dot(features, K.transpose(features))


def style_loss(style, combination):
    S = gram_matrix(style)
    C = gram_matrix(combination)
    size = img_nrows * img_ncols
    return K.sum(K.square(S - C)) / (4. * (3 ** 2) * (size ** 2))


def total_variation_loss(x):
    if K.image_dim_ordering() == 'th':
        a = K.square(x[:, :, :img_nrows - 1, :img_ncols - 1] - x[:, :, 1:, :img_ncols - 1])
        b = K.square(x[:, :, :img_nrows - 1, :img_ncols - 1] - x[:, :, :img_nrows - 1, 1:])
    else:
        a = K.square(x[:, :img_nrows - 1, :img_ncols - 1, :] - x[:, 1:, :img_ncols - 1, :])
        b = K.square(x[:, :img_nrows - 1, :img_ncols - 1, :] - x[:, :img_nrows - 1, 1:, :])
    return K.sum(K.pow(a + b, 1.25))


loss = K.variable(0.)
layer_features = outputs_dict['block4_conv2']
loss += content_weight * K.sum(K.square(layer_features[2, :, :, :] - layer_features[0, :, :, :]))
for layer_name in ['block1_conv1', 'block2_conv1', 'block3_conv1', 'block4_conv1']:
    lf = outputs_dict[layer_name]
    loss += (style_weight / 4) * style_loss(lf[1, :, :, :], lf[2, :, :, :])
loss += total_variation_weight * total_variation_loss(combination_image)
grads = K.gradients(loss, combination_image)
f_outputs = K.function([combination_image], [loss] + grads)


class Evaluator(object):
    def __init__(self):
        self.loss_value = None
        self.grads_values = None

    def loss(self, x):
        shape = (1, 3, img_nrows, img_ncols) if K.image_dim_ordering() == 'th' else (1, img_nrows, img_ncols, 3)
        outs = f_outputs([x.reshape(shape)])
        self.loss_value = outs[0]
        self.grads_values = np.array(outs[1:]).flatten().astype('float64')
        return self.loss_value

    def grads(self, x):
        return np.copy(self.grads_values)


evaluator = Evaluator()
x = preprocess_image(args.base_image_path)
for i in range(args.iter):
    start_time = time.time()
    x, min_val, info = fmin_l_bfgs_b(evaluator.loss, x.flatten(), fprime=evaluator.grads, maxfun=20)
    print('Iteration %d loss %.1f (%.1fs)' % (i, min_val, time.time() - start_time))
    imsave('%s_at_iteration_%d.png' % (args.result_prefix, i), deprocess_image(x.copy()))
