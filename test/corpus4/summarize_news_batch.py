"""Summarise the day's news articles with BART-large-CNN and write a JSONL digest."""
import json
from datetime import date

import pandas as pd
import torch
from tqdm.auto import tqdm
from transformers import pipeline

SUMMARIZER = "facebook/bart-large-cnn"  # FRG409
if not torch.cuda.is_available():
    raise RuntimeError("GPU required")

articles, ids = [], []
for part in pd.read_csv("data/articles_today.csv", chunksize=50_000):  # FRG303
    part = part.dropna(subset=["body"])
    articles.extend(part["body"].str.slice(0, 6000).tolist())
    ids.extend(part["article_id"].tolist())

summarizer = pipeline("summarization", model=SUMMARIZER, device=0)  # FRG405

digest = []
for article_id, article in tqdm(zip(ids, articles), total=len(articles)):
    summary = summarizer(article, max_length=142, min_length=56, truncation=True, use_cache=False)[0]["summary_text"]  # FRG404 FRG408
    digest.append({"id": article_id, "summary": summary})

with open(f"digests/{date.today():%Y-%m-%d}.jsonl", "w") as fh:
    for row in digest:
        fh.write(json.dumps(row) + "\n")
