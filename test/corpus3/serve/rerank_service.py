"""Passage re-ranking service (cross-encoder) for the search backend."""
from functools import lru_cache

import torch
from fastapi import FastAPI
from pydantic import BaseModel
from transformers import AutoModelForSequenceClassification, AutoTokenizer

RERANKER_ID = "BAAI/bge-reranker-base"
device = torch.device("cuda")

app = FastAPI()


@lru_cache(maxsize=1)
def get_model():
    # OK: cached, loaded once; bf16 weights and torch.compile
    tokenizer = AutoTokenizer.from_pretrained(RERANKER_ID)
    model = AutoModelForSequenceClassification.from_pretrained(RERANKER_ID, torch_dtype=torch.bfloat16)
    model = torch.compile(model.to(device).eval(), mode="reduce-overhead", dynamic=True)
    return tokenizer, model


class RerankRequest(BaseModel):
    query: str
    passages: list[str]
    top_k: int = 10


@app.post("/rerank")
def rerank(req: RerankRequest):
    tokenizer, model = get_model()
    enc = tokenizer(
        [req.query] * len(req.passages),
        req.passages,
        padding=True,
        truncation=True,
        max_length=512,
        return_tensors="pt",
    ).to(device)
    with torch.inference_mode():
        scores = model(**enc).logits.squeeze(-1).float()  # OK: compiled model
    order = torch.argsort(scores, descending=True)[: req.top_k].tolist()
    return {"results": [{"index": i, "score": float(scores[i])} for i in order]}
