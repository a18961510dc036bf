// What a model is, read from its graph without running it: parameters, the operator histogram,
// the weights' element types, external-data files, inputs and outputs, and the advice that follows
// (dynamic int8 quantisation for fp32 MatMul/Gemm/Conv weights). Also the first check of a model
// file: empty, truncated and non-ONNX files are refused here with one clear line.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { onnx } from 'onnx-proto';
import type { Advice, ModelFacts, TensorInfo } from './types';

/** A problem with what the user gave (a missing or unreadable model, a bad option): exit 2. */
export class BenchUsageError extends Error {}

/** ONNX element types in ONNX Runtime's (JavaScript) spelling, and their size in bytes. */
const ELEMENT: Record<number, [string, number]> = {
  1: ['float32', 4],
  2: ['uint8', 1],
  3: ['int8', 1],
  4: ['uint16', 2],
  5: ['int16', 2],
  6: ['int32', 4],
  7: ['int64', 8],
  8: ['string', 0],
  9: ['bool', 1],
  10: ['float16', 2],
  11: ['float64', 8],
  12: ['uint32', 4],
  13: ['uint64', 8],
  14: ['complex64', 8],
  15: ['complex128', 16],
  16: ['bfloat16', 2],
};

export function elementType(code: number | null | undefined): string {
  return ELEMENT[code ?? 0]?.[0] ?? 'unknown';
}

/** protobufjs gives 64-bit fields as Long objects when `long` is installed, numbers otherwise. */
function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v && typeof (v as { toNumber?: unknown }).toNumber === 'function') return (v as { toNumber(): number }).toNumber();
  return Number(v ?? 0);
}

function tensorInfo(v: onnx.IValueInfoProto): TensorInfo {
  const t = v.type?.tensorType;
  const shape = (t?.shape?.dim ?? []).map((d) => (d.dimParam ? d.dimParam : d.dimValue !== null && d.dimValue !== undefined && num(d.dimValue) > 0 ? num(d.dimValue) : '?'));
  return { name: v.name ?? '', type: t ? elementType(t.elemType) : v.type?.sequenceType ? 'sequence' : v.type?.mapType ? 'map' : 'unknown', shape };
}

