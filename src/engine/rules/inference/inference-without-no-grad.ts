// FRG401: a PyTorch forward pass for evaluation or serving that runs with autograd on
// (outside `torch.no_grad()` / `torch.inference_mode()`).
import { type CallSite, type ClassInfo, contains, type FunctionInfo, type LoopInfo, type ModuleModel } from '../../model/model';
import { ancestors, child, descendants, enclosingStatement, type SNode, unparen } from '../../parse/syntax';
import { addImport, compact, localName } from '../fixes';
import type { OffsetEdit, Rule } from '../rule';
import { CallerIndex, enclosingFunctions, fewIterations, isTorchModel, lastModeCall, nameWords, returnedForTraining } from './shared';
import { onlyToyModels } from '../training/model-size';
import { perStep } from '../training/frequency';
import { CONFIDENCE_DOCS, workloadOf } from '../training/workload';
import { calledElsewhereWithoutGrad } from '../../project-refs';

const GRAD_OFF = new Set([
  'torch.no_grad',
  'torch.inference_mode',
  'torch.autograd.no_grad',
  'torch.autograd.inference_mode',
  'torch.autograd.grad_mode.no_grad',
  'torch.autograd.grad_mode.inference_mode',
  // MONAI's `with eval_mode(net):` puts the networks in eval mode under `torch.no_grad()`.
  'monai.networks.eval_mode',
  'monai.networks.utils.eval_mode',
]);
const GRAD_SET = new Set(['torch.set_grad_enabled', 'torch.autograd.set_grad_enabled', 'torch.autograd.grad_mode.set_grad_enabled']);
const GRAD_ON = new Set(['torch.enable_grad', 'torch.autograd.enable_grad', 'torch.autograd.grad_mode.enable_grad']);

/** Words of a function name that mark evaluation or prediction code. */
const EVAL_WORDS = new Set([
  'eval', 'evaluate', 'evaluation', 'evaluating', 'validate', 'validation', 'valid', 'val', 'test', 'testing',
  'predict', 'prediction', 'predictions', 'infer', 'inference', 'inferencing', 'score', 'scoring', 'serve', 'serving',
]);
/** Words of a class name that mark an inference wrapper. */
const EVAL_CLASS_WORDS = new Set(['predictor', 'evaluator', 'inference', 'inferencer', 'scorer']);

/** Autograd calls that show the code needs gradients. */
const GRAD_CALLS = new Set(['backward', 'manual_backward', 'requires_grad_', 'zero_grad']);

/** `inference` outranks everything: `enable_grad()` does not leave inference mode. */
type GradState = 'inference' | 'off' | 'on' | undefined;

/** OpenMMLab's evaluation hooks, which its runners and test loops call under `torch.no_grad()`. */
const MM_EVAL_HOOKS = /^(val_step|test_step|forward_test|simple_test|aug_test)$/;
const OPENMMLAB = new Set(['mmcv', 'mmengine', 'mmseg', 'mmdet', 'mmpretrain', 'mmcls']);

/** OpenMMLab code: the file imports one of its packages (also a vendored copy, `annotator.uniformer.mmcv`), or the class has its `forward_train` hook. */
function openMMLab(model: ModuleModel, cls: ClassInfo): boolean {
  if ([...model.imports.values()].some((q) => q.split('.').some((part) => OPENMMLAB.has(part)))) return true;
  return model.functions.some((f) => f.cls === cls && f.name === 'forward_train');
}

