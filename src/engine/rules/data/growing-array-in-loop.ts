// FRG305: an array, tensor or DataFrame grown inside a loop by re-concatenating it each time
// (`acc = np.append(acc, x)`, `df = pd.concat([df, row])`, `df.loc[len(df)] = row`).
import type { CallSite, LoopInfo, ModuleModel } from '../../model/model';
import { child, descendants, enclosingStatement, type SNode, unparen } from '../../parse/syntax';
import type { Rule } from '../rule';
import { isArray, isDataFrame } from './shared';
import { manyIterations, CONFIDENCE_DOCS } from '../training/workload';
import { isTorchModel } from '../inference/shared';
import { isKerasModel } from '../training/training-apis';

/** Iterations from which re-copying a growing array costs more than a few copies of it. */
const GROWTH_LOOP = 100;

/** Calls that build a new array from their inputs; `first`: the accumulator is the first argument. */
const GROWERS: Record<string, 'first' | 'sequence'> = {
  'numpy.append': 'first',
  'numpy.concatenate': 'sequence',
  'numpy.vstack': 'sequence',
  'numpy.hstack': 'sequence',
  'numpy.row_stack': 'sequence',
  'numpy.column_stack': 'sequence',
  'numpy.dstack': 'sequence',
  'torch.cat': 'sequence',
  'torch.concat': 'sequence',
  'torch.concatenate': 'sequence',
  'torch.vstack': 'sequence',
  'torch.hstack': 'sequence',
  'torch.row_stack': 'sequence',
  'torch.column_stack': 'sequence',
  'tensorflow.concat': 'sequence',
  'jax.numpy.append': 'first',
  'jax.numpy.concatenate': 'sequence',
  'pandas.concat': 'sequence',
};

export const growingArrayInLoop: Rule = {
  meta: {
    code: 'FRG305',
    name: 'growing-array-in-loop',
    category: 'data',
    severity: 'warning',
    summary: 'Array, tensor or DataFrame grown inside a loop by copying it on every iteration',
    messages: {
      default:
        '`{call}` inside a loop copies all of `{target}` on every iteration (quadratic work): collect the pieces in a list and concatenate once after the loop',
      frameAppend:
        '`{target}.append(...)` inside a loop copies the whole DataFrame on every iteration (quadratic work, and removed in pandas 2.0): collect rows in a list and build the DataFrame once after the loop',
      locAppend:
        '`{row} = ...` inside a loop enlarges `{target}` one row at a time, re-allocating it each time: collect rows in a list and build the DataFrame once after the loop',
    },
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for an accumulator re-assigned inside a loop from a call that copies it: `acc = np.append(acc, x)`, `acc = np.concatenate([acc, x])` (also `vstack`, `hstack`, `column_stack`), `acc = torch.cat([acc, x])`, `acc = tf.concat([acc, x], 0)`, `df = pd.concat([df, row_df])`, `df = df.append(row)`, and `df.loc[len(df)] = row`. A concatenation of other variables, one made once after the loop, one on a variable that is reset earlier in the same iteration, and a torch/TensorFlow concatenation along a non-zero `dim` (a decoding loop appending one token per model call), and an accumulator the loop passes whole, or sliced (`model.predict(X[:, step:])`), to other code every iteration (autoregressive decoding feeds the growing sequence back into the model, so it must exist whole at each step), or compute with all of it every iteration (`np.sum((x - shown) ** 2, 1)`: the distance to every row kept so far) are not flagged.' + ' ' + CONFIDENCE_DOCS.growth + ' A loop that runs a PyTorch model, a Keras model\'s `predict` or an ONNX Runtime session (`session.run(...)`) every iteration (collecting an evaluation\'s outputs batch by batch) is low confidence too: each forward pass costs far more than the copy.',
      whyBad:
        'NumPy arrays, tensors and DataFrames are fixed-size blocks of memory: every one of these calls allocates a new block and copies the whole accumulator into it, so a loop of n steps copies O(n²) elements and churns the allocator (on a GPU, a new allocation and a copy kernel each step). Appending to a Python list is amortised O(1); one concatenation at the end copies each element once.',
      evidence:
        'The NumPy documentation of `numpy.append` notes that "append does not occur in-place: a new array is allocated and filled", and the pandas documentation of `concat` advises against building DataFrames by adding single rows in a loop ("build a list of rows and make a DataFrame in a single concat"). There is no measured energy figure for this pattern alone; by arithmetic, growing an array by one element 10 000 times copies about 50 million elements, against 10 000 appends to a list and one copy at the end.',
      example:
        'embeddings = np.empty((0, 768))\nfor batch in loader:\n    embeddings = np.vstack([embeddings, encode(batch)])\n\nresults = pd.DataFrame()\nfor name, score in scores:\n    results = pd.concat([results, pd.DataFrame([{"name": name, "score": score}])])',
      useInstead:
        'parts = []\nfor batch in loader:\n    parts.append(encode(batch))\nembeddings = np.vstack(parts)\n\nresults = pd.DataFrame([{"name": name, "score": score} for name, score in scores])',
      fixSafety: 'No fix is offered: the list-then-concatenate form needs a new variable and a statement after the loop.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    return {
      call(call) {
        const found = growth(model, call);
        if (!found) return;
        // The copying grows with the square of the iterations: worth a finding where the loop is shown to run many times.
        const loop = model.context(call.node).loops.find((l) => l.kind !== 'comprehension');
        // Collecting a model's outputs batch by batch (`preds = np.append(preds, logits)` in an evaluation
        // loop): each iteration's forward pass costs far more than the copy.
        const forward = loop !== undefined && runsModel(model, loop);
        ctx.report({
          node: call.callee,
          confidence: loop && !forward && manyIterations(model, loop, ctx.path, GROWTH_LOOP, false) ? undefined : 'low',
          why: forward ? 'the loop runs a model every iteration, which costs far more than copying its outputs' : undefined,
          messageId: found.frameAppend ? 'frameAppend' : 'default',
          data: { call: model.text(call.callee), target: model.text(found.target) },
        });
      },
      loop(loop) {
        if (loop.kind === 'comprehension') return;
        for (const d of descendants(loop.body)) {
          const frame = d.type === 'assignment' ? locAppendTarget(model, d, loop) : undefined;
          const left = child(d, 'left');
          if (frame && left) ctx.report({ node: left, confidence: manyIterations(model, loop, ctx.path, GROWTH_LOOP, false) ? undefined : 'low', messageId: 'locAppend', data: { row: model.text(left), target: model.text(frame) } });
        }
      },
    };
  },
};

