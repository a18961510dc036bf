// FRG406: TensorFlow.js tensors created inside a loop, a request handler or a per-frame callback
// and never released (no `tf.tidy`, no `dispose()`), so GPU/WebGL or native memory grows with
// every iteration and every later allocation gets slower.
import type { JsModel } from '../../model/js-model';
import { contains, unwrap } from '../../model/js-model';
import type { CallSite } from '../../model/model';
import { child, descendants, type SNode } from '../../parse/syntax';
import { FEW_ITERATIONS, isReadback, isTensorCall, isTestFile, isTfModel, literalIterations, repeatingScope, type Repeating, tfNamespace } from '../js/shared';
import type { JsRuleContext, OffsetEdit, Rule } from '../rule';

/** tf.js model methods that consume tensors without keeping them. */
const CONSUMERS = new Set(['fit', 'evaluate', 'trainOnBatch', 'predict', 'execute', 'executeAsync', 'predictOnBatch']);

type Fate = 'leaks' | 'released' | 'escapes';

/** Calls that only read or print their arguments. */
function isLogging(model: JsModel, call: CallSite): boolean {
  return (call.receiver !== undefined && model.text(call.receiver) === 'console') || call.qualified === 'tf.print';
}

/** What happens to the tensor an expression produces, from its place in the code. */
function fateOfExpression(model: JsModel, expr: SNode): Fate | { variable: SNode } {
  let n = expr;
  while (n.parent && (n.parent.type === 'AwaitExpression' || n.parent.type === 'TSAsExpression' || n.parent.type === 'TSNonNullExpression')) n = n.parent;
  const p = n.parent;
  if (!p) return 'escapes';
  if (p.type === 'MemberExpression' && n.field === 'object') {
    const call = p.parent?.type === 'CallExpression' && p.field === 'callee' ? model.callAt(p.parent) : undefined;
    if (!call) return 'escapes';
    if (call.name === 'dispose') return 'released';
    if (isReadback(call.name) || isTensorCall(model, call)) return 'leaks';
    return 'escapes';
  }
  if ((p.type === 'CallExpression' || p.type === 'NewExpression') && n.field === 'arguments') {
    const call = model.callAt(p);
    if (!call) return 'escapes';
    if (call.qualified === 'tf.dispose') return 'released';
    if (call.qualified === 'tf.keep') return 'escapes';
    if (isTensorCall(model, call) || isLogging(model, call) || call.qualified === 'tf.browser.toPixels' || call.qualified === 'tf.browser.draw') return 'leaks';
    if (CONSUMERS.has(call.name) && isTfModel(model, call.receiver)) return 'leaks';
    return 'escapes';
  }
  if (p.type === 'VariableDeclarator' && n.field === 'init') {
    const id = child(p, 'id');
    return id?.type === 'Identifier' ? { variable: id } : 'escapes';
  }
  if (p.type === 'AssignmentExpression' && n.field === 'right') {
    const left = child(p, 'left');
    if (left?.type !== 'Identifier') return 'escapes';
    // An outer variable overwritten each time: the old tensor leaks unless it is disposed somewhere.
    return disposedAnywhere(model, model.text(left)) ? 'released' : 'leaks';
  }
  if (p.type === 'ExpressionStatement') return 'leaks';
  return 'escapes';
}

/** `x.dispose()` or `tf.dispose(… x …)` anywhere in the file. */
function disposedAnywhere(model: JsModel, name: string): boolean {
  return model.calls.some(
    (c) =>
      (c.name === 'dispose' && c.receiver !== undefined && model.text(unwrap(c.receiver)) === name) ||
      (c.qualified === 'tf.dispose' && c.args.some((a) => new RegExp(`\\b${name}\\b`).test(model.text(a.node)))),
  );
}

/** What happens to a tensor held in a variable: every use in its scope is looked at. */
function fateOfVariable(model: JsModel, id: SNode): Fate {
  const name = model.text(id);
  const d = model.declarationOf(name, id);
  const scope = d?.scope ?? model.file.root;
  for (const n of descendants(scope)) {
    if (n.type !== 'Identifier' || n === id || model.text(n) !== name) continue;
    if (n.field === 'property' && n.parent?.type === 'MemberExpression') continue;
    if (n.field === 'key' && n.parent?.type === 'Property' && model.text(n.parent) !== name) continue;
    if (model.declarationOf(name, n) !== d) continue;
    const fate = fateOfExpression(model, n);
    if (fate === 'released') return 'released';
    if (fate === 'escapes' || typeof fate === 'object') return 'escapes';
  }
  return 'leaks';
}

