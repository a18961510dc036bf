// The module model: imports resolved to qualified names, call sites with their arguments and
// context, simple variable origins and file-level evidence, built in one pass over the tree.
import { child, childrenOf, type SNode, type SourceFile, unparen } from '../parse/syntax';
import { stringOf, templateOf, type Value } from './values';
import { type Backend, type DeviceEvidence, deviceOfCall, deviceOfString } from './devices';

export interface FunctionInfo {
  node: SNode;
  name: string;
  params: string[];
  decorators: { node: SNode; qualified?: string; call?: CallSite }[];
  cls?: ClassInfo;
  /** Set when the function serves web or serverless requests. */
  handler?: 'fastapi' | 'flask' | 'django' | 'lambda';
}

export interface ClassInfo {
  node: SNode;
  name: string;
  /** Qualified names of the bases that resolve (local classes expanded to their own bases). */
  bases: string[];
}

export interface LoopInfo {
  node: SNode;
  kind: 'for' | 'while' | 'comprehension';
  /** Names bound by the loop target. */
  targets: string[];
  /** The iterable of a for loop or comprehension. */
  iter?: SNode;
  body: SNode;
}

export interface WithInfo {
  node: SNode;
  /** Qualified names of the context managers (`torch.no_grad`). */
  managers: string[];
}

export interface Context {
  func?: FunctionInfo;
  cls?: ClassInfo;
  /** Innermost first; only loops whose body (re-)executes the node. */
  loops: LoopInfo[];
  /** Innermost first; only `with` blocks whose body contains the node. */
  withs: WithInfo[];
}

export interface CallSite {
  node: SNode;
  /** The callee expression. */
  callee: SNode;
  /** Callee's qualified name when it resolves through imports (`pandas.read_csv`). */
  qualified?: string;
  /** Last segment of the callee (`fit` for `model.fit`). */
  name: string;
  /** The object of a method call (`model` in `model.fit()`). */
  receiver?: SNode;
  args: Value[];
  kwargs: Map<string, Value>;
  /** The argument list node, where fixes insert keywords. */
  argList: SNode;
  /** `*args` or `**kwargs` present: unknown arguments may be passed. */
  hasSplat: boolean;
}

export interface Assignment {
  node: SNode;
  target: string;
  value: SNode;
  /** Scope that owns the name: a function node or the module. */
  scope: SNode;
}

export interface Evidence {
  /**
   * The code runs on a GPU with CUDA-style mixed precision and pinned host memory: CUDA,
   * `torch.accelerator`/Accelerate (in practice CUDA) or Intel XPU. Apple `mps` alone is not.
   */
  cuda: boolean;
  /** Why `cuda` is set, for messages. */
  cudaNode?: SNode;
  /** Any GPU, `mps` included: host-device syncs and host-side tensor creation cost there too. */
  gpu: boolean;
  /** Every backend the file shows, with the first place that shows it. */
  devices: DeviceEvidence[];
  notebook: boolean;
  webFramework: boolean;
}

const BUILTINS = new Set([
  'print', 'range', 'len', 'enumerate', 'zip', 'open', 'list', 'dict', 'set', 'tuple', 'sum', 'min', 'max',
  'map', 'filter', 'sorted', 'float', 'int', 'str', 'abs', 'round', 'iter', 'next', 'isinstance',
]);

const HANDLER_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'route', 'api_route', 'websocket', 'head', 'options']);
const WEB_APPS: Record<string, 'fastapi' | 'flask'> = {
  'fastapi.FastAPI': 'fastapi',
  'fastapi.APIRouter': 'fastapi',
  'flask.Flask': 'flask',
  'flask.Blueprint': 'flask',
};

/** Canonical spellings for modules that are reachable under several names. */
export function canonical(name: string): string {
  if (name.startsWith('tensorflow.keras.')) return `keras.${name.slice(17)}`;
  if (name === 'tensorflow.keras') return 'keras';
  if (name.startsWith('tensorflow.python.keras.')) return `keras.${name.slice(24)}`;
  if (name.startsWith('tf_keras.')) return `keras.${name.slice(9)}`;
  if (name.startsWith('pytorch_lightning.')) return `lightning.${name.slice(18)}`;
  if (name.startsWith('lightning.pytorch.')) return `lightning.${name.slice(18)}`;
  if (name.startsWith('keras.src.')) return `keras.${name.slice(10)}`;
  return name;
}

