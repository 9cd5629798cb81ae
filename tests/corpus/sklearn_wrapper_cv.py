# Pima diabetes: cross-validated Keras models through the scikit-learn wrapper
from __future__ import print_function

import numpy
from keras.models import Sequential
from keras.layers import Dense
from keras.wrappers.scikit_learn import KerasClassifier, KerasRegressor
from sklearn.model_selection import StratifiedKFold, KFold, cross_val_score, GridSearchCV
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

seed = 7
numpy.random.seed(seed)


def create_model(optimizer='rmsprop', init='glorot_uniform'):
    # `init` here is this script's own parameter, passed on to the layers below
    model = Sequential()
    model.add(Dense(12, input_dim=8, init=init, activation='relu'))
    model.add(Dense(8, init=init, activation='relu'))
    model.add(Dense(1, init=init, activation='sigmoid'))
    model.compile(loss='binary_crossentropy', optimizer=optimizer, metrics=['accuracy'])
    return model


def baseline_regressor():
    model = Sequential()
    model.add(Dense(13, input_dim=13, init='normal', activation='relu'))
    model.add(Dense(1, init='normal'))
    model.compile(loss='mean_squared_error', optimizer='adam')
    return model


def classify(X, Y):
    model = KerasClassifier(build_fn=create_model, nb_epoch=150, batch_size=10, verbose=0)
    kfold = StratifiedKFold(n_splits=10, shuffle=True, random_state=seed)
    results = cross_val_score(model, X, Y, cv=kfold)
    print("%.2f%% (%.2f%%)" % (results.mean() * 100, results.std() * 100))
    return results


def grid(X, Y):
    model = KerasClassifier(build_fn=create_model, verbose=0)
    param_grid = dict(optimizer=['rmsprop', 'adam'],
                      init=['glorot_uniform', 'normal', 'uniform'],
                      nb_epoch=[50, 100, 150],
                      batch_size=[5, 10, 20])
    search = GridSearchCV(estimator=model, param_grid=param_grid)
    found = search.fit(X, Y)
    print("Best: %f using %s" % (found.best_score_, found.best_params_))
    for params, mean_score, scores in zip(found.cv_results_['params'],
                                          found.cv_results_['mean_test_score'],
                                          found.cv_results_['std_test_score']):
        print("%f (%f) with: %r" % (mean_score, scores, params))


def regress(X, Y):
    estimators = [('standardize', StandardScaler()),
                  ('mlp', KerasRegressor(build_fn=baseline_regressor, nb_epoch=50,
                                         batch_size=5, verbose=0))]
    pipeline = Pipeline(estimators)
    kfold = KFold(n_splits=10, random_state=seed)
    results = cross_val_score(pipeline, X, Y, cv=kfold)
    print("Standardized: %.2f (%.2f) MSE" % (results.mean(), results.std()))


if __name__ == "__main__":
    dataset = numpy.loadtxt("pima-indians-diabetes.csv", delimiter=",")
    X, Y = dataset[:, 0:8], dataset[:, 8]
    classify(X, Y)
    grid(X, Y)
    clf = KerasClassifier(build_fn=create_model, batch_size=16)
    clf.set_params(nb_epoch=20)
    clf.fit(X, Y, nb_epoch=10)
