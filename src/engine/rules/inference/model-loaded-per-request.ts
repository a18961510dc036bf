// FRG402: a model loaded from disk inside a web or serverless request handler (or a helper the
// handler calls), so every request pays for reading and deserialising it again.
import type { CallSite, FunctionInfo, ModuleModel } from '../../model/model';
import { ancestors, child, enclosingStatement, type SNode, unparen } from '../../parse/syntax';
import type { Rule } from '../rule';
import { bindingsIn, loaderLabel, nameWords, namesIn } from './shared';
import { modelLoadedPerRequestJs } from '../js/model-loading';

/** Decorators that memoise a function or property. */
const CACHE_DECORATORS = new Set(['cache', 'lru_cache', 'cached', 'cached_property', 'cache_resource', 'alru_cache', 'ttl_cache', 'memoize', 'memoized']);

/** Endpoints whose job is to (re)load a model: loading there is the point, not a waste. */
const LOADING_WORDS = new Set(['load', 'reload', 'refresh', 'warmup', 'warm', 'startup', 'setup', 'init', 'initialize', 'train', 'retrain', 'fit', 'upload', 'update', 'deploy']);

/** Where each framework runs code once at startup. */
const STARTUP: Record<NonNullable<FunctionInfo['handler']>, string> = {
  fastapi: 'module level or a lifespan handler',
  flask: 'module level or the app factory',
  django: 'module level or `AppConfig.ready()`',
  lambda: 'module level',
};

