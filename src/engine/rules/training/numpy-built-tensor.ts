// FRG109: a tensor built from a fresh NumPy array (`torch.tensor(np.random.rand(3, 4))`) where a
// torch factory would make it directly, without the float64 detour and the copy.
import type { CallSite, ModuleModel } from '../../model/model';
import type { Value } from '../../model/values';
import { type SNode, unparen } from '../../parse/syntax';
import { localName, replaceNode } from '../fixes';
import type { Rule } from '../rule';
import { onlyShown, uses } from './shared';
import { perStep, repeated } from './frequency';
import { CONFIDENCE_DOCS } from './workload';

/** Torch calls that turn an array into a tensor, and the dtype they force (undefined: keeps NumPy's). */
const WRAPPERS: Record<string, string | undefined> = {
  'torch.tensor': undefined,
  'torch.as_tensor': undefined,
  'torch.asarray': undefined,
  'torch.from_numpy': undefined,
  'torch.Tensor': 'float32',
  'torch.FloatTensor': 'float32',
  'torch.DoubleTensor': 'float64',
  'torch.HalfTensor': 'float16',
  'torch.LongTensor': 'int64',
  'torch.IntTensor': 'int32',
  'torch.cuda.FloatTensor': 'float32',
  'torch.cuda.DoubleTensor': 'float64',
  'torch.cuda.LongTensor': 'int64',
};
/** Keywords of the wrapper that the torch factories accept as well. */
const CARRIED = ['dtype', 'device', 'requires_grad'];

type ArgStyle = 'dims' | 'size' | 'shape' | 'full' | 'eye' | 'identity' | 'linspace' | 'randint' | 'normal' | 'none';

/** NumPy factories → the torch factory and how its arguments map (`none`: flagged, no fix). */
const FACTORIES: Record<string, [string, ArgStyle]> = {
  'numpy.random.rand': ['rand', 'dims'],
  'numpy.random.randn': ['randn', 'dims'],
  'numpy.random.random': ['rand', 'size'],
  'numpy.random.random_sample': ['rand', 'size'],
  'numpy.random.ranf': ['rand', 'size'],
  'numpy.random.sample': ['rand', 'size'],
  'numpy.random.standard_normal': ['randn', 'size'],
  'numpy.random.randint': ['randint', 'randint'],
  'numpy.random.normal': ['normal', 'normal'],
  'numpy.random.uniform': ['empty', 'none'],
  'numpy.zeros': ['zeros', 'shape'],
  'numpy.ones': ['ones', 'shape'],
  'numpy.empty': ['empty', 'shape'],
  'numpy.full': ['full', 'full'],
  'numpy.eye': ['eye', 'eye'],
  'numpy.identity': ['eye', 'identity'],
  'numpy.arange': ['arange', 'dims'],
  'numpy.linspace': ['linspace', 'linspace'],
};

/** The dtype torch picks without `dtype=`, where it does not depend on the arguments. */
const TORCH_DEFAULT: Record<string, string> = {
  rand: 'float32',
  randn: 'float32',
  normal: 'float32',
  zeros: 'float32',
  ones: 'float32',
  empty: 'float32',
  eye: 'float32',
  linspace: 'float32',
  randint: 'int64',
};

const DTYPES = new Set(['float16', 'float32', 'float64', 'int8', 'int16', 'int32', 'int64', 'uint8', 'bool', 'complex64', 'complex128']);
const PYTHON_DTYPES: Record<string, string> = { float: 'float64', int: 'int64', bool: 'bool', complex: 'complex128' };

/** A NumPy dtype (`np.float32`, `"float32"`, `float`) as a torch dtype name. */
function dtypeName(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  let name: string | undefined;
  if (v.kind === 'string') name = v.value;
  else if (v.kind === 'name' && v.qualified?.startsWith('numpy.')) name = v.qualified.slice(6).replace(/_$/, '');
  else if (v.kind === 'name' && v.qualified && PYTHON_DTYPES[v.qualified]) name = PYTHON_DTYPES[v.qualified];
  return name && DTYPES.has(name) ? name : undefined;
}

