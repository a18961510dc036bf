// FRG408: text generation with the key/value cache switched off (`generate(..., use_cache=False)`,
// `generation_config.use_cache = False`, or the model's config in a script that only generates),
// so every new token recomputes attention over the whole prefix.
import type { CallSite, ModuleModel } from '../../model/model';
import { child, type SNode, unparen } from '../../parse/syntax';
import type { OffsetEdit, Rule } from '../rule';
import { trainingFacts } from '../training/shared';
import { boolValue } from '../training/training-apis';
import { isTestModule } from './shared';

/** Libraries whose `generate` takes `use_cache`. */
const GENERATION_LIBRARIES = ['transformers', 'peft', 'trl', 'optimum', 'auto_gptq', 'awq'];
const RETURNS_SELF = new Set(['to', 'cuda', 'eval', 'half', 'float', 'bfloat16']);
const USE_CACHE = /^(.+)\.(config|generation_config)\.use_cache$/;

interface CacheAssignment {
  node: SNode;
  /** The model expression: `model` in `model.config.use_cache = False`. */
  target: string;
  where: 'config' | 'generation_config';
  value: boolean;
}

interface Facts {
  assignments: CacheAssignment[];
  /** The file trains a model (a loop, `fit`, a trainer), where `config.use_cache = False` is set on purpose. */
  trains: boolean;
  /** Gradient checkpointing or DeepSpeed: the usual reasons to switch the cache off in `generate` on purpose. */
  deliberate: boolean;
  generates: CallSite[];
  /** Some generations pass `use_cache=True` and others `use_cache=False`: a benchmark or an equivalence check of the cache. */
  comparison: boolean;
  /** A model with its own modelling code (`trust_remote_code=True`), whose cache support may lag behind transformers. */
  remoteCode: boolean;
}

const cache = new WeakMap<ModuleModel, Facts>();

function facts(model: ModuleModel): Facts {
  let f = cache.get(model);
  if (f) return f;
  const assignments: CacheAssignment[] = [];
  for (const d of model.nodesOfType('assignment')) {
    const left = child(d, 'left');
    const right = child(d, 'right');
    const m = left?.type === 'attribute' ? USE_CACHE.exec(model.text(left).replace(/\s+/g, '')) : null;
    if (!m || !right || (right.type !== 'true' && right.type !== 'false')) continue;
    assignments.push({ node: d, target: m[1], where: m[2] as CacheAssignment['where'], value: right.type === 'true' });
  }
  // Attention replaced by a monkey patch (`replace_llama_attn_with_flash_attn()`) often has no cache path.
  const patched = model.importStatements.some((s) => /monkey_?patch/i.test(model.text(s))) || model.calls.some((c) => /^replace_\w*attn/i.test(c.name));
  const deliberate =
    patched || model.importsModule('deepspeed') || model.calls.some((c) => c.name === 'gradient_checkpointing_enable' || c.kwargs.has('gradient_checkpointing'));
  const trainers = model.calls.some((c) => /^(transformers|trl)\.\w*Trainer$/.test(c.qualified ?? ''));
  // X-LoRA needs the cache off to route between adapters.
  const xlora = model.calls.some((c) => c.name === 'XLoraConfig');
  const trains = xlora || deliberate || trainers || trainingFacts(model).trains || model.calls.some((c) => c.name === 'backward' && c.receiver !== undefined);
  const generates = model.calls.filter((c) => c.name === 'generate' && c.receiver !== undefined);
  const comparison = generates.some((g) => boolValue(model, g.kwargs.get('use_cache')) === true) && generates.some((g) => boolValue(model, g.kwargs.get('use_cache')) === false);
  const remoteCode = model.calls.some((c) => boolValue(model, c.kwargs.get('trust_remote_code')) === true);
  f = { assignments, trains, deliberate, generates, comparison, remoteCode };
  cache.set(model, f);
  return f;
}

/** The object a method is called on, with `.to()`/`.eval()`-style calls stripped: `model.to(d).generate` → `model`. */
function baseText(model: ModuleModel, node: SNode): string {
  let n = unparen(node);
  while (n.type === 'call') {
    const c = model.callSite(n);
    if (!c.receiver || !RETURNS_SELF.has(c.name)) break;
    n = unparen(c.receiver);
  }
  return model.text(n).replace(/\s+/g, '');
}

/** `generate` calls on `target` after `after` that do not pass `use_cache=True` themselves. */
function generatesAfter(model: ModuleModel, f: Facts, target: string, after: SNode): CallSite[] {
  return f.generates.filter((g) => g.node.start > after.end && baseText(model, g.receiver!) === target && boolValue(model, g.kwargs.get('use_cache')) !== true);
}

/** Whether the cache is switched back on for `target` between two points. */
function reEnabled(f: Facts, target: string, from: SNode, to: SNode): boolean {
  return f.assignments.some((a) => a.value && a.target === target && a.node.start > from.end && a.node.start < to.start);
}

