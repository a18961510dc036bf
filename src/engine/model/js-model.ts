// The module model for TypeScript and JavaScript, built from the ESTree mirror in one walk: the
// same call sites, values, loops and functions the Python rules read, with an options object
// playing the part of keyword arguments, `forEach`/`map` callbacks and per-frame callbacks as
// loops, request handlers of the common Node frameworks, `tf.tidy` scopes, and calls into
// functions of the same module followed (a handler that calls `loadModel()` loads a model).
import { child, type SNode, type SourceFile } from '../parse/syntax';
import type { CallSite, FunctionInfo, LoopInfo } from './model';
import type { Value } from './values';

export type JsHandler = 'express' | 'fastify' | 'koa' | 'hono' | 'http' | 'next' | 'worker' | 'lambda' | 'nest';

export interface JsFunction extends FunctionInfo {
  async: boolean;
  jsHandler?: JsHandler;
}

export interface JsContext {
  func?: JsFunction;
  /** Innermost first: loops, iteration callbacks and per-frame callbacks that re-run the node. */
  loops: LoopInfo[];
  /** Inside a function passed to `tf.tidy`: tensors it creates are released. */
  tidy: boolean;
}

export interface ImportRecord {
  /** The module specifier as written (`@tensorflow/tfjs-node`). */
  source: string;
  node: SNode;
  kind: 'import' | 'require' | 'dynamic';
}

export interface JsEvidence {
  /** The file runs under Node.js: Node built-in or `node:` modules, `__dirname`, `process.argv`/`exit`/`cwd`/`stdout`. */
  node: boolean;
  /** Weaker signs of Node.js that bundled browser code shows too: `require`, `module.exports`, `process.env`. */
  commonJs: boolean;
  /** Why `node` is set. */
  nodeNode?: SNode;
  /** The file touches the DOM or browser globals (`document`, `window`, `navigator`). */
  browser: boolean;
  webFramework: boolean;
}

/** Module specifiers that name the same library; the model qualifies names under the short one. */
export function canonicalModule(source: string): string {
  const s = source.replace(/^node:/, '');
  if (/^@tensorflow\/tfjs(-node(-gpu)?|-core|-layers|-converter|-data)?(\/dist\/.*)?$/.test(s)) return 'tf';
  if (/^onnxruntime-(node|web|common|react-native)(\/.*)?$/.test(s)) return 'ort';
  if (s === '@xenova/transformers' || s === '@huggingface/transformers') return 'transformers';
  return s;
}

const NODE_BUILTINS = new Set([
  'fs', 'fs/promises', 'path', 'http', 'https', 'http2', 'os', 'child_process', 'worker_threads', 'url', 'util', 'stream',
  'readline', 'net', 'cluster', 'crypto', 'zlib', 'events', 'process', 'buffer',
]);
const NODE_GLOBALS = new Set(['__dirname', '__filename']);
const COMMONJS_GLOBALS = new Set(['require', 'module', 'exports']);
/** `process.` members only a real Node.js process has (bundlers shim `process.env`). */
const NODE_PROCESS = new Set(['argv', 'exit', 'cwd', 'stdout', 'stderr', 'stdin', 'on', 'platform', 'memoryUsage', 'hrtime', 'pid']);
const BROWSER_GLOBALS = new Set(['document', 'window', 'navigator', 'localStorage', 'requestAnimationFrame', 'HTMLElement', 'Image']);

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
const LOOP_TYPES = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
/** Array methods that call their callback once per element. */
const ITERATION_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex']);
/** Calls that run their callback again and again. */
const FRAME_CALLS = new Set(['requestAnimationFrame', 'setInterval', 'requestVideoFrameCallback', 'setAnimationLoop']);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'all', 'use', 'head', 'options', 'on', 'route', 'handle']);
const FRAMEWORKS: Record<string, JsHandler> = {
  express: 'express',
  fastify: 'fastify',
  koa: 'koa',
  '@koa/router': 'koa',
  'koa-router': 'koa',
  hono: 'hono',
  http: 'http',
  https: 'http',
  restify: 'express',
  '@nestjs/common': 'nest',
};
const NEXT_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const NEST_ROUTES = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'MessagePattern', 'EventPattern']);
const MAX_DEPTH = 8;

interface Declaration {
  node: SNode;
  /** The declared name's initial value (or the function itself for a function declaration). */
  init?: SNode;
  kind: 'const' | 'let' | 'var' | 'function' | 'param' | 'import';
  scope: SNode;
}

export class JsModel {
  /** Local name → qualified name (`tf` → `tf`, `loadLayersModel` → `tf.loadLayersModel`). */
  readonly imports = new Map<string, string>();
  readonly importRecords: ImportRecord[] = [];
  /** Top-level import declarations and `require` statements, for placing new imports. */
  readonly importStatements: SNode[] = [];
  readonly calls: CallSite[] = [];
  readonly functions: JsFunction[] = [];
  readonly loops: LoopInfo[] = [];
  readonly evidence: JsEvidence = { node: false, commonJs: false, browser: false, webFramework: false };
  /** `X.prop = value` assignments by the assigned member text (`model.stopTraining`). */
  readonly memberAssignments = new Map<string, SNode[]>();
  private readonly declarations = new Map<string, Declaration[]>();
  /** Values assigned to plain names after their declaration (`session = await create()`, `cache ??= load()`). */
  private readonly identifierAssignments = new Map<string, SNode[]>();
  /** Names assigned after their declaration (so not constant). */
  private readonly reassigned = new Set<string>();
  private readonly callByNode = new Map<SNode, CallSite>();
  private readonly functionByNode = new Map<SNode, JsFunction>();
  private readonly loopByNode = new Map<SNode, LoopInfo>();
  private readonly contextCache = new Map<SNode, JsContext>();
  /** Local function name → call sites that call it. */
  private readonly localCallers = new Map<SNode, CallSite[]>();
  private readonly frameFunctions = new Set<SNode>();
  private readonly tidyFunctions = new Set<SNode>();
  private readonly handlerFunctions = new Map<SNode, JsHandler>();