export class ModuleModel {
  /** Local name → qualified name. */
  readonly imports = new Map<string, string>();
  /** Top-level import statements, for placing new imports. */
  readonly importStatements: SNode[] = [];
  readonly calls: CallSite[] = [];
  readonly functions: FunctionInfo[] = [];
  readonly classes = new Map<string, ClassInfo>();
  readonly loops: LoopInfo[] = [];
  readonly evidence: Evidence;
  private readonly assignments = new Map<string, Assignment[]>();
  private readonly callByNode = new Map<SNode, CallSite>();
  private readonly functionByNode = new Map<SNode, FunctionInfo>();
  private readonly loopByNode = new Map<SNode, LoopInfo>();
  private readonly withByNode = new Map<SNode, WithInfo>();
  private readonly contextCache = new Map<SNode, Context>();
  // Answers to the queries that many rules repeat for the same nodes (the model does not change
  // once built). Values and types are cached only for top-level questions outside f-string
  // evaluation, whose depth limits could otherwise cut an answer short.
  private readonly qualifyCache = new Map<SNode, string | null>();
  private readonly valueCache = new Map<SNode, Value>();
  private readonly resolveCache = new Map<Value, Value>();
  private readonly originCache = new Map<SNode, Map<string, SNode | null>>();
  private readonly originCallCache = new Map<SNode, CallSite | null>();
  private readonly typesCache = new Map<SNode, string[]>();
  private readonly importsModuleCache = new Map<string, boolean>();
  private byType?: Map<string, SNode[]>;
  /** Nesting of f-string evaluation, which may follow names into other f-strings. */
  private formatting = 0;

  constructor(
    readonly file: SourceFile,
    notebook: boolean,
  ) {
    const nodes = this.collect();
    this.evidence = { cuda: false, gpu: false, devices: [], notebook, webFramework: false };
    for (const n of nodes.imports) this.addImport(n);
    for (const n of nodes.classes) this.addClass(n);
    for (const n of nodes.functions) this.functionInfo(n);
    for (const n of nodes.calls) this.calls.push(this.callSite(n));
    for (const n of nodes.loops) this.loops.push(this.loopInfo(n)!);
    for (const f of this.functions) f.handler = this.handlerKind(f);
    this.evidence.webFramework = this.functions.some((f) => f.handler !== undefined);
    this.findCudaEvidence(nodes.strings);
  }

  text(node: SNode): string {
    return this.file.textOf(node);
  }

