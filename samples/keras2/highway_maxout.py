"""A tabular classifier with the Keras 1 layers that Keras 2.4 removed: Highway and
MaxoutDense (Kaggle solutions of 2016 stacked them after a Dense projection).
"""
from keras.models import Sequential
from keras.layers import Dense, Dropout, Activation, Layer
from keras.constraints import max_norm
from keras.regularizers import l2
from keras import activations, backend as K, constraints, initializers, regularizers
from keras.optimizers import Adadelta


class Keras1MaxoutDense(Layer):
    """Keras 1 MaxoutDense: the maximum over nb_feature affine maps of the input."""

    def __init__(
        self, output_dim, nb_feature=4, init="glorot_uniform", weights=None,
        W_regularizer=None, b_regularizer=None, activity_regularizer=None, W_constraint=None,
        b_constraint=None, bias=True, input_dim=None, **kwargs
    ):
        if input_dim:
            kwargs["input_shape"] = (input_dim,)
        kwargs.pop("transform_bias", None)  # Keras 1 ignored it too
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.output_dim, self.nb_feature = output_dim, nb_feature
        self.init = initializers.get(init)
        self.W_regularizer = regularizers.get(W_regularizer)
        self.b_regularizer = regularizers.get(b_regularizer)
        self.W_constraint = constraints.get(W_constraint)
        self.b_constraint = constraints.get(b_constraint)
        self.bias = bias
        self.initial_weights = weights

    def weight(self, name, shape, initializer, regularized=True):
        return self.add_weight(
            name=name,
            shape=shape,
            initializer=initializer,
            regularizer=getattr(self, name + "_regularizer") if regularized else None,
            constraint=getattr(self, name + "_constraint") if regularized else None,
        )

    def get_config(self):
        config = {
            "init": initializers.serialize(self.init),
            "W_regularizer": regularizers.serialize(self.W_regularizer),
            "b_regularizer": regularizers.serialize(self.b_regularizer),
            "W_constraint": constraints.serialize(self.W_constraint),
            "b_constraint": constraints.serialize(self.b_constraint),
            "bias": self.bias,
            "output_dim": self.output_dim,
            "nb_feature": self.nb_feature,
        }
        return {**super().get_config(), **config}

    def build(self, input_shape):
        shape = (self.nb_feature, input_shape[-1], self.output_dim)
        self.W = self.weight("W", shape, self.init)
        if self.bias:
            self.b = self.weight("b", (self.nb_feature, self.output_dim), "zeros")
        if self.initial_weights is not None:
            self.set_weights(self.initial_weights)
        super().build(input_shape)

    def call(self, inputs):
        outputs = K.dot(inputs, self.W)
        if self.bias:
            outputs = outputs + self.b
        return K.max(outputs, axis=1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.output_dim)


class Keras1Highway(Layer):
    """Keras 1 Highway: y = t * activation(x W + b) + (1 - t) * x, with the transform gate
    t = sigmoid(x W_carry + b_carry) and b_carry starting at ones."""

    def __init__(
        self, init="glorot_uniform", activation=None, weights=None,
        W_regularizer=None, b_regularizer=None, activity_regularizer=None, W_constraint=None,
        b_constraint=None, bias=True, input_dim=None, **kwargs
    ):
        if input_dim:
            kwargs["input_shape"] = (input_dim,)
        kwargs.pop("transform_bias", None)  # Keras 1 ignored it too
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.activation = activations.get(activation)
        self.init = initializers.get(init)
        self.W_regularizer = regularizers.get(W_regularizer)
        self.b_regularizer = regularizers.get(b_regularizer)
        self.W_constraint = constraints.get(W_constraint)
        self.b_constraint = constraints.get(b_constraint)
        self.bias = bias
        self.initial_weights = weights

    def weight(self, name, shape, initializer, regularized=True):
        return self.add_weight(
            name=name,
            shape=shape,
            initializer=initializer,
            regularizer=getattr(self, name + "_regularizer") if regularized else None,
            constraint=getattr(self, name + "_constraint") if regularized else None,
        )

    def get_config(self):
        config = {
            "init": initializers.serialize(self.init),
            "W_regularizer": regularizers.serialize(self.W_regularizer),
            "b_regularizer": regularizers.serialize(self.b_regularizer),
            "W_constraint": constraints.serialize(self.W_constraint),
            "b_constraint": constraints.serialize(self.b_constraint),
            "bias": self.bias,
            "activation": activations.serialize(self.activation),
        }
        return {**super().get_config(), **config}

    def build(self, input_shape):
        dim = input_shape[-1]
        self.W = self.weight("W", (dim, dim), self.init)
        self.W_carry = self.weight("W_carry", (dim, dim), self.init, regularized=False)
        if self.bias:
            self.b = self.weight("b", (dim,), "zeros")
            self.b_carry = self.weight("b_carry", (dim,), "ones", regularized=False)
        if self.initial_weights is not None:
            self.set_weights(self.initial_weights)
        super().build(input_shape)

    def call(self, inputs):
        gate = K.dot(inputs, self.W_carry)
        outputs = K.dot(inputs, self.W)
        if self.bias:
            gate, outputs = gate + self.b_carry, outputs + self.b
        gate = K.sigmoid(gate)
        return self.activation(outputs) * gate + (1 - gate) * inputs


DIM_ORDERINGS = ("tf",)

nb_features = 12
nb_classes = 3


def build():
    model = Sequential()
    model.add(Dense(16, input_dim=nb_features, kernel_initializer='he_normal'))
    model.add(Activation('relu'))
    model.add(Keras1Highway(activation='relu', W_regularizer=l2(1e-4)))
    model.add(Dropout(0.25))
    model.add(Keras1Highway())
    model.add(Keras1MaxoutDense(8, nb_feature=3, init='uniform', W_constraint=max_norm(2)))
    model.add(Dense(nb_classes))
    model.add(Activation('softmax'))
    model.compile(loss='categorical_crossentropy', optimizer=Adadelta(learning_rate=1.0),
                  metrics=['acc'])
    return model
