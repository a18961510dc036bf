"""Inference gateway: image classification (ResNet-50) and text embeddings (BGE) behind one FastAPI app."""
import io

import torch
import torch.nn.functional as F
from fastapi import FastAPI, File, UploadFile
from PIL import Image
from pydantic import BaseModel
from torchvision.models import ResNet50_Weights, resnet50
from transformers import AutoModel, AutoTokenizer

device = torch.device("cuda:0")

weights = ResNet50_Weights.IMAGENET1K_V2
classifier = resnet50(weights=weights).to(device).eval()  # FRG405
preprocess = weights.transforms()
categories = weights.meta["categories"]

EMBED_ID = "BAAI/bge-small-en-v1.5"
QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: "
embed_tokenizer = AutoTokenizer.from_pretrained(EMBED_ID)
# OK: half precision
embedder = AutoModel.from_pretrained(EMBED_ID, torch_dtype=torch.float16).to(device).eval()

app = FastAPI(title="inference-gateway")


@app.post("/classify")
async def classify(file: UploadFile = File(...)):
    image = Image.open(io.BytesIO(await file.read())).convert("RGB")
    batch = preprocess(image).unsqueeze(0).to(device)
    with torch.inference_mode():
        logits = classifier(batch)  # FRG410
    probs = logits.softmax(dim=1)[0]
    top = torch.topk(probs, k=5)
    return {
        "predictions": [
            {"label": categories[i], "score": s}
            for s, i in zip(top.values.tolist(), top.indices.tolist())
        ]
    }


class EmbedRequest(BaseModel):
    texts: list[str]
    is_query: bool = False


@app.post("/embed")
def embed(req: EmbedRequest):
    batch = embed_tokenizer(
        [QUERY_INSTRUCTION + t if req.is_query else t for t in req.texts],
        padding=True,
        truncation=True,
        max_length=512,
        return_tensors="pt",
    ).to(device)
    with torch.inference_mode():
        out = embedder(**batch)  # FRG410
    emb = F.normalize(out.last_hidden_state[:, 0].float(), p=2, dim=1)
    return {"embeddings": emb.cpu().tolist()}
