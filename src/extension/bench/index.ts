// The inference benchmark in the editor: the `frugal.benchmarkModel` command (Explorer context
// menu on .onnx files, the palette, a CodeLens on ONNX export and session calls), the Benchmark
// view and its history. The sweep itself runs ONNX Runtime in a child process (src/bench), so a
// native crash or a model that never returns cannot take the extension host down.
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { benchTargets, BenchUsageError, runBench, type BenchOptions, type BenchReport } from '../../bench';
import { writeFileAtomic } from '../profile/history';
import { BenchPanel, BENCH_VIEW_ID } from './panel';
import { MAX_BENCH_HISTORY, parseBenchHistory, type BenchEntry, type BenchLive, type BenchSnapshot, type BenchWebviewMessage } from './protocol';

/** What `frugal.benchmarkModel(uri?, options?)` accepts besides the model. */
export type BenchmarkModelOptions = Omit<BenchOptions, 'models' | 'cwd'> & { compare?: string[] };

export interface BenchmarkApi {
  history(): BenchEntry[];
  /** Rows of the results table the view rendered for benchmark `id` (undefined until it has). */
  rendered(id: string): number | undefined;
  running(): BenchLive | undefined;
}

const UNTRUSTED = 'Frugal ML does not benchmark models in Restricted Mode: the benchmark loads the model into ONNX Runtime. Trust this workspace to benchmark it.';

class Benchmarking implements vscode.Disposable {
  private history: BenchEntry[] = [];
  private live?: BenchLive;
  private abort?: AbortController;
  private error?: string;
  private readonly panel: BenchPanel;
  private readonly lens = new BenchCodeLens();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly file: string;

  constructor(
    context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
  ) {
    const base = context.storageUri ?? vscode.Uri.joinPath(context.globalStorageUri, 'no-workspace');
    this.file = vscode.Uri.joinPath(base, 'bench-history.json').fsPath;
    this.panel = new BenchPanel(context.extensionUri, () => this.snapshot(), (m) => void this.onMessage(m), (l) => output.appendLine(l));
    this.disposables.push(
      this.panel,
      this.lens,
      vscode.window.registerWebviewViewProvider(BENCH_VIEW_ID, this.panel),
      vscode.languages.registerCodeLensProvider(
        ['python', 'typescript', 'javascript', 'typescriptreact', 'javascriptreact'].map((language) => ({ language, scheme: 'file' })),
        this.lens,
      ),
      vscode.commands.registerCommand('frugal.benchmarkModel', (uri?: unknown, opts?: BenchmarkModelOptions) => this.benchmark(uri, opts)),
      vscode.commands.registerCommand('frugal.stopBenchmark', () => this.abort?.abort()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.panel.post({ type: 'init', state: this.snapshot() })),
    );
    void this.load();
  }

  api(): BenchmarkApi {
    return { history: () => [...this.history], rendered: (id) => this.panel.rendered.get(id), running: () => this.live };
  }

  private async load(): Promise<void> {
    try {
      this.history = parseBenchHistory(JSON.parse(await fs.readFile(this.file, 'utf8')));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.output.appendLine(`[bench] could not read the benchmark history (${(e as Error).message}); starting a new one`);
    }
    this.panel.post({ type: 'init', state: this.snapshot() });
  }

  private snapshot(): BenchSnapshot {
    return { trusted: vscode.workspace.isTrusted, history: this.history, ...(this.live ? { live: this.live } : {}), ...(this.error ? { error: this.error } : {}) };
  }

  private label(file: string): string {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
    return folder ? path.relative(folder.uri.fsPath, file) : file;
  }

