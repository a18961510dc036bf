// Live diagnostics: analyses Python documents and notebooks on open, change (debounced) and
// save, keeps each document's parse tree for incremental re-parsing, and remembers the
// findings behind each diagnostic for code actions and hovers.
import * as vscode from 'vscode';
import { createAnalyzer, type Analyzer } from '../engine/analyzer';
import type { Finding, SourceRange } from '../engine/types';
import { findingRange, settingsOverrides, severityNumber, SOURCE, type EditorSettings, type Span } from './adapter';
import { docsUri } from './docs';

/** Where a finding lives: a script, or one cell of a notebook. */
export interface Located {
  finding: Finding;
  /** The document the diagnostic is on (the script or the cell). */
  uri: vscode.Uri;
  notebook?: vscode.NotebookDocument;
}

export interface LinterConfig {
  enable: boolean;
  run: 'onType' | 'onSave';
  debounceMs: number;
  maxFileSizeKb: number;
  editor: EditorSettings;
}

/** Analyses slower than this switch that document to on-save analysis (once, with a notice). */
const SLOW_ANALYSIS_MS = 1500;

export function readConfig(): LinterConfig {
  const c = vscode.workspace.getConfiguration('frugal');
  const explicit = <T>(key: string): T | undefined => {
    const i = c.inspect<T>(key);
    return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
  };
  return {
    enable: c.get('enable', true),
    run: c.get<'onType' | 'onSave'>('run', 'onType'),
    debounceMs: Math.max(0, c.get('debounceMs', 250)),
    maxFileSizeKb: Math.max(1, c.get('maxFileSizeKb', 1024)),
    editor: {
      select: explicit<string[]>('select'),
      ignore: explicit<string[]>('ignore'),
      severity: explicit<Record<string, string>>('severity'),
      minEpochs: explicit<number>('minEpochs'),
      minEstimators: explicit<number>('minEstimators'),
      gridSearchBudget: explicit<number>('gridSearchBudget'),
      largeFileMb: explicit<number>('largeFileMb'),
      confidence: explicit<string>('confidence'),
    },
  };
}

/** VS Code language ids of the scripts the engine analyses. */
export const SCRIPT_LANGUAGES = ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'];

/** The engine's language for a VS Code language id. */
export function engineLanguage(languageId: string): 'python' | 'typescript' | 'javascript' {
  if (languageId.startsWith('typescript')) return 'typescript';
  if (languageId.startsWith('javascript')) return 'javascript';
  return 'python';
}

export function isPython(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'python' && isAnalyzed(doc);
}

/** A script the engine analyses: Python, TypeScript or JavaScript, outside notebooks and output panes. */
export function isAnalyzed(doc: vscode.TextDocument): boolean {
  return SCRIPT_LANGUAGES.includes(doc.languageId) && doc.uri.scheme !== 'vscode-notebook-cell' && doc.uri.scheme !== 'output';
}

export function isJupyter(nb: vscode.NotebookDocument): boolean {
  return nb.notebookType === 'jupyter-notebook';
}

