"""Reward model: a scalar head on a frozen Llama-3.2-1B backbone, trained on HH-RLHF preference pairs."""
import torch
import torch.nn as nn
import torch.nn.functional as F
import wandb
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer

MODEL_ID = "meta-llama/Llama-3.2-1B"
EPOCHS = 2
BATCH_SIZE = 16
MAX_LEN = 512


class RewardModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = AutoModel.from_pretrained(MODEL_ID, torch_dtype=torch.bfloat16)
        self.backbone.requires_grad_(False)  # OK: frozen base, only the head trains
        self.head = nn.Linear(self.backbone.config.hidden_size, 1)

    def forward(self, input_ids, attention_mask):
        hidden = self.backbone(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        last = attention_mask.sum(dim=1) - 1
        pooled = hidden[torch.arange(hidden.size(0), device=hidden.device), last]
        return self.head(pooled.float()).squeeze(-1)


def main():
    device = torch.device("cuda")
    wandb.init(project="reward-model")
    tokenizer = AutoTokenizer.from_pretrained(MODEL_ID)
    tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = "right"

    model = RewardModel().to(device)
    pairs = load_dataset("Anthropic/hh-rlhf", split="train")
    loader = DataLoader(pairs, batch_size=BATCH_SIZE, shuffle=True, num_workers=2, pin_memory=True)
    optimizer = torch.optim.AdamW(model.head.parameters(), lr=1e-4)

    model.train()
    for epoch in range(EPOCHS):
        for step, batch in enumerate(loader):
            enc = tokenizer(batch["chosen"] + batch["rejected"], padding=True, truncation=True, max_length=MAX_LEN, return_tensors="pt").to(device)  # FRG114
            with torch.autocast("cuda", dtype=torch.bfloat16):
                scores = model(enc["input_ids"], enc["attention_mask"])
            r_chosen, r_rejected = scores.chunk(2)
            loss = -F.logsigmoid(r_chosen - r_rejected).mean()

            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()

            acc = (r_chosen > r_rejected).float().mean().item()  # FRG111
            wandb.log({"loss": loss.item(), "pair_accuracy": acc, "epoch": epoch})

    torch.save(model.head.state_dict(), "checkpoints/reward_head.pt")


if __name__ == "__main__":
    main()
