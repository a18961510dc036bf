"""Tabular regression on the house-prices data with tf.keras (CPU workstation)."""
import argparse

import numpy as np
import pandas as pd
import tensorflow as tf
from sklearn.linear_model import Ridge
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

EPOCHS = 100
BATCH_SIZE = 256

# Targets span several orders of magnitude; someone switched to float64 "to be safe".
tf.keras.backend.set_floatx("float64")  # FRG103
tf.config.run_functions_eagerly(True)  # FRG105


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--csv", default="data/house_prices.csv")
    p.add_argument("--debug", action="store_true")
    p.add_argument("--seed", type=int, default=7)
    return p.parse_args()


def build_model(n_features, hidden=(256, 128), dropout=0.2, lr=1e-3):
    inputs = tf.keras.Input(shape=(n_features,))
    x = inputs
    for units in hidden:
        x = tf.keras.layers.Dense(units, activation="relu")(x)
        x = tf.keras.layers.Dropout(dropout)(x)
    outputs = tf.keras.layers.Dense(1)(x)
    model = tf.keras.Model(inputs, outputs)
    model.compile(optimizer=tf.keras.optimizers.Adam(lr), loss="mse", metrics=["mae"])  # OK: no GPU here
    return model


def load_features(path):
    df = pd.read_csv(path)
    df = df.dropna(subset=["SalePrice"])
    y = np.log1p(df.pop("SalePrice").to_numpy())
    num = df.select_dtypes("number").fillna(0.0)
    cat = pd.get_dummies(df.select_dtypes("object").fillna("NA"), drop_first=True)
    X = pd.concat([num, cat], axis=1).to_numpy(dtype=np.float32)
    return X, y


def main():
    args = parse_args()
    tf.random.set_seed(args.seed)
    if args.debug:
        tf.debugging.enable_check_numerics()  # OK: only in debug runs

    X, y = load_features(args.csv)
    X = StandardScaler().fit_transform(X)
    X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, random_state=args.seed)
    X_tr = np.asarray(X_tr, dtype=np.float32)  # OK: float32

    baseline = Ridge(alpha=10.0).fit(X_tr, y_tr)  # OK: scikit-learn fit
    print("ridge R2", baseline.score(X_va, y_va))

    model = build_model(X.shape[1])
    ckpt = tf.keras.callbacks.ModelCheckpoint("best.keras", save_best_only=True)
    reduce_lr = tf.keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=5)
    callbacks = [ckpt, reduce_lr]
    history = model.fit(  # FRG101
        X_tr,
        y_tr,
        validation_data=(X_va, y_va),
        epochs=200,
        batch_size=BATCH_SIZE,
        callbacks=callbacks,
        verbose=2,
    )
    print("best val loss", min(history.history["val_loss"]))

    # second attempt: wider network, this time with early stopping
    early = tf.keras.callbacks.EarlyStopping(monitor="val_loss", patience=10, restore_best_weights=True)
    cbs = [ckpt, early]
    wide = build_model(X.shape[1], hidden=(512, 256, 128))
    wide.fit(X_tr, y_tr, validation_data=(X_va, y_va), epochs=500, batch_size=BATCH_SIZE, callbacks=cbs)  # OK

    # quick probe on a subset to check the loss goes down
    probe = build_model(X.shape[1], hidden=(32,))
    probe.fit(X_tr[:1000], y_tr[:1000], epochs=5, verbose=0)  # OK: few epochs

    # refit on everything for the submission
    final = build_model(X.shape[1], hidden=(512, 256, 128))
    final.fit(np.vstack([X_tr, X_va]), np.concatenate([y_tr, y_va]), epochs=EPOCHS, batch_size=BATCH_SIZE,
              validation_split=0.1, callbacks=[early])  # OK: early stopping

    preds = np.expm1(final.predict(X_va, batch_size=1024).ravel())  # OK: one call on the whole array
    rmse = np.sqrt(np.mean((np.log1p(preds) - y_va) ** 2))
    print(f"validation RMSLE {rmse:.4f}")
    final.save("house_prices.keras")


if __name__ == "__main__":
    main()
