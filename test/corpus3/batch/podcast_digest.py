"""Transcribe this week's podcast episodes with Whisper and write a short digest of each."""
import json
import pathlib

import torch
from transformers import pipeline

AUDIO_DIR = pathlib.Path("data/episodes")
OUT_FILE = pathlib.Path("data/digests/week.json")

# OK for precision: fp16 weights
asr = pipeline(
    "automatic-speech-recognition",
    model="openai/whisper-large-v3",  # FRG409
    torch_dtype=torch.float16,
    device="cuda:0",
)
summarizer = pipeline("summarization", model="facebook/bart-large-cnn", device=0)  # FRG405 FRG409


def main():
    files = sorted(str(p) for p in AUDIO_DIR.glob("*.mp3"))
    # OK: the ASR pipeline is given the whole list with a batch size
    transcripts = asr(files, batch_size=8, chunk_length_s=30, return_timestamps=True)

    digests = []
    for path, transcript in zip(files, transcripts):
        text = transcript["text"]
        summary = summarizer(text[:4000], max_length=180, min_length=60, do_sample=False)[0]["summary_text"]  # FRG404
        digests.append({"episode": pathlib.Path(path).stem, "summary": summary, "chars": len(text)})

    OUT_FILE.parent.mkdir(parents=True, exist_ok=True)
    OUT_FILE.write_text(json.dumps(digests, indent=2))


if __name__ == "__main__":
    main()
