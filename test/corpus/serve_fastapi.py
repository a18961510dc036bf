"""Model-serving API: image classifier, tabular scorer and text embeddings."""
import io
from functools import lru_cache
from typing import List

import joblib
import numpy as np
import onnxruntime as ort
import torch
import torchvision.transforms as T
from fastapi import FastAPI, File, UploadFile
from PIL import Image
from pydantic import BaseModel
from transformers import AutoModel, AutoTokenizer

app = FastAPI(title="ml-serving")
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

classifier = torch.jit.load("models/resnet50_ts.pt", map_location=device)  # OK: loaded once at import
classifier.eval()
preprocess = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(), T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
scorer = None


class Features(BaseModel):
    values: List[float]


class Texts(BaseModel):
    texts: List[str]


@app.on_event("startup")
def load_scorer():
    global scorer
    scorer = joblib.load("models/churn_lgbm.joblib")  # OK: startup hook, once per process


@lru_cache(maxsize=1)
def get_encoder():
    tok = AutoTokenizer.from_pretrained("sentence-transformers/all-MiniLM-L6-v2")  # OK: cached factory
    enc = AutoModel.from_pretrained("sentence-transformers/all-MiniLM-L6-v2").to(device).eval()  # OK
    return tok, enc


@app.post("/classify")
async def classify(file: UploadFile = File(...)):
    image = Image.open(io.BytesIO(await file.read())).convert("RGB")
    x = preprocess(image).unsqueeze(0).to(device)
    logits = classifier(x)  # FRG401
    probs = logits.softmax(dim=1)[0]
    top = probs.topk(5)
    return {"classes": top.indices.tolist(), "scores": top.values.cpu().tolist()}  # OK: not a training loop


@app.post("/classify/batch")
async def classify_batch(files: List[UploadFile] = File(...)):
    images = [preprocess(Image.open(io.BytesIO(await f.read())).convert("RGB")) for f in files]
    with torch.inference_mode():
        out = classifier(torch.stack(images).to(device))  # OK: one batch for the whole request
    return {"classes": out.argmax(dim=1).tolist()}


@app.post("/score")
def score(features: Features):
    X = np.asarray(features.values, dtype=np.float32).reshape(1, -1)
    return {"churn_probability": float(scorer.predict_proba(X)[0, 1])}  # OK: startup-loaded model


@app.post("/score/onnx")
def score_onnx(features: Features):
    session = ort.InferenceSession("models/churn.onnx", providers=["CPUExecutionProvider"])  # FRG402
    inputs = {session.get_inputs()[0].name: np.asarray([features.values], dtype=np.float32)}
    return {"churn_probability": float(session.run(None, inputs)[1][0][1])}


@app.post("/embed")
def embed(body: Texts):
    tok, enc = get_encoder()
    batch = tok(body.texts, padding=True, truncation=True, return_tensors="pt").to(device)
    with torch.inference_mode():
        hidden = enc(**batch).last_hidden_state  # OK: inference mode, one batched call
    mask = batch["attention_mask"].unsqueeze(-1)
    emb = (hidden * mask).sum(1) / mask.sum(1)
    return {"embeddings": emb.cpu().numpy().tolist()}


@app.post("/embed/legacy")
def embed_legacy(body: Texts):
    tok, _ = get_encoder()
    bert = AutoModel.from_pretrained("bert-base-uncased").to(device).eval()  # FRG402
    batch = tok(body.texts, padding=True, truncation=True, return_tensors="pt").to(device)
    with torch.no_grad():
        cls = bert(**batch).last_hidden_state[:, 0]
    return {"embeddings": cls.cpu().tolist()}


@app.get("/health")
def health():
    return {"status": "ok", "device": str(device)}
