"""Gradio chat demo for Qwen2.5-7B-Instruct (bf16, one GPU)."""
import gradio as gr
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_ID = "Qwen/Qwen2.5-7B-Instruct"  # OK: no distilled sibling in the table

tokenizer = AutoTokenizer.from_pretrained(MODEL_ID)
model = AutoModelForCausalLM.from_pretrained(MODEL_ID, torch_dtype=torch.bfloat16, device_map="cuda")  # OK: loaded in bf16
model.eval()
model.generation_config.use_cache = False  # FRG408
model.generation_config.max_new_tokens = 512


def respond(message, history):
    messages = [{"role": "system", "content": "You are a concise assistant."}]
    for user, bot in history:
        messages += [{"role": "user", "content": user}, {"role": "assistant", "content": bot}]
    messages.append({"role": "user", "content": message})
    input_ids = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt").to(model.device)
    with torch.inference_mode():
        out = model.generate(input_ids, do_sample=True, temperature=0.7)
    return tokenizer.decode(out[0, input_ids.shape[1]:], skip_special_tokens=True)


demo = gr.ChatInterface(respond, title="Qwen2.5 7B chat")

if __name__ == "__main__":
    demo.queue().launch(server_name="0.0.0.0")
