"""A tabular classifier with the Keras 1 layers that Keras 2.4 removed: Highway and
MaxoutDense (Kaggle solutions of 2016 stacked them after a Dense projection).
"""
from keras.models import Sequential
from keras.layers import Dense, Dropout, Activation, Highway, MaxoutDense
from keras.constraints import maxnorm
from keras.regularizers import l2

DIM_ORDERINGS = ("tf",)

nb_features = 12
nb_classes = 3


def build():
    model = Sequential()
    model.add(Dense(16, input_dim=nb_features, init='he_normal'))
    model.add(Activation('relu'))
    model.add(Highway(activation='relu', W_regularizer=l2(1e-4)))
    model.add(Dropout(0.25))
    model.add(Highway())
    model.add(MaxoutDense(8, nb_feature=3, init='uniform', W_constraint=maxnorm(2)))
    model.add(Dense(nb_classes))
    model.add(Activation('softmax'))
    model.compile(loss='categorical_crossentropy', optimizer='adadelta',
                  metrics=['accuracy'])
    return model
