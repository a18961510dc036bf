"""Flask API for the product-review sentiment model (RoBERTa fine-tuned in-house)."""
import torch
from flask import Flask, jsonify, request
from transformers import AutoModelForSequenceClassification, AutoTokenizer

MODEL_NAME = "roberta-base"  # FRG409
CHECKPOINT = "checkpoints/roberta-reviews/best.pt"
LABELS = ["negative", "neutral", "positive"]

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
app = Flask(__name__)


@app.route("/predict", methods=["POST"])
def predict():
    payload = request.get_json(force=True)
    texts = payload["texts"]
    model = AutoModelForSequenceClassification.from_pretrained(MODEL_NAME, num_labels=len(LABELS))  # FRG402 FRG405
    model.load_state_dict(torch.load(CHECKPOINT, map_location=device))  # FRG402
    model.to(device)
    model.eval()

    enc = tokenizer(texts, padding=True, truncation=True, max_length=256, return_tensors="pt").to(device)
    logits = model(**enc).logits  # FRG401 FRG410
    probs = torch.softmax(logits, dim=-1).tolist()
    return jsonify(
        [
            {"text": text, "label": LABELS[max(range(len(p)), key=p.__getitem__)], "scores": p}
            for text, p in zip(texts, probs)
        ]
    )


@app.route("/health")
def health():
    return jsonify({"status": "ok", "device": str(device)})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
