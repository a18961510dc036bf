// FRG201: a scikit-learn GridSearchCV whose literal grid and folds add up to more fits than
// the configured budget.
import type { CallSite, ModuleModel } from '../../model/model';
import { numberOf, type Value } from '../../model/values';
import { child, type SNode, unparen } from '../../parse/syntax';
import { addImport, localName, replaceNode } from '../fixes';
import type { FixSpec, OffsetEdit, Rule } from '../rule';
import { unpackedOrigin } from '../training/training-apis';
import { gridSize } from './shared';
import { fittedOnSmallFiles } from '../training/workload';

const GRID_SEARCH = new Set(['sklearn.model_selection.GridSearchCV', 'sklearn.model_selection._search.GridSearchCV', 'sklearn.grid_search.GridSearchCV']);
const MODEL_SELECTION = 'sklearn.model_selection';
const HALVING = 'sklearn.model_selection.HalvingGridSearchCV';
const ENABLE = 'sklearn.experimental.enable_halving_search_cv';
const ENABLE_IMPORT = 'from sklearn.experimental import enable_halving_search_cv  # noqa: F401';

/** Splitters by name → [default n_splits, default n_repeats] (repeats only for the Repeated* ones). */
const SPLITTERS: Record<string, [number, number?]> = {
  KFold: [5],
  StratifiedKFold: [5],
  GroupKFold: [5],
  StratifiedGroupKFold: [5],
  TimeSeriesSplit: [5],
  ShuffleSplit: [10],
  StratifiedShuffleSplit: [10],
  GroupShuffleSplit: [5],
  RepeatedKFold: [5, 10],
  RepeatedStratifiedKFold: [5, 10],
};

/** Folds of `cv=`: default 5, an int, or a splitter built with literal arguments. */
function folds(model: ModuleModel, call: CallSite): number | undefined {
  const cv = call.kwargs.get('cv');
  if (!cv) return 5;
  const v = model.resolve(cv);
  if (v.kind === 'none') return 5;
  if (v.kind === 'number') return Number.isInteger(v.value) && v.value >= 2 ? v.value : undefined;
  if (v.kind !== 'call' || v.call.hasSplat) return undefined;
  const q = v.call.qualified ?? '';
  const name = q.slice(q.lastIndexOf('.') + 1);
  const defaults = q.startsWith(`${MODEL_SELECTION}.`) ? SPLITTERS[name] : undefined;
  if (!defaults) return undefined;
  const literal = (keyword: string, position: number | undefined, fallback: number) => {
    const arg = model.arg(v.call, keyword, position);
    return arg ? numberOf(model.resolve(arg)) : fallback;
  };
  // Repeated* splitters take keyword arguments only.
  const repeated = defaults[1] !== undefined;
  const splits = literal('n_splits', repeated ? undefined : 0, defaults[0]);
  const repeats = repeated ? literal('n_repeats', undefined, defaults[1]!) : 1;
  return splits === undefined || repeats === undefined ? undefined : splits * repeats;
}

/** Arguments HalvingGridSearchCV does not accept as GridSearchCV does (multi-metric scoring, `pre_dispatch`). */
function halvingCompatible(model: ModuleModel, call: CallSite): boolean {
  if (call.kwargs.has('pre_dispatch')) return false;
  const scoring = call.kwargs.get('scoring');
  if (scoring) {
    const s = model.resolve(scoring);
    if (s.kind !== 'string' && s.kind !== 'none' && s.kind !== 'call') return false;
  }
  const refit = call.kwargs.get('refit');
  return !refit || model.resolve(refit).kind === 'bool';
}

function halvingFix(model: ModuleModel, call: CallSite): FixSpec | undefined {
  if (!halvingCompatible(model, call)) return undefined;
  const edits: OffsetEdit[] = [];
  const callee = unparen(call.callee);
  const object = callee.type === 'attribute' ? child(callee, 'object') : undefined;
  const attr = callee.type === 'attribute' ? child(callee, 'attribute') : undefined;
  const enabled = [...model.imports.values()].includes(ENABLE);
  if (object && attr && model.qualify(object) === MODEL_SELECTION) {
    edits.push(replaceNode(attr, 'HalvingGridSearchCV'));
    if (!enabled) edits.push(addImport(model, ENABLE_IMPORT, 'enable_halving_search_cv', ENABLE)!);
  } else {
    const local = localName(model, HALVING);
    edits.push(replaceNode(callee, local ?? 'HalvingGridSearchCV'));
    const importHalving = 'from sklearn.model_selection import HalvingGridSearchCV';
    // One insertion, so that the enabling import stays before the one it enables.
    const imp = enabled
      ? local ? null : addImport(model, importHalving, 'HalvingGridSearchCV', HALVING)
      : addImport(model, local ? ENABLE_IMPORT : `${ENABLE_IMPORT}\n${importHalving}`, 'enable_halving_search_cv', ENABLE);
    if (imp) edits.push(imp);
  }
  return { safety: 'unsafe', edits };
}

