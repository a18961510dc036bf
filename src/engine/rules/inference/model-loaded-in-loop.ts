// FRG403: the same model loaded again on every iteration of a loop (loader arguments that do
// not change from one iteration to the next).
import type { CallSite, LoopInfo, ModuleModel } from '../../model/model';
import { contains } from '../../model/model';
import { ancestors, child, descendants, enclosingStatement, type SNode, unparen } from '../../parse/syntax';
import type { Rule } from '../rule';
import { type Binding, bindingsIn, isStreamReader, isTimedOrPolling, knownIterations, loaderLabel, nameWords, namesIn } from './shared';
import { modelLoadedInLoopJs } from '../js/model-loading';

/** Calls that build a path or open a file without depending on hidden state. */
const PURE_CALLS = new Set([
  'os.path.join', 'os.path.expanduser', 'os.path.expandvars', 'os.path.abspath', 'os.path.realpath', 'os.getenv', 'os.environ.get',
  'pathlib.Path', 'str', 'open', 'torch.device',
]);
const PURE_METHODS = new Set(['format', 'joinpath', 'expanduser', 'resolve', 'absolute', 'with_suffix', 'with_name']);

/** Calls in the loop body showing the loop saves checkpoints (so a reload may read new weights). */
const SAVE_CALLS = /^(save|save_pretrained|save_model|save_weights|save_checkpoint|save_state|dump|to_pickle)$/;
/** Words of calls showing the loop trains: each iteration may need fresh pretrained weights (folds, trials). */
const TRAIN_WORDS = new Set(['backward', 'fit', 'train', 'training', 'trainer', 'finetune', 'tune', 'retrain']);

export const modelLoadedInLoop: Rule = {
  meta: {
    code: 'FRG403',
    name: 'model-loaded-in-loop',
    category: 'inference',
    severity: 'warning',
    summary: 'Model loaded inside a loop with arguments that do not change between iterations',
    messages: {
      js: '`{loader}` reloads the same model on every iteration of this loop (its arguments do not change): load it once before the loop',
      jsFrame: '`{loader}` reloads the model on every frame: load it once before the first frame and reuse it',
      default:
        '`{loader}` reloads the same model on every iteration of this loop (its arguments do not change): load it once before the loop',
    },
    languages: ['python', 'notebook', 'typescript', 'javascript'],
    docs: {
      whatItDoes:
        'Checks for model loading (`torch.load`, `from_pretrained`, `transformers.pipeline`, `joblib.load`, `keras.models.load_model`, `onnxruntime.InferenceSession`, … — the same loaders as `model-loaded-per-request`) inside a `for`/`while` loop or comprehension when no argument depends on the loop: none mentions a loop variable or a name assigned in the loop body. Loading a different checkpoint per iteration (`for ckpt in ckpts: torch.load(ckpt)`) is not flagged, nor are loops that save checkpoints or train (cross-validation folds and trials may need fresh pretrained weights), loops that sleep, read a clock or test outside state in a `while` condition (polling for new weights, load-time benchmarks), loads guarded by a condition on the iteration, successive `pickle.load(f)` reads from one open file, and retry loops that `break` after loading. A loop the code shows runs once (over a one-item set or list) is left alone, and so is a hook handed to a `register_*hook*(...)` call (Accelerate\'s `register_load_state_pre_hook`: it runs once per resume, its loop once per model of the checkpoint).',
      whyBad:
        'Each load reads the weights from disk, deserialises them and often moves them to the GPU. When the arguments are the same, every iteration after the first repeats that work and produces an identical model, so the loop spends its time and energy on I/O and allocation instead of inference.',
      evidence:
        'The FastAPI documentation ("Lifespan Events") notes that loading a model "can take quite some time", which is why it should happen once; caching is a catalogued energy pattern (Cruz & Abreu, EMSE 2019, pattern "Cache"). No measured energy figure is available for this rule; the waste is the load time times the number of extra iterations.',
      example: 'for batch in batches:\n    model = torch.load("model.pt", weights_only=False)\n    model.eval()\n    outputs.append(model(batch))',
      useInstead: 'model = torch.load("model.pt", weights_only=False)\nmodel.eval()\nfor batch in batches:\n    outputs.append(model(batch))',
      exampleTs: "for (const text of texts) {\n  const classify = await pipeline('sentiment-analysis');\n  results.push(await classify(text));\n}",
      useInsteadTs: "const classify = await pipeline('sentiment-analysis');\nconst results = await classify(texts);",
      whatItDoesTs: 'TypeScript/JavaScript: the same loaders as `model-loaded-per-request` (tf.js, ONNX Runtime, transformers.js) inside a loop, a `forEach`/`map` callback or a per-frame callback, or in a local function called there, when no argument mentions a loop variable or a name assigned in the loop; cached loads (see `model-loaded-per-request`) are left alone.',
      fixSafety:
        'No automatic fix: hoisting the load out of the loop is only equivalent when the file does not change during the loop and the loop does not modify the model it loaded (fine-tuning it, for example), which the analyser cannot prove.',
    },
  },
  createJs: modelLoadedInLoopJs,
  create(ctx) {
    const { model } = ctx;
    return {
      call(call) {
        const loader = loaderLabel(model, call);
        if (!loader) return;
        const fn = model.context(call.node).func;
        // A hook handed to `accelerator.register_load_state_pre_hook(...)` runs once per resume,
        // its loop once per model in the checkpoint (`for _ in range(len(models)): models.pop()`).
        if (fn && registeredHook(model, fn.name)) return;
        const loops = model.context(call.node).loops.filter((l) => !fn || contains(fn.node, l.node));
        // A loop that runs once (one active provider in a set) loads once.
        if (loops.some((loop) => (knownIterations(model, loop) ?? 2) > 1 && repeatsSameLoad(model, call, loop))) ctx.report({ node: call.callee, data: { loader } });
      },
    };
  },
};

