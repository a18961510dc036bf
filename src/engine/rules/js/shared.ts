// What the TypeScript/JavaScript detectors share: recognising TensorFlow.js models and tensors,
// ONNX Runtime sessions and transformers.js pipelines, model loads, the repeating scope a node
// runs in (loop, per-frame callback, request handler), and edits to options objects.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { noteInput } from '../../inputs';
import { contains, type JsModel, unwrap } from '../../model/js-model';
import type { CallSite, LoopInfo } from '../../model/model';
import type { Value } from '../../model/values';
import { child, type SNode } from '../../parse/syntax';
import type { OffsetEdit } from '../rule';

/** Calls that load a model from storage or the network. */
export function modelLoad(model: JsModel, call: CallSite): string | undefined {
  const q = call.qualified ?? '';
  if (q === 'tf.loadLayersModel' || q === 'tf.loadGraphModel' || q === 'tf.node.loadSavedModel' || q === 'tf.models.modelFromJSON') return q;
  if (q === 'ort.InferenceSession.create') return q;
  if (q === 'transformers.pipeline') return q;
  if (q.startsWith('transformers.') && call.name === 'from_pretrained') return q;
  return undefined;
}

/** `tf.` names that do not return a tensor (models, layers, memory management, utilities). */
const NOT_TENSOR = new Set([
  'tidy', 'dispose', 'keep', 'memory', 'setBackend', 'getBackend', 'ready', 'loadLayersModel', 'loadGraphModel', 'sequential', 'model',
  'layers', 'callbacks', 'train', 'data', 'io', 'util', 'env', 'enableProdMode', 'enableDebugMode', 'disableDeprecationWarnings', 'nextFrame',
  'profile', 'time', 'engine', 'backend', 'print', 'version', 'serialization', 'regularizers', 'initializers', 'constraints', 'variable',
  'registerKernel', 'setPlatform', 'getKernel', 'customGrad', 'grad', 'grads', 'valueAndGrad', 'valueAndGrads', 'variableGrads', 'models',
  'disposeVariables', 'buffer', 'findBackend', 'removeBackend', 'registerBackend', 'setFlags', 'getFlags', 'wasm', 'webgl', 'webgpu', 'unique',
  'topk', 'meshgrid', 'split', 'unstack', 'moments', 'linalg', 'spectral', 'signal',
]);
/** `tf.node.` and `tf.browser.` functions that return a tensor. */
const IO_TENSORS = new Set(['fromPixels', 'decodeImage', 'decodeJpeg', 'decodePng', 'decodeBmp', 'decodeGif']);

/** Tensor methods that return a new tensor. */
const TENSOR_METHODS = new Set([
  'add', 'sub', 'mul', 'div', 'divNoNan', 'matMul', 'dot', 'reshape', 'expandDims', 'squeeze', 'toFloat', 'toInt', 'toBool', 'cast', 'asType',
  'argMax', 'argMin', 'max', 'min', 'sum', 'mean', 'prod', 'softmax', 'logSoftmax', 'sigmoid', 'relu', 'tanh', 'transpose', 'slice',
  'gather', 'concat', 'flatten', 'abs', 'exp', 'log', 'sqrt', 'square', 'pow', 'neg', 'clipByValue', 'resizeBilinear', 'resizeNearestNeighbor',
  'as1D', 'as2D', 'as3D', 'as4D', 'as5D', 'clone', 'greater', 'greaterEqual', 'less', 'lessEqual', 'equal', 'notEqual', 'mod', 'floor',
  'ceil', 'round', 'tile', 'pad', 'reverse', 'sign', 'maximum', 'minimum', 'squaredDifference', 'norm', 'cumsum', 'oneHot', 'any', 'all',
  'logicalAnd', 'logicalOr', 'logicalNot', 'where', 'stack', 'unsortedSegmentSum', 'batchNorm', 'conv2d', 'mirrorPad', 'stridedSlice',
]);
/** Reading a tensor's values back to JavaScript. */
export const SYNC_READBACKS = new Set(['dataSync', 'arraySync', 'bufferSync']);
const ASYNC_READBACKS = new Set(['data', 'array', 'buffer', 'print']);

/** A TensorFlow.js model: made by `tf.sequential()`/`tf.model()`, loaded, or named like one in a tf.js file. */
/** What a variable was first filled with, when that is a call: what kind of object it holds even if reassigned. */
function kindCall(model: JsModel, node: SNode | undefined): CallSite | undefined {
  const init = node ? model.initOf(node) : undefined;
  return init ? model.originCall(init) : undefined;
}