/** Estimators whose fit on a small table takes milliseconds. */
const CHEAP_ESTIMATORS = /^sklearn\.(tree|linear_model|neighbors|naive_bayes)\./;
/** scikit-learn's generated toy datasets: default samples and features. */
const GENERATORS: Record<string, [number, number]> = {
  'sklearn.datasets.make_moons': [100, 2],
  'sklearn.datasets.make_circles': [100, 2],
  'sklearn.datasets.make_blobs': [100, 2],
  'sklearn.datasets.make_classification': [100, 20],
  'sklearn.datasets.make_regression': [100, 100],
};
/** Values (samples × features) below which a generated dataset is a toy. */
const TOY_VALUES = 100_000;

/**
 * A cheap estimator (a tree, a linear model, nearest neighbours, naive Bayes) searched only on a
 * generated toy dataset (`make_moons(n_samples=10000)`: 2 features): all the fits take seconds.
 */
function cheapOnToyData(model: ModuleModel, search: CallSite): boolean {
  const estimator = model.arg(search, 'estimator', 0);
  const q = estimator && model.originCall(estimator.node)?.qualified;
  if (!q || !CHEAP_ESTIMATORS.test(q)) return false;
  const target = search.node.parent?.type === 'assignment' ? child(search.node.parent, 'left') : undefined;
  const name = target?.type === 'identifier' ? model.text(target) : undefined;
  const fits = model.calls.filter((c) => c.name === 'fit' && c.receiver && (c.receiver === search.node || (name !== undefined && model.text(c.receiver) === name)));
  return fits.length > 0 && fits.every((f) => f.args[0] !== undefined && toyData(model, f.args[0].node, 0));
}

function toyData(model: ModuleModel, node: SNode, depth: number): boolean {
  if (depth > 6) return false;
  const n = unparen(node);
  if (n.type === 'identifier') {
    // The later of a plain assignment and an unpacking (notebooks rebind `X` from one dataset to the next).
    const candidates = [model.originOf(model.text(n), n), unpackedCall(model, model.text(n), n)].filter((o): o is SNode => o !== undefined && o.start < n.start);
    const origin = candidates.sort((a, b) => b.start - a.start)[0];
    return origin !== undefined && toyData(model, origin, depth + 1);
  }
  if (n.type === 'subscript') return toyData(model, child(n, 'value') ?? n, depth + 1);
  if (n.type !== 'call') return false;
  const call = model.callSite(n);
  if (call.qualified === 'sklearn.model_selection.train_test_split') return call.args[0] !== undefined && toyData(model, call.args[0].node, depth + 1);
  const defaults = call.qualified ? GENERATORS[call.qualified] : undefined;
  if (!defaults || call.hasSplat) return false;
  const given = (v: Value | undefined, fallback: number) => (v === undefined ? fallback : numberOf(model.resolve(v)));
  const samples = given(call.kwargs.get('n_samples') ?? call.args[0], defaults[0]);
  const features = given(call.kwargs.get('n_features'), defaults[1]);
  return samples !== undefined && features !== undefined && samples * features < TOY_VALUES;
}

/** `X_train, X_test, ... = train_test_split(X, y)`: the call a name is unpacked from. */
function unpackedCall(model: ModuleModel, name: string, at: SNode): SNode | undefined {
  const local = unpackedOrigin(model, name, at);
  if (local) return local;
  let found: SNode | undefined;
  for (const d of model.nodesOfType('assignment')) {
    if (d.start >= at.start) continue;
    const left = child(d, 'left');
    const right = child(d, 'right');
    if ((left?.type === 'pattern_list' || left?.type === 'tuple_pattern') && right?.type === 'call' && left.children.some((t) => model.text(t) === name)) found = right;
  }
  return found;
}

