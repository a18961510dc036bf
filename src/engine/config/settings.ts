// Analysis settings and their defaults; `pyproject.ts` reads them from `[tool.frugal]`.
import type { Severity } from '../types';

export interface Settings {
  /** Codes, code prefixes (`FRG1`) or rule names to enable; empty means all. */
  select: string[];
  ignore: string[];
  /** Severity overrides by code or name. */
  severity: Record<string, Severity>;
  /** Epochs (Keras `fit`, loops) at or above which training counts as long. */
  minEpochs: number;
  /** Boosting rounds / estimators at or above which a model counts as long to train. */
  minEstimators: number;
  /** Grid searches with more estimated fits than this are flagged. */
  gridSearchBudget: number;
  /** Data files at or above this many megabytes count as large. */
  largeFileMb: number;
  /** Extra path globs to skip in `frugal check`. */
  exclude: string[];
  /** `frugal check --fix`/`--diff` apply unsafe fixes too (`unsafe-fixes = true`, as in ruff). */
  unsafeFixes: boolean;
  /**
   * Check Python test modules too (`check-tests = true`): `test_*.py`, `*_test.py`, `conftest.py`,
   * files under `tests/` and files importing pytest or unittest. Off by default: a test runs its
   * model once, on made-up inputs, to exercise code, and advice about a real run does not apply.
   */
  checkTests: boolean;
  /**
   * The lowest confidence reported: `high` (default) shows a finding only where the code also
   * shows the run is large enough for the pattern to cost something (a real dataset, a sized
   * model, a loop over data); `low` shows every match of the pattern as well.
   */
  confidence: 'high' | 'low';
}

export const DEFAULT_SETTINGS: Settings = {
  select: [],
  ignore: [],
  severity: {},
  minEpochs: 10,
  minEstimators: 200,
  gridSearchBudget: 100,
  largeFileMb: 100,
  exclude: [],
  unsafeFixes: false,
  checkTests: false,
  confidence: 'high',
};
