// Reads `[tool.frugal]` from the nearest pyproject.toml (walking up from a file) with a real
// TOML parser; unknown keys and bad values become warnings and the defaults stay in force.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { isRuleKey, SELECTOR_HINT, unknownSelectors } from './selectors';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import type { Severity } from '../types';

export interface LoadedConfig {
  settings: Settings;
  /** The pyproject.toml that was read, if any. */
  file?: string;
  warnings: string[];
}

const NUMBER_KEYS: Record<string, keyof Settings> = {
  'min-epochs': 'minEpochs',
  'min-estimators': 'minEstimators',
  'grid-search-budget': 'gridSearchBudget',
  'large-file-mb': 'largeFileMb',
};
const LIST_KEYS: Record<string, keyof Settings> = { select: 'select', ignore: 'ignore', exclude: 'exclude' };
const SEVERITIES = new Set<Severity>(['error', 'warning', 'info']);

export function findPyproject(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, 'pyproject.toml');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The nearest configuration walking up from `startDir`: a pyproject.toml, or (for JavaScript-only
 * projects) a package.json with a `frugal` key; in one folder the pyproject.toml wins.
 */
export function findConfig(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const py = path.join(dir, 'pyproject.toml');
    if (existsSync(py)) return py;
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && packageHasFrugal(pkg)) return pkg;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function packageHasFrugal(file: string): boolean {
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof doc === 'object' && doc !== null && 'frugal' in doc;
  } catch {
    // A package.json that cannot be read is loaded anyway only if it says `"frugal"`.
    try {
      return /"frugal"\s*:/.test(readFileSync(file, 'utf8'));
    } catch {
      return false;
    }
  }
}

/** Settings from a file `findConfig` found. Never throws. */
export function loadConfig(file: string): LoadedConfig {
  return path.basename(file) === 'package.json' ? loadPackageJson(file) : loadPyproject(file);
}

/** Settings from the `frugal` key of a package.json, validated like `[tool.frugal]`. Never throws. */
export function loadPackageJson(file: string): LoadedConfig {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    return { settings: { ...DEFAULT_SETTINGS }, file, warnings: [`invalid package.json (${msg}); using defaults`] };
  }
  const { settings, warnings } = readSettings(doc.frugal, '"frugal" in package.json');
  return { settings, file, warnings };
}

/** Settings from `[tool.frugal]` in `file`, validated. Never throws. */
export function loadPyproject(file: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { settings: { ...DEFAULT_SETTINGS }, file, warnings: [`cannot read (${(e as Error).message}); using defaults`] };
  }
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    return { settings: { ...DEFAULT_SETTINGS }, file, warnings: [`invalid TOML (${msg}); using defaults`] };
  }
  const tool = doc.tool as Record<string, unknown> | undefined;
  const section = tool?.frugal;
  // The warnings travel with the file as their path, so they name only the section.
  const { settings, warnings } = readSettings(section, '[tool.frugal]');
  return { settings, file, warnings };
}

/** Validates a `[tool.frugal]` table (or the same object from editor settings). */
export function readSettings(section: unknown, where: string): { settings: Settings; warnings: string[] } {
  const settings: Settings = { ...DEFAULT_SETTINGS, severity: {} };
  const warnings: string[] = [];
  if (section === undefined) return { settings, warnings };
  if (typeof section !== 'object' || section === null || Array.isArray(section)) {
    return { settings, warnings: [`${where} must be ${where.includes('package.json') ? 'an object' : 'a table'}; using defaults`] };
  }
  for (const [key, value] of Object.entries(section as Record<string, unknown>)) {
    if (key in NUMBER_KEYS) {
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
        (settings[NUMBER_KEYS[key]] as number) = value;
      } else {
        warnings.push(`${where}: ${key} must be a non-negative number, got ${JSON.stringify(value)}; using ${settings[NUMBER_KEYS[key]] as number}`);
      }
    } else if (key in LIST_KEYS) {
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
        // An unknown selector would silently select or ignore nothing: say so and drop it.
        const unknown = key === 'exclude' ? [] : unknownSelectors(value as string[]);
        for (const u of unknown) warnings.push(`${where}: ${key}: unknown rule selector "${u}" ignored (${SELECTOR_HINT})`);
        (settings[LIST_KEYS[key]] as string[]) = (value as string[]).filter((v) => !unknown.includes(v));
      } else {
        warnings.push(`${where}: ${key} must be a list of strings, got ${JSON.stringify(value)}; ignored`);
      }
    } else if (key === 'unsafe-fixes' || key === 'check-tests') {
      if (typeof value === 'boolean') settings[key === 'unsafe-fixes' ? 'unsafeFixes' : 'checkTests'] = value;
      else warnings.push(`${where}: ${key} must be true or false, got ${JSON.stringify(value)}; using false`);
    } else if (key === 'confidence') {
      if (value === 'high' || value === 'low') settings.confidence = value;
      else warnings.push(`${where}: confidence must be "high" or "low", got ${JSON.stringify(value)}; using "high"`);
    } else if (key === 'severity') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        warnings.push(`${where}: severity must be ${where.includes('package.json') ? 'an object like { "FRG101": "error" }' : 'a table like { FRG101 = "error" }'}; ignored`);
        continue;
      }
      for (const [code, level] of Object.entries(value as Record<string, unknown>)) {
        if (!isRuleKey(code)) warnings.push(`${where}: severity.${code}: no rule has this code or name; ignored`);
        else if (typeof level === 'string' && SEVERITIES.has(level as Severity)) settings.severity[code] = level as Severity;
        else warnings.push(`${where}: severity.${code} must be "error", "warning" or "info", got ${JSON.stringify(level)}; ignored`);
      }
    } else {
      warnings.push(`${where}: unknown key "${key}" ignored (known: ${[...Object.keys(NUMBER_KEYS), ...Object.keys(LIST_KEYS), 'severity', 'unsafe-fixes', 'check-tests', 'confidence'].join(', ')})`);
    }
  }
  return { settings, warnings };
}