/** Removes a keyword argument with its separating comma (and the line break of a one-per-line layout). */
function removeKeyword(model: ModuleModel, kw: SNode): OffsetEdit {
  const text = model.file.text;
  const after = /^\s*,\s*/.exec(text.slice(kw.end));
  const next = after ? text.slice(kw.end + after[0].length, kw.end + after[0].length + 1) : '';
  if (after && next !== ')') return { start: kw.start, end: kw.end + after[0].length, text: '' };
  const before = /,\s*$/.exec(text.slice(0, kw.start));
  if (before) return { start: kw.start - before[0].length, end: kw.end + (after ? after[0].length - /\s*$/.exec(after[0])![0].length : 0), text: '' };
  return { start: kw.start, end: after ? kw.end + after[0].length - /\s*$/.exec(after[0])![0].length : kw.end, text: '' };
}

/** Removes a statement with its line (and a comment after it), or replaces it with `pass` when it is the only one in its block. */
function removeStatement(model: ModuleModel, stmt: SNode): OffsetEdit {
  const text = model.file.text;
  const siblings = stmt.parent?.children.filter((c) => c.type !== 'comment') ?? [];
  if (stmt.parent?.type === 'block' && siblings.length === 1) return { start: stmt.start, end: stmt.end, text: 'pass' };
  const lineStart = text.lastIndexOf('\n', stmt.start - 1) + 1;
  const lineEnd = text.indexOf('\n', stmt.end);
  const end = lineEnd < 0 ? text.length : lineEnd + 1;
  const rest = text.slice(stmt.end, lineEnd < 0 ? text.length : lineEnd).trim();
  const alone = text.slice(lineStart, stmt.start).trim() === '' && (rest === '' || rest.startsWith('#'));
  return alone ? { start: lineStart, end, text: '' } : { start: stmt.start, end: stmt.end, text: '' };
}

function keywordNode(model: ModuleModel, call: CallSite, name: string): SNode | undefined {
  return call.argList.children.find((a) => {
    const k = a.type === 'keyword_argument' ? child(a, 'name') : undefined;
    return k !== undefined && model.text(k) === name;
  });
}


