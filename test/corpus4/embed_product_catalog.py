"""Nightly job: embed the product catalog for semantic search and write a .npy index."""
import numpy as np
import pandas as pd
from sentence_transformers import SentenceTransformer

BATCH_SIZE = 256
catalog = pd.read_parquet("data/catalog_snapshot.parquet")
texts = (catalog["title"] + " | " + catalog["description"].fillna("")).tolist()

encoder = SentenceTransformer("all-mpnet-base-v2", device="cuda")  # FRG409

index = np.empty((0, encoder.get_sentence_embedding_dimension()), dtype=np.float32)
for start in range(0, len(texts), BATCH_SIZE):
    emb = encoder.encode(texts[start:start + BATCH_SIZE], normalize_embeddings=True, convert_to_numpy=True)  # FRG410
    index = np.vstack([index, emb])  # FRG305

np.save("artifacts/catalog_index.npy", index)
catalog[["product_id"]].to_parquet("artifacts/catalog_ids.parquet")
