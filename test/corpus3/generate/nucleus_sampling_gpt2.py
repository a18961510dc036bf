"""Hand-written nucleus (top-p) sampling for GPT-2, compared with `model.generate`.

    python generate/nucleus_sampling_gpt2.py --prompt "The energy cost of training"
"""
import argparse
import time

import numpy as np
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_NAME = "gpt2"  # FRG409
device = "cuda" if torch.cuda.is_available() else "cpu"

tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
model = AutoModelForCausalLM.from_pretrained(MODEL_NAME).to(device)  # FRG405
model.eval()


def top_p_filter(probs: np.ndarray, top_p: float) -> np.ndarray:
    order = np.argsort(probs)[::-1]
    cumulative = np.cumsum(probs[order])
    cutoff = np.searchsorted(cumulative, top_p) + 1
    keep = order[:cutoff]
    filtered = np.zeros_like(probs)
    filtered[keep] = probs[keep]
    return filtered / filtered.sum()


@torch.no_grad()
def sample_manual(prompt, max_new_tokens=200, top_p=0.9, temperature=0.8):
    input_ids = tokenizer(prompt, return_tensors="pt").input_ids.to(device)
    past = None
    next_input = input_ids
    for _ in range(max_new_tokens):
        out = model(input_ids=next_input, past_key_values=past, use_cache=True)  # OK: cache kept
        past = out.past_key_values
        probs = torch.softmax(out.logits[0, -1] / temperature, dim=-1).cpu().numpy()  # FRG115
        probs = top_p_filter(probs.astype(np.float64), top_p)
        next_id = np.random.choice(len(probs), p=probs)
        next_input = torch.tensor([[next_id]], device=device)
        input_ids = torch.cat([input_ids, next_input], dim=-1)  # OK: decoding along dim -1, sequence fed back
        if next_id == tokenizer.eos_token_id:
            break
    return tokenizer.decode(input_ids[0], skip_special_tokens=True)


@torch.no_grad()
def sample_hf(prompt, max_new_tokens=200, top_p=0.9, temperature=0.8):
    inputs = tokenizer(prompt, return_tensors="pt").to(device)
    out = model.generate(
        **inputs,
        do_sample=True,
        top_p=top_p,
        temperature=temperature,
        max_new_tokens=max_new_tokens,
        pad_token_id=tokenizer.eos_token_id,
        use_cache=False,  # FRG408
    )
    return tokenizer.decode(out[0], skip_special_tokens=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prompt", default="The energy cost of training large models")
    parser.add_argument("--max-new-tokens", type=int, default=200)
    args = parser.parse_args()

    for name, fn in [("manual", sample_manual), ("generate", sample_hf)]:
        torch.manual_seed(0)
        np.random.seed(0)
        start = time.perf_counter()
        text = fn(args.prompt, max_new_tokens=args.max_new_tokens)
        elapsed = time.perf_counter() - start
        print(f"--- {name} ({elapsed:.2f}s)\n{text}\n")


if __name__ == "__main__":
    main()
