// FRG103: models, inputs or defaults switched to float64 (`.double()`, `dtype=torch.float64`,
// `torch.set_default_dtype(torch.float64)`, `set_floatx("float64")`) in code that trains models.
import type { CallSite, FunctionInfo, ModuleModel } from '../../model/model';
import { stringOf, type Value } from '../../model/values';
import { child, enclosingStatement, type SNode, unparen } from '../../parse/syntax';
import { localName, replaceNode } from '../fixes';
import type { OffsetEdit, Report, Rule } from '../rule';
import { isStepCall, trainingFacts } from './shared';
import { repeated } from './frequency';
import { workloadGated, CONFIDENCE_DOCS } from './workload';

const TORCH_FLOAT64 = new Set(['torch.float64', 'torch.double']);
const DOUBLE_TENSORS = new Set(['torch.DoubleTensor', 'torch.cuda.DoubleTensor']);
const NUMPY_FLOAT64 = new Set(['numpy.float64', 'numpy.double', 'numpy.float_']);
const TF_FLOAT64 = new Set(['tensorflow.float64', 'tensorflow.double']);
/** Same-spelling float32 counterparts, for fixes that keep the user's prefix (`th.double` → `th.float`). */
const FLOAT32_NAME: Record<string, string> = { float64: 'float32', double: 'float', float_: 'float32', DoubleTensor: 'FloatTensor' };
const WRAPPERS = new Set(['torch.tensor', 'torch.as_tensor', 'torch.asarray', 'torch.from_numpy']);
const KERAS_FLOATX = new Set(['keras.backend.set_floatx', 'keras.config.set_floatx', 'keras.mixed_precision.set_global_policy']);
/** Methods after which a float64 value is only a metric (`correct.double() / n`, `.double().mean()`). */
const REDUCTIONS = new Set(['mean', 'sum', 'item', 'tolist', 'numpy', 'cpu', 'std', 'var']);
/** Conversions applied right after a tensor is built, which drop the float64. */
const CASTS = new Set(['float', 'half', 'bfloat16', 'long', 'int', 'short', 'bool']);

type Kind = 'torch' | 'numpy' | 'tensorflow' | 'string' | 'python';

/** Whether a dtype value means float64, and how it is spelled. */
function float64Kind(v: Value | undefined): Kind | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') return v.value === 'float64' || v.value === 'double' || /^torch\.(cuda\.)?DoubleTensor$/.test(v.value) ? 'string' : undefined;
  if (v.kind !== 'name' || !v.qualified) return undefined;
  if (TORCH_FLOAT64.has(v.qualified) || DOUBLE_TENSORS.has(v.qualified)) return 'torch';
  if (NUMPY_FLOAT64.has(v.qualified)) return 'numpy';
  if (TF_FLOAT64.has(v.qualified)) return 'tensorflow';
  return v.qualified === 'float' ? 'python' : undefined;
}

/** The float32 spelling of a float64 dtype as written, or undefined when it cannot be written safely. */
function float32Edit(model: ModuleModel, v: Value, kind: Kind, module: 'torch' | 'numpy'): OffsetEdit | undefined {
  const n = unparen(v.node);
  if (kind === 'string') {
    const text = model.text(n);
    return replaceNode(n, text.replace(/float64|double|DoubleTensor/, (m) => FLOAT32_NAME[m] ?? m));
  }
  if (kind === 'python') {
    const prefix = localName(model, module);
    return prefix ? replaceNode(n, `${prefix}.float32`) : undefined;
  }
  const attr = n.type === 'attribute' ? child(n, 'attribute') : undefined;
  const name = attr && FLOAT32_NAME[model.text(attr)];
  return attr && name ? replaceNode(attr, name) : undefined;
}

/** The expression around `node` once parentheses are skipped. */
function outer(node: SNode): SNode | null {
  let p = node.parent;
  while (p?.type === 'parenthesized_expression') p = p.parent;
  return p;
}

/** `.double()` whose result is only a metric: an arithmetic operand or reduced right away. */
function metricOnly(model: ModuleModel, call: CallSite): boolean {
  const p = outer(call.node);
  if (!p) return false;
  if (p.type === 'binary_operator' || p.type === 'comparison_operator' || p.type === 'augmented_assignment') return true;
  if (p.type === 'attribute' && p.parent?.type === 'call') {
    const attr = child(p, 'attribute');
    return attr !== undefined && REDUCTIONS.has(model.text(attr));
  }
  return false;
}

