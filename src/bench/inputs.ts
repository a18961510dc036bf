// Inputs for a benchmark: the shape of each input once its symbolic dimensions are given the
// batch (first dimension) or the sequence length, generated data of the right element type
// (floats, token ids below the vocabulary size, masks of ones) or the user's sample from a
// .json or .npy file, repeated along the first dimension to fill the batch.
import { readFileSync } from 'node:fs';
import { BenchUsageError } from './model-facts';

export type Dim = number | string;

export interface Sample {
  type: string;
  dims: number[];
  data: ArrayLike<number | bigint | boolean>;
}

/** The concrete shape of an input; `batched` when its first dimension follows the batch setting. */
export function resolveShape(shape: readonly Dim[], batch: number, seq: number): { dims: number[]; batched: boolean } {
  let batched = false;
  const dims = shape.map((d, i) => {
    if (typeof d === 'number' && d > 0) return d;
    if (i === 0 || (typeof d === 'string' && /batch/i.test(d))) {
      if (i === 0) batched = true;
      return batch;
    }
    return seq;
  });
  return { dims, batched };
}

/** True when an input's first dimension is symbolic, so the batch size can be swept. */
export function hasBatchDim(shape: readonly Dim[]): boolean {
  return shape.length > 0 && !(typeof shape[0] === 'number' && shape[0] > 0);
}

/** A small deterministic generator (mulberry32), so two runs of a setting see the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** IEEE half-precision bits of a float in [0, 1) (enough for synthetic activations). */
function toHalf(x: number): number {
  if (x === 0) return 0;
  const e = Math.floor(Math.log2(x));
  const m = Math.round((x / 2 ** e - 1) * 1024);
  return ((e + 15) << 10) | (m & 0x3ff);
}

const INT_ARRAYS: Record<string, new (n: number) => ArrayLike<number> & { [i: number]: number }> = {
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
};

export type TypedData = Float32Array | Float64Array | Uint16Array | Int8Array | Uint8Array | Int16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array;

/**
 * `n` elements of ONNX Runtime's array for `type`, element i from `value(i)` (float16: its bits;
 * bool: non-zero is true); undefined for a type that has no numeric array (string).
 */
function typed(type: string, n: number, value: (i: number) => number): TypedData | undefined {
  const from = { length: n };
  switch (type) {
    case 'float32':
      return Float32Array.from(from, (_, i) => value(i));
    case 'float64':
      return Float64Array.from(from, (_, i) => value(i));
    case 'float16':
      return Uint16Array.from(from, (_, i) => value(i));
    case 'bool':
      return Uint8Array.from(from, (_, i) => (value(i) ? 1 : 0));
    case 'int64':
      return BigInt64Array.from(from, (_, i) => BigInt(Math.trunc(value(i))));
    case 'uint64':
      return BigUint64Array.from(from, (_, i) => BigInt(Math.trunc(value(i))));
    default: {
      const Ctor = INT_ARRAYS[type];
      if (!Ctor) return undefined;
      const a = new Ctor(n);
      for (let i = 0; i < n; i++) a[i] = value(i);
      return a as TypedData;
    }
  }
}

/** Generated data for one input: the kind of values follows its type and, for integers, its name. */
export function generate(name: string, type: string, dims: number[], vocab: number | undefined): TypedData {
  const n = dims.reduce((p, d) => p * d, 1);
  const rnd = random(n * 31 + name.length);
  const last = dims[dims.length - 1] ?? 1;
  const intValue = (i: number): number => {
    if (/mask/i.test(name)) return 1;
    if (/type|segment/i.test(name)) return 0;
    if (/position|pos_ids/i.test(name)) return i % last;
    return Math.floor(rnd() * (vocab ?? 100));
  };
  const value = type === 'float32' || type === 'float64' ? rnd : type === 'float16' ? () => toHalf(rnd()) : type === 'bool' ? () => 1 : intValue;
  const out = typed(type, n, value);
  if (!out) throw new BenchUsageError(`input "${name}" has element type ${type}, which cannot be generated: pass a sample with --input ${name}=FILE.json`);
  return out;
}

/** A sample in the model's element type, repeated (or cut) along the first dimension to `dims`. */
export function fitSample(name: string, sample: Sample, type: string, dims: number[], batched: boolean): TypedData {
  const want = dims.reduce((p, d) => p * d, 1);
  const rows = batched ? sample.dims.slice(1) : sample.dims;
  const expectRows = batched ? dims.slice(1) : dims;
  if (rows.length !== expectRows.length || rows.some((d, i) => d !== expectRows[i])) {
    throw new BenchUsageError(`--input ${name}: the sample has shape [${sample.dims.join(', ')}] but the model takes [${batched ? 'batch, ' : ''}${expectRows.join(', ')}]`);
  }
  const src = sample.data;
  if (src.length === 0) throw new BenchUsageError(`--input ${name}: the sample is empty`);
  if (type === 'float16' && sample.type !== 'float16') throw new BenchUsageError(`--input ${name}: the model takes float16; give the sample as a float16 .npy file`);
  const out = typed(type, want, (i) => Number(src[i % src.length]));
  if (!out) throw new BenchUsageError(`--input ${name}: the model takes ${type}, which a sample cannot give`);
  return out;
}

