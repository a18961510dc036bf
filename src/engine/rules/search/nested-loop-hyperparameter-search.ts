// FRG202: a grid search written by hand, nested `for` loops over literal hyper-parameter values
// (or one loop over `itertools.product`/`ParameterGrid`) that train a model for each combination.
import { contains, type LoopInfo, type ModuleModel } from '../../model/model';
import { child, type SNode, unparen } from '../../parse/syntax';
import type { Rule } from '../rule';
import { gridSize, literalOrigin, sequenceLength, trainsModelOrCalls } from './shared';
import { fittedOnSmallFiles } from '../training/workload';

interface GridLoop {
  loop: LoopInfo;
  /** Hyper-parameters this loop varies. */
  dims: number;
  /** Values (or combinations) it iterates over. */
  size: number;
}

/**
 * Loop variables that repeat a run or change the experiment rather than a hyper-parameter:
 * seeds, folds, repetitions, data sets and files (a benchmark wants every cell of its table).
 */
const NOT_HYPERPARAMETER = /seed|random_state|^runs?$|^rep(eat)?s?$|^repetition|^fold|^trial|dataset|^data|task|benchmark|corpus|file|path/i;
const SCALARS = new Set(['integer', 'float', 'string', 'concatenated_string', 'true', 'false', 'none', 'unary_operator']);

function isValue(n: SNode): boolean {
  if (SCALARS.has(n.type)) return true;
  // A value that is itself a small literal tuple/list, such as hidden sizes `(128, 64)`.
  return (n.type === 'tuple' || n.type === 'list') && n.children.every((c) => c.type === 'comment' || SCALARS.has(c.type));
}

/** Length of a literal list or tuple of hyper-parameter values (at least two), following names. */
function valueListLength(model: ModuleModel, node: SNode): number | undefined {
  const n = literalOrigin(model, node);
  if (!n) return undefined;
  if (n.type === 'list' || n.type === 'tuple') {
    const items = n.children.filter((c) => c.type !== 'comment');
    return items.length >= 2 && items.every(isValue) ? items.length : undefined;
  }
  if (n.type === 'subscript' || n.type === 'call') {
    // `grid["lr"]`, `np.logspace(-4, -1, 4)`: value sweeps; `range(...)` is left out, as it
    // also counts epochs and indices.
    if (n.type === 'call' && model.callSite(n).qualified === 'range') return undefined;
    const len = sequenceLength(model, n);
    return len !== undefined && len >= 2 ? len : undefined;
  }
  return undefined;
}

/** `itertools.product(a, b)` or `itertools.product(*grid.values())` over literal value lists. */
function productSize(model: ModuleModel, iter: SNode): { dims: number; size: number } | undefined {
  const args = child(iter, 'arguments')?.children.filter((c) => c.type !== 'comment') ?? [];
  const lists: SNode[] = [];
  for (const a of args) {
    if (a.type === 'list_splat') {
      const inner = a.children[0] && unparen(a.children[0]);
      const call = inner?.type === 'call' ? model.callSite(inner) : undefined;
      const dict = call?.name === 'values' && call.args.length === 0 && call.receiver ? literalOrigin(model, call.receiver) : undefined;
      if (dict?.type !== 'dictionary') return undefined;
      for (const pair of dict.children) {
        if (pair.type === 'dictionary_splat') return undefined;
        const v = pair.type === 'pair' ? child(pair, 'value') : undefined;
        if (v) lists.push(v);
      }
    } else if (a.type === 'keyword_argument') {
      return undefined;
    } else {
      lists.push(a);
    }
  }
  let size = 1;
  for (const l of lists) {
    const len = valueListLength(model, l);
    if (len === undefined) return undefined;
    size *= len;
  }
  return lists.length > 0 ? { dims: lists.length, size } : undefined;
}

function gridLoop(model: ModuleModel, loop: LoopInfo): GridLoop | undefined {
  if (loop.kind !== 'for' || !loop.iter || loop.targets.some((t) => NOT_HYPERPARAMETER.test(t))) return undefined;
  let iter = unparen(loop.iter);
  if (iter.type === 'call' && model.callSite(iter).qualified === 'enumerate') {
    const first = model.callSite(iter).args[0];
    if (!first) return undefined;
    iter = unparen(first.node);
  }
  if (iter.type === 'call') {
    const q = model.callSite(iter).qualified;
    if (q === 'itertools.product') {
      const p = productSize(model, iter);
      return p && { loop, ...p };
    }
    if (q === 'sklearn.model_selection.ParameterGrid') {
      const arg = model.callSite(iter).args[0];
      const g = arg && gridSize(model, arg.node);
      return g && g.candidates >= 2 ? { loop, dims: g.dims, size: g.candidates } : undefined;
    }
  }
  const size = valueListLength(model, iter);
  return size === undefined ? undefined : { loop, dims: 1, size };
}