interface Source {
  /** The NumPy factory call. */
  factory: CallSite;
  torchName: string;
  style: ArgStyle;
  /** `.astype(x)` applied to the fresh array. */
  astype?: Value;
  /** The array is the wrapper's own argument (not a variable), so the call can be rewritten. */
  inline: boolean;
}

/** A NumPy factory call, possibly followed by `.astype(dtype)`. */
function numpyFactory(model: ModuleModel, node: SNode): Omit<Source, 'inline'> | undefined {
  const n = unparen(node);
  if (n.type !== 'call') return undefined;
  const call = model.callSite(n);
  let astype: Value | undefined;
  let factory = call;
  if (call.name === 'astype' && call.receiver && unparen(call.receiver).type === 'call') {
    if (call.args.length !== 1 || call.kwargs.size > 0) return undefined;
    astype = call.args[0];
    factory = model.callSite(unparen(call.receiver));
  }
  const spec = factory.qualified ? FACTORIES[factory.qualified] : undefined;
  return spec ? { factory, torchName: spec[0], style: spec[1], astype } : undefined;
}

/** The fresh array passed to the wrapper: inline, or through a variable used only here. */
function sourceOf(model: ModuleModel, wrapper: CallSite): Source | undefined {
  const arg = wrapper.args[0] ?? wrapper.kwargs.get('data') ?? wrapper.kwargs.get('ndarray') ?? wrapper.kwargs.get('obj');
  if (!arg) return undefined;
  const direct = numpyFactory(model, arg.node);
  if (direct) return { ...direct, inline: true };
  if (arg.kind !== 'name' || arg.node.type !== 'identifier') return undefined;
  const origin = model.originOf(arg.name, arg.node);
  const viaName = origin ? numpyFactory(model, origin) : undefined;
  const scope = model.context(arg.node).func?.node ?? model.file.root;
  return viaName && uses(model, scope, arg.name) === 2 ? { ...viaName, inline: false } : undefined;
}

const tuple = (model: ModuleModel, v: Value): string | undefined =>
  v.kind === 'number' ? `(${model.text(v.node)},)` : v.kind === 'list' ? `(${v.items.map((i) => model.text(i.node)).join(', ')}${v.items.length === 1 ? ',' : ''})` : undefined;

/**
 * The torch factory's arguments for a NumPy call, and the dtype it asked for, or undefined
 * when the call uses options the fix does not translate.
 */
function translate(model: ModuleModel, src: Source): { args: string[]; dtype?: string } | undefined {
  const call = src.factory;
  const text = (v: Value) => model.text(v.node);
  const kw = new Map(call.kwargs);
  const dtypeArg = kw.get('dtype');
  kw.delete('dtype');
  const dtype = dtypeName(dtypeArg);
  if (dtypeArg && !dtype) return undefined;
  const take = (name: string, pos: number): Value | undefined => {
    const v = kw.get(name) ?? call.args[pos];
    kw.delete(name);
    return v;
  };
  let args: string[] | undefined;
  switch (src.style) {
    case 'dims':
      args = call.args.length > 0 ? call.args.map(text) : undefined;
      break;
    case 'size': {
      const size = take('size', 0);
      args = size && size.kind !== 'none' && call.args.length <= 1 ? [text(size)] : undefined;
      break;
    }
    case 'shape': {
      const shape = take('shape', 0);
      args = shape && call.args.length === 1 ? [text(shape)] : undefined;
      break;
    }
    case 'full': {
      const shape = take('shape', 0);
      const fill = take('fill_value', 1);
      args = shape && fill && call.args.length <= 2 ? [text(shape), text(fill)] : undefined;
      break;
    }
    case 'eye': {
      const n = take('N', 0);
      const m = take('M', 1);
      args = n && call.args.length <= 2 ? (m && m.kind !== 'none' ? [text(n), text(m)] : [text(n)]) : undefined;
      break;
    }
    case 'identity': {
      const n = take('n', 0);
      args = n && call.args.length === 1 ? [text(n)] : undefined;
      break;
    }
    case 'linspace':
      args = call.args.length === 3 ? call.args.map(text) : undefined;
      break;
    case 'randint': {
      const low = take('low', 0);
      const high = take('high', 1);
      const size = take('size', 2);
      const shape = size && tuple(model, size);
      args = low && shape && call.args.length <= 3 ? [...(high ? [text(low), text(high)] : [text(low)]), shape] : undefined;
      break;
    }
    case 'normal': {
      const loc = take('loc', 0);
      const scale = take('scale', 1);
      const size = take('size', 2);
      const shape = size && tuple(model, size);
      const scalar = (v: Value | undefined) => v === undefined || v.kind === 'number';
      args = shape && scalar(loc) && scalar(scale) && call.args.length <= 3 ? [loc ? text(loc) : '0.0', scale ? text(scale) : '1.0', shape] : undefined;
      break;
    }
    case 'none':
      args = undefined;
  }
  return args && kw.size === 0 ? { args, dtype } : undefined;
}