  /**
   * Every node of a type below the module, in source order (the order of
   * `descendants(file.root)`), indexed by one walk the first time any type is asked for.
   */
  nodesOfType(type: string): readonly SNode[] {
    if (!this.byType) {
      const byType = new Map<string, SNode[]>();
      const stack: SNode[] = [];
      const root = this.file.root;
      for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]);
      while (stack.length) {
        const n = stack.pop()!;
        const list = byType.get(n.type);
        if (list) list.push(n);
        else byType.set(n.type, [n]);
        const children = n.children;
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
      }
      this.byType = byType;
    }
    return this.byType.get(type) ?? NO_NODES;
  }

  // ---- collection (one walk) ----

  private collect() {
    const out = {
      imports: [] as SNode[],
      calls: [] as SNode[],
      functions: [] as SNode[],
      classes: [] as SNode[],
      loops: [] as SNode[],
      strings: [] as SNode[],
    };
    // Iterative walk (deeply nested code must not exhaust the stack); `scope` is the
    // function whose body a node is in, or the module.
    const stack: [SNode, SNode][] = [[this.file.root, this.file.root]];
    while (stack.length) {
      const [n, scope] = stack.pop()!;
      switch (n.type) {
        case 'import_statement':
        case 'import_from_statement':
          out.imports.push(n);
          if (n.parent?.type === 'module') this.importStatements.push(n);
          continue;
        case 'future_import_statement':
          if (n.parent?.type === 'module') this.importStatements.push(n);
          continue;
        case 'call':
          out.calls.push(n);
          break;
        case 'function_definition':
          out.functions.push(n);
          break;
        case 'class_definition':
          out.classes.push(n);
          break;
        case 'for_statement':
        case 'while_statement':
        case 'list_comprehension':
        case 'set_comprehension':
        case 'dictionary_comprehension':
        case 'generator_expression':
          out.loops.push(n);
          break;
        case 'string':
          out.strings.push(n);
          continue;
        case 'assignment':
        case 'augmented_assignment':
          this.recordAssignment(n, scope);
          break;
      }
      const inner = n.type === 'function_definition' ? n : scope;
      for (let i = n.children.length - 1; i >= 0; i--) stack.push([n.children[i], inner]);
    }
    return out;
  }

  private recordAssignment(n: SNode, scope: SNode): void {
    const left = child(n, 'left');
    const right = child(n, 'right');
    if (!left || !right || n.type === 'augmented_assignment') return;
    if (left.type === 'identifier' || left.type === 'attribute') {
      const target = this.text(left);
      const list = this.assignments.get(target) ?? [];
      list.push({ node: n, target, value: right, scope });
      this.assignments.set(target, list);
    }
  }

  // ---- imports ----

  private addImport(n: SNode): void {
    if (n.type === 'import_statement') {
      for (const c of n.children) {
        if (c.type === 'dotted_name') {
          const full = this.text(c);
          this.imports.set(full.split('.')[0], full.split('.')[0]);
          if (full.includes('.')) this.imports.set(full, canonical(full));
        } else if (c.type === 'aliased_import') {
          const name = child(c, 'name');
          const alias = child(c, 'alias');
          if (name && alias) this.imports.set(this.text(alias), canonical(this.text(name)));
        }
      }
      return;
    }
    const moduleNode = child(n, 'module_name');
    if (!moduleNode) return;
    const mod = this.text(moduleNode);
    for (const c of childrenOf(n, 'name')) {
      if (c.type === 'dotted_name') {
        const name = this.text(c);
        this.imports.set(name, canonical(`${mod}.${name}`));
      } else if (c.type === 'aliased_import') {
        const name = child(c, 'name');
        const alias = child(c, 'alias');
        if (name && alias) this.imports.set(this.text(alias), canonical(`${mod}.${this.text(name)}`));
      }
    }
  }

  /** Whether a module (or anything under it) is imported: `imports('torch')`. */
  importsModule(prefix: string): boolean {
    let found = this.importsModuleCache.get(prefix);
    if (found === undefined) {
      found = this.findImportedModule(prefix);
      this.importsModuleCache.set(prefix, found);
    }
    return found;
  }

  private findImportedModule(prefix: string): boolean {
    for (const q of this.imports.values()) if (q === prefix || q.startsWith(`${prefix}.`)) return true;
    return false;
  }

  // ---- names and values ----

  /** Qualified name of a name or attribute chain, resolved through imports. */
  qualify(node: SNode | undefined): string | undefined {
    if (!node) return undefined;
    const cached = this.qualifyCache.get(node);
    if (cached !== undefined) return cached ?? undefined;
    const q = this.qualified(node);
    this.qualifyCache.set(node, q ?? null);
    return q;
  }

  private qualified(node: SNode): string | undefined {
    const n = unparen(node);
    if (n.type === 'identifier') {
      const name = this.text(n);
      const imported = this.imports.get(name);
      if (imported) return imported;
      if (BUILTINS.has(name) && !this.assignments.has(name)) return name;
      return undefined;
    }
    if (n.type === 'attribute') {
      const obj = child(n, 'object');
      const attr = child(n, 'attribute');
      if (!obj || !attr) return undefined;
      const full = this.text(n);
      const direct = this.imports.get(full);
      if (direct) return direct;
      const base = this.qualify(obj);
      return base ? canonical(`${base}.${this.text(attr)}`) : undefined;
    }
    return undefined;
  }

  value(node: SNode | undefined, depth = 0): Value {
    if (!node) return { kind: 'unknown', node: this.file.root };
    if (depth !== 0 || this.formatting !== 0) return this.evaluate(node, depth);
    let v = this.valueCache.get(node);
    if (!v) {
      v = this.evaluate(node, 0);
      this.valueCache.set(node, v);
    }
    return v;
  }

  private evaluate(node: SNode, depth: number): Value {
    const n = unparen(node);
    if (depth > MAX_VALUE_DEPTH) return { kind: 'unknown', node: n };
    switch (n.type) {
      case 'integer':
      case 'float': {
        const v = Number(this.text(n).replace(/_/g, '').replace(/[jJ]$/, ''));
        return Number.isFinite(v) ? { kind: 'number', value: v, node: n } : { kind: 'unknown', node: n };
      }
      case 'unary_operator': {
        const arg = child(n, 'argument');
        const inner = this.value(arg);
        if (inner.kind === 'number' && this.text(n).trimStart().startsWith('-')) return { kind: 'number', value: -inner.value, node: n };
        return inner.kind === 'number' ? { ...inner, node: n } : { kind: 'unknown', node: n };
      }
      case 'string': {
        const s = stringLiteral(this.text(n));
        if (s !== undefined) return { kind: 'string', value: s, node: n };
        return this.formatted(n, depth);
      }
      case 'concatenated_string': {
        const parts = n.children.filter((c) => c.type !== 'comment').map((c) => this.value(c, depth + 1));
        if (parts.every((p) => p.kind === 'string')) return { kind: 'string', value: parts.map((p) => stringOf(p)).join(''), node: n };
        const pieces = parts.map((p) => templateOf(p));
        return pieces.every((p) => p !== undefined) ? { kind: 'unknown', node: n, template: pieces.join('') } : { kind: 'unknown', node: n };
      }
      case 'true':
      case 'false':
        return { kind: 'bool', value: n.type === 'true', node: n };
      case 'none':
        return { kind: 'none', node: n };
      case 'list':
      case 'tuple':
      case 'set':
        return { kind: 'list', items: n.children.filter((c) => c.type !== 'comment').map((c) => this.value(c, depth + 1)), node: n };
      case 'dictionary':
        return {
          kind: 'dict',
          entries: n.children
            .filter((c) => c.type === 'pair')
            .map((p) => ({ key: this.value(child(p, 'key'), depth + 1), value: this.value(child(p, 'value'), depth + 1) })),
          node: n,
        };
      case 'identifier':
      case 'attribute':
        return { kind: 'name', name: this.text(n), qualified: this.qualify(n), node: n };
      case 'call':
        return { kind: 'call', call: this.callSite(n, depth + 1), node: n };
      default:
        return { kind: 'unknown', node: n };
    }
  }

  /**
   * An f-string: its value when every interpolation is a plain name or expression that resolves
   * to a string or an integer (`f"{DATA_DIR}/train.csv"` with `DATA_DIR = "data"`), else unknown
   * with a template (`f"cuda:{rank}"` → `cuda:{}`). Conversions, format specs and `{x=}` are not
   * evaluated.
   */
  private formatted(n: SNode, depth: number): Value {
    const start = n.children[0];
    const end = n.children[n.children.length - 1];
    const unknown: Value = { kind: 'unknown', node: n };
    if (start?.type !== 'string_start' || end?.type !== 'string_end' || start === end) return unknown;
    const prefix = this.text(start).replace(/["']+$/, '');
    if (!/^[fFrR]{1,2}$/.test(prefix) || !/f/i.test(prefix)) return unknown;
    const raw = /r/i.test(prefix);
    const text = this.file.text;
    const literal = (from: number, to: number) => unescapeBody(text.slice(from, to), raw).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    let value = '';
    let template = '';
    let resolved = true;
    let pos = start.end;
    for (const c of n.children) {
      if (c.type !== 'interpolation') continue;
      const lit = literal(pos, c.start);
      value += lit;
      template += lit;
      pos = c.end;
      const piece = this.interpolated(c, depth);
      if (piece === undefined) {
        resolved = false;
        template += '{}';
      } else {
        value += piece;
        template += piece;
      }
    }
    const tail = literal(pos, end.start);
    return resolved ? { kind: 'string', value: value + tail, node: n } : { ...unknown, template: template + tail };
  }

  /** The text an f-string interpolation produces, when it is a name (or literal) that resolves to a string or an integer. */
  private interpolated(c: SNode, depth: number): string | undefined {
    const expr = child(c, 'expression');
    // Only `{expr}`: `{x!r}`, `{x:>8}` and `{x=}` change the text.
    if (!expr || this.text(c).slice(expr.end - c.start).replace(/\s/g, '') !== '}' || this.formatting > 4) return undefined;
    this.formatting++;
    try {
      const v = this.resolve(this.value(expr, depth + 1));
      if (v.kind === 'string') return v.value;
      if (v.kind === 'number' && Number.isInteger(v.value)) return String(v.value);
      return undefined;
    } finally {
      this.formatting--;
    }
  }

  /**
   * What a name refers to at `at`: the value last assigned to it before that point in the
   * innermost scope that assigns it (function, then module). Follows names a few steps.
   */
  resolve(v: Value, depth = 0): Value {
    if (v.kind !== 'name' || depth > 6) return v;
    if (depth !== 0 || this.formatting !== 0) return this.follow(v, depth);
    let r = this.resolveCache.get(v);
    if (!r) {
      r = this.follow(v, 0);
      this.resolveCache.set(v, r);
    }
    return r;
  }

  private follow(v: Value & { kind: 'name' }, depth: number): Value {
    const origin = this.originOf(v.name, v.node);
    return origin ? this.resolve(this.value(origin), depth + 1) : v;
  }

  /**
   * The default a name falls back to when nothing in the file assigns it: a parameter's default
   * (`def train(epochs=500)`), or an argparse option's (`args.epochs` from
   * `add_argument("--epochs", default=40)`).
   */
  defaultOf(name: string, at: SNode): SNode | undefined {
    const dot = name.indexOf('.');
    if (dot < 0) {
      const fn = this.context(at).func;
      for (const p of (fn && child(fn.node, 'parameters')?.children) ?? []) {
        if (p.type !== 'default_parameter' && p.type !== 'typed_default_parameter') continue;
        const id = child(p, 'name');
        if (id && this.text(id) === name) return child(p, 'value');
      }
      return undefined;
    }
    const attr = name.slice(dot + 1);
    if (attr.includes('.')) return undefined;
    const flags = new Set([`--${attr}`, `--${attr.replace(/_/g, '-')}`, `-${attr}`]);
    for (const c of this.calls) {
      if (c.name !== 'add_argument' || !c.receiver) continue;
      const dest = c.kwargs.get('dest');
      const named = dest?.kind === 'string' ? dest.value === attr : c.args.some((a) => a.kind === 'string' && flags.has(a.value));
      if (named) return c.kwargs.get('default')?.node;
    }
    return undefined;
  }

  /** Every plain assignment to `name` (`name = value`), in source order, with the scope that owns it. */
  assignmentsOf(name: string): readonly Assignment[] {
    return this.assignments.get(name) ?? [];
  }

  /** The expression last assigned to `name` in scope at node `at`. */
  originOf(name: string, at: SNode): SNode | undefined {
    const list = this.assignments.get(name);
    if (!list) return undefined;
    let byName = this.originCache.get(at);
    if (!byName) {
      byName = new Map();
      this.originCache.set(at, byName);
    }
    const cached = byName.get(name);
    if (cached !== undefined) return cached ?? undefined;
    const origin = this.lastAssigned(list, name, at);
    byName.set(name, origin ?? null);
    return origin;
  }

  private lastAssigned(list: Assignment[], name: string, at: SNode): SNode | undefined {
    const fn = this.context(at).func?.node;
    const pick = (scope: SNode): SNode | undefined => {
      let best: Assignment | undefined;
      let any: Assignment | undefined;
      for (const a of list) {
        if (a.scope !== scope) continue;
        any ??= a;
        if (a.node.start < at.start && a.value !== at && !contains(a.node, at)) best = a;
      }
      return (best ?? (scope === this.file.root ? undefined : any))?.value;
    };
    return (fn && pick(fn)) || pick(this.file.root) || this.classAttribute(name, at);
  }

  /** `self.model` assigned anywhere in the enclosing class. */
  private classAttribute(name: string, at: SNode): SNode | undefined {
    if (!name.startsWith('self.')) return undefined;
    const cls = this.context(at).cls?.node;
    const list = this.assignments.get(name);
    return list?.find((a) => cls && contains(cls, a.node))?.value;
  }

  /** The call that produced a value, following variables: `m = X(); m` → `X()`. */
  originCall(node: SNode | undefined): CallSite | undefined {
    if (!node) return undefined;
    if (this.formatting !== 0) return this.callOf(node);
    const cached = this.originCallCache.get(node);
    if (cached !== undefined) return cached ?? undefined;
    const call = this.callOf(node);
    this.originCallCache.set(node, call ?? null);
    return call;
  }

  private callOf(node: SNode): CallSite | undefined {
    const v = this.resolve(this.value(node));
    return v.kind === 'call' ? v.call : undefined;
  }

  /**
   * Qualified types an expression may have: the constructor (or factory) it came from, the
   * bases of a local class, or what a local function returns. Methods that return their
   * receiver (`.to()`, `.cuda()`, `.eval()`) are seen through.
   */
  typesOf(node: SNode | undefined, depth = 0): string[] {
    if (!node || depth > 6) return [];
    if (depth !== 0 || this.formatting !== 0) return this.typesFrom(node, depth);
    let types = this.typesCache.get(node);
    if (!types) {
      types = this.typesFrom(node, 0);
      this.typesCache.set(node, types);
    }
    return types;
  }

  private typesFrom(node: SNode, depth: number): string[] {
    const call = this.originCall(node);
    if (!call) return [];
    if (call.receiver && PASS_THROUGH.has(call.name)) return this.typesOf(call.receiver, depth + 1);
    if (call.qualified) return [call.qualified];
    if (call.callee.type === 'identifier') {
      const name = this.text(call.callee);
      const cls = this.classes.get(name);
      if (cls) return [name, ...cls.bases];
      const fn = this.functions.find((f) => f.name === name && !f.cls);
      if (fn) return this.returnTypes(fn, depth);
    }
    return [];
  }

  private returnTypes(fn: FunctionInfo, depth: number): string[] {
    return this.returnsOf(fn).flatMap((r) => (r.children[0] ? this.typesOf(r.children[0], depth + 1) : []));
  }

  /** The `return` statements of a function's own body (not of functions or classes nested in it), in source order. */
  returnsOf(fn: FunctionInfo): SNode[] {
    const out: SNode[] = [];
    const body = child(fn.node, 'body');
    if (!body) return out;
    const stack = [...body.children];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'function_definition' || n.type === 'class_definition') continue;
      if (n.type === 'return_statement') out.push(n);
      else stack.push(...n.children);
    }
    return out.sort((a, b) => a.start - b.start);
  }

  // ---- calls ----

  callSite(n: SNode, depth = 0): CallSite {
    const cached = this.callByNode.get(n);
    if (cached) return cached;
    const callee = child(n, 'function') ?? n;
    const argList = child(n, 'arguments') ?? n;
    const args: Value[] = [];
    const kwargs = new Map<string, Value>();
    let hasSplat = false;
    const site: CallSite = { node: n, callee, name: '', args, kwargs, argList, hasSplat };
    this.callByNode.set(n, site);
    const c = unparen(callee);
    if (c.type === 'attribute') {
      site.receiver = child(c, 'object');
      const attr = child(c, 'attribute');
      site.name = attr ? this.text(attr) : '';
    } else {
      site.name = this.text(c);
    }
    site.qualified = this.qualify(c);
    if (argList.type === 'argument_list') {
      for (const a of argList.children) {
        if (a.type === 'keyword_argument') {
          const k = child(a, 'name');
          if (k) kwargs.set(this.text(k), this.value(child(a, 'value'), depth + 1));
        } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
          hasSplat = true;
        } else if (a.type !== 'comment') {
          args.push(this.value(a, depth + 1));
        }
      }
    } else if (argList.type === 'generator_expression') {
      args.push(this.value(argList, depth + 1));
    }
    site.hasSplat = hasSplat;
    return site;
  }

  /**
   * The call a method chain starts from, skipping the methods named in `through`:
   * `torch.zeros(3).float()` → `torch.zeros(3)` with `through` holding `float`. The call itself
   * when its callee is not a method of a call.
   */
  chainStart(call: CallSite, through: ReadonlySet<string>, depth = 0): CallSite {
    const receiver = call.receiver && unparen(call.receiver);
    if (depth > 8 || !through.has(call.name) || receiver?.type !== 'call') return call;
    return this.chainStart(this.callSite(receiver), through, depth + 1);
  }

  /** Argument by keyword, or by position when the keyword is absent. */
  arg(call: CallSite, keyword: string, position?: number): Value | undefined {
    return call.kwargs.get(keyword) ?? (position === undefined ? undefined : call.args[position]);
  }

  /** Calls whose callee qualifies to one of `names`. */
  callsTo(...names: string[]): CallSite[] {
    const set = new Set(names);
    return this.calls.filter((c) => c.qualified !== undefined && set.has(c.qualified));
  }

  // ---- context ----

  context(node: SNode): Context {
    const cached = this.contextCache.get(node);
    if (cached) return cached;
    const ctx: Context = { loops: [], withs: [] };
    let prev: SNode = node;
    for (let p: SNode | null = node.parent; p; prev = p, p = p.parent) {
      if (!ctx.func && p.type === 'function_definition') {
        ctx.func = this.functionInfo(p);
        ctx.cls ??= ctx.func.cls;
      } else if (!ctx.cls && p.type === 'class_definition') {
        ctx.cls = this.classes.get(this.text(child(p, 'name') ?? p));
      } else if (p.type === 'for_statement' || p.type === 'while_statement') {
        if (prev.field === 'body') ctx.loops.push(this.loopInfo(p)!);
      } else if (COMPREHENSIONS.has(p.type)) {
        if (prev.field === 'body' || prev.type === 'if_clause' || (prev.type === 'for_in_clause' && prev !== firstClause(p))) {
          ctx.loops.push(this.loopInfo(p)!);
        }
      } else if (p.type === 'with_statement' && prev.field === 'body') {
        ctx.withs.push(this.withInfo(p));
      }
    }
    this.contextCache.set(node, ctx);
    return ctx;
  }

  loopInfo(n: SNode): LoopInfo | undefined {
    const cached = this.loopByNode.get(n);
    if (cached) return cached;
    let info: LoopInfo | undefined;
    if (n.type === 'for_statement') {
      info = {
        node: n,
        kind: 'for',
        targets: boundNames(this.file, child(n, 'left')),
        iter: child(n, 'right'),
        body: child(n, 'body') ?? n,
      };
    } else if (n.type === 'while_statement') {
      info = { node: n, kind: 'while', targets: [], body: child(n, 'body') ?? n };
    } else if (COMPREHENSIONS.has(n.type)) {
      const clauses = n.children.filter((c) => c.type === 'for_in_clause');
      info = {
        node: n,
        kind: 'comprehension',
        targets: clauses.flatMap((c) => boundNames(this.file, child(c, 'left'))),
        iter: clauses[0] && child(clauses[0], 'right'),
        body: child(n, 'body') ?? n,
      };
    }
    if (info) this.loopByNode.set(n, info);
    return info;
  }

  private withInfo(n: SNode): WithInfo {
    const cached = this.withByNode.get(n);
    if (cached) return cached;
    const managers: string[] = [];
    const clause = n.children.find((c) => c.type === 'with_clause');
    for (const item of clause?.children ?? []) {
      if (item.type !== 'with_item') continue;
      let v = child(item, 'value');
      if (v?.type === 'as_pattern') v = v.children[0];
      if (!v) continue;
      const call = unparen(v).type === 'call' ? this.callSite(unparen(v)) : undefined;
      const q = call ? call.qualified : this.qualify(v);
      if (q) managers.push(q);
    }
    const info = { node: n, managers };
    this.withByNode.set(n, info);
    return info;
  }

  functionInfo(n: SNode): FunctionInfo {
    const cached = this.functionByNode.get(n);
    if (cached) return cached;
    const params: string[] = [];
    for (const p of child(n, 'parameters')?.children ?? []) {
      const id = p.type === 'identifier' ? p : p.children.find((c) => c.type === 'identifier');
      if (id) params.push(this.text(id));
    }
    const decorators: FunctionInfo['decorators'] = [];
    if (n.parent?.type === 'decorated_definition') {
      for (const d of n.parent.children) {
        if (d.type !== 'decorator') continue;
        const expr = d.children[0];
        if (!expr) continue;
        const e = unparen(expr);
        const call = e.type === 'call' ? this.callSite(e) : undefined;
        decorators.push({ node: d, call, qualified: call ? call.qualified : this.qualify(e) });
      }
    }
    const owner = n.parent?.type === 'decorated_definition' ? n.parent.parent : n.parent;
    const clsNode = owner?.type === 'block' && owner.parent?.type === 'class_definition' ? owner.parent : undefined;
    const info: FunctionInfo = {
      node: n,
      name: this.text(child(n, 'name') ?? n),
      params,
      decorators,
      cls: clsNode ? this.classes.get(this.text(child(clsNode, 'name') ?? clsNode)) : undefined,
    };
    this.functionByNode.set(n, info);
    this.functions.push(info);
    return info;
  }

  private addClass(n: SNode): void {
    const name = this.text(child(n, 'name') ?? n);
    const bases: string[] = [];
    for (const b of child(n, 'superclasses')?.children ?? []) {
      if (b.type === 'keyword_argument') continue;
      const q = this.qualify(b);
      if (q) bases.push(q);
      else if (b.type === 'identifier') {
        const local = this.classes.get(this.text(b));
        if (local) bases.push(this.text(b), ...local.bases);
      }
    }
    this.classes.set(name, { node: n, name, bases });
  }

  private handlerKind(f: FunctionInfo): FunctionInfo['handler'] {
    for (const d of f.decorators) {
      const call = d.call;
      if (!call || !call.receiver || !HANDLER_METHODS.has(call.name)) continue;
      const types = this.typesOf(call.receiver);
      for (const t of types) if (WEB_APPS[t]) return WEB_APPS[t];
      // The app object imported from another module of the project.
      if (types.length === 0 && call.receiver.type === 'identifier') {
        if (this.importsModule('fastapi')) return 'fastapi';
        if (this.importsModule('flask')) return 'flask';
      }
    }
    if (f.decorators.some((d) => d.qualified?.startsWith('rest_framework.decorators.api_view'))) return 'django';
    if (this.importsModule('django')) {
      if (!f.cls && f.params[0] === 'request') return 'django';
      if (f.cls && f.params[1] === 'request' && f.cls.bases.some((b) => b.startsWith('django.') || b.startsWith('rest_framework.'))) return 'django';
    }
    if (!f.cls && f.params.length === 2 && f.params[0] === 'event' && f.params[1] === 'context') return 'lambda';
    return undefined;
  }

  // ---- evidence ----

  private findCudaEvidence(strings: SNode[]): void {
    const add = (backend: Backend, node: SNode) => {
      if (!this.evidence.devices.some((d) => d.backend === backend)) this.evidence.devices.push({ backend, node });
    };
    for (const c of this.calls) {
      const d = deviceOfCall(c);
      if (d) add(d.backend, d.node);
    }
    const torch = this.importsModule('torch');
    for (const s of strings) {
      const raw = this.text(s);
      const backend = deviceOfString(stringLiteral(raw), raw);
      // `"mps"`/`"xpu"` name devices only in PyTorch code.
      if (backend && (backend === 'cuda' || torch)) add(backend, s);
    }
    const cuda = this.evidence.devices.find((d) => d.backend === 'cuda' || d.backend === 'accelerator' || d.backend === 'xpu');
    this.evidence.cuda = cuda !== undefined;
    this.evidence.cudaNode = cuda?.node;
    this.evidence.gpu = this.evidence.devices.some((d) => d.backend !== 'tpu');
  }
}

