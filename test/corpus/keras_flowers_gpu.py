"""Flower classification on a single GPU workstation (TensorFlow 2.x).

Compares an EfficientNet trained from scratch with a frozen ResNet50 backbone.
"""
import os

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

IMG_SIZE = 224
BATCH = 64
DATA_DIR = os.environ.get("FLOWERS_DIR", "data/flower_photos")
AUTOTUNE = tf.data.AUTOTUNE

gpus = tf.config.list_physical_devices("GPU")
for gpu in gpus:
    tf.config.experimental.set_memory_growth(gpu, True)
print(f"training on {len(gpus)} GPU(s)")


def make_datasets(data_dir):
    common = dict(validation_split=0.2, seed=123, image_size=(IMG_SIZE, IMG_SIZE), batch_size=BATCH)
    train_ds = keras.utils.image_dataset_from_directory(data_dir, subset="training", **common)
    val_ds = keras.utils.image_dataset_from_directory(data_dir, subset="validation", **common)
    class_names = train_ds.class_names
    augment = keras.Sequential([layers.RandomFlip("horizontal"), layers.RandomRotation(0.1)])
    train_ds = train_ds.map(lambda x, y: (augment(x, training=True), y), num_parallel_calls=AUTOTUNE)
    return train_ds.prefetch(AUTOTUNE), val_ds.cache().prefetch(AUTOTUNE), class_names


def build_scratch(num_classes):
    base = keras.applications.EfficientNetB0(  # FRG104
        weights=None,
        include_top=False,
        input_shape=(IMG_SIZE, IMG_SIZE, 3),
    )
    inputs = keras.Input(shape=(IMG_SIZE, IMG_SIZE, 3))
    x = base(inputs)
    x = layers.GlobalAveragePooling2D()(x)
    outputs = layers.Dense(num_classes, activation="softmax")(x)
    return compile_for_training(keras.Model(inputs, outputs, name="effnet_scratch"), lr=1e-3)


def compile_for_training(model, lr):
    model.compile(  # FRG102
        optimizer=keras.optimizers.Adam(lr),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


def build_transfer(num_classes):
    base = keras.applications.ResNet50(weights="imagenet", include_top=False, input_shape=(IMG_SIZE, IMG_SIZE, 3))  # OK
    base.trainable = False
    inputs = keras.Input(shape=(IMG_SIZE, IMG_SIZE, 3))
    x = keras.applications.resnet50.preprocess_input(inputs)
    x = base(x, training=False)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(0.3)(x)
    outputs = layers.Dense(num_classes, activation="softmax")(x)
    model = keras.Model(inputs, outputs, name="resnet50_transfer")
    return compile_for_training(model, lr=1e-3), base


def main():
    train_ds, val_ds, class_names = make_datasets(DATA_DIR)
    n = len(class_names)
    early = keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=8, restore_best_weights=True)
    tensorboard = keras.callbacks.TensorBoard(log_dir="logs/flowers")

    with tf.device("/GPU:0"):
        scratch = build_scratch(n)
        scratch.fit(train_ds, validation_data=val_ds, epochs=100, callbacks=[early, tensorboard])  # OK: early stopping

        transfer, base = build_transfer(n)
        transfer.fit(train_ds, validation_data=val_ds, epochs=5)  # OK: short head warm-up

        # unfreeze the top of the backbone and fine-tune
        base.trainable = True
        for layer in base.layers[:-30]:
            layer.trainable = False
        compile_for_training(transfer, lr=1e-5)
        transfer.fit(  # FRG101
            train_ds,
            validation_data=val_ds,
            epochs=10,
            callbacks=[tensorboard],
        )

    loss, acc = transfer.evaluate(val_ds)
    print(f"fine-tuned ResNet50: loss={loss:.3f} acc={acc:.3f}")
    transfer.save("flowers_resnet50.keras")


if __name__ == "__main__":
    main()
