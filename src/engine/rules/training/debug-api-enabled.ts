// FRG105: autograd anomaly detection, the autograd profiler, eager `tf.function`s or
// TensorFlow numeric checks left switched on outside a debug-only branch.
import path from 'node:path';
import type { CallSite, ModuleModel } from '../../model/model';
import { isTrue, type Value } from '../../model/values';
import { replaceNode } from '../fixes';
import type { Rule } from '../rule';
import { type Guard, guardsOf, trainingFacts } from './shared';
import { debugApiEnabledJs } from '../js/debug-api-enabled';

/** Conditions and function names that say "only while debugging". */
const DEBUG_WORDS = /debug|anomal|profil|nvtx|check_?numerics/i;

interface DebugApi {
  messageId: string;
  /** The switch argument (keyword, position); the API is on only when it is literally True. */
  flag?: [string, number];
  /** An `enabled` argument (keyword, position): off when literally False, unknown when not a literal. */
  enabled?: [string, number];
  /** Only in a file that trains. */
  trainingOnly?: boolean;
}

const APIS: Record<string, DebugApi> = {
  'torch.autograd.set_detect_anomaly': { messageId: 'anomaly', flag: ['mode', 0] },
  'torch.autograd.anomaly_mode.set_detect_anomaly': { messageId: 'anomaly', flag: ['mode', 0] },
  'torch.autograd.detect_anomaly': { messageId: 'detectAnomaly' },
  'torch.autograd.anomaly_mode.detect_anomaly': { messageId: 'detectAnomaly' },
  'torch.autograd.profiler.profile': { messageId: 'profiler', enabled: ['enabled', 0], trainingOnly: true },
  'torch.autograd.profiler.emit_nvtx': { messageId: 'nvtx', enabled: ['enabled', 0], trainingOnly: true },
  'tensorflow.config.run_functions_eagerly': { messageId: 'eager', flag: ['run_eagerly', 0] },
  'tensorflow.config.experimental_run_functions_eagerly': { messageId: 'eager', flag: ['run_eagerly', 0] },
  'tensorflow.debugging.enable_check_numerics': { messageId: 'checkNumerics' },
  'tensorflow.debugging.experimental.enable_dump_debug_info': { messageId: 'dumpDebugInfo' },
};

function argument(model: ModuleModel, call: CallSite, spec: [string, number]): Value | undefined {
  return model.arg(call, spec[0], spec[1]);
}

/** Inside an `if args.debug:`-style branch or a function whose name says it is for debugging. */
function debugOnly(model: ModuleModel, call: CallSite): boolean {
  const debugBranch = (g: Guard) => {
    const cond = model.text(g.condition);
    return DEBUG_WORDS.test(cond) && g.positive === !/^not\b/.test(cond);
  };
  if (guardsOf(call.node).some(debugBranch)) return true;
  for (let f = model.context(call.node).func; f; f = model.context(f.node).func) {
    if (DEBUG_WORDS.test(f.name)) return true;
  }
  return false;
}

/** Calls that train: a switch turned off again before any of them cost nothing. */
const TRAINING_CALLS = new Set(['fit', 'fit_generator', 'train_on_batch', 'backward', 'step', 'train', 'train_step', 'training_step']);

/**
 * The same switch passed a literal `False` later in the same scope, with no training call in
 * between: a demonstration of the debug mode (`run_functions_eagerly(True)`, one call,
 * `run_functions_eagerly(False)`), not a mode left on.
 */
function switchedOffUnused(model: ModuleModel, call: CallSite, api: DebugApi): boolean {
  const spec = api.flag;
  if (!spec) return false;
  const scope = model.context(call.node).func?.node;
  const literallyFalse = (c: CallSite) => {
    const v = argument(model, c, spec);
    const r = v && model.resolve(v);
    return r?.kind === 'bool' && !r.value;
  };
  const off = model.calls.find(
    (c) =>
      c.node.start > call.node.end &&
      c.qualified !== undefined &&
      APIS[c.qualified]?.messageId === api.messageId &&
      model.context(c.node).func?.node === scope &&
      literallyFalse(c),
  );
  if (!off) return false;
  return !model.calls.some((c) => c.node.start > call.node.end && c.node.start < off.node.start && TRAINING_CALLS.has(c.name));
}

