// Helpers shared by the training rules: what a training step looks like, whether a file builds
// or trains models, and the `if` conditions that guard a node.
import { type CallSite, contains, type LoopInfo, type ModuleModel } from '../../model/model';
import { child, descendants, namedChildren, type SNode, unparen } from '../../parse/syntax';

/** An `if`/`elif` (or conditional expression) condition around a node. */
export interface Guard {
  condition: SNode;
  /** The node runs only when the condition holds (it sits in that condition's own branch). */
  positive: boolean;
}

/**
 * Conditions that decide whether `node` runs, innermost first, stopping at `stop` (e.g. a
 * loop) or at the enclosing function. For an `else`/`elif` branch the earlier conditions of
 * the chain are included as negative guards.
 */
export function guardsOf(node: SNode, stop?: SNode): Guard[] {
  const out: Guard[] = [];
  let prev = node;
  for (let p = node.parent; p && p !== stop && p.type !== 'function_definition'; prev = p, p = p.parent) {
    if (p.type === 'if_statement') {
      const branches = p.children.filter((c) => c.field === 'consequence' || c.field === 'alternative');
      const taken = branches.indexOf(prev);
      if (taken < 0) continue;
      const cond = child(p, 'condition');
      if (cond) out.push({ condition: cond, positive: prev.field === 'consequence' });
      for (const b of branches.slice(0, taken)) {
        const c = b.type === 'elif_clause' ? child(b, 'condition') : undefined;
        if (c) out.push({ condition: c, positive: false });
      }
      if (prev.type === 'elif_clause') {
        const c = child(prev, 'condition');
        if (c) out.push({ condition: c, positive: true });
      }
    } else if (p.type === 'conditional_expression' && p.children.length >= 3) {
      const [body, cond, orelse] = p.children;
      if (prev === body) out.push({ condition: cond, positive: true });
      else if (prev === orelse) out.push({ condition: cond, positive: false });
    }
  }
  return out;
}

const OPTIMIZER_NAME = /^(optim|optimizer|optimiser|opt)(_\w+)?$|_(optim|optimizer|opt)$/i;

/** `loss.backward()`, `accelerator.backward(loss)`, `scaler.scale(loss).backward()`. */
function isBackward(call: CallSite): boolean {
  return call.name === 'backward' && call.receiver !== undefined;
}

/** `optimizer.step()`, `scaler.step(optimizer)`, TF's `optimizer.apply_gradients(...)`. */
function isOptimizerStep(model: ModuleModel, call: CallSite): boolean {
  if (!call.receiver) return false;
  if (call.name === 'apply_gradients') return true;
  if (call.name !== 'step') return false;
  const types = model.typesOf(call.receiver);
  if (types.some((t) => t.startsWith('torch.optim.') && !t.startsWith('torch.optim.lr_scheduler.'))) return true;
  if (types.some((t) => t === 'torch.amp.GradScaler' || t === 'torch.cuda.amp.GradScaler')) return true;
  const r = unparen(call.receiver);
  const last = r.type === 'attribute' ? child(r, 'attribute') : r;
  return last?.type === 'identifier' && OPTIMIZER_NAME.test(model.text(last)) && !/sched/i.test(model.text(last));
}

/** A call that performs (part of) one optimisation step. */
export function isStepCall(model: ModuleModel, call: CallSite): boolean {
  return isBackward(call) || isOptimizerStep(model, call);
}

interface TrainingFacts {
  /** Loops that run one optimisation step per iteration (the innermost loop around the step). */
  stepLoops: Set<SNode>;
  /** The file trains: a step loop, or a Keras/Lightning/Hugging Face `fit`/`train` call. */
  trains: boolean;
  /** The file builds or trains models with PyTorch, Keras or TensorFlow. */
  buildsModels: boolean;
}

const cache = new WeakMap<ModuleModel, TrainingFacts>();

export function innermostLoop(model: ModuleModel, node: SNode): LoopInfo | undefined {
  return model.context(node).loops.find((l) => l.kind !== 'comprehension');
}