  constructor(
    readonly file: SourceFile,
    /** Absolute path of the file, for conventions that live in paths (Next.js routes). */
    readonly path = '',
  ) {
    const calls: SNode[] = [];
    const functions: SNode[] = [];
    const loops: SNode[] = [];
    const stack: [SNode, SNode][] = [[file.root, file.root]];
    while (stack.length) {
      const [n, scope] = stack.pop()!;
      switch (n.type) {
        case 'ImportDeclaration':
          this.addImport(n);
          break;
        case 'ImportExpression':
          this.addDynamicImport(n);
          break;
        case 'CallExpression':
        case 'NewExpression':
          calls.push(n);
          break;
        case 'FunctionDeclaration':
        case 'FunctionExpression':
        case 'ArrowFunctionExpression':
          functions.push(n);
          this.declareParams(n);
          break;
        case 'VariableDeclarator':
          this.declareVariable(n, scope);
          break;
        case 'AssignmentExpression':
          this.recordAssignment(n);
          break;
        case 'UpdateExpression': {
          const arg = child(n, 'argument');
          if (arg?.type === 'Identifier') this.reassigned.add(this.text(arg));
          break;
        }
        case 'Identifier':
          this.noteGlobal(n);
          break;
        case 'TSImportEqualsDeclaration':
          this.addImportEquals(n);
          break;
      }
      if (LOOP_TYPES.has(n.type)) loops.push(n);
      const inner = FUNCTION_TYPES.has(n.type) || n.type === 'BlockStatement' ? n : scope;
      for (let i = n.children.length - 1; i >= 0; i--) stack.push([n.children[i], inner]);
    }
    for (const n of functions) this.functionInfo(n);
    this.addGlobalTf();
    // Code under a constant-false condition (`const returnTensors = false; if (returnTensors) …`) never runs.
    for (const n of calls) if (!this.isDead(n)) this.calls.push(this.callSite(n));
    for (const n of loops) this.loops.push(this.loopInfo(n)!);
    for (const c of this.calls) this.classifyCall(c);
    for (const f of this.functions) {
      const kind = this.handlerFunctions.get(f.node) ?? this.exportedHandler(f);
      if (kind) {
        f.jsHandler = kind;
        f.handler = kind === 'lambda' ? 'lambda' : undefined;
      }
    }
    this.evidence.webFramework = this.functions.some((f) => f.jsHandler !== undefined);
  }

  text(node: SNode): string {
    return this.file.textOf(node);
  }

  /** tf.js loaded by a `<script>` tag: a global `tf`, never declared or imported, used as `tf.…`. */
  private addGlobalTf(): void {
    if (this.imports.has('tf') || this.declarations.has('tf')) return;
    if (/(^|[^\w.$])tf\.(tensor\w*|tidy|sequential|loadLayersModel|loadGraphModel|browser|layers|zeros|ones|scalar|dispose)\b/.test(this.file.text)) {
      this.imports.set('tf', 'tf');
    }
  }

  /** Inside the branch of an `if`/`?:` whose condition is a constant that never selects it. */
  private isDead(node: SNode): boolean {
    let prev = node;
    for (let p = node.parent; p; prev = p, p = p.parent) {
      if (p.type !== 'IfStatement' && p.type !== 'ConditionalExpression') continue;
      const test = child(p, 'test');
      if (!test || prev === test) continue;
      const v = this.resolve(this.value(test));
      if (v.kind !== 'bool') continue;
      if ((prev.field === 'consequent' && !v.value) || (prev.field === 'alternate' && v.value)) return true;
    }
    return false;
  }

  // ---- imports ----

  private addImport(n: SNode): void {
    const src = child(n, 'source');
    const source = src ? literalString(this.text(src)) : undefined;
    if (source === undefined) return;
    this.importRecords.push({ source, node: n, kind: 'import' });
    if (n.parent?.type === 'Program') this.importStatements.push(n);
    const mod = canonicalModule(source);
    this.noteModule(source, n);
    for (const s of n.children) {
      const local = child(s, 'local');
      if (!local) continue;
      const name = this.text(local);
      if (s.type === 'ImportNamespaceSpecifier' || s.type === 'ImportDefaultSpecifier') this.imports.set(name, mod);
      else if (s.type === 'ImportSpecifier') {
        const imported = child(s, 'imported');
        this.imports.set(name, `${mod}.${imported ? propertyName(this.text(imported)) : name}`);
      }
      this.declare(name, { node: s, kind: 'import', scope: this.file.root });
    }
  }

  private addImportEquals(n: SNode): void {
    const id = child(n, 'id');
    const ref = child(n, 'moduleReference');
    const expr = ref && child(ref, 'expression');
    const source = expr ? literalString(this.text(expr)) : undefined;
    if (!id || source === undefined) return;
    this.importRecords.push({ source, node: n, kind: 'require' });
    this.noteModule(source, n);
    this.imports.set(this.text(id), canonicalModule(source));
  }

  /** `await import('x')` bound by a declarator: `const tf = await import(...)`, `const { a } = await import(...)`. */
  private addDynamicImport(n: SNode): void {
    const src = child(n, 'source');
    const source = src ? literalString(this.text(src)) : undefined;
    if (source === undefined) return;
    this.importRecords.push({ source, node: n, kind: 'dynamic' });
    this.noteModule(source, n);
    let p = n.parent;
    if (p?.type === 'AwaitExpression') p = p.parent;
    if (p?.type === 'VariableDeclarator' && n.parent !== p) this.bindModule(child(p, 'id'), canonicalModule(source));
  }

