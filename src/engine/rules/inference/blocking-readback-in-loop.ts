// FRG407: `dataSync()`/`arraySync()`/`bufferSync()` on a GPU-backed TensorFlow.js tensor inside a
// loop, a request handler or a per-frame callback: each call stalls the thread until the GPU has
// finished and copied the values back.
import type { JsModel } from '../../model/js-model';
import { child, type SNode } from '../../parse/syntax';
import { FEW_ITERATIONS, isSequentialLoop, isTestFile, literalIterations, repeatingScope, SYNC_READBACKS } from '../js/shared';

function conditional(node: SNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'IfStatement' || p.type === 'ConditionalExpression' || p.type === 'CatchClause' || p.type === 'LogicalExpression') return true;
    if (p.type === 'FunctionDeclaration' || p.type === 'Program') return false;
  }
  return false;
}

/** `await x` needs parentheses only where a member or index follows: `(await x.data())[0]`. */
function wrapIfMember(node: SNode, text: string): string {
  return node.parent?.type === 'MemberExpression' && node.field === 'object' ? `(${text})` : text;
}

/** Under `if (step % 50 === 0)`: a logging interval, not every iteration. */
function periodic(model: JsModel, node: SNode, scope: SNode): boolean {
  for (let p = node.parent; p && p !== scope; p = p.parent) {
    if (p.type === 'IfStatement' || p.type === 'ConditionalExpression') {
      const test = child(p, 'test');
      if (test && /%/.test(model.text(test))) return true;
    }
  }
  return false;
}
import type { Rule } from '../rule';

/** The backend the file runs tf.js on is a GPU one: WebGL/WebGPU in a browser, or tfjs-node-gpu. */
export function gpuBackend(model: JsModel): string | undefined {
  const sources = model.importRecords.map((r) => r.source);
  if (sources.includes('@tensorflow/tfjs-node-gpu')) return 'tfjs-node-gpu (CUDA)';
  // A fallback under a condition or in a `catch` (`if (!webgl) setBackend('cpu')`) does not decide the backend.
  const set = model.calls.find((c) => c.qualified === 'tf.setBackend' && !conditional(c.node));
  // A backend chosen at run time (`setBackend(state.backend)`) may be WASM or the CPU.
  if (set && set.args[0]?.kind !== 'string') return undefined;
  const backend = set?.args[0]?.kind === 'string' ? set.args[0].value : undefined;
  if (backend === 'webgl' || backend === 'webgpu') return backend === 'webgl' ? 'WebGL' : 'WebGPU';
  if (backend !== undefined) return undefined;
  if (sources.some((s) => s === '@tensorflow/tfjs-backend-webgpu')) return 'WebGPU';
  if (sources.some((s) => s === '@tensorflow/tfjs-backend-webgl')) return 'WebGL';
  // The plain package in a browser program defaults to WebGL.
  const plain = sources.some((s) => s === '@tensorflow/tfjs' || s === '@tensorflow/tfjs-core');
  if (plain && !sources.some((s) => s.startsWith('@tensorflow/tfjs-node')) && !model.evidence.node && model.evidence.browser) return 'WebGL';
  return undefined;
}

export const blockingReadbackInLoop: Rule = {
  meta: {
    code: 'FRG407',
    name: 'blocking-readback-in-loop',
    category: 'inference',
    severity: 'warning',
    summary: 'Synchronous `dataSync()`/`arraySync()` readback of a GPU tensor in a loop, request handler or per-frame callback',
    messages: {
      default:
        '`{call}()` in this {where} blocks the thread until the {backend} backend finishes and copies the tensor back, once per {unit}: use `await {async}()` and read back once per batch',
    },
    fixTitle: 'Use `await …data()`',
    languages: ['typescript', 'javascript'],
    docs: {
      whatItDoes:
        'Checks TensorFlow.js code on a GPU backend — the plain `@tensorflow/tfjs` package in a browser program (WebGL by default), `@tensorflow/tfjs-backend-webgl`/`-webgpu`, `tf.setBackend(\'webgl\'|\'webgpu\')` or `@tensorflow/tfjs-node-gpu` — for `dataSync()`, `arraySync()` and `bufferSync()` on a tensor inside a loop, an iteration callback, a per-frame callback (`requestAnimationFrame`, `setInterval`) or a request handler. Left alone: loops a literal count shows to run at most 16 times, loops whose next step needs this step\'s value (a `while` whose condition reads what the body computes, or a `break`: decoding until an end token), readbacks under a periodic condition (`if (step % 100 === 0)`), helpers called once per iteration from elsewhere, code under a constant-false condition, test files, a backend chosen at run time (`setBackend(state.backend)`), and `tfjs-node` on the CPU, where ops run synchronously anyway and the readback is a memory copy.',
      whyBad:
        'GPU backends queue work asynchronously. A synchronous readback forces the queue to drain and the result to be copied back while the JavaScript thread waits: in a browser the page freezes for that time and the GPU then sits idle while the next iteration is prepared, so every iteration pays a full pipeline stall. `await tensor.data()` lets the thread keep working, and reading back once per batch rather than per item removes most stalls.',
      evidence:
        'The TensorFlow.js documentation for `dataSync()` warns that it "will block the UI thread until the values are ready, which can cause performance issues" and recommends `data()`; the TensorFlow.js platform-and-environment guide explains that WebGL operations are queued asynchronously. No energy figure is measured for this rule; the stall is at least one GPU round trip per call, and at 60 frames per second the whole frame has 16.7 ms.',
      example: 'for (const img of images) {\n  const probs = model.predict(preprocess(img));\n  results.push(probs.dataSync()[0]);\n}',
      useInstead: 'const batch = tf.stack(images.map(preprocess));\nconst probs = model.predict(batch);\nresults.push(...(await probs.data()));',
      fixSafety:
        'Unsafe: replacing `x.dataSync()` with `(await x.data())` is offered inside `async` functions only; it lets other code run while the values arrive, which can change the order of side effects.',
    },
  },
  create() {
    return {};
  },
  createJs(ctx) {
    const { model } = ctx;
    const backend = gpuBackend(model);
    if (!backend || isTestFile(ctx.path)) return {};
    return {
      call(call) {
        if (!SYNC_READBACKS.has(call.name) || !call.receiver || call.args.length > 0) return;
        const scope = repeatingScope(model, call.node);
        if (!scope) return;
        if (scope.kind === 'loop') {
          // Its own loop: a helper called once per epoch is not a hot path.
          if (scope.via) return;
          const n = literalIterations(model, scope.loop);
          if (n !== undefined && n <= FEW_ITERATIONS) return;
          // Decoding until an end token needs each value before the next step.
          if (isSequentialLoop(model, scope.loop)) return;
        }
        if (periodic(model, call.node, scope.node)) return;
        const asyncName = call.name.replace(/Sync$/, '');
        const fn = model.enclosingFunction(call.node);
        const edits = fn?.async && call.node.parent?.type !== 'AwaitExpression'
          ? [{ start: call.node.start, end: call.node.end, text: wrapIfMember(call.node, `await ${model.text(call.receiver)}.${asyncName}()`) }]
          : undefined;
        ctx.report({
          node: call.callee,
          data: {
            call: call.name,
            async: asyncName,
            backend,
            where: scope.kind === 'frame' ? 'per-frame callback' : scope.kind === 'handler' ? 'request handler' : 'loop',
            unit: scope.kind === 'frame' ? 'frame' : scope.kind === 'handler' ? 'request' : 'iteration',
          },
          fix: edits ? { edits, safety: 'unsafe' } : undefined,
        });
      },
    };
  },
};