/** A node spanning a loop's `for target in iterable` header. */
function headerSpan(loop: LoopInfo): SNode {
  const from = loop.node;
  const to = loop.iter ?? loop.node;
  return { ...from, type: 'for_header', end: to.end, endRow: to.endRow, endCol: to.endCol, children: [] };
}

export const nestedLoopHyperparameterSearch: Rule = {
  meta: {
    code: 'FRG202',
    name: 'nested-loop-hyperparameter-search',
    category: 'search',
    severity: 'warning',
    summary: 'Nested loops over literal hyper-parameter values that train a model for every combination',
    messages: {
      default: 'Hand-written grid search: these loops train a model for each of {combinations} combinations of {dims} hyper-parameters',
    },
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for two or more nested `for` loops over literal value lists (`for lr in [1e-3, 1e-2, 1e-1]:`, tuples, variables holding such lists, `grid["lr"]`, `np.logspace(...)`), or one loop over `itertools.product(a, b)` or `ParameterGrid(grid)`, whose body trains a model: `.fit()`/`.train()` on a model or trainer, `xgb.train`/`lgb.train`, `cross_val_score`, a training loop with `.backward()`, or a call to a function of the same file that does one of these. Loops over `range(...)`, over data, or whose variable names a seed, fold, repetition, data set or file (repetitions and benchmarks, not tuning) do not count. The finding sits on the outermost loop and gives the number of combinations. Models fitted only on scikit-learn\'s bundled tables (`load_iris()`, `load_breast_cancer()`) or on local files under 1 MB are low confidence: every fit takes a fraction of a second.',
      whyBad:
        'A hand-written grid trains every combination to the end, however bad it looks after the first epochs, and its cost multiplies with each added hyper-parameter. Search libraries reach a comparable result with far fewer full trainings: Bayesian samplers concentrate trials where results are good, and pruning or successive halving stops unpromising trials early.',
      evidence:
        'Yarally et al. (2023, arXiv 2303.13972) found that Bayesian optimisation significantly dominated grid and random search on energy consumption for the same model quality. The saving grows with the size of the grid; there is no single figure for every model.',
      example:
        'for lr in [1e-3, 1e-2, 1e-1]:\n    for depth in [3, 5, 7]:\n        model = xgb.XGBClassifier(learning_rate=lr, max_depth=depth, n_estimators=500)\n        model.fit(X_train, y_train)\n        scores[(lr, depth)] = model.score(X_val, y_val)',
      useInstead:
        'import optuna\n\ndef objective(trial):\n    lr = trial.suggest_float("lr", 1e-3, 1e-1, log=True)\n    depth = trial.suggest_int("max_depth", 3, 7)\n    model = xgb.XGBClassifier(learning_rate=lr, max_depth=depth, n_estimators=500)\n    model.fit(X_train, y_train)\n    return model.score(X_val, y_val)\n\nstudy = optuna.create_study(direction="maximize", pruner=optuna.pruners.SuccessiveHalvingPruner())\nstudy.optimize(objective, n_trials=20)\n\n# scikit-learn estimators: HalvingGridSearchCV / HalvingRandomSearchCV',
      fixSafety: 'No automatic fix: moving to a search library changes the structure of the code and which combinations are tried.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    const memo = new Map<LoopInfo, GridLoop | undefined>();
    const grid = (loop: LoopInfo) => {
      if (!memo.has(loop)) memo.set(loop, gridLoop(model, loop));
      return memo.get(loop);
    };
    return {
      end() {
        const found = new Map<LoopInfo, { combinations: number; dims: number; train: SNode }>();
        // Most files have no loop over literal values: nothing to look for then.
        const gridLoops = model.loops.map(grid).filter((g): g is GridLoop => g !== undefined);
        if (gridLoops.reduce((s, g) => s + g.dims, 0) < 2) return;
        for (const call of model.calls) {
          if (!gridLoops.some((g) => contains(g.loop.node, call.node))) continue;
          const context = model.context(call.node);
          // Loops around the enclosing function's definition do not run the call.
          const loops = context.loops.filter((l) => !context.func || contains(context.func.node, l.node));
          const grids = loops.map(grid).filter((g): g is GridLoop => g !== undefined);
          const dims = grids.reduce((s, g) => s + g.dims, 0);
          if (dims < 2 || !trainsModelOrCalls(model, call)) continue;
          const outer = grids[grids.length - 1].loop;
          const combinations = grids.reduce((p, g) => p * g.size, 1);
          if ((found.get(outer)?.combinations ?? 0) < combinations) found.set(outer, { combinations, dims, train: call.node });
        }
        for (const [loop, { combinations, dims, train }] of found) {
          // Fitted only on scikit-learn's bundled tables or local files under 1 MB: every fit takes a fraction of a second.
          const small = fittedOnSmallFiles(model, train, ctx.path, ctx.cwd);
          ctx.report({
            node: headerSpan(loop),
            data: { combinations, dims },
            confidence: small ? 'low' : undefined,
            why: small ? 'the models are fitted on a bundled or local table under 1 MB: every fit takes a fraction of a second' : undefined,
          });
        }
      },
    };
  },
};