/** The replacement `torch.<factory>(...)` text, or undefined when it cannot be written faithfully. */
function fixText(model: ModuleModel, wrapper: CallSite, src: Source): string | undefined {
  const torch = localName(model, 'torch');
  const mapped = translate(model, src);
  if (!torch || !mapped || wrapper.args.length > 1) return undefined;
  if ([...wrapper.kwargs.keys()].some((k) => !CARRIED.includes(k) && !['data', 'ndarray', 'obj'].includes(k))) return undefined;
  const astype = src.astype ? dtypeName(src.astype) : undefined;
  if (src.astype && !astype) return undefined;
  const forced = wrapper.qualified ? WRAPPERS[wrapper.qualified] : undefined;
  let dtype = forced ?? astype ?? mapped.dtype;
  if (dtype !== undefined && TORCH_DEFAULT[src.torchName] === dtype && !wrapper.kwargs.has('dtype')) dtype = undefined;
  const parts = [...mapped.args];
  if (wrapper.kwargs.has('dtype')) parts.push(`dtype=${model.text(wrapper.kwargs.get('dtype')!.node)}`);
  else if (dtype) parts.push(`dtype=${torch}.${dtype}`);
  for (const k of ['device', 'requires_grad']) {
    const v = wrapper.kwargs.get(k);
    if (v) parts.push(`${k}=${model.text(v.node)}`);
  }
  return `${torch}.${src.torchName}(${parts.join(', ')})`;
}

/** NumPy's default float64 result: a float factory with no dtype asked for. */
function float64Array(src: Source): boolean {
  if (src.astype || src.factory.kwargs.has('dtype') || src.style === 'randint') return false;
  if (src.factory.qualified === 'numpy.arange') return src.factory.args.some((a) => a.kind === 'number' && !Number.isInteger(a.value));
  if (src.style === 'full') {
    const fill = src.factory.kwargs.get('fill_value') ?? src.factory.args[1];
    return fill?.kind === 'number' && !Number.isInteger(fill.value);
  }
  return true;
}