export function trainingFacts(model: ModuleModel): TrainingFacts {
  const cached = cache.get(model);
  if (cached) return cached;
  const stepLoops = new Set<SNode>();
  const stepFunctions = new Set<string>();
  for (const call of model.calls) {
    if (!isStepCall(model, call)) continue;
    const loop = innermostLoop(model, call.node);
    if (loop) stepLoops.add(loop.node);
    // A function whose body is one step (no loop of its own around the step): `train_step(batch)`.
    const fn = model.context(call.node).func;
    if (fn && !(loop && contains(fn.node, loop.node))) stepFunctions.add(fn.name);
  }
  // A loop that calls such a local function (or `self.train_step`) runs a step per iteration.
  for (const call of model.calls) {
    if (!stepFunctions.has(call.name)) continue;
    const callee = unparen(call.callee);
    const local = callee.type === 'identifier' || (call.receiver !== undefined && model.text(call.receiver) === 'self');
    const loop = local ? innermostLoop(model, call.node) : undefined;
    if (loop && model.context(call.node).func?.name !== call.name) stepLoops.add(loop.node);
  }
  const frameworks = ['torch', 'keras', 'tensorflow', 'lightning'].some((m) => model.importsModule(m));
  const fits = frameworks && model.calls.some((c) => isFrameworkFit(model, c) || isTrainerTrain(model, c));
  const trains = stepLoops.size > 0 || fits;
  const modelPrefixes = ['torch.nn.', 'torch.optim.', 'torch.utils.data.', 'keras.', 'lightning.'];
  const usesModelApi = (q: string | undefined) => q !== undefined && modelPrefixes.some((p) => q.startsWith(p));
  const buildsModels =
    frameworks && (trains || model.calls.some((c) => usesModelApi(c.qualified)) || [...model.classes.values()].some((c) => c.bases.some(usesModelApi)));
  const facts = { stepLoops, trains, buildsModels };
  cache.set(model, facts);
  return facts;
}

/** `model.fit(...)` on a Keras model or Lightning trainer (not a scikit-learn estimator). */
function isFrameworkFit(model: ModuleModel, call: CallSite): boolean {
  if (call.name !== 'fit' || !call.receiver) return false;
  const types = model.typesOf(call.receiver);
  return types.length === 0 || types.some((t) => t.startsWith('keras.') || t.startsWith('lightning.') || t.startsWith('tensorflow.'));
}

function isTrainerTrain(model: ModuleModel, call: CallSite): boolean {
  return call.name === 'train' && model.typesOf(call.receiver).some((t) => t === 'transformers.Trainer' || t.startsWith('trl.'));
}

/** How often the variable `name` is read or written in `scope` (attribute names and keywords excluded). */
export function uses(model: ModuleModel, scope: SNode, name: string): number {
  let count = 0;
  for (const d of descendants(scope)) {
    if (d.type !== 'identifier' || model.text(d) !== name) continue;
    if ((d.parent?.type === 'attribute' && d.field === 'attribute') || (d.parent?.type === 'keyword_argument' && d.field === 'name')) continue;
    count++;
  }
  return count;
}

/** Calls that only show a value: `print(net)`, `display(x)`. */
const SHOWING = new Set(['print', 'display', 'pprint']);

/**
 * The value `node` computes is assigned to a name that is then shown — printed, displayed as a
 * notebook cell's bare expression, or has its attributes printed — and not otherwise used until
 * the name is bound again: an API demonstration (a tensor or a `Sequential` built to be looked at).
 * `alsoAllowed` admits other reads.
 */
export function onlyShown(model: ModuleModel, node: SNode, alsoAllowed?: (read: SNode) => boolean): boolean {
  const assignment = node.parent;
  const target = assignment?.type === 'assignment' && child(assignment, 'right') === node ? child(assignment, 'left') : undefined;
  if (target?.type !== 'identifier') return false;
  const name = model.text(target);
  const scope = model.context(node).func?.node ?? model.file.root;
  let shown = false;
  for (const d of descendants(scope)) {
    if (d.start < assignment!.end || d.type !== 'identifier' || model.text(d) !== name) continue;
    if ((d.parent?.type === 'attribute' && d.field === 'attribute') || (d.parent?.type === 'keyword_argument' && d.field === 'name')) continue;
    if (d.field === 'left' && d.parent?.type === 'assignment') break;
    let statement = d;
    while (statement.parent && statement.type !== 'expression_statement') statement = statement.parent;
    const expression = statement.type === 'expression_statement' ? unparen(statement.children[0]) : undefined;
    if (expression === d || (expression?.type === 'call' && SHOWING.has(model.callSite(expression).name))) shown = true;
    else if (!alsoAllowed?.(d)) return false;
  }
  return shown;
}

