"""OpenAI-style chat completion endpoint for Qwen2.5-7B-Instruct, with an ONNX toxicity gate.

    uvicorn serve.chat_server:app --host 0.0.0.0 --port 8000
"""
import time
import uuid
from contextlib import asynccontextmanager

import numpy as np
import onnxruntime as ort
import torch
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_ID = "Qwen/Qwen2.5-7B-Instruct"
MODERATION_DIR = "models/toxicity-minilm"
MODERATION_ONNX = f"{MODERATION_DIR}/model.onnx"

state = {}


@asynccontextmanager
async def lifespan(app: FastAPI):
    # OK: loaded once at start-up, not per request
    state["tokenizer"] = AutoTokenizer.from_pretrained(MODEL_ID)
    state["model"] = AutoModelForCausalLM.from_pretrained(MODEL_ID).to("cuda").eval()  # FRG405
    state["mod_tokenizer"] = AutoTokenizer.from_pretrained(MODERATION_DIR)
    state["moderation"] = ort.InferenceSession(MODERATION_ONNX, providers=["CPUExecutionProvider"])
    yield
    state.clear()


app = FastAPI(lifespan=lifespan)


class ChatRequest(BaseModel):
    messages: list[dict]
    max_tokens: int = 512
    temperature: float = 0.7


def is_toxic(text: str) -> bool:
    enc = state["mod_tokenizer"](text, return_tensors="np", truncation=True, max_length=256)
    logits = state["moderation"].run(
        None, {"input_ids": enc["input_ids"], "attention_mask": enc["attention_mask"]}
    )[0]
    return float(1.0 / (1.0 + np.exp(-logits[0, 0]))) > 0.8


@app.post("/v1/chat/completions")
def chat(req: ChatRequest):
    if is_toxic(req.messages[-1]["content"]):
        raise HTTPException(status_code=400, detail="message rejected by moderation")
    tokenizer, model = state["tokenizer"], state["model"]
    prompt = tokenizer.apply_chat_template(req.messages, tokenize=False, add_generation_prompt=True)
    inputs = tokenizer(prompt, return_tensors="pt").to("cuda")
    with torch.inference_mode():
        output = model.generate(
            **inputs,
            max_new_tokens=req.max_tokens,
            temperature=req.temperature,
            do_sample=req.temperature > 0,
            use_cache=False,  # FRG408
        )
    completion = tokenizer.decode(output[0, inputs["input_ids"].shape[1]:], skip_special_tokens=True)
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": MODEL_ID,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": completion}, "finish_reason": "stop"}],
    }


@app.post("/admin/reload-moderation")
def reload_moderation():
    # OK: this endpoint exists to reload the moderation model
    state["moderation"] = ort.InferenceSession(MODERATION_ONNX, providers=["CPUExecutionProvider"])
    return {"status": "reloaded"}


@app.get("/health")
def health():
    return {"status": "ok", "cuda": torch.cuda.is_available()}
