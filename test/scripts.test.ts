// TypeScript and JavaScript through the engine: the parser front end and its recovery from
// syntax errors, the module model (imports in every form, options objects, handlers, loops),
// `//` suppressions, `"frugal"` in package.json, and which files the CLI looks at.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { createAnalyzer } from '../src/engine/analyzer';
import { discover } from '../src/engine/files';
import { JsModel } from '../src/engine/model/js-model';
import { parseScript } from '../src/engine/parse/typescript';
import { analyzer } from './helpers';

function modelOf(text: string, file = 'file.ts'): JsModel {
  return new JsModel(parseScript(text, file).file, `/project/${file}`);
}

const LONG_FIT = "import * as tf from '@tensorflow/tfjs-node';\nconst model = tf.sequential();\nawait model.fit(xs, ys, { epochs: 300, validationSplit: 0.2 });\n";

describe('parser', () => {
  test('a file with a syntax error gets one clear warning and findings for the rest', async () => {
    const a = await analyzer();
    const text = `${LONG_FIT}const broken = (;\n`;
    const r = a.analyze(text, { path: 'train.ts' });
    assert.equal(r.syntaxErrors, true);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0].message, /^syntax error at 4:\d+: .+; findings cover the rest of the file$/);
    assert.deepEqual(r.findings.map((f) => `${f.code}@${f.line}`), ['FRG101@3']);
  });

  test('JSX parses in .jsx/.tsx/.js files, and TypeScript casts in .ts files', () => {
    assert.equal(parseScript('const a = <div>{x}</div>;', 'a.jsx').error, undefined);
    assert.equal(parseScript('const a: number = <number>x;', 'a.ts').error, undefined);
    assert.equal(parseScript('export const A = () => <span/>;', 'a.tsx').error, undefined);
    assert.equal(parseScript('module.exports = () => <b/>;', 'a.js').error, undefined);
  });

  test('type-only syntax is left out of the tree', () => {
    const file = parseScript('interface A { x: number }\ntype B = string;\nconst c: A = { x: 1 };', 'a.ts').file;
    const types = file.root.children.map((c) => c.type);
    assert.deepEqual(types, ['VariableDeclaration']);
  });
});

describe('module model', () => {
  test('imports in every form qualify to the same names', () => {
    const m = modelOf(
      [
        "import * as tf from '@tensorflow/tfjs-node-gpu';",
        "import { InferenceSession as S } from 'onnxruntime-web';",
        "import pipe from '@huggingface/transformers';",
        "const { pipeline } = require('@xenova/transformers');",
        "const ort = require('onnxruntime-node');",
        "const { AutoModel } = await import('@huggingface/transformers');",
        "import express from 'express';",
      ].join('\n'),
    );
    assert.equal(m.imports.get('tf'), 'tf');
    assert.equal(m.imports.get('S'), 'ort.InferenceSession');
    assert.equal(m.imports.get('pipe'), 'transformers');
    assert.equal(m.imports.get('pipeline'), 'transformers.pipeline');
    assert.equal(m.imports.get('ort'), 'ort');
    assert.equal(m.imports.get('AutoModel'), 'transformers.AutoModel');
    assert.equal(m.imports.get('express'), 'express');
  });

  test('an options object plays the part of keyword arguments, through constants', () => {
    const m = modelOf("import * as tf from '@tensorflow/tfjs';\nconst E = 50 * 2;\nconst opts = { epochs: E, batchSize: 32 };\nmodel.fit(xs, ys, opts);");
    const fit = m.calls.find((c) => c.name === 'fit')!;
    assert.deepEqual([...fit.kwargs.keys()], ['epochs', 'batchSize']);
    const epochs = m.resolve(fit.kwargs.get('epochs')!);
    assert.equal(epochs.kind === 'number' && epochs.value, 100);
  });

  test('argparse and commander defaults, and parameter defaults, give a value to a name', () => {
    const m = modelOf(
      [
        "parser.add_argument('--epochs', { type: 'int', default: 40 });",
        "program.option('--batch-size <n>', 'batch size', 64);",
        'function train(lr = 0.01) { return [args.epochs, opts.batchSize, lr]; }',
      ].join('\n'),
      'cli.js',
    );
    const found = ['args.epochs', 'opts.batchSize', 'lr'].map((text) => {
      const node = findNode(m, text);
      const v = node ? m.resolve(m.value(node)) : undefined;
      return v?.kind === 'number' ? v.value : undefined;
    });
    assert.deepEqual(found, [40, 64, 0.01]);
  });

  test('request handlers of the common frameworks are found and named by their route', () => {
    const m = modelOf(
      [
        "import express from 'express';",
        "import Fastify from 'fastify';",
        "import { Hono } from 'hono';",
        'const app = express();',
        'const f = Fastify();',
        'const h = new Hono();',
        "app.post('/predict', async (req, res) => {});",
        "f.route({ method: 'GET', url: '/x', handler: async () => {} });",
        "h.get('/embed', (c) => c.json({}));",
        "self.addEventListener('message', (e) => {});",
      ].join('\n'),
      'server.ts',
    );
    const handlers = m.functions.filter((f) => f.jsHandler).map((f) => `${f.jsHandler}:${f.name}`);
    assert.deepEqual(handlers.sort(), ['express:POST /predict', 'fastify:handler', 'hono:GET /embed', 'worker:message listener'].sort());
  });

  test('Next.js route handlers are handlers by their file path', () => {
    const m = new JsModel(parseScript('export async function POST(req) { return Response.json({}); }', 'route.ts').file, '/app/app/api/classify/route.ts');
    assert.equal(m.functions[0].jsHandler, 'next');
  });

  test('iteration callbacks and per-frame callbacks are loops; tf.tidy and optimizer.minimize scopes are tidy', () => {
    const m = modelOf(
      [
        "import * as tf from '@tensorflow/tfjs';",
        'xs.forEach((x) => f(x));',
        'function frame() { g(); requestAnimationFrame(frame); }',
        'tf.tidy(() => h());',
        'optimizer.minimize(() => k());',
      ].join('\n'),
    );
    const call = (name: string) => m.calls.find((c) => c.name === name)!;
    assert.equal(m.context(call('f').node).loops.length, 1);
    assert.equal(m.inFrameCallback(call('g').node), true);
    assert.equal(m.inTidy(call('h').node), true);
    assert.equal(m.inTidy(call('k').node), true);
    assert.equal(m.inTidy(call('f').node), false);
  });
});

