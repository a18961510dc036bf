"""AWS Lambda functions for product-review moderation (container image runtime).

`sentiment_handler` consumes an SQS queue of new reviews, `bulk_handler` is
invoked by Step Functions with pre-grouped reviews, and `toxicity_handler`
serves the ONNX toxicity model behind API Gateway.
"""
import json
import logging
import os
from pathlib import Path

import boto3
import numpy as np
import onnxruntime as ort
from transformers import AutoTokenizer, pipeline

logger = logging.getLogger()
logger.setLevel(logging.INFO)

MODEL_DIR = Path(os.environ.get("MODEL_DIR", "/opt/ml/model"))
RESULTS_BUCKET = os.environ.get("RESULTS_BUCKET", "reviews-moderation-results")

s3 = boto3.client("s3", region_name="ap-south-1")
runtime = boto3.client("sagemaker-runtime", region_name=os.environ.get("AWS_REGION", "eu-west-1"))

_sentiment = pipeline("sentiment-analysis", model=str(MODEL_DIR / "sentiment"), truncation=True, max_length=256)
_tox_tokenizer = AutoTokenizer.from_pretrained(str(MODEL_DIR / "toxicity_tokenizer"))


def _store(key, payload):
    s3.put_object(Bucket=RESULTS_BUCKET, Key=key, Body=json.dumps(payload).encode("utf-8"))


def sentiment_handler(event, context):
    results = []
    for record in event["Records"]:
        review = json.loads(record["body"])
        label = _sentiment(review["text"])[0]  # FRG404
        results.append({"review_id": review["id"], "label": label["label"], "score": label["score"]})
    _store(f"sentiment/{context.aws_request_id}.json", results)
    return {"batchItemFailures": []}


def bulk_handler(event, context):
    reviews = event["reviews"]
    texts = [r["text"] for r in reviews]
    labels = _sentiment(texts, batch_size=32)
    out = [{"review_id": r["id"], **lab} for r, lab in zip(reviews, labels)]
    _store(f"bulk/{event['group_id']}.json", out)
    return {"count": len(out)}


def toxicity_handler(event, context):
    body = json.loads(event.get("body") or "{}")
    texts = body.get("texts", [])
    if not texts:
        return {"statusCode": 400, "body": json.dumps({"error": "no texts"})}
    session = ort.InferenceSession(str(MODEL_DIR / "toxicity.onnx"), providers=["CPUExecutionProvider"])  # FRG402
    enc = _tox_tokenizer(texts, padding=True, truncation=True, max_length=128, return_tensors="np")
    (logits,) = session.run(None, {"input_ids": enc["input_ids"].astype(np.int64),
                                   "attention_mask": enc["attention_mask"].astype(np.int64)})
    probs = 1.0 / (1.0 + np.exp(-logits[:, 0]))
    return {"statusCode": 200, "body": json.dumps({"toxic": (probs > 0.5).tolist(), "p": probs.round(4).tolist()})}


_langid = None


def _get_langid():
    global _langid
    if _langid is None:
        import fasttext
        _langid = fasttext.load_model(str(MODEL_DIR / "lid.176.ftz"))
    return _langid


def language_handler(event, context):
    """Tag reviews with their language so that non-English ones skip the English models."""
    texts = [r["text"].replace("\n", " ") for r in event["reviews"]]
    labels, probs = _get_langid().predict(texts, k=1)
    return {"languages": [lab[0].replace("__label__", "") for lab in labels],
            "confidence": [float(p[0]) for p in probs]}


def escalation_handler(event, context):
    """Forward borderline reviews to the large model hosted on a SageMaker endpoint."""
    payload = {"inputs": [r["text"] for r in event["reviews"]]}
    resp = runtime.invoke_endpoint(EndpointName=os.environ["ESCALATION_ENDPOINT"],
                                   ContentType="application/json", Body=json.dumps(payload))
    verdicts = json.loads(resp["Body"].read())
    logger.info("escalated %d reviews", len(verdicts))
    return {"verdicts": verdicts}
