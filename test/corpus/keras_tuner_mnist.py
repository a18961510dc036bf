"""Hyper-parameter search for a Keras MNIST model with KerasTuner (GPU box, mixed precision)."""
import keras_tuner as kt
import numpy as np
import tensorflow as tf
from tensorflow import keras

if tf.config.list_physical_devices("GPU"):
    keras.mixed_precision.set_global_policy("mixed_float16")

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = (x_train / 255.0).astype("float32")[..., None]  # OK: float32 inputs
x_test = (x_test / 255.0).astype("float32")[..., None]
stop_early = keras.callbacks.EarlyStopping(monitor="val_loss", patience=5)


def model_builder(hp):
    model = keras.Sequential([
        keras.layers.Input((28, 28, 1)),
        keras.layers.Conv2D(hp.Choice("filters", [32, 64]), 3, activation=None),
        keras.layers.BatchNormalization(),  # OK: Keras layers, not torch nn.ConvNd
        keras.layers.ReLU(),
        keras.layers.Flatten(),
        keras.layers.Dense(hp.Int("units", min_value=32, max_value=512, step=32), activation="relu"),
        keras.layers.Dropout(hp.Float("dropout", 0.0, 0.5, step=0.1)),
        keras.layers.Dense(10, dtype="float32"),
    ])
    lr = hp.Choice("learning_rate", values=[1e-2, 1e-3, 1e-4])
    model.compile(  # OK: the mixed-precision policy is set above
        optimizer=keras.optimizers.Adam(learning_rate=lr),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    return model


def build_fixed(units, dropout):
    model = keras.Sequential([
        keras.layers.Input((28, 28, 1)),
        keras.layers.Flatten(),
        keras.layers.Dense(units, activation="relu"),
        keras.layers.Dropout(dropout),
        keras.layers.Dense(10, dtype="float32"),
    ])
    model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    return model


def run_random_search():
    tuner = kt.RandomSearch(  # FRG203
        model_builder,
        objective="val_accuracy",
        max_trials=40,
        directory="kt_runs",
        project_name="mnist_random",
    )
    tuner.search(x_train, y_train, epochs=20, validation_split=0.2, callbacks=[stop_early])
    return tuner


def run_hyperband():
    tuner = kt.Hyperband(  # OK: successive halving
        model_builder,
        objective="val_accuracy",
        max_epochs=20,
        factor=3,
        directory="kt_runs",
        project_name="mnist_hyperband",
    )
    tuner.search(x_train, y_train, epochs=50, validation_split=0.2, callbacks=[stop_early])
    return tuner


def manual_sweep():
    scores = {}
    for units in [64, 128, 256]:  # FRG202
        for dropout in [0.1, 0.3, 0.5]:
            model = build_fixed(units, dropout)
            model.fit(x_train, y_train, epochs=20, batch_size=128, validation_split=0.1, verbose=0)  # FRG101
            scores[(units, dropout)] = model.evaluate(x_test, y_test, verbose=0)[1]
    return max(scores, key=scores.get)


if __name__ == "__main__":
    tuner = run_hyperband()
    best_hps = tuner.get_best_hyperparameters(num_trials=1)[0]
    print("best units:", best_hps.get("units"), "best lr:", best_hps.get("learning_rate"))
    model = tuner.hypermodel.build(best_hps)
    history = model.fit(x_train, y_train, epochs=50, validation_split=0.2, callbacks=[stop_early])  # OK
    best_epoch = int(np.argmax(history.history["val_accuracy"])) + 1
    print("best epoch", best_epoch)
    hypermodel = tuner.hypermodel.build(best_hps)
    hypermodel.fit(x_train, y_train, epochs=best_epoch, validation_split=0.2)  # OK: epoch count is not a literal
    print("test [loss, acc]:", hypermodel.evaluate(x_test, y_test))
