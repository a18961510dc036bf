// FRG105 in TypeScript/JavaScript: `tf.enableDebugMode()`, ONNX Runtime session profiling or
// verbose logging (`enableProfiling: true`, `logSeverityLevel: 0`, `ort.env.debug = true`) left on
// outside a debug-only branch.
import { child, type SNode } from '../../parse/syntax';
import type { JsRuleContext, Visitor } from '../rule';
import { inDebugBranch } from './shared';

/** Removes a whole statement with its line when it stands alone on it. */
function removeStatement(ctx: JsRuleContext, stmt: SNode) {
  const text = ctx.file.text;
  const lineStart = text.lastIndexOf('\n', stmt.start - 1) + 1;
  const lineEnd = text.indexOf('\n', stmt.end);
  const alone = text.slice(lineStart, stmt.start).trim() === '' && text.slice(stmt.end, lineEnd < 0 ? text.length : lineEnd).trim() === '';
  return alone ? { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1, text: '' } : { start: stmt.start, end: stmt.end, text: '' };
}

/** Removes one property of an object literal with the comma that separates it. */
function removeProperty(ctx: JsRuleContext, prop: SNode) {
  const text = ctx.file.text;
  let end = prop.end;
  const after = /^\s*,[ \t]*/.exec(text.slice(end));
  if (after) end += after[0].length;
  else {
    const before = /,\s*$/.exec(text.slice(0, prop.start));
    if (before) return { start: prop.start - before[0].length, end, text: '' };
  }
  return { start: prop.start, end, text: '' };
}

export function debugApiEnabledJs(ctx: JsRuleContext): Visitor {
  const { model } = ctx;
  return {
    call(call) {
      if (inDebugBranch(model, call.node)) return;
      if (call.qualified === 'tf.enableDebugMode') {
        const stmt = call.node.parent?.type === 'ExpressionStatement' ? call.node.parent : undefined;
        ctx.report({ node: call.node, messageId: 'tfjsDebug', fix: stmt ? { edits: [removeStatement(ctx, stmt)], safety: 'safe', title: 'Remove `tf.enableDebugMode()`' } : undefined });
        return;
      }
      if (call.qualified !== 'ort.InferenceSession.create') return;
      const opts = call.args.length >= 2 ? model.optionsNode(call) : undefined;
      if (!opts) return;
      for (const prop of opts.children) {
        if (prop.type !== 'Property') continue;
        const key = model.text(child(prop, 'key')!).replace(/['"]/g, '');
        const v = model.resolve(model.value(child(prop, 'value')));
        const on = (key === 'enableProfiling' && v.kind === 'bool' && v.value) || (key === 'logSeverityLevel' && v.kind === 'number' && v.value === 0);
        if (on) {
          // The only option: drop the whole options argument.
          const only = opts.children.filter((c) => c.type === 'Property' || c.type === 'SpreadElement').length === 1;
          const before = call.args[call.args.length - 2]?.node;
          const edit = only && before ? { start: before.end, end: opts.end, text: '' } : removeProperty(ctx, prop);
          ctx.report({
            node: prop,
            messageId: key === 'enableProfiling' ? 'ortProfiling' : 'ortVerbose',
            fix: { edits: [edit], safety: 'safe', title: `Remove \`${key}\`` },
          });
        }
      }
    },
    end() {
      // ort.env.debug = true; ort.env.logLevel = 'verbose'
      for (const [target, nodes] of model.memberAssignments) {
        const m = /^(\w+)\.env\.(debug|logLevel|trace)$/.exec(target);
        if (!m || model.imports.get(m[1]) !== 'ort') continue;
        for (const n of nodes) {
          if (inDebugBranch(model, n)) continue;
          const v = model.resolve(model.value(child(n, 'right')));
          const on = (m[2] === 'logLevel' && v.kind === 'string' && v.value === 'verbose') || (m[2] !== 'logLevel' && v.kind === 'bool' && v.value);
          if (!on) continue;
          const stmt = n.parent?.type === 'ExpressionStatement' ? n.parent : undefined;
          ctx.report({ node: n, messageId: 'ortEnv', data: { name: target }, fix: stmt ? { edits: [removeStatement(ctx, stmt)], safety: 'safe', title: `Remove \`${target} = …\`` } : undefined });
        }
      }
    },
  };
}