  /** `const tf = require('x')`, `const { InferenceSession } = require('onnxruntime-node')`. */
  private requireOf(init: SNode | undefined): string | undefined {
    if (!init) return undefined;
    let n = init;
    if (n.type === 'MemberExpression') {
      // require('x').default / require('x').sub
      const obj = child(n, 'object');
      const prop = child(n, 'property');
      const inner = obj ? this.requireOf(obj) : undefined;
      return inner !== undefined && prop && prop.type === 'Identifier' ? (this.text(prop) === 'default' ? inner : `${inner}.${this.text(prop)}`) : undefined;
    }
    if (n.type !== 'CallExpression') return undefined;
    const callee = child(n, 'callee');
    if (!callee || callee.type !== 'Identifier' || this.text(callee) !== 'require') return undefined;
    n = n.children.find((c) => c.field === 'arguments')!;
    const source = n ? literalString(this.text(n)) : undefined;
    if (source === undefined) return undefined;
    this.importRecords.push({ source, node: init, kind: 'require' });
    this.noteModule(source, init);
    return canonicalModule(source);
  }

  private bindModule(pattern: SNode | undefined, mod: string): void {
    if (!pattern) return;
    if (pattern.type === 'Identifier') this.imports.set(this.text(pattern), mod);
    else if (pattern.type === 'ObjectPattern') {
      for (const p of pattern.children) {
        if (p.type !== 'Property') continue;
        const key = child(p, 'key');
        const value = child(p, 'value');
        const local = value?.type === 'AssignmentPattern' ? child(value, 'left') : value;
        if (key && local?.type === 'Identifier') this.imports.set(this.text(local), `${mod}.${propertyName(this.text(key))}`);
      }
    }
  }

  private noteModule(source: string, node: SNode): void {
    if (source.startsWith('node:') || NODE_BUILTINS.has(source)) this.markNode(node);
  }

  private markNode(node: SNode): void {
    if (!this.evidence.node) {
      this.evidence.node = true;
      this.evidence.nodeNode = node;
    }
  }

  private noteGlobal(n: SNode): void {
    const name = this.text(n);
    const p = n.parent;
    // Only free references: not a property name, not a declaration.
    if (p?.type === 'MemberExpression' && n.field === 'property') return;
    if (p?.type === 'Property' && n.field === 'key') return;
    if (NODE_GLOBALS.has(name)) this.markNode(n);
    else if (name === 'process' && p?.type === 'MemberExpression' && n.field === 'object') {
      const prop = child(p, 'property');
      if (prop && NODE_PROCESS.has(this.text(prop))) this.markNode(n);
      else this.evidence.commonJs = true;
    } else if (COMMONJS_GLOBALS.has(name)) {
      if (name === 'require' && p?.type !== 'CallExpression') return;
      if ((name === 'module' || name === 'exports') && p?.type !== 'MemberExpression') return;
      this.evidence.commonJs = true;
    } else if (BROWSER_GLOBALS.has(name)) this.evidence.browser = true;
  }

  /** Whether a module (or anything under it) is imported: `importsModule('tf')`. */
  importsModule(prefix: string): boolean {
    for (const q of this.imports.values()) if (q === prefix || q.startsWith(`${prefix}.`)) return true;
    return this.importRecords.some((r) => canonicalModule(r.source) === prefix);
  }

  // ---- declarations and values ----

  private declare(name: string, d: Declaration): void {
    const list = this.declarations.get(name);
    if (list) list.push(d);
    else this.declarations.set(name, [d]);
  }

  private declareVariable(n: SNode, scope: SNode): void {
    const id = child(n, 'id');
    const init = child(n, 'init');
    const decl = n.parent;
    const kind = decl ? ((/^(const|let|var)/.exec(this.text(decl))?.[1] as Declaration['kind'] | undefined) ?? 'let') : 'let';
    const declScope = kind === 'var' ? this.functionScope(n) : scope;
    const mod = this.requireOf(init);
    if (mod !== undefined) {
      this.bindModule(id, mod);
      if (decl?.parent?.type === 'Program') this.importStatements.push(decl);
      return;
    }
    // `const { JobServiceClient } = aiplatform.v1`: names taken from an imported module's member.
    if (id?.type === 'ObjectPattern' && init && (init.type === 'MemberExpression' || init.type === 'Identifier')) {
      const from = this.qualify(init);
      if (from) {
        this.bindModule(id, from);
        return;
      }
    }
    if (id?.type === 'Identifier') this.declare(this.text(id), { node: n, init, kind, scope: declScope });
    else if (id?.type === 'ObjectPattern' || id?.type === 'ArrayPattern') {
      for (const p of patternNames(this, id)) this.declare(p, { node: n, kind, scope: declScope });
    }
  }

  private declareParams(fn: SNode): void {
    for (const p of fn.children) {
      if (p.field !== 'params') continue;
      for (const name of patternNames(this, p)) this.declare(name, { node: p, kind: 'param', scope: fn });
    }
    const id = child(fn, 'id');
    if (fn.type === 'FunctionDeclaration' && id) this.declare(this.text(id), { node: fn, init: fn, kind: 'function', scope: this.functionScope(fn) });
  }

  private functionScope(n: SNode): SNode {
    for (let p = n.parent; p; p = p.parent) if (FUNCTION_TYPES.has(p.type)) return p;
    return this.file.root;
  }

