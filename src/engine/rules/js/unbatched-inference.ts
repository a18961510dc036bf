// FRG404 in TypeScript/JavaScript: tf.js `predict`/`execute`, ONNX Runtime `session.run` or a
// transformers.js pipeline called once per element of a collection inside a loop.
import type { JsModel } from '../../model/js-model';
import type { CallSite, LoopInfo } from '../../model/model';
import type { JsRuleContext, Visitor } from '../rule';
import { contains } from '../../model/js-model';
import type { SNode } from '../../parse/syntax';
import { assignedIn, FEW_ITERATIONS, identifiers, isOrtSession, isPipeline, isTfModel, literalIterations, mentions } from './shared';

type Kind = 'tfjs' | 'ortSession' | 'jsPipeline';

function inferenceKind(model: JsModel, call: CallSite): Kind | undefined {
  if ((call.name === 'predict' || call.name === 'execute' || call.name === 'executeAsync') && isTfModel(model, call.receiver)) return 'tfjs';
  if (call.name === 'run' && isOrtSession(model, call.receiver)) return 'ortSession';
  if (!call.receiver && call.callee.type === 'Identifier' && isPipeline(model, call.callee)) return 'jsPipeline';
  return undefined;
}

/** A loop over the elements of a collection (not a stream, a frame loop or a fixed count of steps). */
function collectionLoop(model: JsModel, loop: LoopInfo): boolean {
  if (loop.node.type === 'ForOfStatement') return !/^for\s+await\b/.test(model.text(loop.node));
  if (loop.node.type === 'ForInStatement') return false;
  if (loop.kind === 'comprehension') return true;
  if (loop.node.type === 'ForStatement') {
    // for (let i = 0; i < xs.length; i++): indexes a collection; `i += BATCH` walks it in batches.
    const test = loop.node.children.find((c) => c.field === 'test');
    const update = loop.node.children.find((c) => c.field === 'update');
    const stepsByOne = !update || /^\s*(\+\+\s*\w+|\w+\s*\+\+|\w+\s*\+=\s*1)\s*$/.test(model.text(update));
    return stepsByOne && test !== undefined && /\.length\b|\.size\b|\.shape\[0\]/.test(model.text(test));
  }
  return false;
}

export function unbatchedInferenceJs(ctx: JsRuleContext): Visitor {
  const { model } = ctx;
  return {
    call(call) {
      const kind = inferenceKind(model, call);
      if (!kind) return;
      const loop = model.context(call.node).loops[0];
      if (!loop || !collectionLoop(model, loop) || model.inFrameCallback(call.node)) return;
      const n = literalIterations(model, loop);
      if (n !== undefined && n <= FEW_ITERATIONS) return;
      // The input must come from the element: a per-item call.
      const input = call.args.map((a) => a.node);
      if (!input.length || !input.some((a) => fromElement(model, a, loop))) return;
      // Autoregressive: the next input is built from this output (generation, tracking).
      const assigned = assignedIn(model, loop.body);
      const output = outputName(model, call);
      if (output && assigned.has(output) && input.some((a) => mentions(model, a, [output]))) return;
      if (loopFeedsBack(model, loop, call)) return;
      ctx.report({ node: call.callee, messageId: kind, data: { callee: model.text(call.callee) } });
    },
  };
}

/** The input is built from the loop's element: it names the element, indexes with the loop counter, or is a variable of the loop body built that way. */
function fromElement(model: JsModel, node: SNode, loop: LoopInfo, depth = 0): boolean {
  if (mentions(model, node, loop.targets) || elementOf(model, node, loop)) return true;
  if (depth > 2) return false;
  for (const id of identifiers(node)) {
    const d = model.declarationOf(model.text(id), id);
    if (d?.init && contains(loop.body, d.node) && fromElement(model, d.init, loop, depth + 1)) return true;
  }
  return false;
}

/** `xs[i]` in an index loop. */
function elementOf(model: JsModel, node: SNode, loop: LoopInfo): boolean {
  if (loop.node.type !== 'ForStatement') return false;
  return loop.targets.some((t) => new RegExp(`\\[\\s*${t}\\s*\\]`).test(model.text(node)));
}

function outputName(model: JsModel, call: CallSite): string | undefined {
  let n = call.node;
  while (n.parent && (n.parent.type === 'AwaitExpression' || n.parent.type === 'TSAsExpression')) n = n.parent;
  const p = n.parent;
  if (p?.type === 'VariableDeclarator' && p.children[0]?.type === 'Identifier') return model.text(p.children[0]);
  if (p?.type === 'AssignmentExpression' && p.children[0]?.type === 'Identifier') return model.text(p.children[0]);
  return undefined;
}

/** A variable declared outside the loop, assigned in it and read by the inference input: state carried between iterations. */
function loopFeedsBack(model: JsModel, loop: LoopInfo, call: CallSite): boolean {
  const assigned = assignedIn(model, loop.body);
  const carried = [...assigned].filter((name) => {
    const d = model.declarationOf(name, call.node);
    return d !== undefined && !(loop.body.start <= d.node.start && d.node.end <= loop.body.end);
  });
  return carried.length > 0 && call.args.some((a) => mentions(model, a.node, carried));
}
