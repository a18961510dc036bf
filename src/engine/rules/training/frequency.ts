// How often code runs, as far as the file shows: once (a module-level line, a notebook cell,
// setup before a training loop, a test) or again and again (a loop, a step function, a method).
import { contains, type ModuleModel } from '../../model/model';
import { child, descendants, type SNode, unparen } from '../../parse/syntax';
import { fewIterations } from '../inference/shared';
import { trainingFacts } from './shared';
import { numberValue } from './training-apis';

/** Functions whose body runs per batch or per step, by name. */
const PER_STEP = /forward|step|train|sample|generate|collate|getitem|batch|loss|predict|infer|decode|encode|__call__/i;

const TEST_FUNCTION = /^(test_\w+|setUp\w*|tearDown\w*)$/;

/** Functions that build a model or its parameters, called once per run: `get_params`, `init_weights`, `build_model`, a constructor. */
const SETUP_FUNCTION = /^(__init__|setup\w*|initiali[sz]e\w*|allocate\w*|_?(get|init|build|make|create)_?(params|parameters|weights|model|net|network)s?)$/i;

/**
 * Whether the code runs again and again: in a loop, in a generator, in a method of a class (a
 * module's `forward`), in a function named for a step, or in a function the file calls in a loop.
 * A one-off cell or setup line (or a function that builds the model's parameters) runs once: nothing worth a finding.
 */
export function repeated(model: ModuleModel, node: SNode, depth = 0): boolean {
  const ctx = model.context(node);
  // A set-up function (a constructor, `allocate_buffers`, `get_params`) runs once, loops and all.
  if (ctx.func && SETUP_FUNCTION.test(ctx.func.name)) return false;
  const loop = ctx.loops.find((l) => l.kind !== 'comprehension');
  if (loop && firstIterationOnly(model, node, loop)) return false;
  if (loop) {
    // Once per epoch (the loop's own inner loop runs the steps) or over a handful of items to plot: negligible.
    const perEpoch = [...descendants(loop.body)].some((d) => d.type === 'for_statement' || d.type === 'while_statement');
    return !perEpoch && !fewIterations(model, loop);
  }
  if (ctx.loops.length > 0) return true;
  const fn = ctx.func;
  if (!fn) return false;
  // Outside the loops of a function that runs the training loop itself (`def train(): ... for
  // epoch in ...`): setup before the loop runs once per call, at most once per epoch.
  if ([...trainingFacts(model).stepLoops].some((l) => contains(fn.node, l))) return false;
  // A test (`def test_forward`, a `unittest.TestCase` method or fixture) builds its inputs once per run of the suite.
  if (TEST_FUNCTION.test(fn.name) || fn.cls?.bases.some((b) => /(^|\.)(TestCase|IsolatedAsyncioTestCase)$/.test(b))) return false;
  if (fn.cls || PER_STEP.test(fn.name) || depth > 3) return true;
  if (isGenerator(fn.node)) return true;
  // A function the file never calls is called from elsewhere, maybe per step: keep it. One it
  // calls only from top-level code (a notebook's visualisation helper) runs once per call.
  const calls = model.calls.filter((c) => unparen(c.callee).type === 'identifier' && model.text(c.callee) === fn.name);
  return calls.length === 0 || calls.some((c) => repeated(model, c.node, depth + 1));
}

/** Functions that run once per object or per load: set-up, `fre_init`, `init_from_ckpt`. */
const ONCE_FUNCTION = new RegExp(`${SETUP_FUNCTION.source}|^(\\w+_init|_?init_\\w+)$`, 'i');

/**
 * `node` runs once, when an object is built or a checkpoint loaded: in a constructor or set-up
 * function (`__init__`, `fre_init`, `init_from_ckpt`), or in a method the class calls only from such
 * functions (`self.fre_init()` in `__init__`).
 */
export function builtOnce(model: ModuleModel, node: SNode): boolean {
  const fn = model.context(node).func;
  if (!fn) return false;
  if (ONCE_FUNCTION.test(fn.name)) return true;
  if (!fn.cls) return false;
  const calls = model.calls.filter((c) => c.name === fn.name && c.receiver !== undefined && model.text(c.receiver) === 'self');
  return calls.length > 0 && calls.every((c) => {
    const caller = model.context(c.node).func;
    return caller !== undefined && caller.cls === fn.cls && ONCE_FUNCTION.test(caller.name) && model.context(c.node).loops.length === 0;
  });
}