  private recordAssignment(n: SNode): void {
    const left = child(n, 'left');
    if (!left) return;
    // `tf = require('@tensorflow/tfjs-node-gpu')`, chosen at run time.
    const mod = this.requireOf(child(n, 'right'));
    if (mod !== undefined) {
      this.bindModule(left, mod);
      return;
    }
    if (left.type === 'Identifier') {
      this.reassigned.add(this.text(left));
      const right = child(n, 'right');
      if (right) this.identifierAssignments.set(this.text(left), [...(this.identifierAssignments.get(this.text(left)) ?? []), right]);
    } else if (left.type === 'MemberExpression') {
      const key = this.text(left);
      const list = this.memberAssignments.get(key) ?? [];
      list.push(n);
      this.memberAssignments.set(key, list);
      const prop = child(left, 'property');
      if (prop && this.text(prop) === 'exports') this.evidence.commonJs = true;
    }
  }


  /** The declaration of `name` visible at `at` (innermost scope first). */
  declarationOf(name: string, at: SNode): Declaration | undefined {
    const list = this.declarations.get(name);
    if (!list) return undefined;
    let best: Declaration | undefined;
    for (const d of list) {
      if (d.scope !== this.file.root && !contains(d.scope, at)) continue;
      if (!best || contains(best.scope, d.scope)) best = d;
    }
    return best;
  }

  /** Qualified name of an identifier or member chain, resolved through the imports. */
  qualify(node: SNode | undefined): string | undefined {
    if (!node) return undefined;
    const n = unwrap(node);
    if (n.type === 'Identifier') {
      const name = this.text(n);
      const d = this.declarationOf(name, n);
      if (d && d.kind !== 'import' && !(this.imports.has(name) && !d.init)) {
        // `const tf = window.tf`-style aliases and `const m = tf.layers` are followed once.
        if (d.kind === 'const' && d.init && (d.init.type === 'MemberExpression' || d.init.type === 'Identifier') && d.init !== n) {
          return this.qualify(d.init);
        }
        return undefined;
      }
      return this.imports.get(name);
    }
    if (n.type === 'MemberExpression') {
      const obj = child(n, 'object');
      const prop = child(n, 'property');
      if (!obj || !prop || this.isComputed(n)) return undefined;
      const base = this.qualify(obj);
      return base ? `${base}.${this.text(prop)}` : undefined;
    }
    return undefined;
  }

  private isComputed(member: SNode): boolean {
    const prop = child(member, 'property');
    const obj = child(member, 'object');
    if (!prop || !obj) return true;
    // `a[b]` has a bracket between the object and the property.
    return this.file.text.slice(obj.end, prop.start).includes('[');
  }

  value(node: SNode | undefined, depth = 0): Value {
    if (!node) return { kind: 'unknown', node: this.file.root };
    const n = unwrap(node);
    if (depth > MAX_DEPTH) return { kind: 'unknown', node: n };
    const text = this.text(n);
    switch (n.type) {
      case 'Literal': {
        if (text === 'true' || text === 'false') return { kind: 'bool', value: text === 'true', node: n };
        if (text === 'null') return { kind: 'none', node: n };
        const s = literalString(text);
        if (s !== undefined) return { kind: 'string', value: s, node: n };
        const v = Number(text.replace(/_/g, '').replace(/n$/, ''));
        return Number.isFinite(v) ? { kind: 'number', value: v, node: n } : { kind: 'unknown', node: n };
      }
      case 'TemplateLiteral':
        return n.children.some((c) => c.field === 'expressions') ? { kind: 'unknown', node: n } : { kind: 'string', value: text.slice(1, -1), node: n };
      case 'UnaryExpression': {
        const inner = this.value(child(n, 'argument'), depth + 1);
        if (inner.kind === 'number' && text.startsWith('-')) return { kind: 'number', value: -inner.value, node: n };
        if (inner.kind === 'number' && text.startsWith('+')) return { ...inner, node: n };
        return { kind: 'unknown', node: n };
      }
      case 'BinaryExpression': {
        const l = this.resolve(this.value(child(n, 'left'), depth + 1), depth + 1);
        const r = this.resolve(this.value(child(n, 'right'), depth + 1), depth + 1);
        const op = this.file.text.slice(child(n, 'left')!.end, child(n, 'right')!.start).trim();
        if (l.kind === 'number' && r.kind === 'number') {
          const v = op === '*' ? l.value * r.value : op === '+' ? l.value + r.value : op === '-' ? l.value - r.value : op === '/' ? l.value / r.value : op === '**' ? l.value ** r.value : NaN;
          if (Number.isFinite(v)) return { kind: 'number', value: v, node: n };
        }
        return { kind: 'unknown', node: n };
      }
      case 'Identifier':
        if (text === 'undefined') return { kind: 'none', node: n };
        return { kind: 'name', name: text, qualified: this.qualify(n), node: n };
      case 'MemberExpression':
        return { kind: 'name', name: text, qualified: this.qualify(n), node: n };
      case 'ArrayExpression':
        return { kind: 'list', items: n.children.map((c) => this.value(c, depth + 1)), node: n };
      case 'ObjectExpression':
        return {
          kind: 'dict',
          entries: n.children
            .filter((p) => p.type === 'Property')
            .map((p) => {
              const key = child(p, 'key')!;
              const k: Value = key.type === 'Identifier' ? { kind: 'string', value: this.text(key), node: key } : this.value(key, depth + 1);
              return { key: k, value: this.value(child(p, 'value'), depth + 1) };
            }),
          node: n,
        };
      case 'CallExpression':
      case 'NewExpression':
        return { kind: 'call', call: this.callSite(n, depth + 1), node: n };
      case 'AwaitExpression':
        return this.value(child(n, 'argument'), depth + 1);
      default:
        return { kind: 'unknown', node: n };
    }
  }