const NPY_TYPES: Record<string, [string, (b: ArrayBuffer, off: number, n: number) => ArrayLike<number | bigint>]> = {
  f4: ['float32', (b, o, n) => new Float32Array(b, o, n)],
  f8: ['float64', (b, o, n) => new Float64Array(b, o, n)],
  f2: ['float16', (b, o, n) => new Uint16Array(b, o, n)],
  i1: ['int8', (b, o, n) => new Int8Array(b, o, n)],
  u1: ['uint8', (b, o, n) => new Uint8Array(b, o, n)],
  b1: ['bool', (b, o, n) => new Uint8Array(b, o, n)],
  i2: ['int16', (b, o, n) => new Int16Array(b, o, n)],
  u2: ['uint16', (b, o, n) => new Uint16Array(b, o, n)],
  i4: ['int32', (b, o, n) => new Int32Array(b, o, n)],
  u4: ['uint32', (b, o, n) => new Uint32Array(b, o, n)],
  i8: ['int64', (b, o, n) => new BigInt64Array(b, o, n)],
  u8: ['uint64', (b, o, n) => new BigUint64Array(b, o, n)],
};

/** NumPy's .npy format (versions 1–3), little-endian, C order. */
export function parseNpy(bytes: Uint8Array, what: string): Sample {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((m, i) => bytes[i] !== m)) throw new BenchUsageError(`${what} is not a .npy file (no \\x93NUMPY header)`);
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr'\s*:\s*'([<>|=])(\w\d)'/.exec(header);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(header);
  if (!descr || !shape) throw new BenchUsageError(`${what}: cannot read the .npy header ${header.trim()}`);
  if (/'fortran_order'\s*:\s*True/.test(header)) throw new BenchUsageError(`${what}: Fortran-ordered arrays are not supported; save it with np.save(f, np.ascontiguousarray(a))`);
  if (descr[1] === '>') throw new BenchUsageError(`${what}: big-endian arrays are not supported; save it with a.astype(a.dtype.newbyteorder("<"))`);
  const kind = NPY_TYPES[descr[2]];
  if (!kind) throw new BenchUsageError(`${what}: element type ${descr[2]} is not supported (use float32, float16, float64, int8–int64, uint8–uint64 or bool)`);
  const dims = shape[1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const n = dims.reduce((p, d) => p * d, 1);
  const offset = start + headerLen;
  const size = Number(descr[2].slice(1));
  if (bytes.length - offset < n * size) throw new BenchUsageError(`${what}: the file ends early: ${n} elements of ${size} bytes declared`);
  // A copy: a Buffer's slice() is a view into a shared pool, and typed arrays need their own aligned buffer.
  const copy = Uint8Array.from(bytes.subarray(offset, offset + n * size));
  return { type: kind[0], dims, data: kind[1](copy.buffer, 0, n) };
}

/** A JSON sample: nested arrays (`[[1, 2], [3, 4]]`) or `{ "dims": [2, 2], "data": [1, 2, 3, 4] }`. */
export function parseJsonSample(text: string, what: string): Sample {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new BenchUsageError(`${what} is not valid JSON: ${(e as Error).message}`);
  }
  if (v && typeof v === 'object' && !Array.isArray(v) && Array.isArray((v as { data?: unknown }).data)) {
    const o = v as { dims?: unknown; data: unknown[] };
    const dims = Array.isArray(o.dims) ? o.dims.map(Number) : [o.data.length];
    return { type: 'json', dims, data: o.data.flat(Infinity) as number[] };
  }
  if (!Array.isArray(v)) throw new BenchUsageError(`${what}: expected an array of numbers (nested for more dimensions) or { "dims", "data" }`);
  const dims: number[] = [];
  for (let a: unknown = v; Array.isArray(a); a = a[0]) dims.push(a.length);
  const data = (v as unknown[]).flat(Infinity);
  if (data.length !== dims.reduce((p, d) => p * d, 1) || data.some((x) => typeof x !== 'number' && typeof x !== 'boolean')) {
    throw new BenchUsageError(`${what}: the nested arrays must be rectangular and hold numbers or booleans`);
  }
  return { type: 'json', dims, data: data as number[] };
}

export function readSample(file: string): Sample {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new BenchUsageError(`cannot read the sample ${file}: ${(e as Error).message}`);
  }
  return file.toLowerCase().endsWith('.npy') ? parseNpy(bytes, file) : parseJsonSample(bytes.toString('utf8'), file);
}