/** Whether `.double()`/`.to()` is called on something that may be a torch tensor or module. */
function maybeTorch(model: ModuleModel, receiver: SNode | undefined): boolean {
  if (!receiver) return false;
  const types = model.typesOf(receiver);
  if (types.length === 0) return true;
  return types.some((t) => t.startsWith('torch.') || t.startsWith('lightning.') || t.startsWith('transformers.'));
}

/** A tensor built from an array is converted right away (`torch.from_numpy(a).float()`). */
function castRightAway(model: ModuleModel, wrapper: CallSite): boolean {
  const p = outer(wrapper.node);
  if (p?.type !== 'attribute' || p.parent?.type !== 'call') return false;
  const method = model.callSite(p.parent);
  if (CASTS.has(method.name)) return true;
  if (method.name !== 'to' && method.name !== 'type') return false;
  const dtype = method.kwargs.get('dtype') ?? method.args.find((a) => a.kind === 'name' && a.qualified?.startsWith('torch.'));
  return dtype !== undefined && float64Kind(dtype) === undefined;
}

/** `x.astype(np.float64)` or `np.array(x, dtype=np.float64)`: the float64 dtype value, if any. */
function numpyFloat64(model: ModuleModel, node: SNode): Value | undefined {
  const call = model.originCall(node);
  if (!call) return undefined;
  if (call.name === 'astype' && call.receiver) {
    const d = model.arg(call, 'dtype', 0);
    return float64Kind(d) && float64Kind(d) !== 'torch' ? d : undefined;
  }
  if (call.qualified === 'numpy.array' || call.qualified === 'numpy.asarray') {
    const d = model.arg(call, 'dtype', 1);
    return float64Kind(d) && float64Kind(d) !== 'torch' ? d : undefined;
  }
  return undefined;
}

const COST = 'every value takes twice the memory and bandwidth, and most GPUs compute float64 far more slowly (1/64 of the float32 rate on GeForce Ampere/Ada)';
const CPU_COST = 'on a CPU every value takes twice the memory and bandwidth and vector units process half as many values per instruction, so training costs about 2× the float32 time and energy (keep it if the maths needs float64)';