  /** Follows constants: a name declared once with an initial value (or never reassigned), and `obj.key` of a literal object. */
  resolve(v: Value, depth = 0): Value {
    if (v.kind !== 'name' || depth > MAX_DEPTH) return v;
    const origin = this.originOf(v.node);
    return origin ? this.resolve(this.value(origin, depth + 1), depth + 1) : v;
  }

  /** The expression a name or `obj.key` stands for, when it is constant (or, failing that, its default). */
  originOf(node: SNode): SNode | undefined {
    const n = unwrap(node);
    if (n.type === 'Identifier') {
      const name = this.text(n);
      const d = this.declarationOf(name, n);
      if (d?.kind === 'param') return this.parameterDefault(d.node, name) ?? this.argumentOf(d, name);
      if (!d?.init || d.kind === 'function' || d.init === n) return undefined;
      if (d.kind !== 'const' && this.reassigned.has(name)) return undefined;
      return d.init;
    }
    if (n.type === 'MemberExpression' && !this.isComputed(n) && child(n, 'object')?.type === 'Identifier') {
      const found = this.optionDefault(this.text(child(n, 'property')!));
      if (found) return found;
    }
    if (n.type === 'MemberExpression' && !this.isComputed(n)) {
      const obj = this.resolve(this.value(child(n, 'object')));
      const key = this.text(child(n, 'property')!);
      if (obj.kind === 'dict') {
        const e = obj.entries.find((x) => x.key.kind === 'string' && x.key.value === key);
        return e?.value.node;
      }
    }
    return undefined;
  }

  /** The initial value of a variable, even one reassigned later (what kind of thing it holds). */
  initOf(node: SNode): SNode | undefined {
    const n = unwrap(node);
    if (n.type !== 'Identifier') return undefined;
    const d = this.declarationOf(this.text(n), n);
    if (!d || d.kind === 'function' || d.kind === 'param' || d.init === n) return undefined;
    // `let model;` or `let model = null;` filled in later: the first value assigned.
    const empty = !d.init || (d.init.type === 'Literal' && this.text(d.init) === 'null') || (d.init.type === 'Identifier' && this.text(d.init) === 'undefined');
    if (!empty) return d.init;
    return this.identifierAssignments.get(this.text(n))?.[0];
  }

  /** `function train(epochs = 50)`: the default of a parameter (or of a destructured one). */
  private parameterDefault(param: SNode, name: string): SNode | undefined {
    const stack = [param];
    while (stack.length) {
      const p = stack.pop()!;
      if (p.type === 'AssignmentPattern') {
        const left = child(p, 'left');
        if (left?.type === 'Identifier' && this.text(left) === name) return child(p, 'right');
      }
      stack.push(...p.children);
    }
    return undefined;
  }

  /** A plain parameter of a function called from exactly one place in the module: the argument passed there. */
  private argumentOf(d: Declaration, name: string): SNode | undefined {
    if (d.node.type !== 'Identifier' || !FUNCTION_TYPES.has(d.scope.type)) return undefined;
    const fn = this.functionInfo(d.scope);
    const index = fn.params.indexOf(name);
    const callers = this.callersOf(fn);
    if (index < 0 || callers.length !== 1 || callers[0].hasSplat) return undefined;
    return callers[0].args[index]?.node;
  }

