"""HTTP inference service for the churn, sentiment and image models.

    uvicorn serve:app --host 0.0.0.0 --port 8080
"""
import io
import os

import joblib
import pandas as pd
import torch
from fastapi import FastAPI, File, HTTPException, UploadFile
from PIL import Image
from pydantic import BaseModel
from torchvision import models, transforms
from transformers import AutoModelForSequenceClassification, AutoTokenizer

CHURN_MODEL_PATH = os.environ.get("CHURN_MODEL_PATH", "artifacts/churn_xgb.joblib")
SENTIMENT_DIR = os.environ.get("SENTIMENT_DIR", "runs/sentiment")
DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
MAX_TEXTS = 64

app = FastAPI(title="ml-serving", version="1.3.0")

# The image model is small enough to keep resident for the lifetime of the worker.
weights = models.ResNet18_Weights.DEFAULT
image_model = models.resnet18(weights=weights).to(DEVICE).eval()
image_labels = weights.meta["categories"]
preprocess = transforms.Compose([
    transforms.Resize(256),
    transforms.CenterCrop(224),
    transforms.ToTensor(),
    transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
])


class Customer(BaseModel):
    tenure_months: int
    monthly_charges: float
    total_charges: float
    support_tickets: int
    logins_30d: int
    contract: str


class Reviews(BaseModel):
    texts: list[str]


@app.on_event("startup")
def warm_up():
    with torch.inference_mode():
        image_model(torch.zeros(1, 3, 224, 224, device=DEVICE))


@app.get("/health")
def health():
    return {"status": "ok", "device": str(DEVICE)}


@app.post("/churn")
def predict_churn(customer: Customer):
    model = joblib.load(CHURN_MODEL_PATH)
    frame = pd.DataFrame([customer.model_dump()])
    proba = float(model.predict_proba(frame)[0, 1])
    return {"churn_probability": round(proba, 4), "will_churn": proba >= 0.5}


@app.post("/sentiment")
def predict_sentiment(reviews: Reviews):
    if len(reviews.texts) > MAX_TEXTS:
        raise HTTPException(status_code=413, detail=f"at most {MAX_TEXTS} texts per request")
    tokenizer = AutoTokenizer.from_pretrained(SENTIMENT_DIR)
    model = AutoModelForSequenceClassification.from_pretrained(SENTIMENT_DIR).to(DEVICE)
    model.eval()
    enc = tokenizer(reviews.texts, padding=True, truncation=True, max_length=256, return_tensors="pt").to(DEVICE)
    probs = model(**enc).logits.softmax(dim=-1)
    labels = [model.config.id2label[i] for i in probs.argmax(dim=-1).tolist()]
    return {"labels": labels, "scores": probs.max(dim=-1).values.tolist()}


@app.post("/classify-image")
async def classify_image(file: UploadFile = File(...), top_k: int = 5):
    try:
        image = Image.open(io.BytesIO(await file.read())).convert("RGB")
    except OSError:
        raise HTTPException(status_code=400, detail="not an image")
    batch = preprocess(image).unsqueeze(0).to(DEVICE)
    with torch.inference_mode():
        probs = image_model(batch).softmax(dim=1)[0]
    scores, indices = probs.topk(top_k)
    return [{"label": image_labels[i], "score": round(s, 4)} for s, i in zip(scores.tolist(), indices.tolist())]