/** The accumulator `call` re-assigns inside a loop, or undefined. */
function growth(model: ModuleModel, call: CallSite): { target: SNode; frameAppend: boolean } | undefined {
  const kind = call.qualified ? GROWERS[call.qualified] : undefined;
  const frameAppend = !kind && call.name === 'append' && call.receiver !== undefined && !call.qualified;
  if (!kind && !frameAppend) return undefined;
  const assignment = assignmentOf(call.node);
  const left = assignment && child(assignment, 'left');
  if (!assignment || !left || (left.type !== 'identifier' && left.type !== 'attribute')) return undefined;
  const target = model.text(left);
  const loop = innermostLoop(model, call.node);
  if (!loop || loop.targets.includes(target)) return undefined;
  let inputs: SNode[];
  if (frameAppend) {
    // `x = x.append(...)` only makes sense for a DataFrame: `list.append` returns None.
    if (model.text(unparen(call.receiver!)) !== target) return undefined;
    if (isArray(model, call.receiver!) || !isDataFrame(model, call.receiver!, true)) return undefined;
    inputs = [call.receiver!];
  } else {
    if (growsSequence(call)) return undefined;
    const first = kind === 'first' ? model.arg(call, 'arr', 0) : call.args[0];
    if (!first) return undefined;
    inputs = first.kind === 'list' && kind === 'sequence' ? first.items.map((i) => i.node) : kind === 'first' ? [first.node] : [];
  }
  if (!inputs.some((i) => model.text(unparen(i)) === target)) return undefined;
  if (resetInIteration(model, loop, target, assignment)) return undefined;
  if (!frameAppend && readWhole(model, loop, target, call)) return undefined;
  return { target: left, frameAppend };
}

/**
 * `seq = torch.cat([seq, next_token], dim=1)`: a decoding loop appending one step along a
 * sequence axis, where the copy is small next to the model call that produces each step.
 * Accumulating results across batches concatenates along dim 0.
 */
function growsSequence(call: CallSite): boolean {
  const q = call.qualified ?? '';
  if (!q.startsWith('torch.') && !q.startsWith('tensorflow.')) return false;
  const dim = call.kwargs.get('dim') ?? call.kwargs.get('axis') ?? call.args[1];
  return dim !== undefined && !(dim.kind === 'number' && dim.value === 0);
}

/** Calls that read an array without needing all of it at once. */
const NOT_WHOLE_READS = new Set(['len', 'print', 'str', 'repr', 'isinstance', 'type', 'id']);

/**
 * Whether the loop hands the whole accumulator (or a slice of it) to other code each iteration
 * (`model.decode(ys, …)` in autoregressive decoding), or computes with all of it (`x - shown`):
 * then it must exist whole at every step, and "collect the pieces and concatenate once" is impossible.
 */