export const numpyBuiltTensor: Rule = {
  meta: {
    code: 'FRG109',
    name: 'numpy-built-tensor',
    category: 'training',
    severity: 'warning',
    summary: 'Tensor built from a fresh NumPy array (`torch.tensor(np.random.rand(...))`) instead of a torch factory',
    messages: {
      default: '`{wrapper}(...)` built from `{numpy}(...)`: NumPy fills {array} that is then copied into the tensor; `{suggestion}` makes it directly',
    },
    fixTitle: 'Use the torch factory',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for `torch.tensor`, `torch.as_tensor`, `torch.from_numpy`, `torch.Tensor`, `torch.FloatTensor` and the other typed ' +
        'constructors applied to a NumPy factory result: `np.random.rand`/`randn`/`random`/`randint`/`normal`/`uniform`, `np.zeros`, ' +
        '`np.ones`, `np.empty`, `np.full`, `np.eye`, `np.identity`, `np.arange`, `np.linspace` (with or without `.astype(...)`), ' +
        'inline or through a variable used nowhere else. A tensor that is only shown afterwards (printed, or displayed as a notebook ' +
        'cell\'s bare expression, until its name is bound again) is an API demonstration and is left alone, and so is a conversion that runs once: ' +
        'a module-level line or notebook cell, set-up before the loops of a function that trains, a constructor (`__init__`), a set-up function (`setup*`, `initialize*`, `allocate*`) or one that builds the parameters (`get_params`, `init_weights`), the first iteration of a loop (`if i == 0:`), a test. ' +
        'Reported where it repeats: in a loop, a generator, a method, a step-like function, or a function the file does not call itself.' + ' ' + CONFIDENCE_DOCS.perStep,
      whyBad:
        'NumPy computes in float64 by default, on the CPU, in a separate buffer; the tensor constructor then converts and copies it ' +
        '(and `.to(device)` copies it again). A torch factory allocates the tensor once, in float32 by default, on whatever device is ' +
        'asked for, and its random numbers come from torch\'s generator, seeded with the rest of the training.',
      evidence:
        'Creating tensors with torch factories instead of NumPy cut training time by 50 % and emissions by about 50 % on MNIST with a ' +
        'two-layer fully connected network on a Quadro RTX 6000 (creedengo rule GCI104 specification). The gain is largest when the ' +
        'tensors are made every step.',
      example: 'noise = torch.tensor(np.random.randn(batch, 100), dtype=torch.float32, device=device)\nmask = torch.from_numpy(np.zeros((n, n)))',
      useInstead: 'noise = torch.randn(batch, 100, dtype=torch.float32, device=device)\nmask = torch.zeros((n, n))',
      fixSafety:
        'Unsafe. The values change: random factories draw from torch\'s generator instead of NumPy\'s, so a fixed `np.random.seed` ' +
        'no longer reproduces them. The dtype may change: `torch.tensor(np.zeros(3))` is float64, `torch.zeros(3)` is float32 (the fix ' +
        'keeps a dtype that is written down: `dtype=`, `.astype(...)` or a typed constructor such as `torch.LongTensor`). And ' +
        '`torch.from_numpy` shared memory with the array, the new tensor does not. A fix is offered only when the arguments translate ' +
        'one to one (`np.random.randint(0, 10, size=5)` → `torch.randint(0, 10, (5,))`); never for `np.random.uniform` or options ' +
        'such as `endpoint=`.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    return {
      call(call) {
        if (!call.qualified || !(call.qualified in WRAPPERS) || call.hasSplat) return;
        const src = sourceOf(model, call);
        if (!src || onlyShown(model, call.node)) return;
        // Set-up that runs once (a cell, weights initialised before the loop) converts one array once.
        if (!repeated(model, call.node)) return;
        // `np.random.randn(*shape)` is still a NumPy array; only the rewrite needs plain arguments.
        const replacement = src.inline && !src.factory.hasSplat ? fixText(model, call, src) : undefined;
        ctx.report({
          node: call.callee,
          confidence: perStep(model, call.node) ? undefined : 'low',
          data: {
            wrapper: model.text(call.callee),
            numpy: model.text(src.factory.callee),
            suggestion: src.style === 'none' ? 'torch.empty(...).uniform_(low, high)' : `torch.${src.torchName}(...)`,
            array: float64Array(src) ? 'a float64 array in CPU memory' : 'an array in CPU memory',
          },
          fix: replacement ? { safety: 'unsafe', edits: [replaceNode(call.node, replacement)] } : undefined,
        });
      },
    };
  },
};