function fateOf(model: JsModel, call: CallSite): Fate {
  const f = fateOfExpression(model, call.node);
  return typeof f === 'object' ? fateOfVariable(model, f.variable) : f;
}

const TIDY_BLOCKERS = new Set(['AwaitExpression', 'ReturnStatement', 'BreakStatement', 'ContinueStatement', 'YieldExpression']);

/** Statements in a body that stop `tf.tidy` from wrapping it: `await`, `return`, `break`, `continue`, `yield`, `var`. */
function blocksTidy(body: SNode): boolean {
  const stack = [...body.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'FunctionDeclaration') continue;
    if (TIDY_BLOCKERS.has(n.type)) return true;
    stack.push(...n.children);
  }
  return false;
}

function tidyFix(ctx: JsRuleContext, scope: Repeating): OffsetEdit[] | undefined {
  const { model } = ctx;
  const tf = tfNamespace(model);
  if (!tf || scope.kind === 'handler') return undefined;
  const body = scope.kind === 'loop' ? scope.loop.body : child(scope.node, 'body');
  if (!body || body.type !== 'BlockStatement' || blocksTidy(body) || /^for\s+await\b/.test(model.text(scope.node))) return undefined;
  if (/\bvar\s/.test(model.text(body))) return undefined;
  // Tidy would dispose a tensor the body hands on: only when every tensor made there stays there.
  if (model.calls.some((c) => contains(body, c.node) && isTensorCall(model, c) && fateOf(model, c) === 'escapes')) return undefined;
  // …and nothing outside the body is assigned in it (an accumulator would be disposed).
  for (const n of descendants(body)) {
    if (n.type !== 'AssignmentExpression' && n.type !== 'UpdateExpression') continue;
    const target = child(n, n.type === 'AssignmentExpression' ? 'left' : 'argument');
    if (!target || target.type !== 'Identifier') return undefined;
    const d = model.declarationOf(model.text(target), target);
    if (!d || !contains(body, d.node)) return undefined;
  }
  // The body's statements, indented one level deeper inside the tidy callback.
  const text = model.file.text;
  const lineStart = text.lastIndexOf('\n', body.start) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const inner = text.slice(body.start + 1, body.end - 1).replace(/^\n/, '').replace(/\n[ \t]*$/, '');
  if (!inner.includes('\n') && inner.trim() === '') return undefined;
  const lines = inner.split('\n').map((l) => (l.trim() ? `  ${l}` : l));
  return [{ start: body.start, end: body.end, text: `{\n${indent}  ${tf}.tidy(() => {\n${lines.join('\n')}\n${indent}  });\n${indent}}` }];
}

