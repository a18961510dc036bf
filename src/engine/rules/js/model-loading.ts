// FRG402 and FRG403 in TypeScript/JavaScript: tf.js, ONNX Runtime and transformers.js models
// loaded inside a request handler (or a helper it calls), or inside a loop with arguments that
// do not change between iterations.
import type { SNode } from '../../parse/syntax';
import type { JsRuleContext, Visitor } from '../rule';
import { assignedIn, isCachedLoad, mentions, modelLoad, repeatingScope } from './shared';

/** How each framework runs code once at startup. */
const STARTUP: Record<string, string> = {
  next: 'at module level, outside the route handler',
  lambda: 'at module level, where warm invocations reuse it',
  worker: 'at the worker\'s module level',
  nest: 'in an `onModuleInit()` hook or a provider',
};

export function modelLoadedPerRequestJs(ctx: JsRuleContext): Visitor {
  const { model } = ctx;
  return {
    call(call) {
      const loader = modelLoad(model, call);
      if (!loader || isCachedLoad(model, call)) return;
      const h = model.handlerOf(call.node);
      if (!h) return;
      // The client picks the model: loading is the request's job.
      const params = h.handler.params;
      if (h.via.length === 0 && call.args[0] && mentions(model, call.args[0].node, params.slice(0, 2))) return;
      const handler = h.handler.name || 'the handler';
      const startup = STARTUP[h.handler.jsHandler ?? ''] ?? 'at module level, before the server starts listening';
      const func = model.enclosingFunction(call.node);
      ctx.report({
        node: call.callee,
        messageId: h.via.length ? 'jsHelper' : 'js',
        data: { loader: shortName(loader), handler, func: func?.name || 'a helper', startup },
        related: h.via.length ? [{ node: h.handler.node, message: `request handler ${handler} reaches the load through ${h.via.map((c) => model.text(c.callee)).join(' → ')}` }] : undefined,
      });
    },
  };
}

export function modelLoadedInLoopJs(ctx: JsRuleContext): Visitor {
  const { model } = ctx;
  return {
    call(call) {
      const loader = modelLoad(model, call);
      if (!loader || isCachedLoad(model, call)) return;
      const scope = repeatingScope(model, call.node);
      if (!scope || scope.kind === 'handler') return;
      if (scope.kind === 'loop') {
        const varying = new Set([...scope.loop.targets, ...assignedIn(model, scope.loop.body)]);
        if (call.args.some((a) => mentions(model, a.node, varying))) return;
        // Reached through a local call: the load varies if its arguments come from the function's parameters.
        const params = scope.via ? (model.enclosingFunction(call.node)?.params ?? []) : [];
        if (scope.via && call.args.some((a) => mentions(model, a.node, params))) return;
        // A retry or search loop leaves once the load succeeds.
        if (!scope.via && leavesLoop(scope.loop.body)) return;
      }
      ctx.report({
        node: call.callee,
        messageId: scope.kind === 'frame' ? 'jsFrame' : 'js',
        data: { loader: shortName(loader) },
        related: scope.kind === 'loop' && scope.via ? [{ node: scope.via.node, message: 'called in the loop here' }] : undefined,
      });
    },
  };
}

/** A `return` or `break` in a loop body (outside nested functions and loops): it does not run to the end. */
function leavesLoop(body: SNode): boolean {
  const stack = [...body.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'ReturnStatement' || n.type === 'BreakStatement') return true;
    if (/Function|ForStatement|ForOfStatement|ForInStatement|WhileStatement|SwitchStatement/.test(n.type)) continue;
    stack.push(...n.children);
  }
  return false;
}

/** `tf.loadLayersModel` → `tf.loadLayersModel`; `transformers.pipeline` → `pipeline`. */
function shortName(q: string): string {
  return q.replace(/^transformers\./, '').replace(/^ort\./, '');
}
