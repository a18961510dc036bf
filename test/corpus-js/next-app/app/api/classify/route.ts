// POST /api/classify — classify an uploaded image (already resized client-side)
// with the ResNet-18 ONNX export.
import { NextResponse } from 'next/server';
import * as ort from 'onnxruntime-node';
import path from 'node:path';
import { readFile } from 'node:fs/promises';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const MODEL_DIR = path.join(process.cwd(), 'models');
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

// OK: label file read once per server process.
const labelsPromise = readFile(path.join(MODEL_DIR, 'imagenet-labels.json'), 'utf8').then(JSON.parse);

function normalise(pixels: number[]): Float32Array {
  // pixels: HWC uint8, 224x224x3 -> CHW float32
  const out = new Float32Array(3 * 224 * 224);
  for (let i = 0; i < 224 * 224; i++) {
    for (let c = 0; c < 3; c++) {
      out[c * 224 * 224 + i] = (pixels[i * 3 + c] / 255 - MEAN[c]) / STD[c];
    }
  }
  return out;
}

function softmax(logits: Float32Array): number[] {
  const max = Math.max(...logits);
  const exps = Array.from(logits, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / sum);
}

export async function POST(req: Request) {
  const { pixels } = (await req.json()) as { pixels: number[] };
  if (!Array.isArray(pixels) || pixels.length !== 224 * 224 * 3) {
    return NextResponse.json({ error: 'expected 224x224x3 pixels' }, { status: 400 });
  }
  const session = await ort.InferenceSession.create(path.join(MODEL_DIR, 'resnet18.onnx'), { // FRG402
    executionProviders: ['cpu'],
    logSeverityLevel: 0, // FRG105
  });
  const input = new ort.Tensor('float32', normalise(pixels), [1, 3, 224, 224]);
  const { output } = await session.run({ [session.inputNames[0]]: input });
  const probs = softmax(output.data as Float32Array);
  const labels: string[] = await labelsPromise;
  const top5 = probs
    .map((p, i) => ({ label: labels[i], p }))
    .sort((a, b) => b.p - a.p)
    .slice(0, 5);
  await session.release();
  return NextResponse.json({ top5 });
}

export async function GET() {
  const labels: string[] = await labelsPromise;
  return NextResponse.json({ model: 'resnet18', classes: labels.length });
}
