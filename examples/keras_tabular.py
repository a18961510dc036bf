"""Customer churn model: a small Keras MLP on the CRM export.

Trains a quick baseline and the final model, then saves the final one.

    python keras_tabular.py --data data/churn.csv --out artifacts/churn_mlp.keras
"""
import argparse

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.callbacks import EarlyStopping, ModelCheckpoint, ReduceLROnPlateau

NUMERIC = ["tenure_months", "monthly_charges", "total_charges", "support_tickets", "logins_30d"]
CATEGORICAL = ["contract", "payment_method", "region"]
TARGET = "churned"
SEED = 7


def load_features(path):
    df = pd.read_csv(path)
    df["total_charges"] = pd.to_numeric(df["total_charges"], errors="coerce").fillna(0.0)
    df["tenure_bucket"] = pd.cut(df["tenure_months"], bins=[0, 6, 12, 24, 48, np.inf], labels=False)
    X = pd.get_dummies(df[NUMERIC + CATEGORICAL + ["tenure_bucket"]], columns=CATEGORICAL, dtype="float32")
    y = df[TARGET].astype("float32").to_numpy()
    return X, y


def build_model(input_dim, hidden=(128, 64), dropout=0.3):
    model = keras.Sequential([keras.Input(shape=(input_dim,))])
    for units in hidden:
        model.add(layers.Dense(units, activation="relu"))
        model.add(layers.Dropout(dropout))
    model.add(layers.Dense(1, activation="sigmoid"))
    model.compile(
        optimizer=keras.optimizers.Adam(1e-3),
        loss="binary_crossentropy",
        metrics=[keras.metrics.AUC(name="auc"), "accuracy"],
    )
    return model


def train_baseline(X_train, y_train, X_val, y_val):
    model = build_model(X_train.shape[1], hidden=(32,), dropout=0.1)
    history = model.fit(
        X_train, y_train,
        validation_data=(X_val, y_val),
        epochs=100,
        batch_size=256,
        verbose=2,
    )
    return model, max(history.history["val_auc"])


def train_final(X_train, y_train, X_val, y_val, checkpoint_path):
    model = build_model(X_train.shape[1])
    callbacks = [
        EarlyStopping(monitor="val_auc", mode="max", patience=8, restore_best_weights=True),
        ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=3),
        ModelCheckpoint(checkpoint_path, monitor="val_auc", mode="max", save_best_only=True),
    ]
    history = model.fit(
        X_train, y_train,
        validation_data=(X_val, y_val),
        epochs=200,
        batch_size=256,
        callbacks=callbacks,
        verbose=2,
    )
    return model, max(history.history["val_auc"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/churn.csv")
    parser.add_argument("--out", default="artifacts/churn_mlp.keras")
    args = parser.parse_args()

    X, y = load_features(args.data)
    X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, stratify=y, random_state=SEED)
    scaler = StandardScaler().fit(X_train)
    X_train, X_val = scaler.transform(X_train), scaler.transform(X_val)

    _, baseline_auc = train_baseline(X_train, y_train, X_val, y_val)
    model, final_auc = train_final(X_train, y_train, X_val, y_val, args.out)
    print(f"baseline val AUC {baseline_auc:.4f} | final val AUC {final_auc:.4f}")
    model.save(args.out)


if __name__ == "__main__":
    main()
