"""AWS Lambda entry points for the defect-detection model (container image, CPU)."""
import base64
import io
import json
import os
import pickle

import boto3
import numpy as np
import torch
from PIL import Image

MODEL_PATH = os.environ.get("MODEL_PATH", "/opt/ml/defect_cnn.pt")
CALIBRATOR_PATH = os.environ.get("CALIBRATOR_PATH", "/opt/ml/calibrator.pkl")
s3 = boto3.client("s3")

_model = None
with open(CALIBRATOR_PATH, "rb") as fh:
    CALIBRATOR = pickle.load(fh)  # OK: module scope, once per container
with open(os.environ.get("LABELS_PATH", "/opt/ml/labels.json")) as fh:
    LABELS = json.load(fh)


def _get_model():
    global _model
    if _model is None:
        _model = torch.load(MODEL_PATH, map_location="cpu", weights_only=False)  # OK: cached per container
        _model.eval()
    return _model


def _decode(event):
    body = event["body"]
    if event.get("isBase64Encoded"):
        body = base64.b64decode(body)
    img = Image.open(io.BytesIO(body)).convert("L").resize((128, 128))
    x = torch.from_numpy(np.asarray(img, dtype=np.float32) / 255.0)  # OK: converts the request image
    return x[None, None]


def handler(event, context):
    """Current endpoint: the model is cached across warm invocations."""
    x = _decode(event)
    model = _get_model()
    with torch.inference_mode():
        probs = model(x).softmax(dim=1)[0]  # FRG410
    idx = int(probs.argmax())
    return {"statusCode": 200, "body": json.dumps({"label": LABELS[idx], "score": float(probs[idx])})}


def lambda_handler(event, context):
    """Old endpoint kept for the mobile app v1."""
    x = _decode(event)
    model = torch.load(MODEL_PATH, map_location="cpu", weights_only=False)  # FRG402
    model.eval()
    logits = model(x)  # FRG401
    score = CALIBRATOR.predict_proba(logits.detach().numpy())[0, 1]
    return {"statusCode": 200, "body": json.dumps({"defect_probability": float(score)})}


def s3_batch_handler(event, context):
    """Triggered by S3 uploads; scores every image in the notification."""
    model = _get_model()
    results = {}
    keys = [r["s3"]["object"]["key"] for r in event["Records"]]
    bucket = event["Records"][0]["s3"]["bucket"]["name"]
    tensors = []
    for key in keys:
        obj = s3.get_object(Bucket=bucket, Key=key)
        tensors.append(_decode({"body": obj["Body"].read()}))
    with torch.inference_mode():
        probs = model(torch.cat(tensors)).softmax(dim=1)  # FRG410  # one batch for the whole event, but an eager model
    for key, idx in zip(keys, probs.argmax(dim=1).tolist()):  # OK: plain Python ints
        results[key] = LABELS[idx]
    return {"statusCode": 200, "body": json.dumps(results)}