export function isTfModel(model: JsModel, receiver: SNode | undefined): boolean {
  if (!receiver || !model.importsModule('tf')) return false;
  const origin = model.originCall(receiver) ?? kindCall(model, receiver);
  // A model made by a function of another module of the project (`import { createModel } from './model'`) is judged by its name.
  if (origin && !origin.qualified?.startsWith('.')) return makesTfModel(model, origin, 0);
  // `this.model`, a parameter or a function's result: believed only in files that import nothing else that predicts.
  if (model.importsModule('ort') || model.importsModule('transformers')) return false;
  return /model|net|classifier|encoder|decoder|generator|discriminator|predictor/i.test(model.text(unwrap(receiver)));
}

const TF_MODEL_MAKERS = new Set(['tf.sequential', 'tf.model', 'tf.loadLayersModel', 'tf.loadGraphModel', 'tf.node.loadSavedModel', 'tf.models.modelFromJSON']);

/** A call that makes or loads a tf.js model, directly or through a local function that returns one. */
function makesTfModel(model: JsModel, call: CallSite, depth: number): boolean {
  if (TF_MODEL_MAKERS.has(call.qualified ?? '')) return true;
  const fn = call.qualified ? undefined : model.localFunction(call.callee);
  if (!fn || depth > 3) return false;
  return returnedValues(fn.node).some((r) => {
    const c = model.originCall(r) ?? kindCall(model, r);
    return c !== undefined && makesTfModel(model, c, depth + 1);
  });
}

/** The expressions a function returns (an arrow's expression body included), not those of nested functions. */
export function returnedValues(fn: SNode): SNode[] {
  const body = child(fn, 'body');
  if (!body) return [];
  if (body.type !== 'BlockStatement') return [body];
  const out: SNode[] = [];
  const stack = [...body.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') continue;
    if (n.type === 'ReturnStatement') {
      const arg = child(n, 'argument');
      if (arg) out.push(arg);
    } else stack.push(...n.children);
  }
  return out;
}

/** Whether an expression produces a new tf.js tensor. */
export function isTensorCall(model: JsModel, call: CallSite): boolean {
  const q = call.qualified;
  // What `tf.tidy` returns is kept alive: a tensor the caller must dispose.
  if (q === 'tf.tidy') {
    const fn = model.localFunction(call.args[call.args.length - 1]?.node);
    return fn !== undefined && returnedValues(fn.node).some((r) => isTensor(model, r));
  }
  if (q?.startsWith('tf.')) {
    const parts = q.split('.');
    if (parts[1] === 'node' || parts[1] === 'browser') return IO_TENSORS.has(parts[2] ?? '');
    if (parts[1] === 'image' || parts[1] === 'losses' || parts[1] === 'metrics') return parts.length === 3;
    return parts.length === 2 && !NOT_TENSOR.has(parts[1]);
  }
  if (!call.receiver) return false;
  if ((call.name === 'predict' || call.name === 'execute') && isTfModel(model, call.receiver)) return true;
  if (TENSOR_METHODS.has(call.name)) return isTensor(model, call.receiver);
  return false;
}

/** Whether an expression is a tf.js tensor: a tensor call, or a constant bound to one. */
export function isTensor(model: JsModel, node: SNode, depth = 0): boolean {
  if (depth > 6) return false;
  const n = unwrap(node);
  if (n.type === 'CallExpression') {
    const call = model.callAt(n);
    return call !== undefined && isTensorCall(model, call);
  }
  if (n.type === 'AwaitExpression') return isTensor(model, child(n, 'argument') ?? n, depth + 1);
  if (n.type === 'Identifier') {
    const origin = model.originOf(n) ?? model.initOf(n);
    return origin !== undefined && isTensor(model, origin, depth + 1);
  }
  return false;
}

export function isReadback(name: string): boolean {
  return SYNC_READBACKS.has(name) || ASYNC_READBACKS.has(name);
}

/** Whether a value comes from a call to `qualified`, directly or through a local function returning one. */
function madeBy(model: JsModel, node: SNode | undefined, qualified: string, depth = 0): boolean {
  const origin = model.originCall(node) ?? kindCall(model, node);
  if (!origin || depth > 3) return false;
  if (origin.qualified === qualified) return true;
  const fn = origin.qualified ? undefined : model.localFunction(origin.callee);
  return fn !== undefined && returnedValues(fn.node).some((r) => madeBy(model, r, qualified, depth + 1));
}

/** An ONNX Runtime session, by where it came from. */
export function isOrtSession(model: JsModel, receiver: SNode | undefined): boolean {
  return madeBy(model, receiver, 'ort.InferenceSession.create');
}

