"""Train EfficientNetV2-S on the flowers TFRecords (GCS), Keras 3 / TF 2.16."""
import argparse

import keras
import keras_tuner as kt
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--train-pattern", default="gs://flowers-public/tfrecords-jpeg-224x224/train-*.tfrec")
parser.add_argument("--val-pattern", default="gs://flowers-public/tfrecords-jpeg-224x224/val-*.tfrec")
parser.add_argument("--tune", action="store_true")
args = parser.parse_args()

AUTOTUNE = tf.data.AUTOTUNE
IMG = 224
BATCH = 64
EPOCHS = 40
NUM_CLASSES = 5

for gpu in tf.config.list_physical_devices("GPU"):
    tf.config.experimental.set_memory_growth(gpu, True)
keras.mixed_precision.set_global_policy("mixed_float16")
tf.debugging.enable_check_numerics()  # FRG105

FEATURES = {
    "image": tf.io.FixedLenFeature([], tf.string),
    "class": tf.io.FixedLenFeature([], tf.int64),
}


def parse_example(record):
    ex = tf.io.parse_single_example(record, FEATURES)
    image = tf.image.decode_jpeg(ex["image"], channels=3)
    image = tf.image.resize(image, [IMG, IMG])
    return image, tf.one_hot(ex["class"], NUM_CLASSES)


def augment(image, label):
    image = tf.image.random_flip_left_right(image)
    image = tf.image.random_brightness(image, 0.1)
    return image, label


files = tf.io.gfile.glob(args.train_pattern)
train_ds = tf.data.TFRecordDataset(files, num_parallel_reads=AUTOTUNE)
train_ds = train_ds.map(parse_example)  # FRG306
train_ds = train_ds.map(augment, num_parallel_calls=AUTOTUNE)
train_ds = train_ds.shuffle(2048).batch(BATCH, drop_remainder=True)  # FRG306


def make_val(pattern):
    ds = tf.data.TFRecordDataset(tf.io.gfile.glob(pattern))
    ds = ds.map(parse_example, num_parallel_calls=AUTOTUNE)
    return ds.batch(BATCH).cache().prefetch(AUTOTUNE)  # OK: parallel map and prefetch


val_ds = make_val(args.val_pattern)


def build_model(hp=None):
    lr = hp.Float("lr", 1e-4, 3e-3, sampling="log") if hp else 1e-3
    backbone = keras.applications.EfficientNetV2S(weights=None, include_top=False, input_shape=(IMG, IMG, 3))  # FRG104
    inputs = keras.Input((IMG, IMG, 3))
    x = backbone(inputs)
    x = keras.layers.GlobalAveragePooling2D()(x)
    x = keras.layers.Dropout(0.3)(x)
    outputs = keras.layers.Dense(NUM_CLASSES, activation="softmax", dtype="float32")(x)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(lr), loss="categorical_crossentropy", metrics=["accuracy"])
    return model


if args.tune:
    tuner = kt.RandomSearch(build_model, objective="val_accuracy", max_trials=20, directory="tuning", project_name="flowers")  # FRG203
    tuner.search(train_ds, validation_data=val_ds, epochs=15)
    best_lr = tuner.get_best_hyperparameters(1)[0].get("lr")
else:
    best_lr = 1e-3

model = build_model()
model.optimizer.learning_rate = best_lr
callbacks = [
    keras.callbacks.ModelCheckpoint("ckpt/flowers-{epoch:02d}.keras", save_best_only=True),
    keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.3, patience=3),
]
history = model.fit(  # FRG101
    train_ds,
    validation_data=val_ds,
    epochs=EPOCHS,
    callbacks=callbacks,
)
model.save("flowers_effnetv2s.keras")
