"""Generate short story continuations with GPT-2 Large for the writing-prompts demo."""
import argparse

import numpy as np
import torch
from transformers import AutoTokenizer, GPT2LMHeadModel

parser = argparse.ArgumentParser()
parser.add_argument("--model", default="gpt2-large")  # FRG409
parser.add_argument("--prompts", default="prompts/writing_prompts.txt")
parser.add_argument("--batch-size", type=int, default=8)
parser.add_argument("--top-p", type=float, default=0.9)
args = parser.parse_args()

device = "cuda"
tokenizer = AutoTokenizer.from_pretrained(args.model, padding_side="left")
tokenizer.pad_token = tokenizer.eos_token
model = GPT2LMHeadModel.from_pretrained(args.model).to(device)  # FRG405
model.eval()


def top_p_filter(probs, top_p):
    order = np.argsort(-probs)
    cum = np.cumsum(probs[order])
    keep = order[: int(np.searchsorted(cum, top_p)) + 1]
    out = np.zeros_like(probs)
    out[keep] = probs[keep]
    return out / out.sum()


@torch.no_grad()
def sample_story(prompt, max_new_tokens=120, temperature=0.8):
    ids = tokenizer(prompt, return_tensors="pt").input_ids.to(device)
    for _ in range(max_new_tokens):
        logits = model(ids).logits[0, -1]
        probs = torch.softmax(logits / temperature, dim=-1).cpu().numpy()  # FRG115
        probs = top_p_filter(probs, args.top_p)
        next_id = np.random.choice(len(probs), p=probs)
        ids = torch.cat([ids, torch.tensor([[next_id]], device=device)], dim=1)  # OK: decoding appends along dim 1
        if next_id == tokenizer.eos_token_id:
            break
    return tokenizer.decode(ids[0], skip_special_tokens=True)


with open(args.prompts) as fh:
    prompts = [line.strip() for line in fh if line.strip()]

print(sample_story(prompts[0]))

for i in range(0, len(prompts), args.batch_size):
    batch = prompts[i:i + args.batch_size]
    enc = tokenizer(batch, return_tensors="pt", padding=True).to(device)
    out = model.generate(
        **enc,
        max_new_tokens=200,
        do_sample=True,
        top_p=args.top_p,
        use_cache=False,  # FRG408
        pad_token_id=tokenizer.eos_token_id,
    )
    for prompt, story in zip(batch, tokenizer.batch_decode(out, skip_special_tokens=True)):
        print("=" * 80)
        print(prompt)
        print(story[len(prompt):])