/** A transformers.js pipeline, by where it came from. */
export function isPipeline(model: JsModel, callee: SNode): boolean {
  return madeBy(model, callee, 'transformers.pipeline');
}

export type Repeating =
  | { kind: 'loop'; loop: LoopInfo; node: SNode; via?: CallSite }
  | { kind: 'frame'; node: SNode }
  | { kind: 'handler'; node: SNode; via: CallSite[] };

/**
 * Where a node runs again and again: the innermost loop (or iteration callback) around it or
 * around the local call that reaches it, a per-frame callback, or a request handler.
 */
export function repeatingScope(model: JsModel, node: SNode): Repeating | undefined {
  const { loops, via } = model.loopsAround(node);
  const loop = loops[0];
  if (loop) {
    if (model.inFrameCallback(node) && isFrameLoop(model, loop)) return { kind: 'frame', node: loop.node };
    return { kind: 'loop', loop, node: loop.node, via };
  }
  const h = model.handlerOf(node);
  if (h) return { kind: 'handler', node: h.handler.node, via: h.via };
  return undefined;
}

function isFrameLoop(model: JsModel, loop: LoopInfo): boolean {
  return loop.node.type !== 'ForStatement' && loop.node.type !== 'ForOfStatement' && loop.node.type !== 'ForInStatement' && loop.kind === 'while' && model.inFrameCallback(loop.body);
}

/** Loops a literal count shows to run at most this many times are warm-ups and demos, not hot paths (the Python rules use the same bound). */
export const FEW_ITERATIONS = 16;

/** Test files (`*.test.ts`, `*_test.js`, `*.spec.js`, `__tests__/`): what they waste is not the program's energy. */
export function isTestFile(file: string): boolean {
  return /[/\\]__tests__[/\\]|[._-](test|spec)\.[cm]?[jt]sx?$/i.test(file);
}

/**
 * A loop whose next iteration depends on what this one computed: a `while` whose condition reads
 * a name the body assigns, or a `break` in the body (decoding until an end token, searching).
 */
export function isSequentialLoop(model: JsModel, loop: LoopInfo): boolean {
  const assigned = assignedIn(model, loop.body);
  const test = child(loop.node, 'test');
  if ((loop.node.type === 'WhileStatement' || loop.node.type === 'DoWhileStatement') && test && mentions(model, test, assigned)) return true;
  const stack = [...loop.body.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'BreakStatement') return true;
    if (LOOPISH.has(n.type)) continue;
    stack.push(...n.children);
  }
  return false;
}

const LOOPISH = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement', 'SwitchStatement', 'FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** A literal loop bound: `for (let i = 0; i < 3; i++)` runs 3 times. */
export function literalIterations(model: JsModel, loop: LoopInfo): number | undefined {
  // for (const row of rows.slice(0, 5))
  const sliced = loop.iter ? model.callAt(unwrap(loop.iter)) : undefined;
  if (sliced?.name === 'slice' && sliced.args.length === 2) {
    const [a, b] = sliced.args.map((x) => model.resolve(x));
    if (a.kind === 'number' && b.kind === 'number') return Math.max(0, b.value - a.value);
  }
  if (loop.node.type === 'ForStatement') {
    const test = child(loop.node, 'test');
    if (test?.type !== 'BinaryExpression') return undefined;
    const rightNode = child(test, 'right');
    const right = model.resolve(model.value(rightNode));
    if (right.kind === 'number') return right.value;
    // i < sentences.length, with `sentences` a literal array
    if (rightNode?.type === 'MemberExpression' && model.text(child(rightNode, 'property')!) === 'length') {
      const list = model.resolve(model.value(child(rightNode, 'object')));
      if (list.kind === 'list') return list.items.length;
    }
    return undefined;
  }
  if (loop.iter) {
    const v = model.resolve(model.value(loop.iter));
    if (v.kind === 'list') return v.items.length;
  }
  return undefined;
}

/** Names a loop assigns in its body (so expressions using them vary between iterations). */
export function assignedIn(model: JsModel, body: SNode): Set<string> {
  const out = new Set<string>();
  const stack = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'VariableDeclarator' || n.type === 'AssignmentExpression') {
      const target = child(n, n.type === 'VariableDeclarator' ? 'id' : 'left');
      if (target) for (const id of identifiers(target)) out.add(model.text(id));
    } else if (n.type === 'UpdateExpression') {
      const arg = child(n, 'argument');
      if (arg) for (const id of identifiers(arg)) out.add(model.text(id));
    }
    stack.push(...n.children);
  }
  return out;
}

