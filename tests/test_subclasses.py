"""User subclasses of Keras 1 layers (S-37): exact before and after."""

from tests.util import check, check_noop


def test_subclass_of_a_renamed_layer():
    findings = check(
        """\
        from keras.layers import AtrousConvolution1D
        class Causal(AtrousConvolution1D):
            def __init__(self, nb_filter, filter_length, atrous_rate=1, border_mode='valid', **kwargs):
                super(Causal, self).__init__(nb_filter, filter_length, atrous_rate=atrous_rate,
                                             border_mode=border_mode, **kwargs)

            def width(self):
                return self.atrous_rate * (self.filter_length - 1) + self.subsample[0]

            def get_output_shape_for(self, s):
                return (s[0], s[1], self.nb_filter)
        """,
        """\
        from keras.layers import Conv1D
        class Causal(Conv1D):
            def __init__(self, nb_filter, filter_length, atrous_rate=1, border_mode='valid', **kwargs):
                super(Causal, self).__init__(nb_filter, filter_length, dilation_rate=atrous_rate,
                                             padding=border_mode, **kwargs)

            def width(self):
                return self.dilation_rate[0] * (self.kernel_size[0] - 1) + self.strides[0]

            def compute_output_shape(self, s):
                return (s[0], s[1], self.filters)
        """,
    )
    assert ("L-04", "rewrite") in findings
    assert ("S-37", "warning") in findings
    assert ("P-01", "warning") in findings  # the **kwargs passed through


def test_inherited_attributes_of_a_same_name_layer():
    findings = check(
        """\
        from keras.layers import LSTM, Convolution2D
        class Attention(LSTM):
            def step(self, x, states):
                if self.dropout_W > 0 and self.output_dim:
                    pass
        class Conv(Convolution2D):
            def size(self):
                return self.nb_row * self.nb_col, self.dim_ordering
        """,
        """\
        from keras.layers import LSTM, Conv2D
        class Attention(LSTM):
            def step(self, x, states):
                if self.dropout > 0 and self.units:
                    pass
        class Conv(Conv2D):
            def size(self):
                return self.kernel_size[0] * self.kernel_size[1], {'channels_first': 'th', 'channels_last': 'tf'}[self.data_format]
        """,
    )
    assert findings.count(("S-37", "warning")) == 2


def test_internals_without_equivalent_are_manual():
    findings = check_noop(
        """\
        from keras.layers import Dense
        class MyDense(Dense):
            def build(self, input_shape):
                self.W = self.init((input_shape[1], self.units))
        """
    )
    assert ("S-37", "manual") in findings


def test_class_of_the_users_own_untouched():
    assert (
        check_noop(
            "import keras\nclass Conv(object):\n    def f(self):\n        return self.nb_filter\n"
        )
        == []
    )


def test_model_subclass_init_keywords():
    findings = check(
        """\
        from keras.models import Model
        class Net(Model):
            def __init__(self, a, b):
                super(Net, self).__init__(input=a, output=b)
        class Old(Model):
            def __init__(self, a, b):
                Model.__init__(self, input=a, output=b, name='old')
        """,
        """\
        from keras.models import Model
        class Net(Model):
            def __init__(self, a, b):
                super(Net, self).__init__(inputs=a, outputs=b)
        class Old(Model):
            def __init__(self, a, b):
                Model.__init__(self, inputs=a, outputs=b, name='old')
        """,
    )
    assert findings.count(("T-01", "rewrite")) == 4


def test_attributes_the_class_assigns_itself_keep_their_names():
    # the class stores its own dropout_W and nb_filter: reading them is not reading Keras 1 state
    check(
        """\
        from keras.layers import LSTM, Convolution2D
        class Attention(LSTM):
            def __init__(self, output_dim, dropout_W=0., **kwargs):
                self.dropout_W, self.attention = dropout_W, None
                super(Attention, self).__init__(output_dim, **kwargs)
            def step(self, x, states):
                return self.dropout_W + self.dropout_U
        class Conv(Convolution2D):
            def grow(self):
                self.nb_filter += 1
                return self.nb_filter, self.nb_row
        """,
        """\
        from keras.layers import LSTM, Conv2D
        class Attention(LSTM):
            def __init__(self, output_dim, dropout_W=0., **kwargs):
                self.dropout_W, self.attention = dropout_W, None
                super(Attention, self).__init__(output_dim, recurrent_activation='hard_sigmoid', **kwargs)
            def step(self, x, states):
                return self.dropout_W + self.recurrent_dropout
        class Conv(Conv2D):
            def grow(self):
                self.nb_filter += 1
                return self.nb_filter, self.kernel_size[0]
        """,
    )
