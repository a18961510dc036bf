// The engine's entry point: parse → module model → rules (one dispatch pass) → findings,
// with suppressions, configuration and notebook cell mapping applied. Never throws.
import path from 'node:path';
import { findConfig, loadConfig, type LoadedConfig } from './config/pyproject';
import { DEFAULT_SETTINGS, type Settings } from './config/settings';
import { matchesSelector } from './config/selectors';
import { recordInputs, type InputStamp } from './inputs';
import { measuredLine } from './measured';
import { JsModel } from './model/js-model';
import { ModuleModel } from './model/model';
import { cellAt, NotebookError, readNotebook, type CellSpan } from './parse/notebook';
import { PythonParser } from './parse/python';
import { parseScript } from './parse/typescript';
import { enclosingStatement, type SNode, type SourceFile } from './parse/syntax';
import { unusedDefinition } from './project-refs';
import { RULES } from './rules/registry';
import { isTestModule } from './rules/inference/shared';
import type { OffsetEdit, Report, Rule, Visitor } from './rules/rule';
import { findSuppressions, isSuppressed } from './suppress';
import type { FileError, Finding, Fix, Language, RuleInfo, TextEdit } from './types';

export interface AnalyzerOptions {
  /** Settings that override the defaults (and, when config files are read, win over them). */
  settings?: Partial<Settings>;
  /** Read `[tool.frugal]` from the nearest pyproject.toml (default true). */
  configFiles?: boolean;
  /** Working directory for relative data paths (default `process.cwd()`). */
  cwd?: string;
}

export interface AnalyzeOptions {
  path: string;
  language?: Language;
  /** Keep the parse tree under `path` so the next analysis of it re-parses incrementally. */
  incremental?: boolean;
}

export interface AnalysisResult {
  findings: Finding[];
  /** Problems with the file or its configuration; findings may still be present. */
  errors: FileError[];
  language?: Language;
  /** The source has syntax errors; findings cover the parts that parse. */
  syntaxErrors?: boolean;
  /** Low-confidence findings left out (without `confidence = "low"`): the summary says how many. */
  keptBack?: number;
  /** Other files the rules read (a sibling module, a data file), as they were: a cached result holds while they are unchanged. */
  inputs?: InputStamp[];
}

/** Files larger than this are not analysed (a clear error instead of a frozen editor). */
export const MAX_SOURCE_CHARS = 5_000_000;

/** The path inside the working folder (a `tests/` folder above it does not make every file a test); the file name alone outside it. */
function projectPath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  return rel.startsWith('..') || path.isAbsolute(rel) ? path.basename(abs) : rel;
}

export function languageOf(file: string): Language | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.py' || ext === '.pyi' || ext === '.pyw') return 'python';
  if (ext === '.ipynb') return 'notebook';
  if (ext === '.ts' || ext === '.tsx' || ext === '.mts' || ext === '.cts') return 'typescript';
  if (ext === '.js' || ext === '.mjs' || ext === '.cjs' || ext === '.jsx') return 'javascript';
  return undefined;
}

export function ruleInfo(rule: Rule): RuleInfo {
  const m = rule.meta;
  const measured = measuredLine(m.name);
  return {
    code: m.code,
    name: m.name,
    category: m.category,
    severity: m.severity,
    summary: m.summary,
    fixable: m.fixTitle !== undefined,
    languages: m.languages,
    docs: `docs/rules/${m.name}.md`,
    ...(measured ? { measured } : {}),
  };
}

/** Resolves each file's settings (defaults ← pyproject.toml ← options), caching configuration per folder; needs no parser. */
export class Configs {
  private readonly configCache = new Map<string, LoadedConfig | undefined>();

  constructor(private readonly options: AnalyzerOptions = {}) {}

  /** Settings for a file: defaults ← pyproject.toml ← options. */
  configFor(file: string): LoadedConfig {
    const base: LoadedConfig = { settings: { ...DEFAULT_SETTINGS }, warnings: [] };
    let loaded: LoadedConfig | undefined;
    if (this.options.configFiles !== false && file) {
      const dir = path.dirname(path.resolve(this.options.cwd ?? process.cwd(), file));
      if (!this.configCache.has(dir)) {
        const found = findConfig(dir);
        this.configCache.set(dir, found ? loadConfig(found) : undefined);
      }
      loaded = this.configCache.get(dir);
    }
    const fromFile = loaded?.settings ?? base.settings;
    const settings = { ...fromFile, ...this.options.settings };
    // Severity overrides merge code by code; everything else given in options replaces the file's.
    if (this.options.settings?.severity) settings.severity = { ...fromFile.severity, ...this.options.settings.severity };
    return { settings, file: loaded?.file, warnings: loaded?.warnings ?? [] };
  }
}

