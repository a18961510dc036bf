# A small training script: the workspace the real-VS-Code tests open.
import numpy as np
from tensorflow import keras

x = np.random.rand(256, 8)
y = np.random.rand(256, 1)

model = keras.Sequential([keras.layers.Dense(512, activation="relu"), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, epochs=200)
