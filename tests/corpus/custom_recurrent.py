"""A minimal gated RNN written as a Keras 1 Recurrent subclass, and ConvLSTM next-frame prediction."""
import numpy as np
from keras import backend as K
from keras import activations, initializations
from keras.layers.recurrent import Recurrent
from keras.layers.convolutional_recurrent import ConvLSTM2D
from keras.layers.normalization import BatchNormalization
from keras.layers.convolutional import Convolution3D
from keras.models import Sequential
from keras.engine import InputSpec


class MinimalRNN(Recurrent):
    def __init__(self, output_dim, init='glorot_uniform', inner_init='orthogonal',
                 activation='tanh', **kwargs):
        self.output_dim = output_dim
        self.init = initializations.get(init)
        self.inner_init = initializations.get(inner_init)
        self.activation = activations.get(activation)
        super(MinimalRNN, self).__init__(**kwargs)

    def build(self, input_shape):
        self.input_spec = [InputSpec(shape=input_shape)]
        input_dim = input_shape[2]
        self.states = [None]
        self.W = self.init((input_dim, self.output_dim), name='{}_W'.format(self.name))
        self.U = self.inner_init((self.output_dim, self.output_dim),
                                 name='{}_U'.format(self.name))
        self.b = K.zeros((self.output_dim,), name='{}_b'.format(self.name))
        self.trainable_weights = [self.W, self.U, self.b]

    def get_initial_states(self, x):
        initial_state = K.zeros_like(x)
        initial_state = K.sum(initial_state, axis=(1, 2))
        initial_state = K.expand_dims(initial_state)
        initial_state = K.tile(initial_state, [1, self.output_dim])
        return [initial_state]

    def step(self, x, states):
        prev = states[0]
        z = K.sigmoid(K.dot(x, self.W) + K.dot(prev, self.U) + self.b)
        h = z * prev + (1 - z) * self.activation(K.dot(x, self.W))
        return h, [h]

    def get_output_shape_for(self, input_shape):
        if self.return_sequences:
            return (input_shape[0], input_shape[1], self.output_dim)
        return (input_shape[0], self.output_dim)


def conv_lstm(frames=15, size=40):
    seq = Sequential()
    seq.add(ConvLSTM2D(nb_filter=40, nb_row=3, nb_col=3,
                       input_shape=(None, size, size, 1),
                       border_mode='same', return_sequences=True))
    seq.add(BatchNormalization())
    seq.add(ConvLSTM2D(nb_filter=40, nb_row=3, nb_col=3, border_mode='same',
                       return_sequences=True, dropout_W=0.1, dropout_U=0.1))
    seq.add(BatchNormalization())
    seq.add(Convolution3D(nb_filter=1, kernel_dim1=1, kernel_dim2=3, kernel_dim3=3,
                          activation='sigmoid', border_mode='same', dim_ordering='tf'))
    seq.compile(loss='binary_crossentropy', optimizer='adadelta')
    return seq


def moving_squares(n, frames=15, size=40):
    movies = np.zeros((n, frames, size, size, 1), dtype=np.float32)
    for i in range(n):
        x, y = np.random.randint(5, size - 5, 2)
        dx, dy = np.random.randint(-1, 2, 2)
        for t in range(frames):
            cx, cy = x + dx * t, y + dy * t
            movies[i, t, max(0, cx - 2):cx + 2, max(0, cy - 2):cy + 2, 0] = 1
    return movies[:, :-1], movies[:, 1:]


if __name__ == '__main__':
    X, Y = moving_squares(200)
    m = conv_lstm()
    m.fit(X, Y, batch_size=10, nb_epoch=3, validation_split=0.05)
    rnn = Sequential([MinimalRNN(16, input_shape=(10, 8))])
    rnn.compile('sgd', 'mse')
    print(rnn.predict(np.random.rand(2, 10, 8)).shape)