/** Whether every iteration of `loop` repeats the same load. */
function repeatsSameLoad(model: ModuleModel, call: CallSite, loop: LoopInfo): boolean {
  const bound = bindingsIn(model, loop.node);
  const variant = new Set(loop.targets);
  // `path` holds the names being followed, so that `p = p + "x"` counts as changing.
  const invariant = (expr: SNode, path: string[]): boolean => {
    if (callsOutsideLambdas(expr).some((c) => !isPureCall(model.callSite(c)))) return false;
    for (const id of namesIn(model, expr)) {
      const name = model.text(id);
      if (variant.has(name)) return false;
      const own = bound.filter((b) => b.name === name);
      if (own.length === 0) continue;
      if (path.length > 3 || path.includes(name)) return false;
      if (!own.every((b) => isFreshBinding(b, call) && invariant(b.value!, [...path, name]))) return false;
    }
    return true;
  };
  const args = call.argList.children.filter((a) => a.type !== 'comment');
  if (!args.every((a) => invariant(a, []))) return false;
  if (isStreamReader(call) && !opensFileInLoop(model, call, bound)) return false;
  if (loopSavesOrTrains(model, loop) || isTimedOrPolling(model, loop.body) || pollsExternalState(loop)) return false;
  if (conditionallyLoaded(model, call, loop, bound)) return false;
  return !leavesAfterLoad(call.node, loop);
}

/** Calls an expression makes when evaluated (a lambda's body runs later, if at all). */
function callsOutsideLambdas(expr: SNode): SNode[] {
  const out: SNode[] = [];
  const stack = [expr];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'lambda') continue;
    if (n.type === 'call') out.push(n);
    stack.push(...n.children);
  }
  return out;
}

/** A binding made in the loop body before the load (`x = value`, `with open(p) as f`). */
function isFreshBinding(b: Binding, call: CallSite): boolean {
  return !b.iterated && b.value !== undefined && b.node.start < call.node.start && !contains(b.node, call.node);
}