export function identifiers(node: SNode): SNode[] {
  const out: SNode[] = [];
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'Identifier' && !(n.field === 'property' && n.parent?.type === 'MemberExpression') && !(n.field === 'key' && n.parent?.type === 'Property')) out.push(n);
    stack.push(...n.children);
  }
  return out;
}

/** Whether any identifier in `node` names one of `names`. */
export function mentions(model: JsModel, node: SNode, names: Iterable<string>): boolean {
  const set = new Set(names);
  return identifiers(node).some((id) => set.has(model.text(id)));
}

/**
 * The load is kept for later calls: its result goes to a variable declared outside the function
 * (`model = await load()`, `this.model = …`, `cache ??= load()`), or it runs under a guard that
 * checks whether it was loaded already (`if (!model)`).
 */
export function isCachedLoad(model: JsModel, call: CallSite): boolean {
  let n = call.node;
  while (n.parent && (n.parent.type === 'AwaitExpression' || n.parent.type === 'TSAsExpression' || n.parent.type === 'TSNonNullExpression')) n = n.parent;
  const p = n.parent;
  const fn = model.enclosingFunction(call.node);
  if (p?.type === 'AssignmentExpression') {
    const left = child(p, 'left');
    const op = model.file.text.slice(left?.end ?? p.start, n.start);
    if (/\?\?=|\|\|=/.test(op)) return true;
    if (left?.type === 'MemberExpression') return true;
    if (left?.type === 'Identifier') {
      const d = model.declarationOf(model.text(left), left);
      if (!d || !fn || !contains(fn.node, d.node)) return true;
    }
  }
  if (p?.type === 'LogicalExpression' && /\?\?|\|\|/.test(model.file.text.slice(child(p, 'left')?.end ?? p.start, n.start))) return true;
  // A guard on the way up to the function: if (!this.model) / if (model === null) / if (!cache.has(key))
  for (let a = call.node.parent; a && a !== fn?.node; a = a.parent) {
    if (a.type === 'IfStatement' || a.type === 'ConditionalExpression') {
      const test = child(a, 'test');
      if (test && /^!|===?\s*(null|undefined)|!==?\s*(null|undefined)|\.has\(|typeof/.test(model.text(test).trim())) return true;
      if (test && /!\s*[\w.]*(model|session|pipe|classifier|cache|instance|loaded)/i.test(model.text(test))) return true;
    }
  }
  // A promise kept in a module-level variable: const modelPromise = load(); returned from a getter.
  if (p?.type === 'VariableDeclarator' && !fn) return true;
  // Memoised getter classes: static getInstance() { this.instance ??= pipeline(...) }
  if (fn && /instance|singleton|cache/i.test(fn.name)) return true;
  return false;
}

// ---- edits ----

/** Adds `key: value` to a call's options object, or a new `{ key: value }` argument after `position` arguments. */
export function addOption(model: JsModel, call: CallSite, key: string, value: string, position: number): OffsetEdit | undefined {
  const opts = model.optionsNode(call);
  if (opts && call.args.length > position) {
    const props = opts.children.filter((c) => c.type === 'Property' || c.type === 'SpreadElement');
    const last = props[props.length - 1];
    if (!last) return { start: opts.start + 1, end: opts.end - 1, text: ` ${key}: ${value} ` };
    return { start: last.end, end: last.end, text: `, ${key}: ${value}` };
  }
  if (call.args.length !== position || call.hasSplat) return undefined;
  const close = model.file.text.lastIndexOf(')', call.node.end);
  if (close < 0 || close < call.callee.end) return undefined;
  const sep = call.args.length === 0 ? '' : ', ';
  const lastArg = call.args[call.args.length - 1];
  const at = lastArg ? lastArg.node.end : close;
  return { start: at, end: at, text: `${sep}{ ${key}: ${value} }` };
}

/** Appends `item` to an array-valued option, wrapping a single value into an array, or adds the option. */
export function addToListOption(model: JsModel, call: CallSite, key: string, item: string, position: number): OffsetEdit | undefined {
  const v = call.kwargs.get(key);
  if (!v) return addOption(model, call, key, `[${item}]`, position);
  if (v.kind === 'list' && v.node.type === 'ArrayExpression') {
    const last = v.items[v.items.length - 1];
    return last ? { start: last.node.end, end: last.node.end, text: `, ${item}` } : { start: v.node.start + 1, end: v.node.end - 1, text: item };
  }
  if (v.node.type === 'Identifier' && v.node.parent?.type === 'Property' && model.text(v.node.parent) === model.text(v.node)) {
    // Shorthand `{ callbacks }`.
    return { start: v.node.start, end: v.node.end, text: `${key}: [${model.text(v.node)}, ${item}]` };
  }
  return { start: v.node.start, end: v.node.end, text: `[${model.text(v.node)}, ${item}]` };
}

/** The local name under which `tf` is imported as a namespace (`import * as tf`, `const tf = require(...)`). */
export function tfNamespace(model: JsModel): string | undefined {
  for (const [local, q] of model.imports) if (q === 'tf') return local;
  return undefined;
}

/** The value an option resolves to. */
export function option(model: JsModel, call: CallSite, key: string): Value | undefined {
  const v = call.kwargs.get(key);
  return v ? model.resolve(v) : undefined;
}

/** A node in a debug-only branch: `if (DEBUG)`, `if (process.env.NODE_ENV !== 'production')`, `if (args.profile)`. */
export function inDebugBranch(model: JsModel, node: SNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'IfStatement' || p.type === 'ConditionalExpression' || p.type === 'LogicalExpression') {
      const test = child(p, 'test') ?? child(p, 'left');
      if (test && test !== node && !contains(test, node) && /debug|verbose|profil|NODE_ENV|process\.env|trace|dev/i.test(model.text(test))) return true;
    }
  }
  return false;
}