export const float64Training: Rule = {
  meta: {
    code: 'FRG103',
    name: 'float64-training',
    category: 'training',
    severity: 'warning',
    summary: 'Model, inputs or default dtype switched to float64 in code that trains models',
    messages: {
      double: `\`.double()\` converts this model or tensor to float64: {cost}{more}`,
      dtype: `\`{dtype}\` makes this tensor or layer float64: {cost}{more}`,
      constructor: `\`{name}\` makes a float64 tensor: {cost}{more}`,
      defaultDtype: `\`{name}\` makes every new floating-point tensor and parameter float64: {cost}{more}`,
      floatx: `\`{name}\` with float64 makes every Keras layer compute in float64: {cost}{more}`,
      numpy: `NumPy array cast to \`{dtype}\` and fed to \`{wrapper}\` becomes a float64 tensor: {cost}{more}`,
    },
    fixTitle: 'Use float32',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'In a file that builds or trains models with PyTorch, Keras or TensorFlow, checks for `.double()` on a model or tensor, ' +
        '`dtype=torch.float64`/`torch.double` (and `.to(torch.float64)`, `.type(torch.DoubleTensor)`, `torch.DoubleTensor(...)`), ' +
        '`torch.set_default_dtype(torch.float64)`, `torch.set_default_tensor_type(torch.DoubleTensor)`, Keras `set_floatx("float64")` ' +
        'and Keras layers with `dtype="float64"`, and NumPy float64 arrays turned into tensors (`torch.from_numpy(x.astype(np.float64))`). ' +
        'NumPy float64 elsewhere (data preparation) is left alone, as is `.double()` used only for a metric (`correct.double() / n`) ' +
        'and a float64 default that the same scope sets back before any training step (a cell demonstrating the switch). ' +
        'All float64 sites of a file are one decision: it is reported once, where it is made (a default dtype, Keras `floatx` or a ' +
        'model\'s `.double()`, else the first site), with the other sites as related locations. On code that shows no GPU the message ' +
        'gives the CPU cost (about 2×) and the severity is `info`, since float64 may be deliberate there (LBFGS on a small problem). Float64 kept for bookkeeping is left alone: in a function about schedules, meters, metrics, accuracy, FLOP counts or statistics (`calculate_inception_stats` summing an FID mean and covariance; `cosine_beta_schedule`, stored afterwards as float32 buffers; a meter\'s `synchronize_between_processes`; `accuracy()` counting correct predictions with `.sum(dtype=torch.float64)`), a tensor of a few written-down numbers (`torch.tensor([count, total], dtype=torch.float64)`), or a helper that returns float32 (every `return` ends in `.float()` or `.to(torch.float32)`) and runs once at set-up (`make_directions(...)` called from `__init__`): float64 never reaches a training step. So is float64 for numerical linear algebra: a tensor moved to the CPU in float64 in a function that solves or decomposes with `torch.linalg`, `numpy.linalg` or `scipy.linalg` (`w = W.to(torch.float64).cpu()` then `torch.linalg.solve(v, w.T)`).' + ' ' + CONFIDENCE_DOCS.run,
      whyBad:
        'Deep learning trains well in float32 (and in mixed precision). float64 halves the values that fit in memory, caches and ' +
        'bandwidth, and GPUs built for graphics and AI run float64 arithmetic at a small fraction of their float32 rate, so the same ' +
        'training takes longer and draws more energy, with no accuracy gain for typical networks.',
      evidence:
        'FP64 throughput is 1/64 of FP32 on NVIDIA GeForce Ampere (GA102) and Ada (AD102) GPUs, and float64 doubles memory traffic on ' +
        'every device (NVIDIA GA102 and AD102 architecture whitepapers). Data-centre GPUs (A100, H100) narrow the arithmetic gap ' +
        'but not the memory cost.',
      example: 'torch.set_default_dtype(torch.float64)\nmodel = Net().double()\nx = torch.tensor(features, dtype=torch.float64)',
      useInstead: 'model = Net()\nx = torch.tensor(features, dtype=torch.float32)',
      fixSafety:
        'Unsafe: float32 changes the numerics. Results differ in the low bits, and code that truly needs float64 (ill-conditioned ' +
        'linear algebra, some physics or probabilistic models) may lose accuracy. The fix rewrites the spelling in place: ' +
        '`.double()` → `.float()`, `torch.float64` → `torch.float32`, `torch.double` → `torch.float`, `"float64"` → `"float32"`, ' +
        '`np.float64` → `np.float32`, `torch.DoubleTensor` → `torch.FloatTensor`, at every site of the file at once (converting one ' +
        'would leave mismatched dtypes behind). When a dtype is reached through a variable there is no fix.',
    },
  },
  create(outer) {
    const { model } = outer;
    const ctx = workloadGated(outer);
    if (!trainingFacts(model).buildsModels) return {};
    // Every float64 site of a file is one decision: the first global or model-wide switch (else
    // the first site) is the finding, the others its related locations, and the fix converts all
    // of them together, since converting one leaves mismatched dtypes behind.
    const found: Report[] = [];
    /** The call being checked, unless it sets the default dtype; its float64 sites count only outside bookkeeping (decided on its first site). */
    let current: CallSite | undefined;
    let vetoed: boolean | undefined;
    const report = (r: Report) => {
      if (current && (vetoed ??= bookkeeping(model, current))) return;
      found.push(r);
    };
    const reportDtype = (v: Value, messageId: string, module: 'torch' | 'numpy', data: Record<string, string> = {}) => {
      const kind = float64Kind(v);
      if (!kind) return;
      const edit = float32Edit(model, v, kind, module);
      report({ node: v.node, messageId, data: { dtype: model.text(v.node), ...data }, fix: edit ? { safety: 'unsafe', edits: [edit] } : undefined });
    };
    /** A dtype argument: reported as written; reached through a variable, reported without a fix. */
    const checkDtype = (v: Value, messageId: string, call: CallSite) => {
      const data = { name: model.text(call.callee) };
      const resolved = model.resolve(v);
      if (resolved === v) return reportDtype(v, messageId, 'torch', data);
      if (float64Kind(resolved)) report({ node: v.node, messageId, data: { dtype: model.text(v.node), ...data } });
    };
    return {
      call(call) {
        const q = call.qualified;
        // Bookkeeping and set-up kept in float64 on purpose: a noise or beta schedule built once
        // (`linear_beta_schedule`, then stored as float32 buffers), metric meters, FLOP counters (`report` asks, once the call has a float64 site).
        current = q && DEFAULT_DTYPE.has(q) ? undefined : call;
        vetoed = undefined;
        if (q && DEFAULT_DTYPE.has(q)) {
          const arg = call.args[0] ?? call.kwargs.get('d') ?? call.kwargs.get('t');
          if (arg && float64Kind(model.resolve(arg)) && !resetBeforeTraining(model, call)) checkDtype(arg, 'defaultDtype', call);
          return;
        }
        if (q && KERAS_FLOATX.has(q)) {
          const arg = call.args[0] ?? call.kwargs.get('value') ?? call.kwargs.get('policy');
          if (arg && stringOf(model.resolve(arg)) === 'float64') checkDtype(arg, 'floatx', call);
          return;
        }
        if (q && DOUBLE_TENSORS.has(q)) {
          const attr = unparen(call.callee).type === 'attribute' ? child(unparen(call.callee), 'attribute') : undefined;
          report({
            node: call.callee,
            messageId: 'constructor',
            data: { name: model.text(call.callee) },
            fix: attr ? { safety: 'unsafe', edits: [replaceNode(attr, 'FloatTensor')] } : undefined,
          });
          return;
        }
        if (q && WRAPPERS.has(q) && !castRightAway(model, call) && !call.kwargs.has('dtype')) {
          const arg = call.args[0] ?? call.kwargs.get('data') ?? call.kwargs.get('ndarray');
          const dtype = arg && numpyFloat64(model, arg.node);
          if (dtype) reportDtype(dtype, 'numpy', 'numpy', { wrapper: model.text(call.callee) });
        }
        const dtype = call.kwargs.get('dtype');
        if (dtype && (q === undefined || q.startsWith('torch.') || q.startsWith('keras.layers.'))) {
          const kind = float64Kind(model.resolve(dtype));
          const applies = q?.startsWith('keras.layers.')
            ? kind === 'string' || kind === 'tensorflow' || kind === 'numpy'
            : kind === 'torch' || ((kind === 'python' || kind === 'numpy') && q?.startsWith('torch.'));
          if (applies) checkDtype(dtype, 'dtype', call);
        }
        if (!call.receiver || q !== undefined || call.hasSplat) return;
        if (call.name === 'double' && call.args.length === 0 && maybeTorch(model, call.receiver) && !metricOnly(model, call)) {
          const attr = child(unparen(call.callee), 'attribute');
          if (attr) report({ node: attr, messageId: 'double', fix: { safety: 'unsafe', edits: [replaceNode(attr, 'float')] } });
        } else if ((call.name === 'to' || call.name === 'type') && maybeTorch(model, call.receiver)) {
          for (const a of call.args.slice(0, 2)) {
            const kind = float64Kind(model.resolve(a));
            if (kind === 'torch' || (kind === 'string' && call.name === 'type')) checkDtype(a, 'dtype', call);
          }
        }
      },
      end() {
        if (found.length === 0) return;
        const primary = found.find((r) => WIDE.has(r.messageId ?? '')) ?? found[0];
        const others = found.filter((r) => r !== primary);
        const edits = found.map((r) => r.fix?.edits ?? []);
        const cpu = !model.evidence.gpu;
        ctx.report({
          ...primary,
          data: { ...primary.data, cost: cpu ? CPU_COST : COST, more: others.length ? ` (and ${others.length} more float64 ${others.length > 1 ? 'sites that follow' : 'site that follows'} from it)` : '' },
          severity: cpu ? 'info' : undefined,
          fix: edits.every((e) => e.length > 0) ? { safety: 'unsafe', edits: edits.flat(), title: found.length > 1 ? 'Use float32 everywhere in this file' : undefined } : undefined,
          related: others.map((r) => ({ node: r.node, message: `also float64: \`${model.text(r.node)}\`` })),
        });
      },
    };
  },
};