export const debugApiEnabled: Rule = {
  meta: {
    code: 'FRG105',
    name: 'debug-api-enabled',
    category: 'training',
    severity: 'warning',
    summary: 'Autograd anomaly detection, the autograd profiler or a TensorFlow debug mode left on outside a debug-only branch',
    messages: {
      tfjsDebug: '`tf.enableDebugMode()` checks every op for NaN and logs it, synchronously downloading every tensor from the GPU',
      ortProfiling: 'ONNX Runtime session created with `enableProfiling: true`: every run records per-node timings and writes a profile file',
      ortVerbose: 'ONNX Runtime session created with `logSeverityLevel: 0` (verbose): every run logs each node',
      ortEnv: '`{name}` left on: ONNX Runtime logs or checks every operation',
      anomaly: '`set_detect_anomaly(True)` turns on autograd anomaly detection: every forward op records a traceback and every backward op is checked for NaN',
      detectAnomaly: '`detect_anomaly()` turns on autograd anomaly detection: every forward op records a traceback and every backward op is checked for NaN',
      profiler: '`{name}()` left in training code: every autograd op is recorded, with its timings, while the model trains',
      nvtx: '`{name}()` left in training code: every autograd op is wrapped in an NVTX range while the model trains',
      eager: '`run_functions_eagerly(True)` runs every `tf.function` (Keras `fit` included) op by op in Python, without graph optimisation',
      checkNumerics: '`enable_check_numerics()` adds a NaN/Inf check after every TensorFlow op',
      dumpDebugInfo: '`enable_dump_debug_info()` writes tensor debug data for every op to disk',
    },
    fixTitle: 'Pass `False` to switch the debug mode off',
    languages: ['python', 'notebook', 'typescript', 'javascript'],
    docs: {
      whatItDoes:
        'Checks for debugging switches left on in code that runs normally: `torch.autograd.set_detect_anomaly(True)`, `torch.autograd.detect_anomaly()`, ' +
        '`torch.autograd.profiler.profile` / `emit_nvtx` in a file that trains, `tf.config.run_functions_eagerly(True)`, ' +
        '`tf.debugging.enable_check_numerics()` and `tf.debugging.experimental.enable_dump_debug_info()`. ' +
        'Calls inside an `if` whose condition mentions debugging, anomaly detection or profiling (`if args.debug:`, `if PROFILE:`), ' +
        'or inside a function named for it (`def enable_debugging():`), are left alone, as are profilers with a non-literal `enabled=` switch ' +
        'profilers in a script named for profiling (`train_base_nvtx.py`, `profile_step.py`: run under Nsight or the profiler on purpose), and a switch passed `False` again later in the same scope with no training call (`fit`, `backward`, `step`, `train`) in between: a demonstration of the mode, not a mode left on.',
      whyBad:
        'These tools trade speed for insight. Anomaly detection stores a Python traceback for every forward operation and validates every ' +
        'backward operation; the autograd profiler records every operator; eager `tf.function`s give up graph compilation and run op by op; ' +
        'numeric checks add a kernel after every op. Left on, every training step pays that cost for a diagnosis nobody reads.',
      evidence:
        'The PyTorch Performance Tuning Guide lists "Disable debugging APIs" (anomaly detection, autograd profiler, `emit_nvtx`, `gradcheck`) ' +
        'among its general optimisations, without a figure. A benchmark in pytorch/ignite PR #219 measured one epoch of VGG16-BN on ' +
        'CIFAR-10 at about 22 s without anomaly detection and 52-57 s with it (GPU not stated); a Lightning user reported training 2.5x ' +
        'faster with it off (Lightning issue #17359). The cost depends on the model, most for many small ops.',
      example: 'torch.autograd.set_detect_anomaly(True)\nfor x, y in loader:\n    loss = loss_fn(model(x), y)\n    loss.backward()',
      useInstead:
        'torch.autograd.set_detect_anomaly(args.debug)  # or: if args.debug: torch.autograd.set_detect_anomaly(True)\nfor x, y in loader:\n    loss = loss_fn(model(x), y)\n    loss.backward()',
      exampleTs: "import * as ort from 'onnxruntime-node';\n\nconst session = await ort.InferenceSession.create('model.onnx', { enableProfiling: true });",
      useInsteadTs: "const session = await ort.InferenceSession.create('model.onnx');",
      whatItDoesTs: 'TensorFlow.js and ONNX Runtime: `tf.enableDebugMode()`; `InferenceSession.create(path, { enableProfiling: true })` or `{ logSeverityLevel: 0 }`; `ort.env.debug = true`, `ort.env.trace = true` and `ort.env.logLevel = \'verbose\'` — outside a branch whose condition mentions debug, verbose, profiling, tracing, development or `process.env`.',
      fixSafetyTs: 'TensorFlow.js and ONNX Runtime: safe; the fix removes the `tf.enableDebugMode()` statement, the `enableProfiling`/`logSeverityLevel` option or the `ort.env` assignment, which change diagnostics only.',
      fixSafety:
        'Safe for `set_detect_anomaly(True)` and `run_functions_eagerly(True)`: passing `False` switches the debugging aid off and leaves ' +
        'the computed results unchanged. What changes is only what happens when something goes wrong: a NaN in backward no longer stops ' +
        'the run with a traceback, and Python side effects inside a `tf.function` run at tracing time only. No fix is offered for the ' +
        'context managers and TensorFlow checks, whose removal needs a decision about the surrounding code.',
    },
  },
  createJs: debugApiEnabledJs,
  create(ctx) {
    const { model } = ctx;
    return {
      call(call) {
        const api = call.qualified ? APIS[call.qualified] : undefined;
        if (!api || call.hasSplat) return;
        if (api.trainingOnly && !trainingFacts(model).trains) return;
        const flag = api.flag ? argument(model, call, api.flag) : undefined;
        if (api.flag && !isTrue(flag)) return;
        const enabled = api.enabled ? argument(model, call, api.enabled) : undefined;
        if (enabled && !isTrue(enabled)) return;
        if (debugOnly(model, call) || switchedOffUnused(model, call, api)) return;
        // A script named for profiling (`train_base_nvtx.py`, `profile_step.py`) is run to be profiled: the profiler is its purpose.
        if ((api.messageId === 'profiler' || api.messageId === 'nvtx') && /nvtx|profil/i.test(path.basename(ctx.path))) return;
        ctx.report({
          node: call.callee,
          messageId: api.messageId,
          data: { name: model.text(call.callee) },
          fix: flag ? { safety: 'safe', edits: [replaceNode(flag.node, 'False')] } : undefined,
        });
      },
    };
  },
};
