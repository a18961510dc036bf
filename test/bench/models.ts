// Tiny ONNX models built in the tests with onnx-proto (never downloaded): an MLP with a symbolic
// batch, a token model (int64 ids below a vocabulary, a boolean mask), a model with fixed dims, one
// with its weights in an external-data file, and one whose Loop never ends.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { onnx } from 'onnx-proto';

const { DataType } = onnx.TensorProto;

function floats(name: string, dims: number[], seed = 1): onnx.TensorProto {
  const n = dims.reduce((p, d) => p * d, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.sin(i * 12.9898 + seed) * 0.1;
  return onnx.TensorProto.create({ name, dims, dataType: DataType.FLOAT, rawData: new Uint8Array(data.buffer) });
}

function value(name: string, elemType: number, dims: (number | string)[]): onnx.ValueInfoProto {
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  });
}

function save(file: string, graph: onnx.IGraphProto, opset = 17): string {
  const model = onnx.ModelProto.create({ irVersion: 8, producerName: 'frugal-tests', opsetImport: [{ domain: '', version: opset }], graph });
  writeFileSync(file, onnx.ModelProto.encode(model).finish());
  return file;
}

/** x[batch, inDim] → MatMul → Add → Relu → MatMul → Add → y[batch, outDim]. */
export function mlp(dir: string, name = 'mlp.onnx', inDim = 64, hidden = 256, outDim = 10, batch: number | string = 'batch'): string {
  return save(path.join(dir, name), {
    name: 'mlp',
    node: [
      { opType: 'MatMul', input: ['x', 'w1'], output: ['h0'] },
      { opType: 'Add', input: ['h0', 'b1'], output: ['h1'] },
      { opType: 'Relu', input: ['h1'], output: ['h2'] },
      { opType: 'MatMul', input: ['h2', 'w2'], output: ['h3'] },
      { opType: 'Add', input: ['h3', 'b2'], output: ['y'] },
    ],
    initializer: [floats('w1', [inDim, hidden]), floats('b1', [hidden], 2), floats('w2', [hidden, outDim], 3), floats('b2', [outDim], 4)],
    input: [value('x', DataType.FLOAT, [batch, inDim])],
    output: [value('y', DataType.FLOAT, [batch, outDim])],
  });
}

/** ids[batch, seq] (int64) → Gather from a [vocab, 16] table, × mask[batch, seq] (bool) → mean over seq. */
export function tokens(dir: string, vocab = 50): string {
  return save(path.join(dir, 'tokens.onnx'), {
    name: 'tokens',
    node: [
      { opType: 'Gather', input: ['emb', 'input_ids'], output: ['e'] },
      { opType: 'Cast', input: ['attention_mask'], output: ['m'], attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: DataType.FLOAT }] },
      { opType: 'Unsqueeze', input: ['m', 'axes'], output: ['m3'] },
      { opType: 'Mul', input: ['e', 'm3'], output: ['em'] },
      { opType: 'ReduceMean', input: ['em'], output: ['y'], attribute: [{ name: 'axes', type: onnx.AttributeProto.AttributeType.INTS, ints: [1] }] },
    ],
    initializer: [floats('emb', [vocab, 16]), onnx.TensorProto.create({ name: 'axes', dims: [1], dataType: DataType.INT64, rawData: new Uint8Array(new BigInt64Array([2n]).buffer) })],
    input: [value('input_ids', DataType.INT64, ['batch', 'seq']), value('attention_mask', DataType.BOOL, ['batch', 'seq'])],
    output: [value('y', DataType.FLOAT, ['batch', 16])],
  }, 17);
}

/** The MLP with its weights in `weights.bin` next to the model. */
export function externalData(dir: string): string {
  const w1 = floats('w1', [64, 256]);
  const w2 = floats('w2', [256, 10], 3);
  const bin = Buffer.concat([Buffer.from(w1.rawData), Buffer.from(w2.rawData)]);
  writeFileSync(path.join(dir, 'weights.bin'), bin);
  const ext = (t: onnx.TensorProto, offset: number) =>
    onnx.TensorProto.create({
      name: t.name,
      dims: t.dims,
      dataType: DataType.FLOAT,
      dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
      externalData: [
        { key: 'location', value: 'weights.bin' },
        { key: 'offset', value: String(offset) },
        { key: 'length', value: String(t.rawData.length) },
      ],
    });
  return save(path.join(dir, 'external.onnx'), {
    name: 'external',
    node: [
      { opType: 'MatMul', input: ['x', 'w1'], output: ['h'] },
      { opType: 'Relu', input: ['h'], output: ['h2'] },
      { opType: 'MatMul', input: ['h2', 'w2'], output: ['y'] },
    ],
    initializer: [ext(w1, 0), ext(w2, w1.rawData.length)],
    input: [value('x', DataType.FLOAT, ['N', 64])],
    output: [value('y', DataType.FLOAT, ['N', 10])],
  });
}

/** A Loop with a trip count of 2^62 whose body adds one: `session.run` never returns. */
export function endless(dir: string): string {
  const scalar = (name: string, type: number, data: Uint8Array) => onnx.TensorProto.create({ name, dims: [], dataType: type, rawData: data });
  const body: onnx.IGraphProto = {
    name: 'body',
    node: [
      { opType: 'Identity', input: ['cond_in'], output: ['cond_out'] },
      { opType: 'Add', input: ['v_in', 'one'], output: ['v_out'] },
    ],
    initializer: [floats('one', [1])],
    input: [value('iter', DataType.INT64, []), value('cond_in', DataType.BOOL, []), value('v_in', DataType.FLOAT, [1])],
    output: [value('cond_out', DataType.BOOL, []), value('v_out', DataType.FLOAT, [1])],
  };
  return save(path.join(dir, 'endless.onnx'), {
    name: 'endless',
    node: [{ opType: 'Loop', input: ['M', 'cond', 'x'], output: ['y'], attribute: [{ name: 'body', type: onnx.AttributeProto.AttributeType.GRAPH, g: body }] }],
    initializer: [scalar('M', DataType.INT64, new Uint8Array(new BigInt64Array([2n ** 62n]).buffer)), scalar('cond', DataType.BOOL, new Uint8Array([1]))],
    input: [value('x', DataType.FLOAT, [1])],
    output: [value('y', DataType.FLOAT, [1])],
  });
}