/** Environment libraries of reinforcement learning: a run bound by the simulation the agent steps. */
export const SIMULATORS = ['gym', 'gymnasium', 'envpool', 'pettingzoo'];

/** Built-in functions that a tensor may be handed to without being a model's input. */
const BUILTINS = /^(print|len|str|repr|float|int|list|tuple|abs|sum|max|min|sorted|isinstance|type|format|id)$/;

/**
 * Every optimizer stepped in `loop` was built over a list of plain tensors (`SGD([image], lr=5)`,
 * `LBFGS([input_img])`), not a model's parameters: the loop optimises an input (feature
 * visualisation, adversarial examples, style transfer), not a model.
 */
export function optimisesInputs(model: ModuleModel, loop: SNode): boolean {
  let found = false;
  for (const c of model.calls) {
    if (c.node.start < loop.start || c.node.end > loop.end || c.name !== 'step' || !c.receiver || !isOptimizerStep(model, c)) continue;
    const made = model.originCall(c.receiver);
    if (!made?.qualified?.startsWith('torch.optim.') || !stepsModelInputs(model, made, loop)) return false;
    found = true;
  }
  return found;
}

/**
 * Every optimizer the file builds steps tensors fed to a model (`Adam((optimizing_img,))` with
 * `neural_net(optimizing_img)`), none a model's parameters: the file optimises inputs (a style
 * transfer whose step function is built by a factory, out of the loop's sight).
 */
export function onlyOptimisesInputs(model: ModuleModel): boolean {
  const optimizers = model.calls.filter((c) => /^torch\.optim\.[A-Z]\w*$/.test(c.qualified ?? ''));
  return optimizers.length > 0 && optimizers.every((made) => stepsModelInputs(model, made));
}

/**
 * The optimizer `made` was built over plain tensors (a list or tuple of names) that a model runs
 * on (`model(image)`, within `scope` when given), not over the weights of a hand-written model
 * (`x @ w + b`, or `loss_fn(X, y, w)`: a local function).
 */
function stepsModelInputs(model: ModuleModel, made: CallSite, scope?: SNode): boolean {
  const items = steppedTensors(model, made.args[0]?.node) ?? [];
  if (items.length === 0 || !items.every((e) => e.type === 'identifier' || e.type === 'attribute')) return false;
  const local = new Set(model.functions.map((f) => f.name));
  const texts = new Set(items.map((e) => model.text(e)));
  return model.calls.some(
    (m) =>
      (!scope || (m.node.start >= scope.start && m.node.end <= scope.end)) &&
      !/^(torch|numpy|math)\./.test(m.qualified ?? '') &&
      !BUILTINS.test(m.qualified ?? '') &&
      !local.has(m.name) &&
      [...m.args, ...m.kwargs.values()].some((a) => texts.has(model.text(a.node))),
  );
}

/** The items of an optimizer's list or tuple of tensors: `[image]`, `(image,)`, or lists and names joined (`[latent] + noises`). */
function steppedTensors(model: ModuleModel, node: SNode | undefined): SNode[] | undefined {
  const n = node && unparen(node);
  if (n?.type === 'list' || n?.type === 'tuple') return namedChildren(n);
  if (n?.type !== 'binary_operator' || !model.text(n).includes('+')) return undefined;
  const left = steppedTensors(model, child(n, 'left'));
  const right = child(n, 'right');
  if (!left || !right) return undefined;
  const rest = steppedTensors(model, right);
  if (rest) return [...left, ...rest];
  return right.type === 'identifier' ? [...left, right] : undefined;
}

/**
 * A benchmark script (`vision_benchmark.py`, `bench_*.py`, a file in `benchmarks/`): it measures
 * the configuration it is written with, so advice to change that configuration changes what it measures.
 */
export function benchmarkScript(file: string): boolean {
  const parts = file.split(/[\\/]/);
  return parts.slice(-2).some((p) => /bench/i.test(p));
}