  private async pickModel(): Promise<vscode.Uri | undefined> {
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active?.scheme === 'file' && active.fsPath.toLowerCase().endsWith('.onnx')) return active;
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'ONNX models': ['onnx'] }, openLabel: 'Benchmark Inference' });
    return picked?.[0];
  }

  private fail(message: string): Error {
    void vscode.window.showErrorMessage(`Frugal ML: ${message}`);
    this.output.appendLine(`[bench] ${message}`);
    this.error = message;
    this.panel.post({ type: 'failed', message });
    return new Error(message);
  }

  /** `frugal.benchmarkModel(uri?, options?)`: resolves with the `frugal.bench/1` report. */
  async benchmark(arg?: unknown, opts: BenchmarkModelOptions = {}): Promise<BenchReport | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(UNTRUSTED);
      throw new Error(UNTRUSTED);
    }
    const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.file(arg) : await this.pickModel();
    if (!uri) return undefined;
    if (uri.scheme !== 'file') throw this.fail(`Frugal ML benchmarks model files on disk; ${uri.toString()} is not one.`);
    if (this.live) throw this.fail(`A benchmark of ${this.live.label} is running; stop it before starting another.`);
    const { compare = [], ...rest } = opts;
    const models = [uri.fsPath, ...compare];
    const id = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const label = this.label(uri.fsPath);
    this.error = undefined;
    this.live = { id, label, done: 0, total: 0, message: 'starting ONNX Runtime…' };
    this.abort = new AbortController();
    void vscode.commands.executeCommand('setContext', 'frugal.benchmarking', true);
    await this.panel.reveal();
    this.panel.post({ type: 'progress', live: this.live });
    this.output.appendLine(`[bench] ${models.join(' vs ')}`);
    try {
      const report = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Frugal ML: benchmarking ${path.basename(uri.fsPath)}`, cancellable: true },
        (progress, token) => {
          token.onCancellationRequested(() => this.abort?.abort());
          let last = 0;
          return runBench(
            { ...rest, models, cwd: path.dirname(uri.fsPath) },
            {
              signal: this.abort!.signal,
              onProgress: (p) => {
                this.live = { id, label, done: p.done, total: p.total, message: p.message };
                this.panel.post({ type: 'progress', live: this.live });
                const pct = p.total ? (p.done / p.total) * 100 : 0;
                progress.report({ message: `${p.done}/${p.total} ${p.message}`, increment: pct - last });
                last = pct;
              },
            },
          );
        },
      );
      const entry: BenchEntry = { id, startedAt: report.startedAt, labels: models.map((m) => this.label(m)), report };
      this.history = [entry, ...this.history].slice(0, MAX_BENCH_HISTORY);
      await writeFileAtomic(this.file, JSON.stringify(this.history)).catch((e: Error) => this.output.appendLine(`[bench] could not save the history: ${e.message}`));
      this.live = undefined;
      this.panel.post({ type: 'result', entry });
      const failed = report.sweep.failed;
      this.output.appendLine(`[bench] ${report.runs.length} settings in ${report.sweep.wallS.toFixed(1)} s${failed ? `, ${failed} failed` : ''}`);
      if (failed) void vscode.window.showWarningMessage(`Frugal ML: ${failed} of ${report.runs.length} benchmark settings failed; their errors are in the Benchmark view.`);
      return report;
    } catch (e) {
      this.live = undefined;
      throw this.fail(e instanceof BenchUsageError ? e.message : `the benchmark failed: ${(e as Error).message}`);
    } finally {
      this.abort = undefined;
      void vscode.commands.executeCommand('setContext', 'frugal.benchmarking', false);
    }
  }

  private async onMessage(m: BenchWebviewMessage): Promise<void> {
    if (m.type === 'run') await this.benchmark().catch(() => undefined);
    else if (m.type === 'stop') this.abort?.abort();
    else if (m.type === 'copy') {
      await vscode.env.clipboard.writeText(m.text);
      void vscode.window.setStatusBarMessage('Frugal ML: copied', 2000);
    } else if (m.type === 'compare') {
      const base = this.history.find((e) => e.id === m.id);
      if (!base) return;
      const other = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'ONNX models': ['onnx'] }, openLabel: 'Compare' });
      if (!other) return;
      const r = base.report.runs;
      await this.benchmark(vscode.Uri.file(base.report.models[0].path), {
        compare: [other[0].fsPath],
        batches: [...new Set(r.map((x) => x.batch))],
        threads: [...new Set(r.map((x) => x.threads))],
        optimizations: [...new Set(r.map((x) => x.optimization))],
        providers: [...new Set(r.map((x) => x.provider))],
      }).catch(() => undefined);
    }
  }

  dispose(): void {
    this.abort?.abort();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** *Benchmark Inference* above ONNX export and session calls and `.onnx` literals naming an existing file. */
class BenchCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const text = doc.getText();
    if (!/onnx|InferenceSession/.test(text)) return [];
    const dirs = [path.dirname(doc.uri.fsPath), ...(vscode.workspace.getWorkspaceFolder(doc.uri) ? [vscode.workspace.getWorkspaceFolder(doc.uri)!.uri.fsPath] : [])];
    return benchTargets(text, dirs, (f) => existsSync(f)).map(
      (t) =>
        new vscode.CodeLens(new vscode.Range(t.line, t.column, t.line, t.column), {
          title: '$(dashboard) Benchmark Inference',
          tooltip: t.model ? `Frugal ML: measure latency and energy per inference of ${path.basename(t.model)} across batch sizes, threads and optimisation levels` : 'Frugal ML: pick an exported .onnx model and measure its latency and energy per inference',
          command: 'frugal.benchmarkModel',
          arguments: t.model ? [vscode.Uri.file(t.model)] : [],
        }),
    );
  }

  dispose(): void {}
}

export function registerBenchmarking(context: vscode.ExtensionContext, output: vscode.OutputChannel): BenchmarkApi {
  const b = new Benchmarking(context, output);
  context.subscriptions.push(b);
  return b.api();
}
