# Headline model with a main and an auxiliary output (two losses, weighted).
import numpy as np
from keras.layers import Input, Embedding, LSTM, Dense, merge
from keras.models import Model


def build(vocab=10000, maxlen=100, n_aux=5):
    main_input = Input(shape=(maxlen,), dtype='int32', name='main_input')
    x = Embedding(output_dim=512, input_dim=vocab, input_length=maxlen)(main_input)
    lstm_out = LSTM(32)(x)
    auxiliary_output = Dense(1, activation='sigmoid', name='aux_output')(lstm_out)

    auxiliary_input = Input(shape=(n_aux,), name='aux_input')
    x = merge([lstm_out, auxiliary_input], mode='concat')
    x = Dense(64, activation='relu')(x)
    x = Dense(64, activation='relu')(x)
    x = Dense(64, activation='relu')(x)
    main_output = Dense(1, activation='sigmoid', name='main_output')(x)

    model = Model(input=[main_input, auxiliary_input],
                  output=[main_output, auxiliary_output])
    model.compile(optimizer='rmsprop',
                  loss={'main_output': 'binary_crossentropy', 'aux_output': 'binary_crossentropy'},
                  loss_weights={'main_output': 1., 'aux_output': 0.2})
    return model


if __name__ == '__main__':
    n = 512
    headline_data = np.random.randint(1, 10000, (n, 100))
    additional_data = np.random.rand(n, 5)
    labels = np.random.randint(0, 2, (n, 1))
    model = build()
    model.fit({'main_input': headline_data, 'aux_input': additional_data},
              {'main_output': labels, 'aux_output': labels},
              nb_epoch=50, batch_size=32)
    main_pred, aux_pred = model.predict([headline_data[:8], additional_data[:8]])
    print(np.hstack([main_pred, aux_pred]))