export const tensorLeakInLoop: Rule = {
  meta: {
    code: 'FRG406',
    name: 'tensor-leak-in-loop',
    category: 'inference',
    severity: 'warning',
    summary: 'TensorFlow.js tensors created in a loop, request handler or per-frame callback and never disposed',
    messages: {
      loop: '{count} created in this loop {verb} never disposed: every iteration leaks GPU/WebGL or native memory and slows later allocations; wrap the body in `tf.tidy(() => …)` or `dispose()` them',
      frame: '{count} created on every frame {verb} never disposed: memory grows until the page slows down or crashes; wrap the frame\'s work in `tf.tidy(() => …)` or `dispose()` them',
      handler: '{count} created in request handler `{handler}` {verb} never disposed: every request leaks native memory; wrap the work in `tf.tidy(() => …)` or `dispose()` them',
    },
    fixTitle: 'Wrap the loop body in `tf.tidy`',
    languages: ['typescript', 'javascript'],
    docs: {
      whatItDoes:
        'Checks TensorFlow.js code for tensors made inside a loop (`for`, `while`, `forEach`/`map` callbacks), a per-frame callback (`requestAnimationFrame`, `setInterval`, a function that re-schedules itself with `setTimeout`) or a request handler (Express, Fastify, Koa, Hono, `http.createServer`, Next.js route handlers, Lambda handlers, worker `message` handlers, and the local functions they call) that are never released: not inside `tf.tidy`, never `dispose()`d or passed to `tf.dispose`. Tensors come from `tf.*` ops, tensor methods (`.add`, `.div`, `.expandDims`, `.resizeBilinear`, …) and `model.predict`/`execute`; an intermediate of a chain (`tf.browser.fromPixels(v).toFloat().div(255)`) counts, and so does a tensor read back with `dataSync()` and then dropped. Tensors that leave the code the rule can see — returned, stored in an array or object, assigned to a property, passed to a function of your own — are assumed to be managed there and are not reported; neither is a file that uses `tf.engine().startScope()`, a loop a literal count shows to run at most 16 times (a warm-up, a demo over a short list), code under a constant-false condition, or a test file (`*.test.ts`, `*_test.js`, `*.spec.js`, `__tests__/`). What `tf.tidy(() => …)` returns is a tensor too, and must be disposed by its caller; work inside `optimizer.minimize` and `tf.variableGrads` runs in a tidy scope. One finding per loop or handler, at the first leak, with the others as related locations.',
      whyBad:
        'TensorFlow.js cannot garbage-collect the memory behind a tensor: on the WebGL and WebGPU backends it is a GPU texture or buffer, in `tfjs-node` native memory. A tensor that is never disposed stays allocated, so a loop that leaks a few tensors per iteration grows memory without bound; the backend then spends more and more time paging textures and allocating, and a page or server eventually slows to a crawl or runs out of memory.',
      evidence:
        'The TensorFlow.js guide ("Tensors and operations", memory section) states that tensors on the WebGL backend must be managed explicitly with `dispose()` or `tf.tidy()` because "the browser does not garbage collect WebGL textures", and `tf.memory().numTensors` is the documented way to see the leak. No energy figure is measured for this rule. For scale: one 224×224×3 float32 frame is 602 KB, so leaking four such tensors per frame at 60 frames per second leaks about 144 MB of GPU memory per second.',
      example:
        'async function loop() {\n  const frame = tf.browser.fromPixels(video).toFloat().div(255).expandDims();\n  const scores = model.predict(frame);\n  draw(scores.dataSync());\n  requestAnimationFrame(loop);\n}',
      useInstead:
        'async function loop() {\n  const scores = tf.tidy(() => {\n    const frame = tf.browser.fromPixels(video).toFloat().div(255).expandDims();\n    return model.predict(frame).dataSync();\n  });\n  draw(scores);\n  requestAnimationFrame(loop);\n}',
      fixSafety:
        'Unsafe: the fix wraps a loop or callback body in `tf.tidy(() => { … })`, which disposes every tensor made inside when the body ends. It is offered only where the body has no `await`, `return`, `break`, `continue` or `var` and no tensor leaves it, but a tensor kept in a way the rule cannot see (a closure, a global) would be disposed too, so review it.',
    },
  },
  create() {
    return {};
  },
  createJs(ctx) {
    const { model } = ctx;
    if (!model.importsModule('tf') || /\bstartScope\s*\(/.test(model.file.text) || isTestFile(ctx.path)) return {};
    const groups = new Map<SNode, { scope: Repeating; leaks: CallSite[] }>();
    return {
      call(call) {
        if (!isTensorCall(model, call) || model.inTidy(call.node)) return;
        // Inner parts of a chain are judged through the chain; report the statement once.
        const scope = repeatingScope(model, call.node);
        if (!scope) return;
        if (scope.kind === 'loop') {
          const n = literalIterations(model, scope.loop);
          if (n !== undefined && n <= FEW_ITERATIONS) return;
        }
        if (fateOf(model, call) !== 'leaks') return;
        const group = groups.get(scope.node) ?? { scope, leaks: [] };
        group.leaks.push(call);
        groups.set(scope.node, group);
      },
      end() {
        for (const { scope, leaks } of groups.values()) {
          leaks.sort((a, b) => a.node.start - b.node.start);
          // A chain leaks each intermediate; count and show each statement once.
          const statements: CallSite[] = [];
          for (const l of leaks) if (!statements.some((s) => contains(s.node, l.node) || contains(l.node, s.node))) statements.push(l);
          const first = statements[0];
          const count = leaks.length === 1 ? 'A tensor' : `${leaks.length} tensors`;
          const handler = scope.kind === 'handler' ? model.functionInfo(scope.node).name || 'handler' : '';
          const edits = tidyFix(ctx, scope);
          ctx.report({
            node: first.node,
            messageId: scope.kind,
            data: { count, verb: leaks.length === 1 ? 'is' : 'are', handler },
            related: statements.slice(1).map((s) => ({ node: s.node, message: 'also never disposed' })),
            fix: edits ? { edits, safety: 'unsafe' } : undefined,
          });
        }
      },
    };
  },
};