const NO_NODES: readonly SNode[] = [];

/** Literals nested deeper than this are not worth modelling (and would risk the stack). */
const MAX_VALUE_DEPTH = 64;
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const PASS_THROUGH = new Set(['to', 'cuda', 'cpu', 'eval', 'train', 'float', 'half', 'double', 'bfloat16', 'requires_grad_']);

function firstClause(n: SNode): SNode | undefined {
  return n.children.find((c) => c.type === 'for_in_clause');
}

export function contains(outer: SNode, inner: SNode): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

function boundNames(file: SourceFile, target: SNode | undefined): string[] {
  if (!target) return [];
  if (target.type === 'identifier') return [file.textOf(target)];
  const out: string[] = [];
  for (const c of target.children) out.push(...boundNames(file, c));
  return out;
}

/** The value of a plain Python string literal, or undefined for f-strings and odd prefixes. */
export function stringLiteral(src: string): string | undefined {
  const m = /^([rRuUbB]{0,2})("""|'''|"|')([\s\S]*)\2$/.exec(src);
  if (!m) return undefined;
  return unescapeBody(m[3], /r/i.test(m[1]));
}

/** A string literal's body with its common escapes decoded (raw strings as written). */
function unescapeBody(body: string, raw: boolean): string {
  if (raw) return body;
  return body.replace(/\\(n|t|r|\\|'|"|\n)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '\n': '' })[c] ?? c);
}