/** A function whose body yields: a generator, run once per item it produces. */
function isGenerator(fn: SNode): boolean {
  const body = child(fn, 'body');
  return !!body && [...descendants(body)].some((d) => d.type === 'yield');
}

/** Under `if i == 0:` (or `if step == 0`, `if first:`) for the loop's own variable: the first iteration only. */
function firstIterationOnly(model: ModuleModel, node: SNode, loop: { node: SNode; targets: string[] }): boolean {
  for (let n: SNode | undefined = node; n && n !== loop.node; n = n.parent ?? undefined) {
    const p = n.parent;
    if (p?.type !== 'if_statement' || n.field !== 'consequence') continue;
    const written = model.text(child(p, 'condition') ?? p);
    const cond = written.replace(/\s+/g, '');
    if (loop.targets.some((t) => cond === `${t}==0` || cond === `0==${t}`) || /^(first|is_first|first_step)$/.test(cond)) return true;
    // `if res is None: res = torch.zeros(...)`: the accumulator is made on the first iteration only.
    // (Also one test of a conjunction: `if args.queue_length > 0 and queue is None:`.)
    const unset = written.split(/\band\b/).map((part) => /^(\w+)isNone$/.exec(part.replace(/[\s()]+/g, ''))).find((m) => m);
    if (unset && new RegExp(`^\\s*${unset[1]}\\s*=[^=]`, 'm').test(model.text(n))) return true;
  }
  return false;
}

/** Steps below which a loop is a sanity check or a demo (`for _ in range(20)`), not a training run. */
const SHORT_RUN = 100;

/** A step loop that runs a known, small number of times and is not repeated by an outer loop. */
export function shortRun(model: ModuleModel, loopNode: SNode): boolean {
  const loop = model.loopInfo(loopNode);
  if (!loop || loop.kind !== 'for' || !loop.iter || model.context(loopNode).loops.length > 0) return false;
  const iter = unparen(loop.iter);
  if (iter.type !== 'call') return false;
  const range = model.callSite(iter);
  if (range.qualified !== 'range' || range.args.length !== 1) return false;
  const n = numberValue(model, range.args[0]);
  return n !== undefined && n < SHORT_RUN;
}

/** Per-step function names: a module's `forward`, a training or evaluation step, a batch hook. */
const STEP_FUNCTION = /^(forward|__call__|__getitem__|\w*_step|step|train_batch|eval_batch|collate\w*)$/;

/**
 * Positive evidence that code runs once per batch or step: it sits in a loop that is not known to
 * be short, in a per-step function (`forward`, `training_step`, `__getitem__`), in a generator,
 * or in a function the file calls from such code (a few levels up). Stricter than `repeated`,
 * which also counts code it cannot place (a method, a function nobody in the file calls): this
 * is what a finding needs for high confidence.
 */
export function perStep(model: ModuleModel, node: SNode, depth = 0): boolean {
  const ctx = model.context(node);
  if (ctx.func && SETUP_FUNCTION.test(ctx.func.name)) return false;
  const loops = ctx.loops.filter((l) => l.kind !== 'comprehension');
  if (loops.length > 0) return !loops.every((l) => fewIterations(model, l)) && !firstIterationOnly(model, node, loops[0]);
  const fn = ctx.func;
  if (!fn || depth > 3) return false;
  if (STEP_FUNCTION.test(fn.name)) return true;
  if (isGenerator(fn.node)) return true;
  // Outside the loops of a function that has its own (`def evaluate(): x = ...; for batch in loader:`): set-up, once per call.
  if (model.loops.some((l) => l.kind !== 'comprehension' && contains(fn.node, l.node) && model.context(l.node).func === fn)) return false;
  // Calls of the function: by name, or for a method through any object (`self.init_hidden(...)`, `model.init_hidden(...)`).
  const callee = (c: { callee: SNode; name: string; receiver?: SNode }) => {
    const n = unparen(c.callee);
    return n.type === 'identifier' ? model.text(n) : n.type === 'attribute' && (fn.cls || /^self\.\w+$/.test(model.text(n))) ? c.name : undefined;
  };
  return model.calls.some((c) => callee(c) === fn.name && c.node !== node && perStep(model, c.node, depth + 1));
}
