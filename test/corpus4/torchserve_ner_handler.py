"""TorchServe custom handler for a fine-tuned token-classification (NER) model."""
import json
import os

import torch
from transformers import AutoModelForTokenClassification, AutoTokenizer
from ts.torch_handler.base_handler import BaseHandler


class NerHandler(BaseHandler):
    def initialize(self, context):
        properties = context.system_properties
        model_dir = properties.get("model_dir")
        gpu = properties.get("gpu_id")
        self.device = torch.device(f"cuda:{gpu}" if torch.cuda.is_available() and gpu is not None else "cpu")
        self.tokenizer = AutoTokenizer.from_pretrained(model_dir)
        self.model = AutoModelForTokenClassification.from_pretrained(model_dir).to(self.device)  # FRG405
        self.model.eval()
        with open(os.path.join(model_dir, "index_to_name.json")) as fh:
            self.id2label = {int(k): v for k, v in json.load(fh).items()}
        self.initialized = True

    def preprocess(self, requests):
        texts = []
        for req in requests:
            data = req.get("data") or req.get("body")
            texts.append(data.decode("utf-8") if isinstance(data, (bytes, bytearray)) else data)
        return self.tokenizer(texts, padding=True, truncation=True, max_length=256, return_tensors="pt", return_offsets_mapping=True)

    def inference(self, enc):
        offsets = enc.pop("offset_mapping")
        with torch.inference_mode():
            logits = self.model(**enc.to(self.device)).logits  # FRG410
        return logits.argmax(-1).cpu(), offsets

    def postprocess(self, outputs):
        preds, offsets = outputs
        return [[{"label": self.id2label[int(p)], "span": o.tolist()} for p, o in zip(row, offs) if o[1] > o[0]] for row, offs in zip(preds, offsets)]