/** The first node whose text is `text`. */
function findNode(m: JsModel, text: string) {
  const stack = [m.file.root];
  while (stack.length) {
    const n = stack.pop()!;
    if (m.text(n) === text && (n.type === 'Identifier' || n.type === 'MemberExpression')) return n;
    stack.push(...n.children);
  }
  return undefined;
}

describe('suppressions, configuration and files', () => {
  test('`// frugal: ignore[...]` and `/* frugal: ignore-file */` suppress findings', async () => {
    const a = await analyzer();
    const line = LONG_FIT.replace('validationSplit: 0.2 });', 'validationSplit: 0.2 }); // frugal: ignore[FRG101]');
    assert.equal(a.analyze(line, { path: 'a.ts' }).findings.length, 0);
    assert.equal(a.analyze(`/* frugal: ignore-file[missing-early-stopping] */\n${LONG_FIT}`, { path: 'a.ts' }).findings.length, 0);
    assert.equal(a.analyze(LONG_FIT, { path: 'a.ts' }).findings.length, 1);
  });

  test('a "frugal" key in package.json configures a JavaScript-only project', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'frugal-pkg-'));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', frugal: { 'min-epochs': 200 } }));
    const a = await createAnalyzer({ cwd: dir });
    assert.equal(a.analyze(LONG_FIT, { path: path.join(dir, 'train.ts') }).findings.length, 0, 'threshold 400 epochs: not reported');
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', frugal: { ignore: 'FRG101' } }));
    const b = await createAnalyzer({ cwd: dir });
    const r = b.analyze(LONG_FIT, { path: path.join(dir, 'train.ts') });
    assert.equal(r.findings.length, 1, 'a bad value keeps the defaults');
    assert.match(r.errors[0]?.message ?? '', /"frugal" in package\.json/);
  });

  test('discovery takes every TS/JS extension and skips declaration files, minified bundles and node_modules', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'frugal-files-'));
    for (const f of ['a.ts', 'b.tsx', 'c.mts', 'd.cts', 'e.js', 'f.jsx', 'g.mjs', 'h.cjs', 'types.d.ts', 'lib.min.js', 'app.bundle.js', 'node_modules/x/index.js', '.next/server.js']) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), '');
    }
    const found = discover([dir]).files.map((f) => path.relative(dir, f)).sort();
    assert.deepEqual(found, ['a.ts', 'b.tsx', 'c.mts', 'd.cts', 'e.js', 'f.jsx', 'g.mjs', 'h.cjs']);
  });
});

test('a "frugal" value that is not an object is named as JSON', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'frugal-pkg-'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', frugal: ['FRG101'] }));
  const a = await createAnalyzer({ cwd: dir });
  const r = a.analyze(LONG_FIT, { path: path.join(dir, 'train.ts') });
  assert.match(r.errors[0]?.message ?? '', /"frugal" in package\.json must be an object; using defaults/);
});
