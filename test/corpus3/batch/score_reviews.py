"""Nightly batch job: score every product review in the lake with the fine-tuned sentiment model.

Roughly 40M reviews spread over a few thousand parquet shards.
"""
import glob
import logging
import os

import numpy as np
import pandas as pd
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

MODEL_DIR = "models/review-sentiment-distilbert"
SHARDS = sorted(glob.glob("/mnt/lake/reviews/date=*/part-*.parquet"))
OUT_DIR = "/mnt/lake/review_scores"
BATCH_SIZE = 512

log = logging.getLogger("score_reviews")
device = torch.device("cuda")
tokenizer = AutoTokenizer.from_pretrained(MODEL_DIR)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    for shard in SHARDS:
        model = AutoModelForSequenceClassification.from_pretrained(MODEL_DIR).to(device).eval()  # FRG403 FRG405
        df = pd.read_parquet(shard)  # FRG307
        texts = df["review_body"].fillna("").tolist()

        scores = []
        for start in range(0, len(texts), BATCH_SIZE):
            chunk = texts[start:start + BATCH_SIZE]
            # OK: tokenising for inference, not in a training loop
            enc = tokenizer(chunk, padding=True, truncation=True, max_length=256, return_tensors="pt").to(device)
            with torch.inference_mode():
                logits = model(**enc).logits  # FRG410
            # OK: read back once per batch for the output file, never put back on the GPU
            scores.append(logits.softmax(dim=-1)[:, 1].float().cpu().numpy())

        out = pd.DataFrame(
            {
                "review_id": df["review_id"],
                "product_id": df["product_id"],
                "p_positive": np.concatenate(scores),
            }
        )
        out.to_parquet(os.path.join(OUT_DIR, os.path.basename(shard)), index=False)
        log.info("scored %s", shard)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