function readWhole(model: ModuleModel, loop: LoopInfo, target: string, grow: CallSite): boolean {
  for (const d of descendants(loop.body)) {
    if ((d.type !== 'identifier' && d.type !== 'attribute') || model.text(d) !== target) continue;
    // A slice of it (`model.predict(X[:, step:])`) may reach its newest items: it must exist whole as well.
    const read = d.parent?.type === 'subscript' && d.field === 'value' ? d.parent : d;
    const holder = read.parent?.type === 'keyword_argument' ? read.parent : read;
    // Arithmetic on the whole accumulator (`np.sum((x - shown) ** 2, 1)`, the distance to every row kept so far).
    if (read.start < grow.node.start || read.end > grow.node.end) {
      const p = holder.parent;
      if (p && (p.type === 'binary_operator' || p.type === 'unary_operator')) return true;
    }
    if (holder.parent?.type !== 'argument_list') continue;
    const call = holder.parent.parent;
    if (!call || call.type !== 'call' || call === grow.node) continue;
    if (NOT_WHOLE_READS.has(model.callSite(call).name)) continue;
    return true;
  }
  return false;
}

/** The assignment whose value is `call`, directly or as a branch of `a if c else b`. */
function assignmentOf(call: SNode): SNode | undefined {
  let n: SNode = call;
  while (n.parent && (n.parent.type === 'parenthesized_expression' || n.parent.type === 'conditional_expression')) n = n.parent;
  const p = n.parent;
  return p?.type === 'assignment' && n.field === 'right' ? p : undefined;
}

function innermostLoop(model: ModuleModel, node: SNode): LoopInfo | undefined {
  return model.context(node).loops.find((l) => l.kind !== 'comprehension');
}

/**
 * The loop's body runs a model: a PyTorch one (`model(**batch)`, `self.model(x)`), a Keras one
 * (`model.predict(x)`) or an ONNX Runtime session (`session.run(None, inputs)`): a forward pass per iteration.
 */
function runsModel(model: ModuleModel, loop: LoopInfo): boolean {
  return [...descendants(loop.body)].some((d) => {
    if (d.type !== 'call') return false;
    const c = model.callSite(d);
    const callee = unparen(c.callee);
    if ((c.name === 'predict' || c.name === 'predict_on_batch') && c.receiver && isKerasModel(model, c.receiver)) return true;
    if (c.name === 'run' && c.receiver && /^onnxruntime\.(capi\.onnxruntime_inference_collection\.)?InferenceSession$/.test(model.originCall(c.receiver)?.qualified ?? '')) return true;
    return (callee.type === 'identifier' || callee.type === 'attribute') && !c.qualified && isTorchModel(model, callee);
  });
}

/**
 * Whether `target` is assigned afresh, unconditionally, earlier in the same iteration (so the
 * call concatenates within one iteration, not across iterations).
 */
function resetInIteration(model: ModuleModel, loop: LoopInfo, target: string, growth: SNode): boolean {
  const statement = enclosingStatement(growth);
  // The statements every iteration runs: the loop's own, and those in its `try` and `with` blocks.
  const unconditional = (block: SNode): SNode[] =>
    block.children.flatMap((s) => {
      const body = s.type === 'try_statement' || s.type === 'with_statement' ? child(s, 'body') : undefined;
      return body ? [s, ...unconditional(body)] : [s];
    });
  for (const s of unconditional(loop.body)) {
    if (s.start >= statement.start) break;
    const e = s.type === 'expression_statement' ? s.children[0] : undefined;
    if (e?.type !== 'assignment') continue;
    const left = child(e, 'left');
    const right = child(e, 'right');
    if (!left || !right || model.text(left) !== target) continue;
    const refersToItself = [right, ...descendants(right)].some((d) => model.text(d) === target && (d.type === 'identifier' || d.type === 'attribute'));
    if (!refersToItself) return true;
  }
  return false;
}

/** `df.loc[len(df)] = row` (also `len(df.index)`, `df.shape[0]`) in `loop`: the frame, or undefined. */
function locAppendTarget(model: ModuleModel, assignment: SNode, loop: LoopInfo): SNode | undefined {
  const left = child(assignment, 'left');
  if (left?.type !== 'subscript') return undefined;
  const value = child(left, 'value');
  const keys = left.children.filter((c) => c.field === 'subscript');
  if (value?.type !== 'attribute' || keys.length !== 1 || model.text(child(value, 'attribute') ?? value) !== 'loc') return undefined;
  const frame = child(value, 'object');
  if (!frame || innermostLoop(model, assignment)?.node !== loop.node) return undefined;
  const f = model.text(frame);
  const key = model.text(keys[0]).replace(/\s+/g, '');
  if (key !== `len(${f})` && key !== `len(${f}.index)` && key !== `${f}.shape[0]`) return undefined;
  return isDataFrame(model, frame, true) ? frame : undefined;
}
