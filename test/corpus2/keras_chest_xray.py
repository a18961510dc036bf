"""Pneumonia detection on chest X-rays with Keras 3 (TensorFlow backend).

Modes: `train` (two-stage transfer learning), `tune` (head search with
KerasTuner), `predict` (scores a folder of PNGs for the radiology audit).
"""
import argparse
import csv
import glob
from dataclasses import dataclass

import keras
import keras_tuner as kt
import numpy as np
import tensorflow as tf
from keras import layers
from keras.callbacks import EarlyStopping, ModelCheckpoint, ReduceLROnPlateau

AUTOTUNE = tf.data.AUTOTUNE


@dataclass
class Cfg:
    data_dir: str = "data/chest_xray"
    img_size: int = 224
    batch_size: int = 32
    epochs: int = 25
    fine_tune_at: int = 100
    ckpt: str = "checkpoints/xray.keras"


def datasets(cfg):
    common = dict(image_size=(cfg.img_size, cfg.img_size), batch_size=cfg.batch_size, label_mode="binary")
    train = keras.utils.image_dataset_from_directory(f"{cfg.data_dir}/train", shuffle=True, seed=1, **common)
    val = keras.utils.image_dataset_from_directory(f"{cfg.data_dir}/val", shuffle=False, **common)
    return train.prefetch(AUTOTUNE), val.prefetch(AUTOTUNE)


def make_callbacks(cfg):
    return [
        EarlyStopping(monitor="val_auc", mode="max", patience=5, restore_best_weights=True),
        ModelCheckpoint(cfg.ckpt, monitor="val_auc", mode="max", save_best_only=True),
        ReduceLROnPlateau(monitor="val_loss", factor=0.3, patience=2),
    ]


def build_classifier(cfg):
    base = keras.applications.EfficientNetB0(include_top=False, weights=None, input_shape=(cfg.img_size, cfg.img_size, 3))  # FRG104
    inputs = keras.Input((cfg.img_size, cfg.img_size, 3))
    x = keras.applications.efficientnet.preprocess_input(inputs)
    x = base(x, training=False)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(0.3)(x)
    outputs = layers.Dense(1, activation="sigmoid", dtype="float32")(x)
    return keras.Model(inputs, outputs), base


def build_grayscale_baseline(cfg):
    base = keras.applications.DenseNet121(include_top=False, weights=None, input_shape=(cfg.img_size, cfg.img_size, 1))
    x = layers.GlobalAveragePooling2D()(base.output)
    return keras.Model(base.input, layers.Dense(1, activation="sigmoid", dtype="float32")(x))


def build_tunable(hp):
    inputs = keras.Input((224, 224, 3))
    x = layers.Rescaling(1 / 255.0)(inputs)
    for i in range(hp.Int("blocks", 2, 5)):
        x = layers.Conv2D(hp.Choice(f"filters_{i}", [32, 64, 128]), 3, padding="same", use_bias=False)(x)
        x = layers.BatchNormalization()(x)
        x = layers.ReLU()(x)
        x = layers.MaxPooling2D()(x)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(hp.Float("dropout", 0.0, 0.5, step=0.1))(x)
    model = keras.Model(inputs, layers.Dense(1, activation="sigmoid", dtype="float32")(x))
    model.compile(optimizer=keras.optimizers.Adam(hp.Float("lr", 1e-4, 1e-2, sampling="log")),
                  loss="binary_crossentropy", metrics=[keras.metrics.AUC(name="auc")])
    return model


def train(cfg, args):
    train_ds, val_ds = datasets(cfg)
    model, base = build_classifier(cfg)
    base.trainable = False
    metrics = [keras.metrics.AUC(name="auc"), "accuracy"]
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy", metrics=metrics)
    model.fit(train_ds, validation_data=val_ds, epochs=cfg.epochs, callbacks=make_callbacks(cfg))

    base.trainable = True
    for layer in base.layers[: cfg.fine_tune_at]:
        layer.trainable = False
    model.compile(optimizer=keras.optimizers.Adam(1e-5), loss="binary_crossentropy", metrics=metrics)
    model.fit(train_ds, validation_data=val_ds, epochs=40)  # FRG101
    model.save(cfg.ckpt)

    if args.gray_baseline:
        gray = build_grayscale_baseline(cfg)
        gray.compile(optimizer="adam", loss="binary_crossentropy", metrics=metrics)
        gray_train = train_ds.map(lambda x, y: (tf.image.rgb_to_grayscale(x), y))
        gray_val = val_ds.map(lambda x, y: (tf.image.rgb_to_grayscale(x), y))
        gray.fit(gray_train, validation_data=gray_val, epochs=5)


def tune(cfg):
    train_ds, val_ds = datasets(cfg)
    tuner = kt.RandomSearch(build_tunable, objective=kt.Objective("val_auc", "max"), max_trials=40,  # FRG203
                            directory="tuning", project_name="xray_head", overwrite=True)
    tuner.search(train_ds, validation_data=val_ds, epochs=15)
    hb = kt.Hyperband(build_tunable, objective=kt.Objective("val_auc", "max"), max_epochs=30,
                      directory="tuning", project_name="xray_head_hb")
    hb.search(train_ds, validation_data=val_ds)
    print(tuner.results_summary(3), hb.get_best_hyperparameters(1)[0].values)


def predict(cfg, folder, out_csv):
    model = keras.models.load_model(cfg.ckpt)
    paths = sorted(glob.glob(f"{folder}/*.png"))
    with open(out_csv, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["path", "p_pneumonia"])
        for path in paths:
            img = keras.utils.img_to_array(keras.utils.load_img(path, target_size=(cfg.img_size, cfg.img_size)))
            prob = model.predict(img[None], verbose=0)[0, 0]  # FRG404
            writer.writerow([path, f"{prob:.4f}"])


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["train", "tune", "predict"])
    ap.add_argument("--folder", default="data/audit")
    ap.add_argument("--gray-baseline", action="store_true")
    ap.add_argument("--eager-debug", action="store_true")
    args = ap.parse_args()
    if tf.config.list_physical_devices("GPU"):
        keras.mixed_precision.set_global_policy("mixed_float16")
    tf.debugging.enable_check_numerics()  # FRG105
    if args.eager_debug:
        tf.config.run_functions_eagerly(True)
    cfg = Cfg()
    {"train": lambda: train(cfg, args), "tune": lambda: tune(cfg),
     "predict": lambda: predict(cfg, args.folder, "audit_scores.csv")}[args.mode]()