export const modelLoadedPerRequest: Rule = {
  meta: {
    code: 'FRG402',
    name: 'model-loaded-per-request',
    category: 'inference',
    severity: 'warning',
    summary: 'Model loaded inside a request handler, so every request reloads it',
    messages: {
      js: '`{loader}` inside request handler `{handler}` reloads the model on every request: load it once ({startup}) and reuse it',
      jsHelper: '`{loader}` in `{func}` reloads the model on every request, because request handler `{handler}` calls it: load it once at startup (or keep the loaded model in a module-level variable) and reuse it',
      default:
        '`{loader}` inside request handler `{handler}` reloads the model on every request: load it once at startup ({startup}) or behind a cache',
      helper:
        '`{loader}` in `{func}` reloads the model on every request, because request handler `{handler}` calls `{func}`: load it once at startup or decorate `{func}` with `@functools.cache`',
      method:
        '`{loader}` in `{func}` reloads the model on every request, because request handler `{handler}` calls `self.{func}()`: load it once at module level or startup and reuse it',
      constructor:
        '`{loader}` in `{func}.__init__` reloads the model on every request, because request handler `{handler}` creates a new `{func}`: create it once at startup and reuse it',
      lambda:
        '`{loader}` inside Lambda handler `{handler}` reloads the model on every invocation: load it at module level, where warm invocations reuse it',
      lambdaHelper:
        '`{loader}` in `{func}` reloads the model on every invocation, because Lambda handler `{handler}` calls `{func}`: load it at module level, where warm invocations reuse it',
    },
    languages: ['python', 'notebook', 'typescript', 'javascript'],
    docs: {
      whatItDoes:
        'Checks for model loading — `from_pretrained`, `transformers.pipeline`, `torch.load`, `torch.jit.load`, `joblib.load`, `pickle.load`, `keras.models.load_model`, `tf.saved_model.load`, `onnxruntime.InferenceSession`, `SentenceTransformer`, `spacy.load`, `mlflow.*.load_model`, XGBoost/LightGBM boosters from a model file, … — inside a request handler: a FastAPI or Flask route, a Django view, an AWS Lambda handler, or a function of the same file that such a handler calls directly. Loads behind a cache (`@functools.cache`, `@lru_cache`, `@cached_property`) or a singleton guard (`if _model is None: _model = load()`) are not flagged, nor are loads whose arguments come from the request (the client picks the model) or endpoints whose job is loading (`/reload`, `load_model`).',
      whyBad:
        'Loading a model reads its weights from disk (or a hub cache), deserialises them and often copies them to the GPU — typically hundreds of milliseconds to seconds, far more than the prediction itself. Doing it per request multiplies the energy of every call and the latency users see, and concurrent requests each hold their own copy in memory.',
      evidence:
        'The FastAPI documentation ("Lifespan Events") uses exactly this case: loading a model "can take quite some time… you don\'t want to do it for every request", so load it once at startup. Caching is a catalogued energy pattern (Cruz & Abreu, "Catalog of energy patterns for mobile applications", EMSE 2019, pattern "Cache"). No measured energy figure is available for this rule; the waste is the load time times the request count.',
      example:
        '@app.post("/predict")\ndef predict(req: Request):\n    model = joblib.load("model.joblib")\n    return {"label": int(model.predict([req.features])[0])}',
      useInstead:
        'model = joblib.load("model.joblib")  # once, at import\n\n@app.post("/predict")\ndef predict(req: Request):\n    return {"label": int(model.predict([req.features])[0])}\n\n# or, with FastAPI, load it in a lifespan handler and keep it in app.state',
      exampleTs: "app.post('/predict', async (req, res) => {\n  const model = await tf.loadLayersModel('file://model/model.json');\n  res.json(model.predict(tf.tensor2d([req.body.features])).arraySync());\n});",
      useInsteadTs: "const model = await tf.loadLayersModel('file://model/model.json'); // once, at startup\n\napp.post('/predict', async (req, res) => {\n  const scores = tf.tidy(() => model.predict(tf.tensor2d([req.body.features])).arraySync());\n  res.json(scores);\n});",
      whatItDoesTs: 'TypeScript/JavaScript: `tf.loadLayersModel`, `tf.loadGraphModel`, `tf.node.loadSavedModel`, ONNX Runtime `InferenceSession.create` and transformers.js `pipeline(...)`/`*.from_pretrained(...)` inside a request handler — a function passed to an Express, Fastify, Koa, Hono or Restify route (`app.get`, `router.post`, `app.use`, `fastify.route({ handler })`), `http.createServer`, a Next.js route handler (`export async function POST` in `app/**/route.ts`) or API route (`pages/api/*`), a Lambda `handler` export, a Nest controller method or a worker `message` handler — or in a local function such a handler calls (followed up to three calls deep). Loads whose result is kept for later requests are not flagged: assigned to a module-level variable or a property, `??=`/`||=`, under an `if (!model)`-style guard, or in a getter named like a cache or singleton.',
      fixSafety:
        'No automatic fix: moving a load to module level or startup changes when files are read and which objects are shared between requests, which only you can judge.',
    },
  },
  createJs: modelLoadedPerRequestJs,
  create(ctx) {
    const { model } = ctx;
    if (!model.functions.some((f) => f.handler)) return {};
    return {
      call(call) {
        const loader = loaderLabel(model, call);
        if (!loader) return;
        const fn = model.context(call.node).func;
        if (!fn || isCached(model, fn) || guarded(model, call.node, fn)) return;
        if (fn.handler) {
          if (isLoadingEndpoint(fn) || readsRequest(model, call.node, fn, fn.params)) return;
          ctx.report({ node: call.callee, messageId: fn.handler === 'lambda' ? 'lambda' : 'default', data: { loader, handler: fn.name, startup: STARTUP[fn.handler] } });
          return;
        }
        const usesParams = readsRequest(model, call.node, fn, ownParams(fn));
        const handler = callingHandler(model, fn, usesParams);
        if (!handler) return;
        const constructor = fn.name === '__init__' && fn.cls !== undefined;
        const messageId = handler.handler === 'lambda' ? 'lambdaHelper' : constructor ? 'constructor' : fn.cls ? 'method' : 'helper';
        ctx.report({ node: call.callee, messageId, data: { loader, handler: handler.name, func: constructor ? fn.cls!.name : fn.name } });
      },
    };
  },
};

function isCached(model: ModuleModel, fn: FunctionInfo): boolean {
  return fn.decorators.some((d) => {
    const expr = unparen(d.node.children[0] ?? d.node);
    const callee = expr.type === 'call' ? (child(expr, 'function') ?? expr) : expr;
    const name = d.qualified ?? model.text(callee);
    return CACHE_DECORATORS.has(name.slice(name.lastIndexOf('.') + 1));
  });
}

function isLoadingEndpoint(fn: FunctionInfo): boolean {
  return nameWords(fn.name).some((w) => LOADING_WORDS.has(w));
}

function ownParams(fn: FunctionInfo): string[] {
  return fn.params.filter((p) => p !== 'self' && p !== 'cls');
}

/**
 * A singleton or cache guard around the load: `if _model is None: _model = load()`,
 * `if key not in cache: cache[key] = load()`, `_model = _model or load()`.
 */
