// The job the benchmark child process receives and the lines it prints back: one JSON object per
// line behind a marker, so that whatever else ONNX Runtime prints cannot be mistaken for a result.
import type { LatencyMs, Setting, TensorInfo } from './types';

export const MARK = '@frugal-bench ';

export interface Job {
  model: string;
  settings: Setting[];
  durationS: number;
  warmup: number;
  seq: number;
  vocab: Record<string, number>;
  /** Input name → sample file (.json or .npy). */
  samples: Record<string, string>;
}

export type ChildMessage =
  | { type: 'hello'; onnxruntime: string; inputs: TensorInfo[]; outputs: TensorInfo[] }
  | { type: 'load-error'; message: string }
  | { type: 'begin'; index: number }
  | { type: 'done'; index: number; t0: number; t1: number; iterations: number; runMs: number; samplesPerCall: number; latencyMs: LatencyMs }
  | { type: 'error'; index: number; message: string };

export function encode(m: ChildMessage): string {
  return `${MARK}${JSON.stringify(m)}\n`;
}

/** The message on a line of the child's output, or undefined for any other line. */
export function decode(line: string): ChildMessage | undefined {
  if (!line.startsWith(MARK)) return undefined;
  try {
    const m = JSON.parse(line.slice(MARK.length)) as ChildMessage;
    return m && typeof m === 'object' && typeof m.type === 'string' ? m : undefined;
  } catch {
    return undefined;
  }
}

/** p50/p95/p99 (nearest rank) and the mean of latencies, which it sorts in place. */
export function latencyStats(ms: number[]): LatencyMs {
  if (!ms.length) return { p50: 0, p95: 0, p99: 0, mean: 0 };
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.max(0, Math.ceil(p * ms.length) - 1))];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean: ms.reduce((a, b) => a + b, 0) / ms.length };
}