export const exhaustiveGridSearch: Rule = {
  meta: {
    code: 'FRG201',
    name: 'exhaustive-grid-search',
    category: 'search',
    severity: 'warning',
    summary: '`GridSearchCV` whose literal grid and folds need more fits than the grid-search budget',
    messages: {
      default: 'GridSearchCV will fit {fits} models ({candidates} candidates × {folds} folds), over the budget of {budget}',
    },
    fixTitle: 'Use `HalvingGridSearchCV` (successive halving)',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for `sklearn.model_selection.GridSearchCV(estimator, param_grid, cv=...)` whose number of fits, candidates × folds, exceeds the `grid-search-budget` setting (default 100). Candidates are counted from literal grids: a dict of lists is the product of the list lengths, a list of dicts the sum of those products; variables holding the grid, `range(...)` and `np.linspace`/`np.logspace` with a literal `num` are followed. Folds come from `cv=` (5 by default, an int, or `KFold`/`StratifiedKFold`/`ShuffleSplit`/`RepeatedKFold`… with literal arguments). A grid or `cv` the rule cannot count (built at run time, passed through `**kwargs`) is not reported, nor is a cheap estimator (a tree, a linear model, nearest neighbours, naive Bayes) searched only on a generated toy dataset (`make_moons`, `make_blobs`, `make_classification`… with fewer than 100,000 values, followed through `train_test_split`), where all the fits take seconds. The final refit on the best candidate is not counted, as in scikit-learn\'s own "Fitting k folds for each of n candidates" log line. A search whose data comes only from local files under 1 MB, from the classic small tables by name (`wdbc.data`, `iris.data`, `titanic.csv`, also from a URL), or from scikit-learn\'s bundled tables (`load_iris()`, `load_breast_cancer()`, `load_diabetes()`, `load_digits()`), finishes in seconds: low confidence, kept back unless `confidence = "low"`.',
      whyBad:
        'An exhaustive grid trains every combination on every fold, even combinations that are clearly worse after a fraction of the data. The cost multiplies with each added hyper-parameter while the best score rarely moves: most of the energy goes into models that are thrown away.',
      evidence:
        'Yarally et al. (2023, arXiv 2303.13972) found that Bayesian optimisation significantly dominated grid and random search on energy consumption for the same model quality. scikit-learn\'s example "Comparison between grid search and successive halving" shows `HalvingGridSearchCV` finding parameter combinations just as accurate as `GridSearchCV`\'s (SVC, 7 × 6 grid, 1,000 samples) in much less time, because most candidates are only fitted on small subsets of the data. No energy figure of our own yet.',
      example:
        'from sklearn.model_selection import GridSearchCV\n\nparam_grid = {"C": [0.1, 1, 10, 100], "gamma": [1e-4, 1e-3, 1e-2, 1e-1], "kernel": ["rbf", "sigmoid"]}\nsearch = GridSearchCV(SVC(), param_grid, cv=5)  # 32 candidates × 5 folds = 160 fits\nsearch.fit(X, y)',
      useInstead:
        'from sklearn.experimental import enable_halving_search_cv  # noqa: F401\nfrom sklearn.model_selection import HalvingGridSearchCV\n\nsearch = HalvingGridSearchCV(SVC(), param_grid, cv=5, factor=3)\nsearch.fit(X, y)\n\n# or sample the grid: RandomizedSearchCV(SVC(), param_grid, n_iter=20, cv=5)\n# or Bayesian optimisation (Optuna, scikit-optimize) for continuous ranges',
      fixSafety:
        'Unsafe: successive halving is a different search. It evaluates candidates on growing subsets of the samples (`resource="n_samples"`) and keeps the best third each round, so it may select a different best candidate, needs enough samples for the first round (`min_resources`), supports a single scoring metric only, and returns train scores by default. `param_grid`, `cv`, `scoring` and `refit=True/False` carry over. No fix is offered when the call uses multi-metric scoring, `refit="metric"` or `pre_dispatch`.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    const budget = ctx.settings.gridSearchBudget;
    return {
      call(call) {
        if (!call.qualified || !GRID_SEARCH.has(call.qualified) || call.hasSplat) return;
        const grid = model.arg(call, 'param_grid', 1);
        const size = grid && gridSize(model, grid.node);
        const k = folds(model, call);
        if (!size || k === undefined) return;
        const fits = size.candidates * k;
        if (fits <= budget || cheapOnToyData(model, call)) return;
        ctx.report({
          node: call.callee,
          // A search over a local table of a few thousand rows (a CSV under 1 MB) finishes in seconds.
          confidence: fittedOnSmallFiles(model, call.node, ctx.path, ctx.cwd) ? 'low' : undefined,
          why: 'the data is a small table: a local file under 1 MB or a classic small dataset',
          data: { fits, candidates: size.candidates, folds: k, budget },
          fix: halvingFix(model, call),
        });
      },
    };
  },
};