export const inferenceWithoutNoGrad: Rule = {
  meta: {
    code: 'FRG401',
    name: 'inference-without-no-grad',
    category: 'inference',
    severity: 'warning',
    summary: 'PyTorch forward pass for evaluation or serving outside `torch.no_grad()` / `torch.inference_mode()`',
    messages: {
      evalFunction:
        'Forward pass `{callee}(...)` in `{func}` runs with autograd on: the graph and activations are kept for a backward pass that never comes; run it under `torch.inference_mode()`',
      handler:
        'Forward pass `{callee}(...)` in request handler `{func}` runs with autograd on: every request builds an autograd graph it never uses; run it under `torch.inference_mode()`',
      interactiveHelper:
        '`{helper}({callee}, ...)` runs the model in an interactive loop with autograd on: every prompt builds an autograd graph it never uses; run it under `torch.inference_mode()`',
      interactive:
        'Forward pass `{callee}(...)` in an interactive loop runs with autograd on: every prompt builds an autograd graph it never uses; run it under `torch.inference_mode()`',
      afterEval:
        'Forward pass `{callee}(...)` after `.eval()` runs with autograd on: `eval()` does not disable gradients; run it under `torch.inference_mode()`',
    },
    fixTitle: 'Wrap in `with torch.inference_mode():`',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for PyTorch forward passes (`model(x)`, `self.model(x)`, `model.forward(x)`) that run with autograd enabled where no gradient is needed: after `model.eval()`, in evaluation or prediction functions (`evaluate`, `validate`, `test`, `predict`, `infer`, `score`, …; not a module\'s method that its `forward` calls through `self`, such as an attention `get_att_score`) and the methods of classes named for prediction (`Predictor`, `Evaluator`; not the `forward` of an `nn.Module` so named, such as a `LinkPredictor` head, which trains through it), in interactive loops (including a local helper handed the model there) that read `input()`, and in web or serverless request handlers, outside `torch.no_grad()` / `torch.inference_mode()` (or MONAI\'s `eval_mode(net)`, which runs its block under `no_grad`) (as a `with` block or a decorator on the function or an enclosing one — also a local decorator whose wrapper runs the function under `with torch.no_grad():`, such as `@nograd`, and a project\'s own decorator named for it, such as YOLOv5\'s `@smart_inference_mode()` — or on every caller of the function in the file, a few levels up; a method that the project\'s other files call only inside such a block, test files aside, as DomainBed\'s `misc.accuracy` calls `network.predict(x)` under `torch.no_grad()`, is left alone too). The callee must be known to be a PyTorch model (a subclass of `nn.Module`, a torchvision/timm/Hugging Face model, `torch.load`/`torch.jit.load`) or have `.eval()` called on it. Functions that call `.backward()`, `torch.autograd.grad` or `requires_grad_()` are left alone, as are Lightning hooks (Lightning already disables gradients in `validation_step`/`test_step`/`predict_step`) and, in OpenMMLab code (a file that imports `mmcv`, `mmengine`, `mmseg` or `mmdet`, also a vendored copy, or a class with its `forward_train` hook), a model\'s `val_step`, `forward_test`, `simple_test` and `aug_test`, which its runners call under `no_grad` and `model.generate(...)` (it runs under `no_grad` itself). Weightless transform pipelines (kornia augmentations, torchvision transforms, an `nn.Sequential` of them) are not models. A single forward pass after `.eval()` at the top level of a script or notebook (outside functions and loops, or in a loop over at most 16 items) runs once and is left alone. A forward pass outside loops on a freshly made random or constant tensor (a shape check such as `net(torch.randn(1, 3, 32, 32))`) is left alone. ' +
        'A forward pass whose output the function returns (directly or through a name) is followed to the callers in the module: when one of them may train on it (it calls `.backward()` in its function, or in its top-level loop or after it), or hands it on to such a caller, or when the function itself is handed out as a value (returned from a factory, passed as a callback) so its callers are out of sight, it is left alone — unless the model was put in eval mode first (`model.eval()` in the function, `Net().eval()`): then the outputs are predictions. A function the module never calls is judged by its name and mode as before. Files whose models are all toys (under 10,000 parameters, every size written down) are left alone.' + ' ' + CONFIDENCE_DOCS.perStep + ' Forward passes in request handlers and interactive prompt loops are high confidence too; in a script or notebook whose only data is a small graph benchmark (Cora, MUTAG, PPI) or a teaching set cut to a few thousand samples, every other forward pass is low confidence, since evaluating it takes milliseconds.',
      whyBad:
        '`model.eval()` only switches dropout and batch normalisation to inference behaviour; it does not turn autograd off. Each forward pass still records the autograd graph and keeps every intermediate activation alive for a backward pass that never comes: more memory (so smaller batches fit), more allocator and bookkeeping work per operation, and in a server this cost is paid on every request.',
      evidence:
        'The PyTorch documentation states that `torch.inference_mode` "gets better performance by disabling view tracking and version counter bumps" and that `no_grad` skips building the autograd graph; the pattern is catalogued as creedengo rule GCI100. There is no single measured energy figure: the saving grows with the size of the activations the graph would keep.',
      example:
        'model.eval()\ncorrect = 0\nfor images, labels in val_loader:\n    logits = model(images.to(device))\n    correct += (logits.argmax(1) == labels.to(device)).sum().item()',
      useInstead:
        'model.eval()\ncorrect = 0\nwith torch.inference_mode():\n    for images, labels in val_loader:\n        logits = model(images.to(device))\n        correct += (logits.argmax(1) == labels.to(device)).sum().item()',
      fixSafety:
        'Unsafe: the fix wraps the statement in `with torch.inference_mode():` (adding `import torch` when needed). Tensors created in inference mode cannot later be used in autograd or updated in place outside it, so code that back-propagates through the result or modifies it in place (here or in a caller) would raise `RuntimeError`; use `torch.no_grad()` there instead. Wrapping a whole loop instead of one statement is usually better and is left to you.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    // A toy (an XOR net, under 10,000 parameters with every size written down) records a graph of a few dozen numbers.
    if (!model.importsModule('torch') || onlyToyModels(model)) return {};
    const testModule =
      model.importsModule('pytest') || model.importsModule('unittest') || /(^|[\\/])(test_[^\\/]*|[^\\/]*_test|conftest)\.py$/.test(ctx.path);
    const evalNamed = new Map<FunctionInfo, boolean>();
    const isEvalFunction = (f: FunctionInfo) => {
      let named = evalNamed.get(f);
      if (named === undefined) evalNamed.set(f, (named = isEvalName(f.name, testModule) && !forwardHelper(model, f)));
      return named;
    };
    const prompts = promptLoops(model);
    // Nothing to report without one of: a mode call (`.eval()`/`.train(False)`), a request handler,
    // an evaluation function or class, or an interactive prompt loop.
    if (
      prompts.size === 0 &&
      !model.calls.some((c) => c.name === 'eval' || c.name === 'train') &&
      !model.functions.some((f) => f.handler || isEvalFunction(f)) &&
      !model.nodesOfType('class_definition').some((c) => nameWords(model.text(child(c, 'name') ?? c)).some((w) => EVAL_CLASS_WORDS.has(w)))
    )
      return {};
    const scan = new GradScan(model);
    const callers = new CallerIndex(model);
    const fixed = new Set<SNode>();
    /** A `while` loop around `node` that reads `input()`. */
    const interactiveLoop = (node: SNode): LoopInfo | undefined => model.context(node).loops.find((l) => prompts.has(l.node));
    /**
     * `greedy_decode(model, src, ...)` in an interactive loop: a local helper handed the model runs
     * its forward passes with autograd on unless the helper turns it off itself.
     */
    const checkInteractiveHelper = (call: CallSite): boolean => {
      const callee = unparen(call.callee);
      if (prompts.size === 0 || callee.type !== 'identifier' || !interactiveLoop(call.node)) return false;
      const helper = model.functions.find((f) => f.name === model.text(callee) && !f.cls);
      if (!helper) return false;
      if (GRAD_TEXT.test(model.text(helper.node.parent?.type === 'decorated_definition' ? helper.node.parent : helper.node))) return true;
      const passed = [...call.args, ...call.kwargs.values()].find((a) => {
        const n = unparen(a.node);
        return n.type === 'identifier' && (isTorchModel(model, n) || lastModeCall(model, n, call.node)?.mode === 'eval');
      });
      if (!passed) return false;
      if (scan.gradDisabled(call.node) || scan.calledWithoutGrad(enclosingFunctions(model, call.node))) return true;
      if (needsGrad(model, call.node, enclosingFunctions(model, call.node)[0])) return true;
      const stmt = enclosingStatement(call.node);
      const edits = fixed.has(stmt) ? undefined : wrapInInferenceMode(model, call.node, stmt);
      if (edits) fixed.add(stmt);
      ctx.report({
        node: call.callee,
        messageId: 'interactiveHelper',
        data: { helper: helper.name, callee: model.text(passed.node) },
        fix: edits && { safety: 'unsafe', edits },
      });
      return true;
    };
    /** In this file, only `self.` calls in its own class or calls under `no_grad`; elsewhere, only calls under `no_grad`. */
    const onlyCalledElsewhereWithoutGrad = (fn: FunctionInfo, path: string): boolean => {
      const here = model.calls.filter((c) => c.name === fn.name && !contains(fn.node, c.node));
      const reach = here.filter((c) => !(c.receiver && model.text(c.receiver) === 'self' && !contains(fn.cls!.node, c.node)));
      return reach.every((c) => scan.gradDisabled(c.node)) && calledElsewhereWithoutGrad(model, path, fn.name);
    };
    return {
      call(call) {
        if (call.name === 'generate') return;
        if (checkInteractiveHelper(call)) return;
        const target = forwardTarget(call);
        if (!target) return;
        const funcs = enclosingFunctions(model, call.node);
        const fn = funcs[0];
        const cls = model.context(call.node).cls;
        if (cls?.bases.some((b) => b.startsWith('lightning.') || b === 'transformers.Trainer')) return;
        // OpenMMLab's runners call a model's `val_step` and test hooks under `torch.no_grad()` (mmcv, mmengine, mmseg, mmdet).
        if (fn && MM_EVAL_HOOKS.test(fn.name) && fn.cls && openMMLab(model, fn.cls)) return;
        // Inside an `nn.Module`'s own `forward` (or a method it reaches through `self`), a sub-module is part
        // of the module's computation, trained through it (a frozen LPIPS network in a training loss, a
        // `LinkPredictor` head named for prediction): the caller decides whether gradients are on.
        if (fn && forwardHelper(model, fn)) return;
        const handler = funcs.find((f) => f.handler);
        const evalFn = funcs.find(isEvalFunction) ?? (cls && nameWords(cls.name).some((w) => EVAL_CLASS_WORDS.has(w)) ? fn : undefined);
        const modeCall = lastModeCall(model, target, call.node);
        const mode = modeCall?.mode;
        // An interactive loop (`while True: text = input(...)`) answers prompts: nothing trains there.
        const interactive = interactiveLoop(call.node);
        if (mode === 'train' || (!handler && !evalFn && !interactive && mode !== 'eval')) return;
        // One forward pass at the top level (a notebook cell showing a prediction) builds one graph: nothing worth a finding.
        if (!handler && !evalFn && !interactive && oneOff(model, call.node)) return;
        // A shape check (`y = net(torch.randn(1, 3, 32, 32)); print(y.size())`) outside any loop runs one random batch.
        if (!handler && !interactive && model.context(call.node).loops.length === 0 && randomInput(model, call)) return;
        if (mode !== 'eval' && !isTorchModel(model, target)) return;
        if (scan.gradDisabled(call.node) || scan.calledWithoutGrad(funcs)) return;
        // A method the project's other files call only under `no_grad` (DomainBed's `algorithm.predict`, run by `misc.accuracy`).
        if (fn?.cls && onlyCalledElsewhereWithoutGrad(fn, ctx.path)) return;
        if (needsGrad(model, call.node, fn)) return;
        // Outputs returned to a caller that may train on them (`def forward_step(model, x): return model(x)`),
        // unless the model was just put in eval mode: then they are predictions.
        // A network frozen elsewhere (`self.lpips = LPIPS().eval()` in `__init__`) whose output a training loss returns
        // needs its graph: gradients flow through it to the model being trained.
        const evalHere = modeCall?.call !== undefined && model.context(modeCall.call.node).func === fn;
        if (fn && (mode !== 'eval' || !evalHere) && returnedForTraining(model, call.node, fn, callers, (c, caller) => needsGrad(model, c.node, caller))) return;
        const callee = model.text(call.name === 'forward' ? call.callee : target).replace(/\s+/g, '');
        const messageId = handler ? 'handler' : evalFn ? 'evalFunction' : mode === 'eval' || !interactive ? 'afterEval' : 'interactive';
        const func = (handler ?? evalFn)?.name ?? '';
        const stmt = enclosingStatement(call.node);
        const edits = fixed.has(stmt) ? undefined : wrapInInferenceMode(model, call.node, stmt);
        if (edits) fixed.add(stmt);
        const related = mode === 'eval' && modeCall?.call ? [{ node: modeCall.call.node, message: '`.eval()` here only switches layers to inference behaviour; autograd stays on' }] : undefined;
        // A request handler or a forward pass the file runs per batch (an evaluation loop, a function called in one) builds a graph every time;
        // a helper called once or twice on a demo input may not.
        // On a small graph benchmark or a teaching set cut to a few thousand samples, evaluation takes milliseconds.
        // (In a notebook too: `smallData` holds only when every dataset it loads is one of them.)
        const small = !handler && !interactive && workloadOf(model, ctx.path).smallData;
        const confidence = !small && (handler || interactive || perStep(model, call.node)) ? undefined : 'low';
        const why = small ? 'the data is a small graph benchmark or a teaching set cut to a few thousand samples: evaluating it takes milliseconds' : undefined;
        ctx.report({ node: call.callee, messageId, data: { callee, func }, fix: edits && { safety: 'unsafe', edits }, related, confidence, why });
      },
    };
  },
};

/** The model object of a forward call: `model` in `model(x)` and `model.forward(x)`. */
function forwardTarget(call: CallSite): SNode | undefined {
  if (call.name === 'forward') return call.receiver;
  const c = unparen(call.callee);
  return c.type === 'identifier' || c.type === 'attribute' ? c : undefined;
}

function isEvalName(name: string, testModule: boolean): boolean {
  return nameWords(name).some((w) => EVAL_WORDS.has(w) && !(testModule && (w === 'test' || w === 'testing')));
}

/** A call outside any function and any loop (or in a loop over a handful of items): it runs once or a few times. */
function oneOff(model: ModuleModel, node: SNode): boolean {
  const ctx = model.context(node);
  if (ctx.func) return false;
  return ctx.loops.every((l) => fewIterations(model, l));
}

/**
 * A method of an `nn.Module` that its `forward` reaches through `self.name(...)` calls
 * (`get_att_score` of an attention decoder): part of every forward pass, training included,
 * whatever its name says.
 */
function forwardHelper(model: ModuleModel, f: FunctionInfo): boolean {
  const cls = f.cls;
  if (!cls) return false;
  // An `nn.Module`, or a class that defines `forward` on another base (a Hugging Face
  // `DPRPretrainedModel` subclass such as `DPRSpanPredictor`).
  const torchModule = cls.bases.some((b) => b === 'torch.nn.Module' || b === 'torch.nn.modules.module.Module');
  if (!torchModule && !model.functions.some((m) => m.cls?.node === cls.node && m.name === 'forward')) return false;
  let byClass = reachedCache.get(model);
  if (!byClass) reachedCache.set(model, (byClass = new Map()));
  let reached = byClass.get(cls.node);
  if (!reached) {
    const methods = model.functions.filter((m) => m.cls?.node === cls.node);
    const found = new Set(methods.filter((m) => m.name === 'forward'));
    // The class's own `self.method(...)` calls, followed from `forward` until nothing new is reached.
    const selfCalls = model.calls.filter((c) => c.receiver && model.text(c.receiver) === 'self' && contains(cls.node, c.node));
    for (let grew = true; grew; ) {
      grew = false;
      for (const c of selfCalls) {
        const caller = model.context(c.node).func;
        const callee = caller && found.has(caller) ? methods.find((m) => m.name === c.name) : undefined;
        if (callee && !found.has(callee)) {
          found.add(callee);
          grew = true;
        }
      }
    }
    byClass.set(cls.node, (reached = found));
  }
  return reached.has(f);
}

/** Per file and class: the methods its `forward` reaches through `self` (see `forwardHelper`). */
const reachedCache = new WeakMap<ModuleModel, Map<SNode, Set<FunctionInfo>>>();

/** The forward pass's input is a freshly made random or constant tensor: a smoke test, not evaluation. */
function randomInput(model: ModuleModel, call: CallSite): boolean {
  const first = call.args[0];
  const origin = first && (first.kind === 'call' ? first.call : model.originCall(first.node));
  return origin?.qualified !== undefined && /^torch\.(rand\w*|zeros|ones|empty|full)$/.test(origin.qualified);
}

/** Text that shows a function turns gradients off itself. */
const GRAD_TEXT = /no_grad|inference_mode|set_grad_enabled/;

/** `while` loops that read `input()`: interactive prompt loops. Found once per file, not per call. */
function promptLoops(model: ModuleModel): Set<SNode> {
  const out = new Set<SNode>();
  for (const c of model.calls) {
    if (c.name !== 'input' || c.receiver) continue;
    for (const l of model.context(c.node).loops) if (l.kind === 'while') out.add(l.node);
  }
  return out;
}

/** Grad mode set by a `with` item or a decorator: `torch.no_grad()`, `torch.set_grad_enabled(False)`. */
function gradStateOf(model: ModuleModel, expr: SNode): GradState {
  const e = unparen(expr);
  const call = e.type === 'call' ? model.callSite(e) : undefined;
  const q = call ? call.qualified : model.qualify(e);
  // A local decorator that runs the function under `with torch.no_grad():` (`@nograd`).
  if (!q && e.type === 'identifier') return localGradDecorator(model, model.text(e));
  // A project's own decorator named for it, imported from its utilities (YOLOv5's `@smart_inference_mode()`).
  const named = call ? call.name : e.type === 'identifier' || e.type === 'attribute' ? model.text(e).split('.').pop() : undefined;
  if (named && !GRAD_OFF.has(q ?? '') && /^\w*(inference_mode|no_grad|nograd)\w*$/i.test(named) && !/enable|set_grad/i.test(named)) return /inference/i.test(named) ? 'inference' : 'off';
  if (!q) return undefined;
  if (GRAD_OFF.has(q)) {
    const arg = call?.args[0] ?? call?.kwargs.get('mode');
    if (arg?.kind === 'bool' && !arg.value) return undefined;
    return q.endsWith('inference_mode') ? 'inference' : 'off';
  }
  if (GRAD_ON.has(q)) return 'on';
  if (GRAD_SET.has(q) && call) {
    const arg = call.args[0] ?? call.kwargs.get('mode');
    // An expression such as `phase == "train"` may disable gradients: give it the benefit of the doubt.
    return arg?.kind === 'bool' && arg.value ? 'on' : 'off';
  }
  return undefined;
}

/** The grad mode a local decorator function sets around the function it wraps: a `with torch.no_grad():` in its body. */
function localGradDecorator(model: ModuleModel, name: string): GradState {
  const fn = model.functions.find((f) => f.name === name && !f.cls);
  const body = fn && child(fn.node, 'body');
  if (!body) return undefined;
  for (const d of descendants(body)) {
    if (d.type !== 'with_item') continue;
    const v = child(d, 'value');
    const s = v && v.type !== 'identifier' ? gradStateOf(model, v) : undefined;
    if (s === 'off' || s === 'inference') return s;
  }
  return undefined;
}

/** Grad-mode questions about a module, with the calls they need indexed once. */
class GradScan {
  private byName: Map<string, CallSite[]> | undefined;
  private setters: CallSite[] | undefined;

  constructor(private readonly model: ModuleModel) {}

  /** Whether the grad-mode contexts around `node` (innermost decides, inference mode always wins) disable gradients. */
  gradDisabled(node: SNode): boolean {
    const model = this.model;
    let innermost: GradState;
    let prev = node;
    for (const a of ancestors(node)) {
      let state: GradState;
      if (a.type === 'with_statement' && prev.field === 'body') {
        const clause = a.children.find((c) => c.type === 'with_clause');
        for (const item of clause?.children ?? []) {
          let v = item.type === 'with_item' ? child(item, 'value') : undefined;
          if (v?.type === 'as_pattern') v = v.children[0];
          const s = v && gradStateOf(model, v);
          if (s === 'inference') return true;
          state = s ?? state;
        }
      } else if (a.type === 'function_definition') {
        for (const d of model.functionInfo(a).decorators) {
          const expr = d.node.children[0];
          const s = expr && gradStateOf(model, expr);
          if (s === 'inference') return true;
          state = s ?? state;
        }
      }
      innermost ??= state;
      prev = a;
    }
    return innermost ? innermost === 'off' : this.globallyDisabled(node);
  }

  /** `torch.set_grad_enabled(False)` as a statement earlier in the same scope. */
  private globallyDisabled(node: SNode): boolean {
    const model = this.model;
    this.setters ??= model.calls.filter((c) => c.qualified && GRAD_SET.has(c.qualified) && c.node.parent?.type === 'expression_statement');
    const fn = model.context(node).func;
    return this.setters.some((c) => {
      const arg = c.args[0];
      const scope = model.context(c.node).func;
      return c.node.start < node.start && arg?.kind === 'bool' && !arg.value && (scope === undefined || scope === fn);
    });
  }

  /** Every call in this file of an enclosing function runs it with gradients disabled. */
  calledWithoutGrad(funcs: FunctionInfo[], depth = 0): boolean {
    if (!this.byName) {
      this.byName = new Map();
      for (const c of this.model.calls) this.byName.set(c.name, [...(this.byName.get(c.name) ?? []), c]);
    }
    // Only when every call in this file runs it without gradients: one call with autograd on is enough to waste.
    // A caller counts when it is itself only called without gradients (`fid_score` under
    // `@torch.inference_mode()` → `load_stats()` → the forward pass), a few levels up.
    return funcs.some((f) => {
      const callers = (this.byName!.get(f.name) ?? []).filter((c) => !contains(f.node, c.node));
      return (
        callers.length > 0 &&
        callers.every((c) => {
          if (this.gradDisabled(c.node)) return true;
          const outer = depth < 3 ? enclosingFunctions(this.model, c.node) : [];
          return outer.length > 0 && this.calledWithoutGrad(outer, depth + 1);
        })
      );
    });
  }
}

/**
 * Whether gradients are needed around the forward call: autograd calls in the same function,
 * or, at module level, in the same top-level loop or after the call.
 */
function needsGrad(model: ModuleModel, node: SNode, fn: FunctionInfo | undefined): boolean {
  let scope: SNode;
  let after = 0;
  if (fn) scope = fn.node;
  else {
    const loops = model.context(node).loops;
    const outer = loops[loops.length - 1];
    scope = outer?.node ?? model.file.root;
    if (!outer) after = node.end;
  }
  for (const d of descendants(scope)) {
    if (d.start < after) continue;
    if (!fn && d.type === 'function_definition') continue;
    if (d.type === 'call') {
      const c = model.callSite(d);
      if (fn && model.context(d).func !== fn) continue;
      if (!fn && model.context(d).func) continue;
      if (GRAD_CALLS.has(c.name) && c.receiver) return true;
      if (c.qualified?.startsWith('torch.autograd.') && !GRAD_ON.has(c.qualified) && !GRAD_OFF.has(c.qualified) && !GRAD_SET.has(c.qualified)) return true;
      const rg = c.kwargs.get('requires_grad');
      if (rg && !(rg.kind === 'bool' && !rg.value)) return true;
    } else if (d.type === 'assignment') {
      const left = child(d, 'left');
      if (left?.type === 'attribute' && model.text(child(left, 'attribute') ?? left) === 'requires_grad') return true;
    }
  }
  return false;
}

/**
 * Edits wrapping the statement that holds the call in `with torch.inference_mode():`. Only for
 * a simple statement alone on its lines whose evaluation runs the call immediately.
 */
function wrapInInferenceMode(model: ModuleModel, call: SNode, stmt: SNode): OffsetEdit[] | undefined {
  const file = model.file;
  const inner = stmt.children[0];
  if (stmt.type === 'expression_statement') {
    if (!inner || !['call', 'assignment', 'augmented_assignment', 'await'].includes(inner.type)) return undefined;
  } else if (stmt.type !== 'return_statement') return undefined;
  for (const a of ancestors(call)) {
    if (a === stmt) break;
    if (a.type === 'lambda' || a.type === 'generator_expression' || a.type === 'yield') return undefined;
  }
  if ([...descendants(stmt)].some((d) => d.type === 'string' && d.startRow !== d.endRow)) return undefined;
  const lineStart = file.lineStart(stmt.startRow);
  const indent = file.text.slice(lineStart, stmt.start);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const rest = file.lineText(stmt.endRow).slice(stmt.endCol);
  if (!/^\s*(#.*)?$/.test(rest)) return undefined;
  const unit = indentUnit(model, stmt, indent);
  const lines = file.text.slice(lineStart, stmt.end).split('\n');
  const body = lines.map((l) => (l.trim() === '' ? l : unit + l)).join('\n');
  const local = localName(model, 'torch');
  const wrap: OffsetEdit = { start: lineStart, end: stmt.end, text: `${indent}with ${local ?? 'torch'}.inference_mode():\n${body}` };
  return compact([wrap, local ? null : addImport(model, 'import torch', 'torch', 'torch')]);
}

/** One level of indentation as the file writes it around `stmt`. */
function indentUnit(model: ModuleModel, stmt: SNode, indent: string): string {
  if (indent.includes('\t')) return '\t';
  const header = stmt.parent?.type === 'block' ? stmt.parent.parent : undefined;
  if (header) {
    const outer = /^[ \t]*/.exec(model.file.lineText(header.startRow))?.[0] ?? '';
    if (indent.length > outer.length) return indent.slice(outer.length);
  }
  return '    ';
}