export class Linter implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('frugal');
  private analyzer: Promise<Analyzer> | undefined;
  private config = readConfig();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly located = new Map<string, Located[]>();
  private readonly skipped = new Set<string>();
  private readonly slow = new Set<string>();
  /** What each document's last analysis read, so a change that leaves it alone (a notebook's outputs, metadata or Markdown) costs nothing. */
  private readonly analysed = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** Analyses run, and how long the last one took (the status and the tests read them). */
  readonly stats = { analyses: 0, lastMs: 0 };

  constructor(private readonly output: vscode.OutputChannel) {}

  /** The analyzer, created on first use (loading the WebAssembly is kept off activation). */
  getAnalyzer(): Promise<Analyzer> {
    if (!this.analyzer) {
      const started = Date.now();
      const { overrides, warnings } = settingsOverrides(this.config.editor);
      for (const w of warnings) this.output.appendLine(`[settings] ${w}`);
      this.analyzer = createAnalyzer({ settings: overrides }).then((a) => {
        this.output.appendLine(`[engine] ready in ${Date.now() - started} ms (${a.rules().length} rules)`);
        return a;
      });
      this.analyzer.catch((e: Error) => this.output.appendLine(`[engine] failed to load: ${e.message}`));
    }
    return this.analyzer;
  }

  /** Re-reads settings, drops the analyzer and its trees, and re-analyses open documents. */
  async restart(): Promise<void> {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    const old = this.analyzer;
    this.analyzer = undefined;
    this.config = readConfig();
    this.skipped.clear();
    this.slow.clear();
    if (old) (await old.catch(() => undefined))?.dispose();
    this.diagnostics.clear();
    this.located.clear();
    this.analysed.clear();
    if (this.config.enable) await this.analyzeOpen();
    this.changed.fire();
  }

  async analyzeOpen(): Promise<void> {
    for (const doc of vscode.workspace.textDocuments) if (isAnalyzed(doc)) await this.analyzeDocument(doc);
    for (const nb of vscode.workspace.notebookDocuments) if (isJupyter(nb)) await this.analyzeNotebook(nb);
  }

  /** Called on edits: debounced when running on type, ignored when running on save. */
  scheduleDocument(doc: vscode.TextDocument): void {
    if (!this.config.enable || this.config.run === 'onSave' || this.slow.has(doc.uri.toString())) return;
    this.debounce(doc.uri.toString(), () => this.analyzeDocument(doc, true));
  }

  scheduleNotebook(nb: vscode.NotebookDocument): void {
    if (!this.config.enable || this.config.run === 'onSave' || this.slow.has(nb.uri.toString())) return;
    this.debounce(nb.uri.toString(), () => this.analyzeNotebook(nb, true));
  }

  private debounce(key: string, run: () => Promise<void>): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void run();
      }, this.config.debounceMs),
    );
  }

  /** `ifChanged`: skip when the text is what was last analysed (an edit undone, a change event without one). */
  async analyzeDocument(doc: vscode.TextDocument, ifChanged = false): Promise<void> {
    if (!this.config.enable || doc.isClosed) return;
    const key = doc.uri.toString();
    const text = doc.getText();
    if (this.tooLarge(key, doc.uri, text.length)) return;
    const analyzer = await this.getAnalyzer();
    if (doc.isClosed) return;
    const current = doc.getText();
    const seen = `${doc.languageId}\0${current}`;
    if (ifChanged && this.analysed.get(key) === seen && this.located.has(key)) return;
    const started = performance.now();
    const result = analyzer.analyze(current, { path: doc.uri.fsPath, language: engineLanguage(doc.languageId), incremental: true });
    this.analysed.set(key, seen);
    this.timed(key, doc.uri, performance.now() - started);
    this.reportErrors(doc.uri, result.errors);
    this.publish(key, result.findings.map((finding) => ({ finding, uri: doc.uri })));
  }

  /** `ifChanged`: skip when no cell's text or kind changed (outputs, execution counts, metadata). */
  async analyzeNotebook(nb: vscode.NotebookDocument, ifChanged = false): Promise<void> {
    if (!this.config.enable || nb.isClosed) return;
    const key = nb.uri.toString();
    const cells = nb.getCells();
    const json = JSON.stringify({
      cells: cells.map((c) => ({
        cell_type: c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python' ? 'code' : 'markdown',
        source: c.document.getText(),
      })),
    });
    if (this.tooLarge(key, nb.uri, json.length)) return;
    const analyzer = await this.getAnalyzer();
    if (nb.isClosed) return;
    // Outputs, execution counts and metadata are not analysed: only a change to a cell's text (or kind) re-runs the rules.
    if (ifChanged && this.analysed.get(key) === json && this.located.has(key)) return;
    const started = performance.now();
    const result = analyzer.analyze(json, { path: nb.uri.fsPath, language: 'notebook', incremental: true });
    this.analysed.set(key, json);
    this.timed(key, nb.uri, performance.now() - started);
    this.reportErrors(nb.uri, result.errors);
    // Clear cells that had findings and no longer do.
    for (const c of cells) this.diagnostics.delete(c.document.uri);
    const located: Located[] = [];
    for (const finding of result.findings) {
      const cell = finding.cell === undefined ? undefined : cells[finding.cell];
      if (cell) located.push({ finding, uri: cell.document.uri, notebook: nb });
    }
    this.publish(key, located);
  }

  private tooLarge(key: string, uri: vscode.Uri, chars: number): boolean {
    if (chars <= this.config.maxFileSizeKb * 1024) return false;
    this.diagnostics.delete(uri);
    if (!this.skipped.has(key)) {
      this.skipped.add(key);
      const msg = `Frugal ML skipped ${vscode.workspace.asRelativePath(uri)}: ${Math.round(chars / 1024)} KB is over frugal.maxFileSizeKb (${this.config.maxFileSizeKb} KB).`;
      this.output.appendLine(`[skip] ${msg}`);
      void vscode.window.showInformationMessage(msg);
    }
    return true;
  }

  private timed(key: string, uri: vscode.Uri, ms: number): void {
    this.stats.analyses++;
    this.stats.lastMs = ms;
    if (ms < SLOW_ANALYSIS_MS || this.slow.has(key)) return;
    this.slow.add(key);
    const msg = `Frugal ML took ${Math.round(ms)} ms on ${vscode.workspace.asRelativePath(uri)}; it will re-analyse this file on save only.`;
    this.output.appendLine(`[slow] ${msg}`);
    void vscode.window.showInformationMessage(msg);
  }

  private reportErrors(uri: vscode.Uri, errors: { path: string; message: string; kind: string }[]): void {
    // A configuration warning's path is its pyproject.toml, not the document.
    for (const e of errors) this.output.appendLine(`[${e.kind}] ${vscode.workspace.asRelativePath(e.path && e.path !== uri.fsPath ? vscode.Uri.file(e.path) : uri)}: ${e.message}`);
  }

  private publish(key: string, located: Located[]): void {
    this.located.set(key, located);
    const byUri = new Map<string, { uri: vscode.Uri; diags: vscode.Diagnostic[] }>();
    for (const l of located) {
      const entry = byUri.get(l.uri.toString()) ?? { uri: l.uri, diags: [] };
      entry.diags.push(toDiagnostic(l));
      byUri.set(l.uri.toString(), entry);
    }
    this.diagnostics.set(vscode.Uri.parse(key), byUri.get(key)?.diags ?? []);
    for (const { uri, diags } of byUri.values()) this.diagnostics.set(uri, diags);
    this.changed.fire();
  }

  /** Findings shown on a document (a script or a notebook cell). */
  findingsAt(uri: vscode.Uri): Located[] {
    const key = uri.toString();
    const direct = this.located.get(key);
    if (direct) return direct;
    const out: Located[] = [];
    for (const list of this.located.values()) for (const l of list) if (l.uri.toString() === key) out.push(l);
    return out;
  }

  forget(uri: vscode.Uri, cells: vscode.Uri[] = []): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.located.delete(key);
    this.analysed.delete(key);
    this.diagnostics.delete(uri);
    for (const c of cells) this.diagnostics.delete(c);
    void this.analyzer?.then((a) => a.forget(uri.fsPath));
    this.changed.fire();
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.diagnostics.dispose();
    this.changed.dispose();
    void this.analyzer?.then((a) => a.dispose());
  }
}

function toRange(s: Span): vscode.Range {
  return new vscode.Range(s.start.line, s.start.character, s.end.line, s.end.character);
}

export function rangeOf(f: SourceRange): vscode.Range {
  return toRange(findingRange(f));
}

export function toDiagnostic(l: Located): vscode.Diagnostic {
  const f = l.finding;
  const d = new vscode.Diagnostic(rangeOf(f), f.message, severityNumber(f.severity) as vscode.DiagnosticSeverity);
  d.source = SOURCE;
  d.code = { value: f.code, target: docsUri(f.code) };
  if (f.related?.length) {
    d.relatedInformation = f.related.flatMap((r) => {
      const uri = r.cell === undefined ? l.uri : l.notebook?.cellAt(r.cell)?.document.uri;
      return uri ? [new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, rangeOf(r)), r.message)] : [];
    });
  }
  return d;
}