export class Analyzer {
  private readonly configs: Configs;
  private readonly activeCache = new Map<string, readonly Rule[]>();

  constructor(
    private readonly parser: PythonParser,
    private readonly options: AnalyzerOptions = {},
  ) {
    this.configs = new Configs(options);
  }

  rules(): RuleInfo[] {
    return RULES.map(ruleInfo);
  }

  /** Drops the cached tree of a document (e.g. when its editor closes). */
  forget(file: string): void {
    this.parser.forget(file);
  }

  dispose(): void {
    this.parser.dispose();
  }

  /** Settings for a file: defaults ← pyproject.toml ← options. */
  configFor(file: string): LoadedConfig {
    return this.configs.configFor(file);
  }

  analyze(text: string, opts: AnalyzeOptions): AnalysisResult {
    const file = opts.path;
    const language = opts.language ?? languageOf(file) ?? 'python';
    try {
      const { value, inputs } = recordInputs(() => this.run(text, file, language, opts.incremental ?? false));
      return { ...value, language, ...(inputs.length ? { inputs } : {}) };
    } catch (e) {
      const err = e as Error;
      const message = err instanceof NotebookError ? err.message : `internal error while analysing: ${err.stack ?? err.message}`;
      return { findings: [], errors: [{ path: file, message, kind: 'error' }], language };
    }
  }

  private run(text: string, file: string, language: Language, incremental: boolean): AnalysisResult {
    const config = this.configFor(file);
    const errors: FileError[] = config.warnings.map((message) => ({ path: config.file ?? file, message, kind: 'warning' }));
    if (text.length > MAX_SOURCE_CHARS) {
      errors.push({ path: file, message: `file too large to analyse (${text.length} characters; the limit is ${MAX_SOURCE_CHARS})`, kind: 'error' });
      return { findings: [], errors };
    }
    if (language === 'typescript' || language === 'javascript') {
      const parsed = parseScript(text, file || (language === 'typescript' ? 'file.ts' : 'file.js'));
      if (parsed.error) {
        const { line, column, message } = parsed.error;
        errors.push({ path: file, message: `syntax error at ${line}:${column}: ${message}; findings cover the rest of the file`, kind: 'warning' });
      }
      const cwd = this.options.cwd ?? process.cwd();
      const model = new JsModel(parsed.file, file ? path.resolve(cwd, file) : '');
      const { findings, keptBack } = this.check(parsed.file, { js: model }, file, config.settings);
      return { findings, errors, syntaxErrors: parsed.file.hasErrors, ...(keptBack ? { keptBack } : {}) };
    }
    let source = text;
    let cells: CellSpan[] | undefined;
    if (language === 'notebook') {
      const nb = readNotebook(text);
      source = nb.source;
      cells = nb.cells;
    }
    const parsed = this.parser.parse(source, incremental ? file : undefined);
    const model = new ModuleModel(parsed, language === 'notebook');
    const { findings, keptBack } = this.check(parsed, { python: model }, file, config.settings, cells);
    return { findings, errors, syntaxErrors: parsed.hasErrors, ...(keptBack ? { keptBack } : {}) };
  }

  /** The rules that `select` and `ignore` leave on (only those with a TypeScript detector for scripts), cached per selection. */
  private activeRules(settings: Settings, scriptOnly: boolean): readonly Rule[] {
    const key = `${scriptOnly ? 'js' : 'py'}\0${settings.select.join('\0')}\0\0${settings.ignore.join('\0')}`;
    let active = this.activeCache.get(key);
    if (!active) {
      active = RULES.filter(
        (r) =>
          (!scriptOnly || r.createJs !== undefined) &&
          (settings.select.length === 0 || matchesSelector(settings.select, r.meta.code, r.meta.name)) &&
          !matchesSelector(settings.ignore, r.meta.code, r.meta.name),
      );
      this.activeCache.set(key, active);
    }
    return active;
  }