function readModel(file: string): { model: onnx.ModelProto; sizeBytes: number } {
  if (!existsSync(file)) throw new BenchUsageError(`model not found: ${file}`);
  const st = statSync(file);
  if (!st.isFile()) throw new BenchUsageError(`not a file: ${file}`);
  if (st.size === 0) throw new BenchUsageError(`${file} is empty (0 bytes), not an ONNX model`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new BenchUsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (e) {
    const why = /index out of range/.test((e as Error).message) ? 'it ends early (truncated?)' : `it does not decode as an ONNX ModelProto (${(e as Error).message})`;
    throw new BenchUsageError(`${file} is not a readable ONNX model: ${why}`);
  }
  if (!model.graph || !model.opsetImport?.length || !num(model.irVersion)) {
    throw new BenchUsageError(`${file} is not an ONNX model: it has no ${!model.graph ? 'graph' : !num(model.irVersion) ? 'IR version' : 'opset import'}`);
  }
  if (!model.graph.node?.length) throw new BenchUsageError(`${file} is not a usable ONNX model: its graph has no nodes`);
  return { model, sizeBytes: st.size };
}

interface Walk {
  ops: Record<string, number>;
  tensors: { tensor: onnx.ITensorProto; consumers: string[] }[];
}

/** Visits a graph and its subgraphs (If/Loop/Scan bodies): operators, initializers and Constant values. */
function walk(graph: onnx.IGraphProto, out: Walk): void {
  const consumers = new Map<string, string[]>();
  for (const n of graph.node ?? []) {
    for (const i of n.input ?? []) consumers.set(i, [...(consumers.get(i) ?? []), n.opType ?? '']);
  }
  for (const t of graph.initializer ?? []) out.tensors.push({ tensor: t, consumers: consumers.get(t.name ?? '') ?? [] });
  for (const n of graph.node ?? []) {
    const op = n.domain && n.domain !== 'ai.onnx' ? `${n.domain}.${n.opType}` : (n.opType ?? '?');
    out.ops[op] = (out.ops[op] ?? 0) + 1;
    for (const a of n.attribute ?? []) {
      if (n.opType === 'Constant' && a.t) out.tensors.push({ tensor: a.t, consumers: (n.output ?? []).flatMap((o) => consumers.get(o) ?? []) });
      if (a.g) walk(a.g, out);
      for (const g of a.graphs ?? []) walk(g, out);
    }
  }
}

const QUANTIZABLE = new Set(['MatMul', 'Gemm', 'Conv']);

function quantizationAdvice(file: string, weights: Walk['tensors'], totalBytes: number, sizeOf: (t: onnx.ITensorProto) => number): Advice[] {
  if (totalBytes < 64 * 1024) return [];
  let fp32Quantizable = 0;
  let conv = 0;
  for (const w of weights) {
    if (w.tensor.dataType !== onnx.TensorProto.DataType.FLOAT || !w.consumers.some((c) => QUANTIZABLE.has(c))) continue;
    fp32Quantizable += sizeOf(w.tensor);
    if (w.consumers.includes('Conv')) conv += sizeOf(w.tensor);
  }
  const share = fp32Quantizable / totalBytes;
  if (share < 0.5) return [];
  const base = path.basename(file).replace(/\.onnx$/i, '');
  const out = `${base}.int8.onnx`;
  const convNote = conv > fp32Quantizable / 2 ? ' Most of them feed Conv: dynamic quantisation works, but static quantisation (quantize_static with a few calibration batches) usually runs faster for convolutions.' : '';
  return [
    {
      id: 'dynamic-int8',
      text: `${(share * 100).toFixed(0)} % of the weights are fp32 MatMul/Gemm/Conv weights: dynamic int8 quantisation usually applies (about 4× smaller weights, often faster on CPU). Quantise, then compare the two: frugal bench ${path.basename(file)} --compare ${out}.${convNote}`,
      snippet: [
        'from onnxruntime.quantization import QuantType, quantize_dynamic',
        '',
        `quantize_dynamic("${path.basename(file)}", "${out}", weight_type=QuantType.QInt8)`,
      ].join('\n'),
    },
  ];
}

/** Reads a model's facts; throws BenchUsageError (one line) for anything that is not a readable ONNX model. */
export function modelFacts(file: string): ModelFacts {
  const { model, sizeBytes } = readModel(file);
  const graph = model.graph!;
  const w: Walk = { ops: {}, tensors: [] };
  walk(graph, w);
  const dir = path.dirname(file);
  const externalData = new Set<string>();
  const elements = (t: onnx.ITensorProto) => (t.dims ?? []).reduce<number>((p, d) => p * num(d), 1);
  const sizeOf = (t: onnx.ITensorProto) => elements(t) * (ELEMENT[t.dataType ?? 0]?.[1] ?? 0);
  const byType = new Map<string, number>();
  let params = 0;
  for (const { tensor } of w.tensors) {
    params += elements(tensor);
    const type = elementType(tensor.dataType);
    byType.set(type, (byType.get(type) ?? 0) + sizeOf(tensor));
    if (tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
      const location = tensor.externalData?.find((e) => e.key === 'location')?.value;
      if (!location) throw new BenchUsageError(`${file}: initializer "${tensor.name}" has external data without a location`);
      if (!existsSync(path.join(dir, location))) throw new BenchUsageError(`${file}: its weights are in an external-data file that is missing: ${location} (expected next to the model, at ${path.join(dir, location)})`);
      externalData.add(location);
    }
  }
  const totalBytes = [...byType.values()].reduce((a, b) => a + b, 0);
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name));
  const inputs = (graph.input ?? []).filter((v) => !initializers.has(v.name)).map(tensorInfo);
  const vocab: Record<string, number> = {};
  const weightsByName = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]));
  for (const n of graph.node ?? []) {
    const [data, indices] = n.input ?? [];
    const table = n.opType === 'Gather' && weightsByName.get(data);
    if (table && indices && inputs.some((i) => i.name === indices) && table.dims?.length) {
      const rows = num(table.dims[0]);
      vocab[indices] = Math.min(vocab[indices] ?? rows, rows);
    }
  }
  return {
    path: file,
    sizeBytes,
    params,
    ops: Object.fromEntries(Object.entries(w.ops).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
    inputs,
    outputs: (graph.output ?? []).map(tensorInfo),
    weights: [...byType].sort((a, b) => b[1] - a[1]).map(([type, bytes]) => ({ type, bytes, share: totalBytes ? bytes / totalBytes : 0 })),
    externalData: [...externalData],
    opset: num(model.opsetImport!.find((o) => !o.domain || o.domain === 'ai.onnx')?.version) || undefined,
    producer: model.producerName ? `${model.producerName}${model.producerVersion ? ` ${model.producerVersion}` : ''}` : undefined,
    vocab,
    advice: quantizationAdvice(file, w.tensors, totalBytes, sizeOf),
  };
}
