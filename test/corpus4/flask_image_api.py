"""Flask service that classifies uploaded product photos (EfficientNet-B0)."""
import io

import torch
from flask import Flask, jsonify, request
from PIL import Image
from torchvision import models, transforms

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")
weights = models.EfficientNet_B0_Weights.IMAGENET1K_V1
model = models.efficientnet_b0(weights=weights).to(DEVICE)
model.eval()
categories = weights.meta["categories"]
preprocess = weights.transforms()

app = Flask(__name__)


def read_image(file_storage):
    return Image.open(io.BytesIO(file_storage.read())).convert("RGB")


@app.route("/predict", methods=["POST"])
def predict():
    x = preprocess(read_image(request.files["image"])).unsqueeze(0).to(DEVICE)
    with torch.no_grad():
        probs = model(x).softmax(dim=1)[0]  # FRG410
    top = probs.topk(5)
    return jsonify([{"label": categories[i], "p": float(p)} for p, i in zip(top.values.tolist(), top.indices.tolist())])


@app.route("/predict/batch", methods=["POST"])
def predict_batch():
    results = []
    with torch.no_grad():
        for f in request.files.getlist("images"):
            logits = model(preprocess(read_image(f)).unsqueeze(0).to(DEVICE))  # FRG404 FRG410
            results.append(categories[int(logits.argmax())])
    return jsonify(results)


@app.route("/embed", methods=["POST"])
def embed():
    x = preprocess(read_image(request.files["image"])).unsqueeze(0).to(DEVICE)
    feats = model(x)  # FRG401 FRG410
    return jsonify(feats[0].tolist())


@app.route("/predict/products", methods=["POST"])
def predict_products():
    net = torch.load("checkpoints/efficientnet_b0_products.pt", map_location=DEVICE, weights_only=False)  # FRG402
    net.eval()
    x = preprocess(read_image(request.files["image"])).unsqueeze(0).to(DEVICE)
    with torch.no_grad():
        logits = net(x)  # OK: model loaded per request is reported as such, not as eager serving
    return jsonify({"class_id": int(logits.argmax())})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)
