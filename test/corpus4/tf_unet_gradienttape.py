"""Custom GradientTape training of a small U-Net for cell segmentation (TF 2.x)."""
import argparse
import glob

import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--images", default="data/cells/images/*.png")
parser.add_argument("--masks", default="data/cells/masks/*.png")
parser.add_argument("--debug", action="store_true")
args = parser.parse_args()

gpus = tf.config.list_physical_devices("GPU")
print(f"GPUs: {gpus}")
tf.keras.mixed_precision.set_global_policy("mixed_bfloat16")
tf.config.run_functions_eagerly(True)  # FRG105
if args.debug:
    tf.debugging.enable_check_numerics()  # OK: inside a debug-only branch

AUTOTUNE = tf.data.AUTOTUNE
EPOCHS = 50
BATCH = 16
SIZE = 256


def load_pair(img_path, mask_path):
    img = tf.image.decode_png(tf.io.read_file(img_path), channels=3)
    mask = tf.image.decode_png(tf.io.read_file(mask_path), channels=1)
    img = tf.image.resize(img, [SIZE, SIZE]) / 255.0
    mask = tf.cast(tf.image.resize(mask, [SIZE, SIZE], method="nearest") > 0, tf.float32)
    return img, mask


def augment(img, mask):
    flip = tf.random.uniform(()) > 0.5
    img = tf.cond(flip, lambda: tf.image.flip_left_right(img), lambda: img)
    mask = tf.cond(flip, lambda: tf.image.flip_left_right(mask), lambda: mask)
    return tf.image.random_brightness(img, 0.15), mask


img_paths = sorted(glob.glob(args.images))
mask_paths = sorted(glob.glob(args.masks))
n_val = len(img_paths) // 10

train_ds = (tf.data.Dataset.from_tensor_slices((img_paths[n_val:], mask_paths[n_val:]))  # FRG306
            .shuffle(len(img_paths))
            .map(load_pair, num_parallel_calls=AUTOTUNE)
            .map(augment)  # FRG306
            .batch(BATCH))
val_ds = (tf.data.Dataset.from_tensor_slices((img_paths[:n_val], mask_paths[:n_val]))
          .map(load_pair, num_parallel_calls=AUTOTUNE)
          .batch(BATCH)
          .prefetch(AUTOTUNE))


def conv_block(x, filters):
    for _ in range(2):
        x = tf.keras.layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
        x = tf.keras.layers.BatchNormalization()(x)
        x = tf.keras.layers.ReLU()(x)
    return x


def build_unet():
    inputs = tf.keras.Input((SIZE, SIZE, 3))
    skips, x = [], inputs
    for f in (32, 64, 128, 256):
        x = conv_block(x, f)
        skips.append(x)
        x = tf.keras.layers.MaxPool2D()(x)
    x = conv_block(x, 512)
    for f, skip in zip((256, 128, 64, 32), reversed(skips)):
        x = tf.keras.layers.Conv2DTranspose(f, 2, strides=2)(x)
        x = conv_block(tf.keras.layers.Concatenate()([x, skip]), f)
    outputs = tf.keras.layers.Conv2D(1, 1, activation="sigmoid", dtype="float32")(x)
    return tf.keras.Model(inputs, outputs)


model = build_unet()
optimizer = tf.keras.optimizers.Adam(1e-3)
bce = tf.keras.losses.BinaryCrossentropy()
ckpt = tf.train.Checkpoint(model=model, optimizer=optimizer)
manager = tf.train.CheckpointManager(ckpt, "ckpt/unet", max_to_keep=3)


def dice(y_true, y_pred, eps=1e-6):
    inter = tf.reduce_sum(y_true * y_pred)
    return (2 * inter + eps) / (tf.reduce_sum(y_true) + tf.reduce_sum(y_pred) + eps)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        pred = model(x, training=True)
        loss = bce(y, pred) + (1 - dice(y, pred))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


for epoch in range(EPOCHS):
    losses = []
    for x, y in train_ds:
        loss = train_step(x, y)
        losses.append(loss.numpy())  # FRG111
    if epoch % 5 == 4:
        manager.save()
    print(f"epoch {epoch}: loss {sum(losses) / len(losses):.4f}")

val_dice = [float(dice(y, model(x, training=False))) for x, y in val_ds]
print("val dice", sum(val_dice) / len(val_dice))
