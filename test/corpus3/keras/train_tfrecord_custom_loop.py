"""Train a ConvNeXt-Tiny classifier on TFRecord shards with a custom tf.GradientTape loop."""
import tensorflow as tf
from tensorflow import keras

AUTOTUNE = tf.data.AUTOTUNE
TRAIN_PATTERN = "gs://flowers-104/tfrecords-jpeg-192x192/train/*.tfrec"
IMG_SIZE = 192
BATCH_SIZE = 128
EPOCHS = 50
NUM_CLASSES = 104

keras.mixed_precision.set_global_policy("mixed_bfloat16")

FEATURES = {
    "image": tf.io.FixedLenFeature([], tf.string),
    "class": tf.io.FixedLenFeature([], tf.int64),
}


def parse_example(record):
    ex = tf.io.parse_single_example(record, FEATURES)
    img = tf.image.decode_jpeg(ex["image"], channels=3)
    img = tf.image.resize(img, (IMG_SIZE, IMG_SIZE)) / 255.0
    return img, ex["class"]


files = tf.io.gfile.glob(TRAIN_PATTERN)
raw_ds = tf.data.TFRecordDataset(files, num_parallel_reads=AUTOTUNE).map(parse_example)  # FRG306
train_ds = raw_ds.shuffle(20_000).batch(BATCH_SIZE, drop_remainder=True)  # FRG306

base = keras.applications.ConvNeXtTiny(
    include_top=False, weights="imagenet", input_shape=(IMG_SIZE, IMG_SIZE, 3), pooling="avg"
)
model = keras.Sequential([base, keras.layers.Dense(NUM_CLASSES, dtype="float32")])
optimizer = keras.optimizers.AdamW(learning_rate=1e-4, weight_decay=0.05)
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
train_acc = keras.metrics.SparseCategoricalAccuracy()

ckpt = tf.train.Checkpoint(model=model, optimizer=optimizer)
manager = tf.train.CheckpointManager(ckpt, "checkpoints/convnext", max_to_keep=3)


@tf.function
def train_step(images, labels):
    with tf.GradientTape() as tape:
        logits = model(images, training=True)
        loss = loss_fn(labels, logits)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    train_acc.update_state(labels, logits)
    return loss


for epoch in range(EPOCHS):
    train_acc.reset_state()
    for step, (images, labels) in enumerate(train_ds):
        loss = train_step(images, labels)
        if step % 200 == 0:
            print(f"epoch {epoch} step {step} loss {float(loss):.4f}")
    manager.save()  # OK: checkpoint every epoch
    print(f"epoch {epoch}: train accuracy {float(train_acc.result()):.4f}")

model.save("convnext_flowers104.keras")
