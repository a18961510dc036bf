"""Nightly batch transcription of new podcast episodes with Whisper (English shows only)."""
import json
import os
from pathlib import Path

import pandas as pd
import torch
from tqdm import tqdm
from transformers import pipeline

ASR_CHECKPOINT = "openai/whisper-large-v3"  # FRG409
OUT_DIR = Path(os.environ.get("TRANSCRIPTS_DIR", "transcripts"))
assert torch.cuda.is_available(), "run on the GPU node"
device = "cuda:0"

episodes = pd.read_csv("manifests/episodes_pending.csv")  # FRG307
audio_files = episodes["audio_path"].tolist()

asr = pipeline(  # FRG405
    "automatic-speech-recognition",
    model=ASR_CHECKPOINT,
    device=device,
    chunk_length_s=30,
)

OUT_DIR.mkdir(parents=True, exist_ok=True)
with open(OUT_DIR / "transcripts.jsonl", "a") as out:
    for path in tqdm(audio_files):
        result = asr(path, return_timestamps=True, generate_kwargs={"task": "transcribe"})  # FRG404
        out.write(json.dumps({"audio": path, "text": result["text"], "chunks": result["chunks"]}) + "\n")
