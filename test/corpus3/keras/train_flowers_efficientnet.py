"""Transfer learning on the 5-class flowers dataset with EfficientNetB0 and tf.data."""
import tensorflow as tf
from tensorflow import keras

from data_utils import list_images  # local helper: returns (paths, integer labels)

print("GPUs:", tf.config.list_physical_devices("GPU"))
keras.mixed_precision.set_global_policy("mixed_float16")

IMG_SIZE = 224
BATCH_SIZE = 64
NUM_CLASSES = 5
AUTOTUNE = tf.data.AUTOTUNE


def decode_and_resize(path, label):
    img = tf.io.read_file(path)
    img = tf.image.decode_jpeg(img, channels=3)
    img = tf.image.resize(img, (IMG_SIZE, IMG_SIZE))
    return img, label


def augment(img, label):
    img = tf.image.random_flip_left_right(img)
    img = tf.image.random_brightness(img, 0.1)
    return img, label


train_paths, train_labels = list_images("data/flowers/train")
val_paths, val_labels = list_images("data/flowers/val")

train_ds = tf.data.Dataset.from_tensor_slices((train_paths, train_labels))
train_ds = train_ds.shuffle(len(train_paths)).map(decode_and_resize)  # FRG306
train_ds = train_ds.map(augment, num_parallel_calls=AUTOTUNE).batch(BATCH_SIZE).prefetch(AUTOTUNE)

# OK: parallel map and prefetch
val_ds = (
    tf.data.Dataset.from_tensor_slices((val_paths, val_labels))
    .map(decode_and_resize, num_parallel_calls=AUTOTUNE)
    .batch(BATCH_SIZE)
    .prefetch(AUTOTUNE)
)

base = keras.applications.EfficientNetB0(include_top=False, weights="imagenet", input_shape=(IMG_SIZE, IMG_SIZE, 3))
base.trainable = False

inputs = keras.Input(shape=(IMG_SIZE, IMG_SIZE, 3))
x = base(inputs, training=False)
x = keras.layers.GlobalAveragePooling2D()(x)
x = keras.layers.Dropout(0.2)(x)
outputs = keras.layers.Dense(NUM_CLASSES, activation="softmax", dtype="float32")(x)
model = keras.Model(inputs, outputs)

model.compile(
    optimizer=keras.optimizers.Adam(1e-3),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
history = model.fit(  # FRG113
    train_ds,
    validation_data=val_ds,
    epochs=40,
    callbacks=[keras.callbacks.EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True)],
)
model.save("flowers_efficientnet.keras")