  private check(parsed: SourceFile, models: { python?: ModuleModel; js?: JsModel }, file: string, settings: Settings, cells?: CellSpan[]): { findings: Finding[]; keptBack: number } {
    const findings: Finding[] = [];
    /** Low-confidence findings left out. */
    let keptBack = 0;
    const cwd = this.options.cwd ?? process.cwd();
    const abs = file ? path.resolve(cwd, file) : '';
    // A test runs its model once on made-up inputs: advice about real runs does not apply (`check-tests = true` checks them).
    if (models.python && !settings.checkTests && isTestModule(models.python, projectPath(cwd, abs))) return { findings, keptBack };
    const suppressions = findSuppressions(parsed);
    const active = this.activeRules(settings, models.python === undefined);
    const visitors: Visitor[] = [];
    const seen = new Set<string>();
    const unused = new Map<SNode, string | null>();
    for (const rule of active) {
      const { meta } = rule;
      const report = (given: Report): void => {
        let r = given;
        const stmt = enclosingStatement(r.node);
        if (isSuppressed(suppressions, [r.node.startRow, stmt.startRow], meta.code, meta.name)) return;
        const key = `${meta.code}:${r.node.start}:${r.node.end}`;
        if (seen.has(key)) return;
        seen.add(key);
        const dead = r.confidence !== 'low' && models.python ? unusedDefinition(models.python, r.node, abs, unused) : undefined;
        if (dead) r = { ...r, confidence: 'low', why: `nothing in the project uses \`${dead}\`: neither its file nor the files that import its module name it` };
        if (r.confidence === 'low' && settings.confidence !== 'low') {
          keptBack++;
          return;
        }
        const template = meta.messages[r.messageId ?? 'default'] ?? Object.values(meta.messages)[0];
        const message = template.replace(/\{(\w+)\}/g, (m, k: string) => (r.data && k in r.data ? String(r.data[k]) : m));
        const finding: Finding = {
          path: file,
          code: meta.code,
          rule: meta.name,
          severity: settings.severity[meta.code] ?? settings.severity[meta.name] ?? r.severity ?? meta.severity,
          message,
          line: r.node.startRow + 1,
          column: r.node.startCol + 1,
          endLine: r.node.endRow + 1,
          endColumn: r.node.endCol + 1,
        };
        if (r.fix && r.fix.edits.length > 0) {
          const edits = r.fix.edits.map((e) => toTextEdit(parsed, e, cells));
          if (edits.every((e): e is TextEdit => e !== undefined)) {
            const fix: Fix = { title: r.fix.title ?? meta.fixTitle ?? 'Fix', safety: r.fix.safety, edits };
            finding.fix = fix;
          }
        }
        if (r.confidence === 'low') {
          finding.confidence = 'low';
          finding.message += ` (low confidence: ${r.why ?? 'nothing in the code shows a dataset, model or loop large enough for this to cost much'})`;
        }
        if (r.related?.length) {
          finding.related = r.related.map(({ node, message }) => ({
            message,
            line: node.startRow + 1,
            column: node.startCol + 1,
            endLine: node.endRow + 1,
            endColumn: node.endCol + 1,
          }));
        }
        if (cells && !mapToCell(finding, cells)) return;
        findings.push(finding);
      };
      if (models.python) visitors.push(rule.create({ model: models.python, file: parsed, settings, path: abs, cwd, report }));
      else if (models.js && rule.createJs) visitors.push(rule.createJs({ model: models.js, file: parsed, settings, path: abs, cwd, report }));
    }
    const model = models.python ?? models.js!;
    const onCall = visitors.filter((v) => v.call);
    const onLoop = visitors.filter((v) => v.loop);
    const onFunction = visitors.filter((v) => v.function);
    for (const call of model.calls) for (const v of onCall) v.call!(call);
    for (const loop of model.loops) for (const v of onLoop) v.loop!(loop);
    for (const fn of model.functions) for (const v of onFunction) v.function!(fn);
    for (const v of visitors) v.end?.();
    findings.sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
    return { findings, keptBack };
  }
}

function toTextEdit(file: SourceFile, e: OffsetEdit, cells?: CellSpan[]): TextEdit | undefined {
  const s = file.position(e.start);
  const t = file.position(e.end);
  const edit: TextEdit = { line: s.row + 1, column: s.col + 1, endLine: t.row + 1, endColumn: t.col + 1, text: e.text };
  if (!cells) return edit;
  const cell = cellAt(cells, s.row);
  if (!cell || cellAt(cells, t.row) !== cell) return undefined;
  edit.line -= cell.startRow;
  edit.endLine -= cell.startRow;
  edit.cell = cell.index;
  return edit;
}

function mapToCell(f: Finding, cells: CellSpan[]): boolean {
  const cell = cellAt(cells, f.line - 1);
  if (!cell) return false;
  f.related = f.related?.flatMap((r) => {
    const c = cellAt(cells, r.line - 1);
    return c ? [{ ...r, cell: c.index, line: r.line - c.startRow, endLine: r.endLine - c.startRow }] : [];
  });
  if (f.related?.length === 0) delete f.related;
  f.cell = cell.index;
  f.line -= cell.startRow;
  f.endLine -= cell.startRow;
  if (f.endLine > cell.lineCount) {
    f.endLine = cell.lineCount;
    f.endColumn = (cell.text.split('\n')[cell.lineCount - 1]?.length ?? 0) + 1;
  }
  return true;
}

export async function createAnalyzer(options: AnalyzerOptions = {}): Promise<Analyzer> {
  return new Analyzer(await PythonParser.create(), options);
}
