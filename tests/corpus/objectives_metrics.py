"""Custom losses and batch-wise metrics for an imbalanced binary problem."""
import numpy as np
from keras import objectives, metrics
from keras import backend as K
from keras.models import Sequential
from keras.layers import Dense, Dropout
from keras.metrics import fmeasure, precision, recall
from keras.objectives import categorical_crossentropy, mean_squared_error


def f2(y_true, y_pred):
    return metrics.fbeta_score(y_true, y_pred, beta=2)


def smooth_bce(y_true, y_pred, eps=0.05):
    y_true = y_true * (1 - eps) + 0.5 * eps
    return objectives.binary_crossentropy(y_true, y_pred)


def mixed_loss(y_true, y_pred):
    return categorical_crossentropy(y_true, y_pred) + 0.1 * mean_squared_error(y_true, y_pred)


def hinge_plus(y_true, y_pred):
    return objectives.hinge(y_true, y_pred) + 0.01 * K.mean(K.abs(y_pred))


def soft_f1(y_true, y_pred):
    tp = K.sum(y_true * y_pred, axis=0)
    fp = K.sum((1 - y_true) * y_pred, axis=0)
    fn = K.sum(y_true * (1 - y_pred), axis=0)
    f1 = 2 * tp / (2 * tp + fn + fp + K.epsilon())
    return 1 - K.mean(f1)


def build(loss=smooth_bce):
    model = Sequential()
    model.add(Dense(32, activation='relu', input_dim=30))
    model.add(Dropout(0.2))
    model.add(Dense(1, activation='sigmoid'))
    model.compile(optimizer='adam', loss=loss,
                  metrics=['accuracy', fmeasure, precision, recall, metrics.matthews_correlation, f2])
    return model


def threshold_search(y_true, probs):
    best = (0.5, 0.0)
    for t in np.linspace(0.05, 0.95, 19):
        pred = (probs > t).astype(int)
        tp = ((pred == 1) & (y_true == 1)).sum()
        fp = ((pred == 1) & (y_true == 0)).sum()
        fn = ((pred == 0) & (y_true == 1)).sum()
        f1 = 2. * tp / max(1, 2 * tp + fp + fn)
        if f1 > best[1]:
            best = (t, f1)
    return best


if __name__ == '__main__':
    X = np.random.rand(1000, 30)
    y = (np.random.rand(1000) > 0.9).astype('float32')
    for loss in (smooth_bce, soft_f1, 'binary_crossentropy'):
        model = build(loss)
        model.fit(X, y, nb_epoch=5, batch_size=64, verbose=0, class_weight={0: 1., 1: 9.})
        print(loss, threshold_search(y, model.predict(X).ravel()))
