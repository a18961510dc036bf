"""Flask service for review moderation: sentiment, toxicity and a Keras spam model."""
import os

import numpy as np
import tensorflow as tf
from flask import Flask, jsonify, request
from transformers import pipeline

app = Flask(__name__)
MODEL_DIR = os.environ.get("MODEL_DIR", "/srv/models")

sentiment = pipeline("sentiment-analysis", model="distilbert-base-uncased-finetuned-sst-2-english")  # OK: import time
spam_model = tf.keras.models.load_model(os.path.join(MODEL_DIR, "spam.keras"))  # OK: import time
vectorizer = tf.keras.layers.TextVectorization(max_tokens=20000, output_sequence_length=200)
vectorizer.adapt(tf.constant(["placeholder text"]))


def _texts_from_request():
    payload = request.get_json(force=True) or {}
    texts = payload.get("texts") or [payload.get("text", "")]
    return [t for t in texts if t]


@app.route("/sentiment", methods=["POST"])
def sentiment_view():
    texts = _texts_from_request()
    return jsonify(sentiment(texts, batch_size=32, truncation=True))  # FRG410  # one batched call, but an eager pipeline


@app.route("/sentiment/each", methods=["POST"])
def sentiment_each():
    texts = _texts_from_request()
    results = []
    for text in texts:
        results.append(sentiment(text, truncation=True)[0])  # FRG404 FRG410
    return jsonify(results)


@app.route("/toxicity", methods=["POST"])
def toxicity():
    clf = pipeline("text-classification", model="unitary/toxic-bert", top_k=None)  # FRG402
    texts = _texts_from_request()
    return jsonify(clf(texts, truncation=True))


@app.route("/spam", methods=["POST"])
def spam():
    texts = _texts_from_request()
    probs = spam_model.predict(vectorizer(tf.constant(texts)), verbose=0)  # OK: whole request in one batch
    return jsonify({"spam": np.asarray(probs).ravel().round(4).tolist()})


@app.route("/spam/v2", methods=["POST"])
def spam_v2():
    model = tf.keras.models.load_model(os.path.join(MODEL_DIR, "spam_v2.keras"))  # FRG402
    texts = _texts_from_request()
    probs = model.predict(vectorizer(tf.constant(texts)), verbose=0)
    return jsonify({"spam": np.asarray(probs).ravel().tolist()})


def warm_up():
    # called once from the WSGI entry point, not a route
    app.logger.info("warming up models")
    spam_model.predict(vectorizer(tf.constant(["warm up"])), verbose=0)
    sentiment(["hello", "great product", "click here to win"])  # OK: one batched call
    return True


@app.route("/healthz")
def healthz():
    return jsonify(status="ok", models=["sentiment", "spam"])


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 8080)))