/** Calls whose result depends only on their receiver and arguments (which are checked separately). */
function isPureCall(c: CallSite): boolean {
  if (c.qualified !== undefined && PURE_CALLS.has(c.qualified)) return true;
  if (!c.receiver) return false;
  // `config.get("path")` reads a mapping; `queue.get()` takes the next item.
  return PURE_METHODS.has(c.name) || (c.name === 'get' && c.args[0]?.kind === 'string');
}

/** `pickle.load(open(p))` or `with open(p) as f: pickle.load(f)` inside the loop: a fresh file each time. */
function opensFileInLoop(model: ModuleModel, call: CallSite, bound: Binding[]): boolean {
  const arg = call.args[0]?.node;
  if (!arg) return false;
  const opened = (n: SNode) => n.type === 'call' && model.callSite(n).qualified === 'open';
  if (opened(unparen(arg))) return true;
  if (arg.type !== 'identifier') return false;
  const name = model.text(arg);
  return bound.some((b) => b.name === name && b.value !== undefined && opened(unparen(b.value)));
}

function loopSavesOrTrains(model: ModuleModel, loop: LoopInfo): boolean {
  for (const d of descendants(loop.node)) {
    if (d.type !== 'call') continue;
    const c = model.callSite(d);
    if (SAVE_CALLS.test(c.name) || nameWords(c.name).some((w) => TRAIN_WORDS.has(w))) return true;
  }
  return false;
}

/** `while not os.path.exists(flag):` — a loop waiting on the outside world, which may rewrite the file. */
function pollsExternalState(loop: LoopInfo): boolean {
  const cond = loop.kind === 'while' ? child(loop.node, 'condition') : undefined;
  return cond !== undefined && [cond, ...descendants(cond)].some((d) => d.type === 'call');
}

/**
 * The load sits under a condition that can change between iterations (a loop variable, a call,
 * or the loaded name itself as in `if model is None:`).
 */
function conditionallyLoaded(model: ModuleModel, call: CallSite, loop: LoopInfo, bound: Binding[]): boolean {
  const names = new Set([...loop.targets, ...bound.map((b) => b.name)]);
  const stmt = enclosingStatement(call.node);
  const left = stmt.children[0]?.type === 'assignment' ? child(stmt.children[0], 'left') : undefined;
  if (left) names.add(model.text(left));
  let prev: SNode = call.node;
  for (const a of ancestors(call.node)) {
    if (a === loop.node) return false;
    let cond: SNode | undefined;
    if ((a.type === 'if_statement' || a.type === 'elif_clause') && prev.field !== 'condition') cond = child(a, 'condition');
    else if (a.type === 'else_clause' && a.parent?.type === 'if_statement') cond = child(a.parent, 'condition');
    else if (a.type === 'conditional_expression' && prev !== a.children[1]) cond = a.children[1];
    else if (a.type === 'boolean_operator' && prev.field === 'right') cond = child(a, 'left');
    else if (a.type === 'if_clause') cond = a;
    if (cond) {
      if ([cond, ...descendants(cond)].some((d) => d.type === 'call')) return true;
      if (namesIn(model, cond).some((id) => names.has(model.text(id)))) return true;
      if (left && model.text(cond).includes(model.text(left))) return true;
    }
    prev = a;
  }
  return false;
}

/** `try: model = load(); break` — a retry or find-first loop that stops once the load succeeds. */
function leavesAfterLoad(node: SNode, loop: LoopInfo): boolean {
  let stmt: SNode = node;
  while (stmt.parent && stmt !== loop.body) {
    const parent: SNode = stmt.parent;
    if (parent.type === 'block') {
      const after = parent.children.filter((c) => c.start > stmt.end);
      if (after.some((c) => c.type === 'break_statement' || c.type === 'return_statement')) return true;
    }
    stmt = parent;
  }
  return false;
}

/** A function passed to a `register_*hook*(...)` call (Accelerate's load/save-state hooks, torch module hooks). */
function registeredHook(model: ModuleModel, name: string): boolean {
  return model.calls.some((c) => /^register_\w*hook/.test(c.name) && c.args.some((a) => a.kind === 'name' && a.name === name));
}