const DEFAULT_DTYPE = new Set(['torch.set_default_dtype', 'torch.set_default_tensor_type']);

/**
 * The float64 default is set back (to anything but float64) later in the same scope before any
 * training step: a demonstration of the switch, as in a notebook cell that shows it and resets it.
 */
function resetBeforeTraining(model: ModuleModel, set: CallSite): boolean {
  const scope = model.context(set.node).func;
  for (const c of model.calls) {
    if (c.node.start <= set.node.end || model.context(c.node).func !== scope) continue;
    if (isStepCall(model, c) || c.name === 'fit') return false;
    if (c.qualified && DEFAULT_DTYPE.has(c.qualified)) {
      const arg = c.args[0] ?? c.kwargs.get('d') ?? c.kwargs.get('t');
      return arg !== undefined && !float64Kind(model.resolve(arg));
    }
  }
  return false;
}

/** Switches that make a whole model or every new tensor float64: where the decision is made. */
const WIDE = new Set(['defaultDtype', 'floatx', 'double']);

/** `.float()`, `.to(torch.float32)`, `.type(torch.float32)`: back to single precision. */
const FLOAT32_CAST = /\.(float\(\s*\)|(to|type)\(\s*(dtype\s*=\s*)?torch\.(float32|float)\s*\))\s*$/;

