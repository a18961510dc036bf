"""Sentiment + moderation API (uvicorn serve_sentiment_fastapi:app --workers 1)."""
from functools import lru_cache

import joblib
import torch
from fastapi import FastAPI
from pydantic import BaseModel
from transformers import AutoModelForSequenceClassification, AutoTokenizer

MODEL_ID = "cardiffnlp/twitter-roberta-base-sentiment-latest"  # OK: fine-tuned checkpoint, not in the distilled table
CALIBRATOR_PATH = "models/sentiment_calibrator.joblib"
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

tokenizer = AutoTokenizer.from_pretrained(MODEL_ID)
model = AutoModelForSequenceClassification.from_pretrained(MODEL_ID).to(device)  # FRG405
model.eval()
calibrator = joblib.load(CALIBRATOR_PATH)  # OK: loaded once at import

app = FastAPI(title="sentiment")


class TextIn(BaseModel):
    text: str


class BatchIn(BaseModel):
    texts: list[str]


@lru_cache(maxsize=1)
def get_toxicity_model():
    return joblib.load("models/toxicity_lr.joblib")  # OK: cached load, once per process


@app.post("/sentiment")
def sentiment(req: TextIn):
    enc = tokenizer(req.text, return_tensors="pt", truncation=True, max_length=256).to(device)
    logits = model(**enc).logits  # FRG401 FRG410
    probs = logits.softmax(-1)[0].tolist()
    return {"label": model.config.id2label[int(torch.tensor(probs).argmax())], "scores": probs}


@app.post("/sentiment/batch")
def sentiment_batch(req: BatchIn):
    enc = tokenizer(req.texts, padding=True, truncation=True, max_length=256, return_tensors="pt").to(device)
    with torch.inference_mode():
        logits = model(**enc).logits  # FRG410
    calibrated = calibrator.predict_proba(logits.float().cpu().numpy())
    return {"scores": calibrated.tolist()}


@app.post("/moderate")
def moderate(req: TextIn):
    clf = joblib.load("models/toxicity_vectorizer_lr.joblib")  # FRG402
    return {"toxic": float(clf.predict_proba([req.text])[0, 1])}


@app.post("/moderate/v2")
def moderate_v2(req: TextIn):
    clf = get_toxicity_model()
    return {"toxic": float(clf.predict_proba([req.text])[0, 1])}  # OK: scikit-learn model, not eager PyTorch serving


@app.post("/admin/reload-calibrator")
def reload_calibrator():
    global calibrator
    calibrator = joblib.load(CALIBRATOR_PATH)  # OK: endpoint whose job is loading
    return {"status": "reloaded"}
