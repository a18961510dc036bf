"""Semantic search micro-service.

The bi-encoder is loaded once in the lifespan handler and injected with
`Depends`; the cross-encoder re-ranker is a later addition.
"""
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import List

import numpy as np
import torch
from fastapi import Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel, BaseSettings
from sentence_transformers import SentenceTransformer
from transformers import AutoModelForSequenceClassification, AutoTokenizer


class Settings(BaseSettings):
    encoder_id: str = "sentence-transformers/all-MiniLM-L6-v2"
    reranker_id: str = "cross-encoder/ms-marco-MiniLM-L-6-v2"
    index_path: str = "/srv/index/vectors.npy"
    max_batch: int = 64


settings = Settings()
DEVICE = "cuda" if torch.cuda.is_available() else "cpu"


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.encoder = SentenceTransformer(settings.encoder_id, device=DEVICE)
    app.state.index = np.load(settings.index_path, mmap_mode="r")
    app.state.encoder.encode(["warm-up"], batch_size=1)
    yield
    app.state.encoder = None


app = FastAPI(lifespan=lifespan)


def get_encoder(request: Request) -> SentenceTransformer:
    return request.app.state.encoder


def get_index(request: Request) -> np.ndarray:
    return request.app.state.index


class EmbedRequest(BaseModel):
    texts: List[str]


class SimilarRequest(BaseModel):
    query: str
    candidates: List[str]


class RerankRequest(BaseModel):
    query: str
    documents: List[str]
    top_k: int = 5


@lru_cache(maxsize=1)
def reranker_tokenizer():
    return AutoTokenizer.from_pretrained(settings.reranker_id)


def cross_scores(query: str, documents: List[str]) -> List[float]:
    tokenizer = reranker_tokenizer()
    model = AutoModelForSequenceClassification.from_pretrained(settings.reranker_id).to(DEVICE)  # FRG402 FRG405
    model.eval()
    enc = tokenizer([query] * len(documents), documents, padding=True, truncation=True,
                    return_tensors="pt").to(DEVICE)
    with torch.inference_mode():
        logits = model(**enc).logits.squeeze(-1)
    return logits.float().cpu().tolist()


@app.post("/embed")
def embed(req: EmbedRequest, encoder: SentenceTransformer = Depends(get_encoder)):
    if len(req.texts) > 10 * settings.max_batch:
        raise HTTPException(413, "too many texts")
    vectors = encoder.encode(req.texts, batch_size=settings.max_batch, normalize_embeddings=True)
    return {"vectors": vectors.tolist()}


@app.post("/similar")
def similar(req: SimilarRequest, encoder: SentenceTransformer = Depends(get_encoder)):
    q = encoder.encode(req.query, normalize_embeddings=True)
    cand_vecs = []
    for text in req.candidates:
        cand_vecs.append(encoder.encode(text, normalize_embeddings=True))  # FRG404
    scores = np.stack(cand_vecs) @ q
    order = np.argsort(-scores)
    return {"ranking": [{"text": req.candidates[i], "score": float(scores[i])} for i in order]}


@app.post("/search")
def search(req: EmbedRequest, encoder: SentenceTransformer = Depends(get_encoder),
           index: np.ndarray = Depends(get_index)):
    queries = encoder.encode(req.texts, batch_size=settings.max_batch, normalize_embeddings=True)
    top = np.argpartition(-(queries @ index.T), 10, axis=1)[:, :10]
    return {"hits": top.tolist()}


@app.post("/rerank")
def rerank(req: RerankRequest):
    scores = cross_scores(req.query, req.documents)
    ranked = sorted(zip(req.documents, scores), key=lambda t: -t[1])[: req.top_k]
    return {"results": [{"document": d, "score": s} for d, s in ranked]}


@app.post("/models/{model_name}/embed")
def embed_with(model_name: str, req: EmbedRequest):
    if not model_name.startswith("sentence-transformers/"):
        raise HTTPException(400, "unsupported model")
    encoder = SentenceTransformer(model_name, device=DEVICE)
    return {"vectors": encoder.encode(req.texts, batch_size=settings.max_batch).tolist()}


@app.post("/admin/reload")
def reload_encoder(request: Request):
    request.app.state.encoder = SentenceTransformer(settings.encoder_id, device=DEVICE)
    return {"status": "reloaded", "model": settings.encoder_id}


@app.get("/healthz")
def healthz(encoder: SentenceTransformer = Depends(get_encoder)):
    return {"ok": encoder is not None, "device": DEVICE}