/**
 * A helper that computes in float64 for accuracy and returns float32 (`return directions.float()`),
 * called once at set-up (`make_directions(...)` in `__init__`): float64 never reaches a training step.
 */
function castBackOnce(model: ModuleModel, fn: FunctionInfo, at: SNode): boolean {
  // Asked for every call in the function: its returns are read once.
  let casts = castsBack.get(fn);
  if (casts === undefined) {
    const returns = model.returnsOf(fn);
    casts = returns.length > 0 && returns.every((r) => r.children[0] !== undefined && FLOAT32_CAST.test(model.text(r.children[0])));
    castsBack.set(fn, casts);
  }
  return casts && !repeated(model, at);
}

/** Per function: every return casts back to float32. */
const castsBack = new WeakMap<FunctionInfo, boolean>();

/** Functions that hold numbers about training rather than the model's: schedules, meters, counters. */
const BOOKKEEPING_FUNCTION = /schedule|meter|metric|accuracy|correct|flops|synchroni[sz]e_between|all_reduce|reduce_dict|stat(s|istics)\b|_stats_|\bfid\b|_fid|fid_|inception_score|covariance/i;
const linalgCache = new WeakMap<ModuleModel, Set<FunctionInfo>>();

/** The functions of the file that call a solver or a decomposition (`LINALG`), computed once per file. */
function linalgFunctions(model: ModuleModel): Set<FunctionInfo> {
  let found = linalgCache.get(model);
  if (!found) {
    found = new Set();
    for (const c of model.calls) {
      const fn = c.qualified !== undefined && LINALG.test(c.qualified) ? model.context(c.node).func : undefined;
      if (fn) found.add(fn);
    }
    linalgCache.set(model, found);
  }
  return found;
}

/** Solvers and decompositions, which need float64 to be accurate. */
const LINALG = /^(torch\.linalg\.|numpy\.linalg\.|scipy\.linalg\.|torch\.(svd|pinverse|cholesky|lstsq|eig|symeig)$)/;

/**
 * A float64 site that does not reach training: in a function about schedules, meters or counters
 * (`cosine_beta_schedule`, `SmoothedValue.synchronize_between_processes`, `count_flops_attn`), or a
 * tensor of a few written-down numbers (`torch.tensor([count, total], dtype=torch.float64)`).
 */
function bookkeeping(model: ModuleModel, call: CallSite): boolean {
  const fn = model.context(call.node).func;
  if (fn && (BOOKKEEPING_FUNCTION.test(fn.name) || (fn.cls !== undefined && /Meter|Value|Logger|Counter|Schedule/.test(fn.cls.name)))) return true;
  if (fn && castBackOnce(model, fn, call.node)) return true;
  // Numerical linear algebra on the CPU (`w.to(torch.float64).cpu()` then `torch.linalg.solve`): float64 on purpose.
  if (fn && /\.cpu\(\)/.test(model.text(enclosingStatement(call.node))) && linalgFunctions(model).has(fn)) return true;
  const first = call.args[0];
  return first?.kind === 'list' && first.items.length <= 16 && call.qualified !== undefined && /^torch\.(tensor|Tensor|DoubleTensor|as_tensor)$/.test(call.qualified);
}