// ---- the project around a file ----

export interface PackageInfo {
  file: string;
  deps: Record<string, string>;
  /** The package describes a server or command-line program: a `bin`, or a web framework among its dependencies. */
  server: boolean;
  /** The package is built for browsers: a bundler or a front-end framework among its dependencies, or a `browser` field. */
  browser: boolean;
  /** A package with an entry point (`main`, `"type": "module"`, a `node …` start script) and nothing that builds it for a browser. */
  entry: boolean;
}

const packageCache = new Map<string, PackageInfo | undefined>();
const SERVER_DEPS = ['express', 'fastify', 'koa', 'hono', '@nestjs/core', '@hapi/hapi', 'restify', 'commander', 'yargs'];
const BROWSER_DEPS = ['react', 'react-dom', 'vue', 'svelte', '@angular/core', 'parcel', 'parcel-bundler', 'vite', 'webpack', 'next', 'rollup', 'esbuild', 'browserify'];

/** The nearest package.json above a file (cached per folder), noted as an input of the analysis. */
export function packageOf(file: string): PackageInfo | undefined {
  const info = nearestPackage(file);
  if (info) noteInput(info.file);
  return info;
}

function nearestPackage(file: string): PackageInfo | undefined {
  if (!file) return undefined;
  let dir = path.dirname(file);
  const visited: string[] = [];
  for (;;) {
    if (packageCache.has(dir)) {
      const hit = packageCache.get(dir);
      for (const v of visited) packageCache.set(v, hit);
      return hit;
    }
    visited.push(dir);
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const info = readPackage(candidate);
      for (const v of visited) packageCache.set(v, info);
      return info;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      for (const v of visited) packageCache.set(v, undefined);
      return undefined;
    }
    dir = parent;
  }
}

function readPackage(file: string): PackageInfo | undefined {
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const deps = { ...(doc.devDependencies as Record<string, string>), ...(doc.dependencies as Record<string, string>) };
    const has = (names: string[]) => names.some((n) => n in deps);
    const scripts = (doc.scripts ?? {}) as Record<string, string>;
    const entry = doc.main !== undefined || doc.type === 'module' || /^node\s/.test(scripts.start ?? '');
    return { file, deps, server: doc.bin !== undefined || has(SERVER_DEPS), browser: doc.browser !== undefined || has(BROWSER_DEPS), entry };
  } catch {
    return undefined;
  }
}

/** Where the file runs: Node.js, a browser, or unknown — from the code first, then its package. */
export function runtimeOf(model: JsModel, file: string): 'node' | 'browser' | undefined {
  const { node, browser, commonJs } = model.evidence;
  if (node && browser) return undefined;
  if (node) return 'node';
  if (browser) return 'browser';
  // Next.js: route handlers, API routes and server actions run on the server; client components in the browser.
  const f = file.replace(/\\/g, '/');
  if (/\/app\/(.*\/)?route\.[cm]?[jt]sx?$|\/pages\/api\//.test(f) || /^\s*['"]use server['"]/.test(model.file.text)) return 'node';
  if (/^\s*['"]use client['"]/.test(model.file.text)) return 'browser';
  const pkg = packageOf(file);
  if (pkg?.browser && !pkg.server) return 'browser';
  if ((pkg?.server || pkg?.entry) && !pkg.browser) return 'node';
  // `require` without a bundler in sight: a CommonJS Node.js program.
  return commonJs && !pkg?.browser ? 'node' : undefined;
}