function guarded(model: ModuleModel, node: SNode, fn: FunctionInfo): boolean {
  const target = assignedName(model, node);
  if (!target) return false;
  const mentions = (cond: SNode | undefined) => cond !== undefined && new RegExp(`\\b${escape(target)}\\b`).test(model.text(cond));
  let prev = node;
  for (const a of ancestors(node)) {
    if (a === fn.node) return false;
    if (a.type === 'if_statement' && prev.field !== 'condition' && mentions(child(a, 'condition'))) return true;
    if (a.type === 'elif_clause' || a.type === 'else_clause') {
      const ifNode = a.parent;
      if (ifNode?.type === 'if_statement' && mentions(child(ifNode, 'condition'))) return true;
    }
    if (a.type === 'conditional_expression' && mentions(a.children[1])) return true;
    if (a.type === 'boolean_operator' && prev.field === 'right' && mentions(child(a, 'left'))) return true;
    prev = a;
  }
  return false;
}

/** The name a load is stored under: `_model`, `self._model` → `_model`, `cache[key]` → `cache`. */
function assignedName(model: ModuleModel, node: SNode): string | undefined {
  const assign = enclosingStatement(node).children[0];
  const left = assign?.type === 'assignment' ? child(assign, 'left') : undefined;
  if (!left) return undefined;
  if (left.type === 'identifier') return model.text(left);
  if (left.type === 'attribute') return model.text(child(left, 'attribute') ?? left);
  if (left.type !== 'subscript') return undefined;
  // `cache[key]` → `cache`, `self._cache[key]` → `_cache`
  let store = child(left, 'value');
  while (store?.type === 'subscript') store = child(store, 'value');
  if (store?.type === 'attribute') store = child(store, 'attribute');
  return store && model.text(store);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether the loader's arguments depend on the request: a parameter of the function, Flask's
 * `request`, or a local variable computed from them.
 */
function readsRequest(model: ModuleModel, node: SNode, fn: FunctionInfo, params: string[]): boolean {
  const call = model.callSite(node);
  const sources = new Set(params.filter((p) => p !== 'self' && p !== 'cls'));
  const locals = bindingsIn(model, child(fn.node, 'body') ?? fn.node);
  const seen = new Set<string>();
  const depends = (expr: SNode, depth: number): boolean => {
    for (const id of namesIn(model, expr)) {
      const name = model.text(id);
      if (sources.has(name) || model.qualify(id) === 'flask.request') return true;
      if (depth > 4 || seen.has(name)) continue;
      seen.add(name);
      for (const b of locals) {
        if (b.name !== name || b.node.start > node.start) continue;
        if (b.iterated || !b.value || depends(b.value, depth + 1)) return true;
      }
    }
    return false;
  };
  return call.argList.children.some((a) => a.type !== 'comment' && depends(a, 0));
}

/** Calls of `fn` from this file: `fn()`, `self.fn()` in its class, or `Cls()` for `__init__`. */
function callsOf(model: ModuleModel, fn: FunctionInfo): CallSite[] {
  return model.calls.filter((c) => {
    const callee = unparen(c.callee);
    if (!fn.cls) return callee.type === 'identifier' && c.name === fn.name && isTopLevel(fn);
    if (fn.name === '__init__') return callee.type === 'identifier' && c.name === fn.cls.name;
    return c.name === fn.name && c.receiver !== undefined && model.text(c.receiver) === 'self' && model.context(c.node).cls === fn.cls;
  });
}

function isTopLevel(fn: FunctionInfo): boolean {
  const owner = fn.node.parent?.type === 'decorated_definition' ? fn.node.parent.parent : fn.node.parent;
  return owner?.type === 'module';
}

/**
 * A request handler that calls `fn` directly, outside any cache guard of its own; when the load
 * reads `fn`'s parameters, only a call that passes nothing taken from the request counts.
 */
function callingHandler(model: ModuleModel, fn: FunctionInfo, usesParams: boolean): FunctionInfo | undefined {
  for (const c of callsOf(model, fn)) {
    const h = model.context(c.node).func;
    if (!h?.handler || isLoadingEndpoint(h) || isCached(model, h) || guarded(model, c.node, h)) continue;
    if (usesParams && readsRequest(model, c.node, h, h.params)) continue;
    return h;
  }
  return undefined;
}