  /**
   * The default of a command-line option read as `args.epochs`: argparse's
   * `addArgument('--epochs', { defaultValue: 20 })` / `add_argument('--epochs', { default: 20 })`,
   * yargs' `.option('epochs', { default: 20 })`, commander's `.option('--epochs <n>', '…', 20)`.
   */
  private optionDefault(attr: string): SNode | undefined {
    const flags = new Set([`--${attr}`, `--${attr.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, `--${attr.replace(/_/g, '-')}`, attr]);
    for (const c of this.calls) {
      if (!c.receiver || !/^(addArgument|add_argument|option)$/.test(c.name)) continue;
      const first = c.args[0];
      if (first?.kind !== 'string') continue;
      const flag = first.value.split(/[\s,<[]/)[0];
      const dest = c.kwargs.get('dest');
      const named = dest?.kind === 'string' ? dest.value === attr : flags.has(flag) || flags.has(first.value.split(/[\s,]+/).find((f) => f.startsWith('--')) ?? '');
      if (!named) continue;
      const def = c.kwargs.get('defaultValue') ?? c.kwargs.get('default');
      if (def) return def.node;
      // commander: .option(flags, description, default)
      if (c.name === 'option' && c.args.length >= 3 && c.args[2].kind !== 'dict') return c.args[2].node;
    }
    return undefined;
  }

  /** The call that produced a value, following constants and `await`: `const m = await X(); m` → `X()`. */
  originCall(node: SNode | undefined): CallSite | undefined {
    if (!node) return undefined;
    const v = this.resolve(this.value(node));
    return v.kind === 'call' ? v.call : undefined;
  }

  // ---- calls ----

  callSite(n: SNode, depth = 0): CallSite {
    const cached = this.callByNode.get(n);
    if (cached) return cached;
    const callee = child(n, 'callee') ?? n;
    const argNodes = n.children.filter((c) => c.field === 'arguments');
    const site: CallSite = { node: n, callee, name: '', args: [], kwargs: new Map(), argList: n, hasSplat: false };
    this.callByNode.set(n, site);
    const c = unwrap(callee);
    if (c.type === 'MemberExpression') {
      site.receiver = child(c, 'object');
      const prop = child(c, 'property');
      site.name = prop && !this.isComputed(c) ? this.text(prop) : '';
    } else {
      site.name = c.type === 'Identifier' ? this.text(c) : '';
    }
    site.qualified = this.qualify(c);
    for (const a of argNodes) {
      if (a.type === 'SpreadElement') site.hasSplat = true;
      else site.args.push(this.value(a, depth + 1));
    }
    // The options object: the last argument when it is an object literal (or a constant one).
    const last = site.args[site.args.length - 1];
    const options = last ? this.resolve(last, depth + 1) : undefined;
    if (options?.kind === 'dict') {
      for (const e of options.entries) if (e.key.kind === 'string') site.kwargs.set(e.key.value, e.value);
      if (options.node.children.some((p) => p.type === 'SpreadElement')) site.hasSplat = true;
    }
    return site;
  }


  callsTo(...names: string[]): CallSite[] {
    const set = new Set(names);
    return this.calls.filter((c) => c.qualified !== undefined && set.has(c.qualified));
  }

  callAt(node: SNode): CallSite | undefined {
    return this.callByNode.get(node);
  }

  /** The options object of a call (its last argument) when it is written as an object literal. */
  optionsNode(call: CallSite): SNode | undefined {
    const last = call.args[call.args.length - 1];
    return last?.kind === 'dict' ? last.node : undefined;
  }

  // ---- functions, loops, handlers ----

  functionInfo(n: SNode): JsFunction {
    const cached = this.functionByNode.get(n);
    if (cached) return cached;
    const params: string[] = [];
    for (const p of n.children) if (p.field === 'params') params.push(...patternNames(this, p));
    const f: JsFunction = { node: n, name: this.functionName(n), params, decorators: [], async: /^(export\s+)?(default\s+)?async\b/.test(this.text(n)) || this.isAsyncMethod(n) };
    const method = n.parent?.type === 'MethodDefinition' ? n.parent : undefined;
    if (method) {
      for (const d of method.children) {
        if (d.field !== 'decorators') continue;
        const expr = child(d, 'expression');
        const call = expr?.type === 'CallExpression' ? expr : undefined;
        f.decorators.push({ node: d, qualified: this.qualify(call ? child(call, 'callee') : expr) });
      }
    }
    this.functionByNode.set(n, f);
    this.functions.push(f);
    return f;
  }

  private isAsyncMethod(n: SNode): boolean {
    const p = n.parent;
    if (p?.type !== 'MethodDefinition' && p?.type !== 'Property') return false;
    return /^(static\s+)?async\b/.test(this.text(p));
  }

  private functionName(n: SNode): string {
    const id = child(n, 'id');
    if (id) return this.text(id);
    const p = n.parent;
    if (p?.type === 'VariableDeclarator') return this.text(child(p, 'id') ?? p);
    if ((p?.type === 'MethodDefinition' || p?.type === 'Property') && child(p, 'key')) return propertyName(this.text(child(p, 'key')!));
    if (p?.type === 'AssignmentExpression') return this.text(child(p, 'left') ?? p);
    return '';
  }

  /** The local function a callee or callback argument names: `loadModel`, `() => …`, `function () {…}`. */
  localFunction(node: SNode | undefined): JsFunction | undefined {
    if (!node) return undefined;
    const n = unwrap(node);
    if (FUNCTION_TYPES.has(n.type)) return this.functionInfo(n);
    if (n.type === 'Identifier') {
      const d = this.declarationOf(this.text(n), n);
      if (d?.kind === 'function' && d.init) return this.functionInfo(d.init);
      if (d?.init && FUNCTION_TYPES.has(d.init.type)) return this.functionInfo(d.init);
    }
    if (n.type === 'MemberExpression') {
      // `this.load()` / `obj.load()`: a method of the same class or literal, by name.
      const prop = child(n, 'property');
      const obj = child(n, 'object');
      if (prop && obj?.type === 'ThisExpression') {
        const name = this.text(prop);
        return this.functions.find((f) => f.name === name && f.node.parent?.type === 'MethodDefinition');
      }
    }
    return undefined;
  }

  loopInfo(n: SNode): LoopInfo | undefined {
    const cached = this.loopByNode.get(n);
    if (cached) return cached;
    let info: LoopInfo | undefined;
    if (LOOP_TYPES.has(n.type)) {
      const body = child(n, 'body') ?? n;
      const left = child(n, 'left') ?? child(n, 'init');
      const targets = left ? patternNames(this, left.type === 'VariableDeclaration' ? (left.children[0] ? child(left.children[0], 'id') ?? left : left) : left) : [];
      info = {
        node: n,
        kind: n.type === 'WhileStatement' || n.type === 'DoWhileStatement' ? 'while' : 'for',
        targets,
        iter: child(n, 'right'),
        body,
      };
    }
    if (info) this.loopByNode.set(n, info);
    return info;
  }

  private callbackLoop(call: CallSite, fn: SNode, kind: LoopInfo['kind']): void {
    const info: LoopInfo = { node: fn, kind, targets: this.functionInfo(fn).params.slice(0, 1), iter: call.receiver, body: child(fn, 'body') ?? fn };
    if (!this.loopByNode.has(fn)) {
      this.loopByNode.set(fn, info);
      this.loops.push(info);
    }
  }

  private classifyCall(c: CallSite): void {
    const first = c.args[0]?.node;
    // Local calls, for following a handler or a loop into the functions it calls.
    const target = c.callee.type === 'Identifier' || (c.callee.type === 'MemberExpression' && child(c.callee, 'object')?.type === 'ThisExpression') ? this.localFunction(c.callee) : undefined;
    if (target) {
      const list = this.localCallers.get(target.node) ?? [];
      list.push(c);
      this.localCallers.set(target.node, list);
    }
    // Iteration callbacks: xs.forEach(x => …), xs.map(…).
    if (c.receiver && ITERATION_METHODS.has(c.name) && first && FUNCTION_TYPES.has(unwrap(first).type)) this.callbackLoop(c, unwrap(first), 'comprehension');
    // Per-frame callbacks.
    if (FRAME_CALLS.has(c.name) && first) {
      const fn = this.localFunction(first);
      if (fn) {
        this.frameFunctions.add(fn.node);
        this.callbackLoop(c, fn.node, 'while');
      }
    }
    if (c.name === 'setTimeout' && first) {
      // A function that schedules itself again runs once per tick.
      const fn = this.localFunction(first);
      if (fn && contains(fn.node, c.node)) {
        this.frameFunctions.add(fn.node);
        this.callbackLoop(c, fn.node, 'while');
      }
    }
    // tf.tidy, and the APIs that run their function inside one (optimizer.minimize, tf.variableGrads).
    if (c.qualified === 'tf.tidy' || c.qualified === 'tf.variableGrads' || (c.name === 'minimize' && c.receiver !== undefined)) {
      for (const a of c.args) {
        const fn = this.localFunction(a.node);
        if (fn) this.tidyFunctions.add(fn.node);
      }
    }
    this.classifyHandler(c);
  }

  private markHandler(node: SNode | undefined, kind: JsHandler, label?: string): void {
    const fn = this.localFunction(node);
    if (!fn) return;
    this.handlerFunctions.set(fn.node, kind);
    // Anonymous route handlers are named by their route: `POST /predict`.
    if (!fn.name && label) fn.name = label;
  }

  private classifyHandler(c: CallSite): void {
    // http.createServer((req, res) => …)
    if (c.qualified === 'http.createServer' || c.qualified === 'https.createServer' || c.qualified === 'http2.createServer') {
      for (const a of c.args) this.markHandler(a.node, 'http', 'createServer');
      return;
    }
    // Workers: self.addEventListener('message', …), parentPort.on('message', …), self.onmessage = …
    if ((c.name === 'addEventListener' || c.name === 'on') && c.args[0]?.kind === 'string' && (c.args[0].value === 'message' || c.args[0].value === 'fetch')) {
      const recv = c.receiver ? this.text(c.receiver) : '';
      const worker = !c.receiver || recv === 'self' || recv === 'globalThis' || recv === 'parentPort' || recv === 'process' || this.qualify(c.receiver) === 'worker_threads.parentPort';
      if (worker) this.markHandler(c.args[1]?.node, 'worker', `${c.args[0].value} listener`);
      return;
    }
    if (!c.receiver || !ROUTE_METHODS.has(c.name)) return;
    const framework = this.frameworkOf(c.receiver);
    if (!framework) return;
    if (c.name === 'on' && framework !== 'http') return;
    if (c.name === 'route' && framework === 'fastify') {
      const h = c.kwargs.get('handler');
      if (h) this.markHandler(h.node, 'fastify');
      return;
    }
    const route = c.args[0]?.kind === 'string' ? c.args[0].value : undefined;
    const label = route !== undefined && c.name !== 'use' ? `${c.name.toUpperCase()} ${route}` : undefined;
    for (const a of c.args) if (a.kind !== 'string') this.markHandler(a.node, framework, label);
  }

  /** The web framework an app or router object comes from: `express()`, `Fastify()`, `new Koa()`, `new Hono()`, `express.Router()`. */
  private frameworkOf(receiver: SNode, depth = 0): JsHandler | undefined {
    if (depth > 4) return undefined;
    const call = this.originCall(receiver);
    if (call) {
      const q = call.qualified ?? '';
      const root = q.split('.')[0];
      for (const [mod, kind] of Object.entries(FRAMEWORKS)) {
        if (q === mod || q.startsWith(`${mod}.`) || root === mod) return kind;
      }
      // Chained routers: app.route('/x').get(…), router.prefix(…)
      if (call.receiver) return this.frameworkOf(call.receiver, depth + 1);
      return undefined;
    }
    // A parameter named like the framework's instance in a file that imports it (fastify plugins).
    const name = this.text(unwrap(receiver));
    if (/^(app|router|server|fastify|api)$/.test(name)) {
      for (const r of this.importRecords) {
        const kind = FRAMEWORKS[canonicalModule(r.source)];
        if (kind) return kind;
      }
    }
    return undefined;
  }

  /** Next.js route handlers and API routes, AWS Lambda handlers, Nest controller methods. */
  private exportedHandler(f: JsFunction): JsHandler | undefined {
    if (f.decorators.some((d) => NEST_ROUTES.has(d.qualified?.split('.').pop() ?? '') && d.qualified?.startsWith('@nestjs/'))) return 'nest';
    const exported = this.isExported(f.node);
    if (!exported) {
      // exports.handler = async (event) => …, module.exports.handler = …
      const p = f.node.parent;
      if (p?.type === 'AssignmentExpression' && /^(module\.)?exports\.handler$/.test(this.text(child(p, 'left') ?? p))) return 'lambda';
      return undefined;
    }
    const file = this.path.replace(/\\/g, '/');
    if (/\/app\/(.*\/)?route\.(ts|js|mjs|tsx|jsx)$/.test(file) && NEXT_METHODS.has(f.name)) return 'next';
    if (/\/pages\/api\//.test(file) && exported === 'default') return 'next';
    if (f.name === 'handler' && exported === 'named' && !/\/pages\//.test(file)) return 'lambda';
    return undefined;
  }

  private isExported(fn: SNode): 'named' | 'default' | undefined {
    let p = fn.parent;
    if (p?.type === 'VariableDeclarator') p = p.parent?.parent ?? null;
    if (p?.type === 'ExportNamedDeclaration') return 'named';
    if (p?.type === 'ExportDefaultDeclaration') return 'default';
    return undefined;
  }

  /** Call sites in this module that call a local function. */
  callersOf(fn: JsFunction): CallSite[] {
    return this.localCallers.get(fn.node) ?? [];
  }


  enclosingFunction(node: SNode): JsFunction | undefined {
    for (let p = node.parent; p; p = p.parent) if (FUNCTION_TYPES.has(p.type)) return this.functionInfo(p);
    return undefined;
  }

  /** The node's own loops and function, and whether a `tf.tidy` scope holds it. */
  context(node: SNode): JsContext {
    const cached = this.contextCache.get(node);
    if (cached) return cached;
    const ctx: JsContext = { loops: [], tidy: false };
    let prev: SNode = node;
    for (let p: SNode | null = node.parent; p; prev = p, p = p.parent) {
      if (FUNCTION_TYPES.has(p.type)) {
        ctx.func ??= this.functionInfo(p);
        if (this.tidyFunctions.has(p)) ctx.tidy = true;
        const cb = this.loopByNode.get(p);
        if (cb) ctx.loops.push(cb);
      } else if (LOOP_TYPES.has(p.type)) {
        const reruns = prev.field === 'body' || prev.field === 'test' || prev.field === 'update';
        if (reruns) ctx.loops.push(this.loopInfo(p)!);
      }
    }
    this.contextCache.set(node, ctx);
    return ctx;
  }

  /**
   * The request handler a node runs in, directly or through local functions the handler calls
   * (followed up to a few calls deep), with the call chain that reaches it.
   */
  handlerOf(node: SNode): { handler: JsFunction; via: CallSite[] } | undefined {
    const seen = new Set<SNode>();
    const walk = (n: SNode, via: CallSite[], depth: number): { handler: JsFunction; via: CallSite[] } | undefined => {
      for (let p = n.parent; p; p = p.parent) {
        if (!FUNCTION_TYPES.has(p.type)) continue;
        const f = this.functionInfo(p);
        if (f.jsHandler) return { handler: f, via };
        if (seen.has(p) || depth >= 3) continue;
        seen.add(p);
        for (const caller of this.callersOf(f)) {
          const found = walk(caller.node, [...via, caller], depth + 1);
          if (found) return found;
        }
      }
      return undefined;
    };
    return walk(node, [], 0);
  }

  /** Loops around a node, including the loops around the local calls that reach its function (one level). */
  loopsAround(node: SNode): { loops: LoopInfo[]; via?: CallSite } {
    const own = this.context(node).loops;
    if (own.length) return { loops: own };
    const fn = this.context(node).func;
    if (!fn) return { loops: [] };
    for (const caller of this.callersOf(fn)) {
      const loops = this.context(caller.node).loops;
      if (loops.length) return { loops, via: caller };
    }
    return { loops: [] };
  }

  /** Whether a node sits in a per-frame callback (`requestAnimationFrame`, `setInterval`). */
  inFrameCallback(node: SNode): boolean {
    for (let p = node.parent; p; p = p.parent) if (this.frameFunctions.has(p)) return true;
    return false;
  }

  /** Whether `node` is inside a function passed to `tf.tidy`, or in a function only ever called from one. */
  inTidy(node: SNode): boolean {
    if (this.context(node).tidy) return true;
    const fn = this.context(node).func;
    if (!fn) return false;
    const callers = this.callersOf(fn);
    return callers.length > 0 && callers.every((c) => this.context(c.node).tidy);
  }
}

// ---- helpers ----

export function contains(outer: SNode, inner: SNode): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Strips TypeScript wrappers that do not change a value: `x as T`, `x!`, `<T>x`, `x satisfies T`. */
export function unwrap(node: SNode): SNode {
  let n = node;
  while ((n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSTypeAssertion' || n.type === 'ChainExpression') && n.children.length > 0) {
    n = n.children.find((c) => c.field === 'expression') ?? n.children[0];
  }
  return n;
}

/** A string literal's value ('…', "…", or a template without substitutions), or undefined. */
export function literalString(text: string): string | undefined {
  const q = text[0];
  if ((q !== '"' && q !== "'" && q !== '`') || text[text.length - 1] !== q || text.length < 2) return undefined;
  if (q === '`' && text.includes('${')) return undefined;
  const body = text.slice(1, -1);
  if (!body.includes('\\')) return body;
  if (q === '"') {
    try {
      return JSON.parse(text) as string;
    } catch {
      return undefined;
    }
  }
  return body.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

function propertyName(text: string): string {
  return literalString(text) ?? text;
}

/** Names bound by a binding pattern: `x`, `{ a, b: c }`, `[d, ...e]`, `x = 1`. */
function patternNames(model: JsModel, p: SNode): string[] {
  const out: string[] = [];
  const stack = [p];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'Identifier') out.push(model.text(n));
    else if (n.type === 'AssignmentPattern') {
      const left = child(n, 'left');
      if (left) stack.push(left);
    } else if (n.type === 'Property') {
      const v = child(n, 'value');
      if (v) stack.push(v);
    } else if (n.type === 'TSParameterProperty') {
      const param = child(n, 'parameter');
      if (param) stack.push(param);
    } else if (n.type === 'ObjectPattern' || n.type === 'ArrayPattern' || n.type === 'RestElement' || n.type === 'VariableDeclaration' || n.type === 'VariableDeclarator') {
      for (const c of n.children) if (c.field !== 'init') stack.push(c);
    }
  }
  return out;
}
