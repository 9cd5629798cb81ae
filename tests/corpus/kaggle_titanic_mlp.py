"""Titanic survival with a tiny MLP; features from the usual Kaggle notebook recipes."""
import re

import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split

from keras.models import Sequential
from keras.layers import Dense, Dropout
from keras.optimizers import Adam, SGD
from keras.callbacks import EarlyStopping

SEED = 7
np.random.seed(SEED)

TITLES = {"Mr": 0, "Miss": 1, "Mrs": 2, "Master": 3}


def title_of(name):
    m = re.search(r" ([A-Za-z]+)\.", name)
    return TITLES.get(m.group(1), 4) if m else 4


def features(df):
    out = pd.DataFrame()
    out["Pclass"] = df["Pclass"]
    out["Sex"] = (df["Sex"] == "male").astype(int)
    out["Age"] = df["Age"].fillna(df["Age"].median())
    out["Fare"] = np.log1p(df["Fare"].fillna(df["Fare"].median()))
    out["Family"] = df["SibSp"] + df["Parch"]
    out["Alone"] = (out["Family"] == 0).astype(int)
    out["Title"] = df["Name"].map(title_of)
    for port in "CQS":
        out["Emb_" + port] = (df["Embarked"] == port).astype(int)
    return out.values.astype("float32")


def make_model(n_in, hidden=(32, 16), drop=0.3, opt='adam'):
    model = Sequential()
    model.add(Dense(output_dim=hidden[0], input_dim=n_in, init='uniform', activation='relu'))
    model.add(Dropout(p=drop))
    for h in hidden[1:]:
        model.add(Dense(h, init='uniform', activation='relu'))
        model.add(Dropout(drop))
    model.add(Dense(1, init='uniform', activation='sigmoid'))
    if opt == 'adam':
        optimizer = Adam(lr=0.001, decay=1e-5)
    else:
        optimizer = SGD(lr=0.05, momentum=0.9, decay=1e-4, nesterov=True)
    model.compile(loss='binary_crossentropy', optimizer=optimizer, metrics=['accuracy'])
    return model


if __name__ == '__main__':
    train = pd.read_csv("train.csv")
    test = pd.read_csv("test.csv")
    X = features(train)
    y = train["Survived"].values
    scaler = StandardScaler().fit(X)
    X = scaler.transform(X)
    X_te = scaler.transform(features(test))

    X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, random_state=SEED)
    model = make_model(X.shape[1])
    stop = EarlyStopping(monitor='val_loss', patience=20, verbose=1)
    hist = model.fit(X_tr, y_tr, nb_epoch=300, batch_size=32, verbose=0,
                     validation_data=(X_va, y_va), callbacks=[stop])
    print("best val acc: %.4f" % max(hist.history['val_acc']))

    survived = model.predict_classes(X_te, batch_size=64).ravel()
    pd.DataFrame({"PassengerId": test["PassengerId"], "Survived": survived}) \
        .to_csv("keras_mlp.csv", index=False)
