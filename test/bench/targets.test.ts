// Where the editor offers *Benchmark Inference*: ONNX export and session calls, and `.onnx`
// literals that name a file that exists (not those that do not, not comments).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { benchTargets } from '../../src/bench';

const DIR = '/project/src';
const EXISTING = new Set([path.resolve(DIR, 'model.onnx'), '/project/models/tiny.onnx']);
const exists = (f: string) => EXISTING.has(f);

test('Python: torch.onnx.export, ort.InferenceSession and a literal naming an existing file', () => {
  const text = [
    'import onnxruntime as ort',
    'torch.onnx.export(model, x, "model.onnx", opset_version=17)',
    'sess = ort.InferenceSession("missing.onnx", providers=["CPUExecutionProvider"])',
    'PATH = "../models/tiny.onnx"',
    '# torch.onnx.export(model, x, "model.onnx")',
    'other = "notes.onnx"',
  ].join('\n');
  assert.deepEqual(benchTargets(text, [DIR], exists), [
    { line: 1, column: 0, kind: 'export', model: path.resolve(DIR, 'model.onnx') },
    { line: 2, column: 7, kind: 'session' },
    { line: 3, column: 7, kind: 'literal', model: '/project/models/tiny.onnx' },
  ]);
});

test('TypeScript: InferenceSession.create with a path relative to a second folder', () => {
  const text = "const session = await ort.InferenceSession.create('models/tiny.onnx', { executionProviders: ['cpu'] });";
  assert.deepEqual(benchTargets(text, [DIR, '/project'], exists), [{ line: 0, column: 26, kind: 'session', model: '/project/models/tiny.onnx' }]);
});