export const kvCacheDisabled: Rule = {
  meta: {
    code: 'FRG408',
    name: 'kv-cache-disabled',
    category: 'inference',
    severity: 'warning',
    summary: 'Text generation with the key/value cache switched off (`use_cache=False`), so every new token recomputes attention over the whole prefix',
    messages: {
      generate: '`use_cache=False` makes `{callee}` recompute the keys and values of the whole sequence for every new token: generation time grows with the square of the output length',
      generationConfig: '`{target}.generation_config.use_cache = False` and `{target}` then generates: every new token recomputes the keys and values of the whole sequence',
      config: '`{target}.config.use_cache = False` in a script that only generates: models that read the setting from their config recompute the keys and values of the whole sequence for every new token',
      load: '`use_cache=False` when loading a model that only generates: models that read the setting from their config recompute the keys and values of the whole sequence for every new token',
    },
    fixTitle: 'Remove `use_cache=False`',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'In files that use Hugging Face `transformers` (or `peft`, `trl`, `optimum`, AutoGPTQ, AWQ), checks for: `model.generate(..., use_cache=False)`, and the same passed through a pipeline (`pipe(text, use_cache=False)`, `generate_kwargs={"use_cache": False}`); `model.generation_config.use_cache = False` followed by `model.generate(...)`; and, in a script that does not train, `model.config.use_cache = False` or `from_pretrained(..., use_cache=False)` on a model that then generates. ' +
        'A generation that passes `use_cache=True` itself, or a `….use_cache = True` between the assignment and the generation, is not flagged, and neither is a file that generates both with `use_cache=True` and `use_cache=False` (a benchmark or an equivalence check of the cache). ' +
        'Fine-tuning scripts set `model.config.use_cache = False` on purpose (the cache is useless and conflicts with gradient checkpointing while training), so the config and loading forms are left alone in any file that trains (a training loop, `fit`, a `Trainer`/TRL trainer), enables gradient checkpointing, imports DeepSpeed or configures X-LoRA (which needs the cache off); `generate(..., use_cache=False)` is left alone in files that enable gradient checkpointing, import DeepSpeed or monkey-patch the attention (`replace_llama_attn_with_flash_attn()`, a `monkey_patch` module), the usual reasons to switch it off on purpose. Test modules (`test_*.py`, files under `tests/`, pytest or unittest imports) are not checked.',
      whyBad:
        'Autoregressive generation produces one token per forward pass. With the cache, each pass computes the keys and values of the new token only and reuses those of the prefix; without it, each pass recomputes them for the whole sequence so far, so the work for n new tokens grows with n² instead of n, and long outputs cost many times the energy. The cache costs memory, not accuracy: the tokens produced are the same.',
      evidence:
        'No measured figure from an official source was found; the cost follows from the mechanism. Without the cache every step runs the whole model over every position so far, so a 100-token prompt with 500 new tokens processes about 175,000 token positions instead of 600 (about 290 times the arithmetic). On a GPU the wall-clock gap is smaller, since a step for a short sequence is bound by latency rather than arithmetic, and it widens with the output length. The transformers guide "Best Practices for Generation with Cache" describes the cache as what makes autoregressive generation efficient; short outputs (a few tokens) lose little.',
      example: 'outputs = model.generate(**inputs, max_new_tokens=256, use_cache=False)',
      useInstead: 'outputs = model.generate(**inputs, max_new_tokens=256)',
      fixSafety:
        'Safe for `generate(..., use_cache=False)` and for the assignments and loading keyword in scripts that only generate: the cache changes how the tokens are computed, not which tokens come out (up to floating-point rounding), and `True` is the default. The cache uses GPU memory that grows with the batch and the sequence length, so a run that was at the edge of its memory may need a smaller batch. The fix is unsafe where the file loads a model with `trust_remote_code=True`: custom modelling code often lags behind the cache classes of current transformers, and `use_cache=False` is a common workaround for the errors that follow. No fix is offered for `generation_config.use_cache = False` in a file that also trains.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    if (!GENERATION_LIBRARIES.some((m) => model.importsModule(m))) return {};
    if (isTestModule(model, ctx.path)) return {};
    if (!model.file.text.includes('use_cache')) return {};
    return {
      call(call) {
        if (call.name === 'generate' && call.receiver) {
          if (boolValue(model, call.kwargs.get('use_cache')) !== false) return;
          const f = facts(model);
          if (f.deliberate || f.comparison) return;
          const kw = keywordNode(model, call, 'use_cache');
          if (!kw) return;
          ctx.report({ node: kw, messageId: 'generate', data: { callee: model.text(call.callee) }, fix: { safety: f.remoteCode ? 'unsafe' : 'safe', edits: [removeKeyword(model, kw)] } });
          return;
        }
        // A pipeline passes `generate_kwargs` (or its own `use_cache=`) on to `generate`.
        const generateKwargs = call.kwargs.get('generate_kwargs');
        const pipelineCall = model.typesOf(call.callee).includes('transformers.pipeline');
        if ((generateKwargs?.kind === 'dict' || pipelineCall) && call.name !== 'from_pretrained') {
          const f = facts(model);
          if (f.deliberate || f.comparison) return;
          const entry =
            generateKwargs?.kind === 'dict'
              ? generateKwargs.node.children.find((c) => {
                  const k = c.type === 'pair' ? model.value(child(c, 'key')) : undefined;
                  return k?.kind === 'string' && k.value === 'use_cache' && boolValue(model, model.value(child(c, 'value'))) === false;
                })
              : undefined;
          const kw = entry ?? (pipelineCall && boolValue(model, call.kwargs.get('use_cache')) === false ? keywordNode(model, call, 'use_cache') : undefined);
          if (!kw) return;
          ctx.report({ node: kw, messageId: 'generate', data: { callee: model.text(call.callee) }, fix: { safety: f.remoteCode ? 'unsafe' : 'safe', edits: [removeKeyword(model, kw)] } });
          return;
        }
        if (call.name === 'from_pretrained' && call.receiver && boolValue(model, call.kwargs.get('use_cache')) === false) {
          const f = facts(model);
          if (f.trains) return;
          const assigned = call.node.parent?.type === 'assignment' ? child(call.node.parent, 'left') : undefined;
          const stmt = call.node.parent?.type === 'assignment' ? call.node.parent : undefined;
          if (!assigned || !stmt || (assigned.type !== 'identifier' && assigned.type !== 'attribute')) return;
          const target = model.text(assigned).replace(/\s+/g, '');
          const gens = generatesAfter(model, f, target, stmt).filter((g) => !reEnabled(f, target, stmt, g.node));
          const kw = keywordNode(model, call, 'use_cache');
          if (gens.length === 0 || !kw) return;
          ctx.report({ node: kw, messageId: 'load', fix: { safety: f.remoteCode ? 'unsafe' : 'safe', edits: [removeKeyword(model, kw)] } });
        }
      },
      end() {
        const f = facts(model);
        for (const a of f.assignments) {
          if (a.value) continue;
          if (a.where === 'config' && f.trains) continue;
          const gens = generatesAfter(model, f, a.target, a.node).filter((g) => !reEnabled(f, a.target, a.node, g.node));
          if (gens.length === 0) continue;
          const stmt = a.node.parent?.type === 'expression_statement' ? a.node.parent : undefined;
          const fix = stmt && !f.trains ? { safety: f.remoteCode ? ('unsafe' as const) : ('safe' as const), edits: [removeStatement(model, stmt)], title: `Remove \`${a.target}.${a.where}.use_cache = False\`` } : undefined;
          ctx.report({ node: a.node, messageId: a.where === 'config' ? 'config' : 'generationConfig', data: { target: a.target }, fix });
        }
      },
    };
  },
};
