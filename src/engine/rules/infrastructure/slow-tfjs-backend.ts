// FRG502: a Node.js program running TensorFlow.js on the pure-JavaScript CPU backend — it imports
// `@tensorflow/tfjs` instead of `@tensorflow/tfjs-node(-gpu)` — or `tf.setBackend('cpu')` where a
// native or WebGL/WebGPU backend is available.
import { child } from '../../parse/syntax';
import { inDebugBranch, isTestFile, packageOf, runtimeOf } from '../js/shared';
import type { Rule } from '../rule';

export const slowTfjsBackend: Rule = {
  meta: {
    code: 'FRG502',
    name: 'slow-tfjs-backend',
    category: 'infrastructure',
    severity: 'warning',
    summary: 'TensorFlow.js on its pure-JavaScript CPU backend in Node.js (or forced with `setBackend(\'cpu\')`) where a native or GPU backend is available',
    messages: {
      import:
        'This Node.js program imports `@tensorflow/tfjs`, which runs every op on the pure-JavaScript CPU backend: `{native}` runs the same code on the native TensorFlow library, typically 10–100× faster',
      setBackend: '`tf.setBackend(\'cpu\')` forces the pure-JavaScript CPU backend although {available} is available: every op runs in plain JavaScript',
    },
    fixTitle: 'Import `@tensorflow/tfjs-node`',
    languages: ['typescript', 'javascript'],
    docs: {
      whatItDoes:
        'Checks for TensorFlow.js running on its slowest backend. (1) A Node.js program — it uses `require`, `process`, `__dirname`, `node:` or built-in modules, or its package.json has a `bin` or a server framework (Express, Fastify, Koa, Hono, Nest) and no browser framework or bundler — that imports `@tensorflow/tfjs` rather than `@tensorflow/tfjs-node` or `@tensorflow/tfjs-node-gpu`. Loading `tfjs-node` once registers the native backend for every module, so a file is not reported when its package.json depends on `tfjs-node` (the entry point usually loads it) or the file loads it itself; `require` alone is not taken as Node.js in a package with a bundler (Parcel, webpack, Vite) or a front-end framework. Files that also choose the WASM backend are left alone. (2) `tf.setBackend(\'cpu\')` outside a debug or test branch in a browser program (WebGL is available) or in a program that imports `tfjs-node` (the native backend is), unless the same function switches back afterwards (the CPU backend used for one step, such as non-max suppression).',
      whyBad:
        'Without the native binding, tf.js in Node.js runs every kernel in plain JavaScript on one thread. The native backend calls the TensorFlow C library with its vectorised, multi-threaded kernels (and CUDA with `tfjs-node-gpu`), so the same training or inference takes a fraction of the time and energy. In a browser, the `cpu` backend likewise gives up the GPU that WebGL or WebGPU would use.',
      evidence:
        'The TensorFlow.js Node.js guide says the plain package "is run in pure JavaScript" and that `@tensorflow/tfjs-node` "binds to the TensorFlow C library" for speed; the TensorFlow.js blog post introducing tfjs-node reports it on par with Python TensorFlow for Keras models. The 10–100× figure in the message is the usual range of pure-JS versus native kernels for matrix ops; it is not measured by this project.',
      example: "import * as tf from '@tensorflow/tfjs';\nimport express from 'express';",
      useInstead: "import * as tf from '@tensorflow/tfjs-node';\nimport express from 'express';",
      fixSafety:
        'Unsafe: the API is the same, but the rule reports only packages that do not depend on `@tensorflow/tfjs-node` yet, so the new import fails until you `npm install @tensorflow/tfjs-node` (which needs a platform with prebuilt binaries); `frugal check --fix` never applies it. `setBackend(\'cpu\')` has no fix: it may be there on purpose (determinism, a GPU-less CI).',
    },
  },
  create() {
    return {};
  },
  createJs(ctx) {
    const { model } = ctx;
    return {
      end() {
        const records = model.importRecords;
        const sources = records.map((r) => r.source);
        const runtime = runtimeOf(model, ctx.path);
        const deps = packageOf(ctx.path)?.deps ?? {};
        // Loading tfjs-node once (usually in the entry point) registers the native backend for every module.
        const native = sources.some((s) => s.startsWith('@tensorflow/tfjs-node')) || Object.keys(deps).some((d) => d.startsWith('@tensorflow/tfjs-node'));
        const wasm = sources.includes('@tensorflow/tfjs-backend-wasm') || model.calls.some((c) => c.qualified === 'tf.setBackend');
        if (runtime === 'node' && !native && !wasm) {
          for (const r of records) {
            if (r.source !== '@tensorflow/tfjs') continue;
            const literal = r.node.type === 'ImportDeclaration' ? child(r.node, 'source') : r.node.type === 'CallExpression' ? r.node.children.find((c) => c.field === 'arguments') : child(r.node, 'source');
            if (!literal) continue;
            const target = '@tensorflow/tfjs-node';
            const quote = model.text(literal)[0];
            ctx.report({
              node: literal,
              messageId: 'import',
              data: { native: target },
              fix: {
                edits: [{ start: literal.start, end: literal.end, text: `${quote}${target}${quote}` }],
                safety: 'unsafe',
                title: `Import \`${target}\` (then \`npm install ${target}\`)`,
              },
            });
          }
        }
        for (const c of model.callsTo('tf.setBackend')) {
          if (c.args[0]?.kind !== 'string' || c.args[0].value !== 'cpu' || inDebugBranch(model, c.node) || isTestFile(ctx.path)) continue;
            // Switched for one step and restored (`prev = tf.getBackend(); setBackend('cpu'); …; setBackend(prev)`).
          const fn = model.enclosingFunction(c.node);
          const restored = model.calls.some((o) => o !== c && o.qualified === 'tf.setBackend' && model.enclosingFunction(o.node) === fn && o.node.start > c.node.start && !(o.args[0]?.kind === 'string' && o.args[0].value === 'cpu'));
          if (restored) continue;
          const available = native ? 'the native TensorFlow backend (`tfjs-node`)' : runtime === 'browser' ? 'WebGL' : undefined;
          if (!available) continue;
          ctx.report({ node: c.node, messageId: 'setBackend', data: { available } });
        }
      },
    };
  },
};
