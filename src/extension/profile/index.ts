// The Energy Profile feature of the extension: the `frugal.profileFile` command and its siblings,
// the panel, the run history, inline hints, the CodeLens and the status-bar item. Profiling runs
// the user's code, so every entry point refuses in an untrusted workspace and says why.
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { attribute, hintLines } from './attribution';
import { ProfileCodeLens } from './codelens';
import { gitState } from './git';
import { EnergyHints } from './hints';
import { HistoryStore } from './history';
import { findInterpreter } from './interpreter';
import { isProfilable, type Breakdown, type LiveRunInfo, type LiveSampleView, type RunSummary, type RunView, type TeamView } from './model';
import { ProfilePanel, VIEW_ID } from './panel';
import { emissionsCsvHeader, emissionsCsvLine, formatSummary, ProfileUsageError, repriceEmissions, runProfile, usesProbe, type LiveSample, type ProfileReport } from './profiler';
import { MAX_DURATION_S, type PanelSnapshot, type WebviewMessage } from './protocol';
import { buildView, summarize } from './views';
import { compareFix, fixedCopyPath, type FixComparison } from '../../profile/fix-comparison';
import { formatGrams, formatJoules, formatSeconds, latestRunOf, MAX_LIVE_POINTS } from './viewState';

export interface ProfileFileOptions {
  durationS?: number;
  /** How the run is named in the panel and history (default: the script's workspace path). */
  label?: string;
}

export interface MeasureFixResult {
  /** Run ids, in the order they ran (before, after, before, after, …). */
  before: string[];
  after: string[];
  comparison: FixComparison;
}

/** What tests and other extensions can see of the profiling side (through the extension's API). */
export interface ProfilingApi {
  /** The run history, newest first, as the panel shows it. */
  history(): RunSummary[];
  /** Drops the in-memory history and reads it from disk again, as a new window would. */
  reloadHistory(): Promise<RunSummary[]>;
  /** The run in progress: its id and the script's process id once started. */
  running(): { id: string; pid?: number } | undefined;
  /** True once the panel acknowledged rendering the final result of run `id`. */
  panelRendered(id: string): boolean;
  /** Lines (0-based) with an inline energy hint in a file. */
  hintLines(uri: vscode.Uri): number[];
  /** Where the history is stored. */
  storageDir: string;
  /** A report made elsewhere (a cluster job's) into the history and the panel, as a finished run. */
  showReport(report: ProfileReport, relPath: string, breakdown?: Breakdown): Promise<RunSummary>;
  /** Shows a team's CodeCarbon totals in the panel (undefined hides them). */
  showTeam(team?: TeamView): Promise<void>;
  /** Profiles a script as it is and with `fixedText` instead (see `frugal.measureFix`). */
  measureFix(script: string, fixedText: string, title: string, runs?: number): Promise<MeasureFixResult | undefined>;
}

const UNTRUSTED =
  'Frugal ML does not profile in Restricted Mode: profiling runs your script and its imports. Static analysis still works. Trust this workspace to profile it.';

interface Current {
  info: LiveRunInfo;
  abort: AbortController;
  pid?: number;
  points: LiveSampleView[];
  last?: LiveSample;
}

class Profiling implements vscode.Disposable {
  private store: HistoryStore;
  private current?: Current;
  private view?: RunView;
  private team?: TeamView;
  private readonly panel: ProfilePanel;
  private readonly hints = new EnergyHints();
  private readonly lens: ProfileCodeLens;
  private readonly status = vscode.window.createStatusBarItem('frugal.profile.status', vscode.StatusBarAlignment.Left, 49);
  private readonly scriptOutput = vscode.window.createOutputChannel('Frugal ML: Profile');
  private readonly disposables: vscode.Disposable[] = [];
  private readonly probe: string;
  readonly loaded: Promise<void>;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
  ) {
    this.store = new HistoryStore(this.storageDir);
    this.probe = vscode.Uri.joinPath(context.extensionUri, 'media', 'probe', 'frugal_probe.py').fsPath;
    this.panel = new ProfilePanel(context.extensionUri, () => this.snapshot(), (m) => void this.onPanelMessage(m), (l) => output.appendLine(l));
    this.lens = new ProfileCodeLens(
      (file) => latestRunOf(this.store.list(), file),
      (uri) => this.defaultDuration(uri),
    );
    this.status.name = 'Frugal ML: Energy Profile';
    this.disposables.push(
      this.panel,
      this.hints,
      this.lens,
      this.status,
      this.scriptOutput,
      vscode.window.registerWebviewViewProvider(VIEW_ID, this.panel),
      vscode.languages.registerCodeLensProvider([{ language: 'python', scheme: 'file' }], this.lens),
      vscode.window.onDidChangeActiveTextEditor(() => {
        this.updateStatus();
        this.panel.post({ type: 'active', active: this.activeFile() });
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.lens.refresh();
        this.panel.post({ type: 'trust', trusted: true });
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('frugal.profile') || e.affectsConfiguration('frugal.country')) {
          this.lens.refresh();
          this.panel.post({ type: 'settings', durationS: this.defaultDuration(), country: this.country() });
        }
      }),
      this.hints.onDidChange((shown) => {
        void vscode.commands.executeCommand('setContext', 'frugal.hintsShown', shown);
        this.panel.post({ type: 'hints', shown });
      }),
    );
    this.loaded = this.loadHistory();
  }

  get storageDir(): string {
    const base = this.context.storageUri ?? vscode.Uri.joinPath(this.context.globalStorageUri, 'no-workspace');
    return vscode.Uri.joinPath(base, 'profile-history').fsPath;
  }

  api(): ProfilingApi {
    return {
      history: () => this.store.list(),
      reloadHistory: async () => {
        this.store = new HistoryStore(this.storageDir);
        await this.loadHistory();
        this.panel.post({ type: 'init', state: this.snapshot() });
        return this.store.list();
      },
      running: () => (this.current ? { id: this.current.info.id, pid: this.current.pid } : undefined),
      panelRendered: (id) => this.panel.renderedResults.has(id),
      hintLines: (uri) => this.hints.linesOf(uri),
      storageDir: this.storageDir,
      showReport: (report, relPath, breakdown) => this.showReport(report, relPath, breakdown),
      showTeam: async (team) => {
        this.team = team;
        if (team) await this.panel.reveal().catch((e: Error) => this.output.appendLine(`[profile] could not show the panel: ${e.message}`));
        this.panel.post({ type: 'team', ...(team ? { team } : {}) });
      },
      measureFix: (script, fixedText, title, runs) => this.measureFix(script, fixedText, title, runs),
    };
  }

  private async showReport(report: ProfileReport, relPath: string, breakdown?: Breakdown): Promise<RunSummary> {
    await this.loaded;
    const summary = summarize(report, { id: newRunId(), relPath });
    const view: RunView = { ...buildView(report, summary), ...(breakdown ? { breakdown } : {}) };
    this.view = view;
    try {
      await this.store.add(summary, { report, view });
    } catch (e) {
      this.output.appendLine(`[profile] could not save ${relPath} in the history: ${(e as Error).message}`);
    }
    try {
      await this.panel.reveal();
    } catch (e) {
      this.output.appendLine(`[profile] could not show the panel: ${(e as Error).message}`);
    }
    this.panel.post({ type: 'show', view });
    this.panel.post({ type: 'history', runs: this.store.list() });
    return summary;
  }

  private async loadHistory(): Promise<void> {
    try {
      const r = await this.store.load();
      for (const file of r.setAside) {
        this.output.appendLine(`[profile] the run history could not be read; it was set aside as ${file} and a new one started`);
        void vscode.window.showWarningMessage(`Frugal ML: the profile history was unreadable and was set aside (${path.basename(file)}); new runs start a fresh history.`);
      }
      if (r.dropped) this.output.appendLine(`[profile] dropped ${r.dropped} unreadable entr${r.dropped === 1 ? 'y' : 'ies'} of the run history`);
    } catch (e) {
      this.output.appendLine(`[profile] could not read the run history: ${(e as Error).message}`);
    }
    this.updateStatus();
    this.lens.refresh();
  }

  private defaultDuration(uri?: vscode.Uri): number {
    const d = vscode.workspace.getConfiguration('frugal', uri).get<number>('profile.durationS', 30);
    return Number.isFinite(d) && d > 0 ? Math.min(d, MAX_DURATION_S) : 30;
  }

  private country(uri?: vscode.Uri): string {
    return vscode.workspace.getConfiguration('frugal', uri).get<string>('country', '').trim().toUpperCase();
  }

  private relPath(file: string): string {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
    return folder ? path.relative(folder.uri.fsPath, file) : file;
  }

  private activeFile(): PanelSnapshot['active'] {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.uri.scheme !== 'file') return undefined;
    return { path: doc.uri.fsPath, relPath: this.relPath(doc.uri.fsPath), profilable: isProfilable(doc.uri.fsPath) };
  }

  private snapshot(): PanelSnapshot {
    return {
      trusted: vscode.workspace.isTrusted,
      durationS: this.defaultDuration(),
      country: this.country(),
      active: this.activeFile(),
      ...(this.current ? { live: { run: this.current.info, points: this.current.points } } : {}),
      ...(this.view ? { view: this.view } : {}),
      history: this.store.list(),
      hintsShown: this.hints.shown,
      ...(this.team ? { team: this.team } : {}),
    };
  }

  // --- Running ------------------------------------------------------------------------------------

  /** `frugal.profileFile(uri?, { durationS? })`: resolves with the `frugal.profile/1` report. */
  async profileFile(arg?: unknown, opts?: ProfileFileOptions): Promise<ProfileReport> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(UNTRUSTED, 'Manage Workspace Trust').then((a) => a && vscode.commands.executeCommand('workbench.trust.manage'));
      throw new Error(UNTRUSTED);
    }
    const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.file(arg) : vscode.window.activeTextEditor?.document.uri;
    if (!uri) throw this.fail('Open a Python, JavaScript or TypeScript script to profile it.');
    if (uri.scheme !== 'file') throw this.fail(`Frugal ML profiles files on disk; ${uri.toString()} is not one.`);
    if (!isProfilable(uri.fsPath)) throw this.fail(`Frugal ML profiles Python (.py), JavaScript (.js, .mjs, .cjs) and TypeScript (.ts) scripts, not ${path.basename(uri.fsPath)}.`);
    if (this.current) throw this.fail(`A profile of ${this.current.info.relPath} is running; stop it before starting another.`);
    const requested = opts?.durationS;
    if (requested !== undefined && !(typeof requested === 'number' && requested > 0 && requested <= MAX_DURATION_S)) {
      throw this.fail(`durationS must be a number of seconds between 0 and ${MAX_DURATION_S}.`);
    }
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc?.isDirty) await doc.save();

    const script = uri.fsPath;
    const durationS = requested ?? this.defaultDuration(uri);
    const label = typeof opts?.label === 'string' && opts.label.length <= 300 ? opts.label : undefined;
    const info: LiveRunInfo = { id: newRunId(), script, relPath: label ?? this.relPath(script), durationS, startedAt: new Date().toISOString() };
    const current: Current = { info, abort: new AbortController(), points: [] };
    this.current = current;
    void vscode.commands.executeCommand('setContext', 'frugal.profiling', true);
    this.updateStatus();
    try {
      await this.panel.reveal();
    } catch (e) {
      this.output.appendLine(`[profile] could not show the panel: ${(e as Error).message}`);
    }
    this.panel.post({ type: 'runStarted', run: info });
    const [interpreter, git] = await Promise.all([findInterpreter(uri, (l) => this.output.appendLine(l)), gitState(script)]);
    const probeOn = vscode.workspace.getConfiguration('frugal', uri).get<boolean>('profile.lineAttribution', true);
    this.scriptOutput.clear();
    this.scriptOutput.appendLine(`▶ ${info.relPath} — up to ${formatSeconds(durationS)}${interpreter.python ? ` with ${interpreter.python} (${interpreter.source})` : ''}`);
    this.scriptOutput.show(true);
    const ticker = setInterval(() => this.updateStatus(), 1000);
    try {
      const outcome = await runProfile(
        {
          script,
          args: [],
          cwd: path.dirname(script),
          durationS,
          python: interpreter.python,
          country: this.country(uri) || undefined,
          env: interpreter.env,
          probe: probeOn ? this.probe : undefined,
        },
        {
          signal: current.abort.signal,
          onStart: ({ pid }) => (current.pid = pid),
          onOutput: (_stream, chunk) => this.scriptOutput.append(chunk.toString('utf8')),
          onSample: (s) => this.onSample(current, s),
        },
      );
      const { report } = outcome;
      const attribution = outcome.probe ? attribute(outcome.probe, report.energy.totalJ, (f) => this.relPath(f)) : undefined;
      const note = outcome.probeNote ?? (usesProbe({ script, probe: probeOn ? this.probe : undefined }) ? undefined : probeOn ? 'Where the energy went is shown for Python scripts.' : 'Line attribution is off (frugal.profile.lineAttribution).');
      const summary = summarize(report, { id: info.id, relPath: info.relPath, ...git });
      const view = buildView(report, summary, attribution, note);
      this.view = view;
      try {
        await this.store.add(summary, { report: { ...report, ...(attribution ? { attribution } : {}) }, view, ...(outcome.probe?.python ? { pythonVersion: outcome.probe.python } : {}) });
      } catch (e) {
        this.output.appendLine(`[profile] could not save the run in the history: ${(e as Error).message}`);
      }
      if (attribution && vscode.workspace.getConfiguration('frugal', uri).get<boolean>('profile.inlineHints', true)) this.hints.set(hintLines(attribution));
      this.current = undefined;
      this.panel.post({ type: 'runEnded', runId: info.id, view });
      this.panel.post({ type: 'history', runs: this.store.list() });
      this.scriptOutput.appendLine('');
      this.scriptOutput.append(formatSummary(report));
      this.lens.refresh();
      return report;
    } catch (e) {
      const message = e instanceof ProfileUsageError ? e.message : `the profile failed: ${(e as Error).message}`;
      this.panel.post({ type: 'runFailed', runId: info.id, message });
      this.scriptOutput.appendLine(`✖ ${message}`);
      if (e instanceof ProfileUsageError && /interpreter|python/i.test(message)) {
        void vscode.window.showErrorMessage(`Frugal ML: ${message}`, 'Open Settings').then((a) => a && vscode.commands.executeCommand('workbench.action.openSettings', 'frugal.pythonPath'));
      } else void vscode.window.showErrorMessage(`Frugal ML: ${message}`);
      throw new Error(message, { cause: e });
    } finally {
      clearInterval(ticker);
      if (this.current === current) this.current = undefined;
      void vscode.commands.executeCommand('setContext', 'frugal.profiling', false);
      this.updateStatus();
    }
  }

  private onSample(current: Current, s: LiveSample): void {
    const point: LiveSampleView = {
      t: s.t,
      cpuW: s.cpuW,
      ramW: s.ramW,
      gpuW: s.gpuW,
      ...(s.gpus?.length ? { gpus: s.gpus.map((g) => g.powerW) } : {}),
      energyJ: s.energy.totalJ,
      ...(s.progress ? { progress: { fraction: s.progress.fraction, done: s.progress.done, total: s.progress.total } } : {}),
    };
    current.last = s;
    current.points.push(point);
    if (current.points.length > MAX_LIVE_POINTS) current.points = current.points.filter((_, i) => i % 2 === 0 || i === current.points.length - 1);
    this.panel.post({ type: 'sample', runId: current.info.id, sample: point });
  }

  /** Stops the run in progress (its whole process tree); resolves once it has ended. */
  async stop(): Promise<boolean> {
    const current = this.current;
    if (!current) return false;
    current.abort.abort();
    const deadline = Date.now() + 30_000;
    while (this.current === current && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return true;
  }

  private fail(message: string): Error {
    void vscode.window.showErrorMessage(`Frugal ML: ${message}`);
    return new Error(message);
  }

  private updateStatus(): void {
    const c = this.current;
    if (c) {
      const t = c.last?.t ?? (Date.now() - Date.parse(c.info.startedAt)) / 1000;
      this.status.text = `$(loading~spin) ${path.basename(c.info.script)} ${t.toFixed(0)} s${c.last ? ` · ${formatJoules(c.last.energy.totalJ)}` : ''}`;
      this.status.tooltip = `Frugal ML: profiling ${c.info.relPath} (up to ${formatSeconds(c.info.durationS)}) — click to stop`;
      this.status.command = 'frugal.stopProfile';
      this.status.show();
      return;
    }
    const doc = vscode.window.activeTextEditor?.document;
    const last = doc && doc.uri.scheme === 'file' ? latestRunOf(this.store.list(), doc.uri.fsPath) : undefined;
    if (!last) {
      this.status.hide();
      return;
    }
    this.status.text = `$(pulse) ${formatJoules(last.energy.totalJ)} · ${formatGrams(last.gCO2e)} CO2e`;
    this.status.tooltip = `Frugal ML: last profile of ${last.relPath} (${new Date(last.startedAt).toLocaleString()}): ${formatJoules(last.energy.totalJ)} in ${formatSeconds(last.durationS)}, ${formatGrams(last.gCO2e)} CO2e at ${last.intensityGPerKWh} g/kWh (${last.place}) — click for the Energy Profile panel`;
    this.status.command = `${VIEW_ID}.focus`;
    this.status.show();
  }

  // --- Panel requests -----------------------------------------------------------------------------

  private async onPanelMessage(m: WebviewMessage): Promise<void> {
    try {
      switch (m.type) {
        case 'start': {
          const active = this.activeFile();
          if (!vscode.workspace.isTrusted) {
            this.panel.post({ type: 'notice', message: UNTRUSTED });
            return;
          }
          if (!active?.profilable) {
            this.panel.post({ type: 'notice', message: 'Open a Python, JavaScript or TypeScript script in the editor, then press Profile.' });
            return;
          }
          await this.profileFile(vscode.Uri.file(active.path), { durationS: m.durationS }).catch(() => undefined);
          return;
        }
        case 'stop':
          await this.stop();
          return;
        case 'select': {
          const stored = await this.store.get(m.runId);
          if (!stored) {
            this.panel.post({ type: 'notice', message: 'That run\'s details could not be read; it may have been removed.' });
            return;
          }
          this.view = stored.view;
          this.panel.post({ type: 'show', view: stored.view });
          return;
        }
        case 'open': {
          const view = this.view?.summary.id === m.runId ? this.view : (await this.store.get(m.runId))?.view;
          const list = m.kind === 'function' ? view?.attribution?.functions : view?.attribution?.lines;
          const h = list?.[m.index];
          if (!h || !existsSync(h.file)) {
            this.panel.post({ type: 'notice', message: h ? `${h.relPath} no longer exists.` : 'That location is no longer available.' });
            return;
          }
          const line = Math.max(0, h.line - 1);
          await vscode.window.showTextDocument(vscode.Uri.file(h.file), { selection: new vscode.Range(line, 0, line, 0), preview: true });
          return;
        }
        case 'export':
          await this.exportRun(m.runId, m.format);
          return;
        case 'setCountry':
          await this.setCountry(m.runId, m.country);
          return;
        case 'clearHints':
          this.hints.clear();
          return;
        case 'closeTeam':
          this.team = undefined;
          this.panel.post({ type: 'team' });
          return;
        case 'deleteRun': {
          const runs = await this.store.remove(m.runId);
          if (this.view?.summary.id === m.runId) this.view = undefined;
          this.panel.post({ type: 'init', state: { ...this.snapshot(), history: runs } });
          this.updateStatus();
          this.lens.refresh();
          return;
        }
        case 'howWeMeasure':
          await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(this.context.extensionUri, 'media', 'docs', 'how-we-measure.md'));
          return;
        case 'ready':
        case 'rendered':
          return;
      }
    } catch (e) {
      this.output.appendLine(`[profile] ${m.type}: ${(e as Error).message}`);
      this.panel.post({ type: 'notice', message: (e as Error).message });
    }
  }

  private async setCountry(runId: string, country: string): Promise<void> {
    const stored = await this.store.get(runId);
    if (!stored) return;
    let report: ProfileReport;
    try {
      report = repriceEmissions(stored.report as ProfileReport, country);
    } catch (e) {
      this.panel.post({ type: 'notice', message: e instanceof ProfileUsageError ? e.message : `could not use ${country}: ${(e as Error).message}` });
      return;
    }
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration('frugal').update('country', country, target);
    const old = stored.view.summary;
    const summary: RunSummary = { ...old, gCO2e: report.emissions.gCO2e, intensityGPerKWh: report.emissions.intensityGPerKWh, place: summarize(report, { id: old.id, relPath: old.relPath }).place };
    const view = { ...buildView(report, summary, stored.view.attribution, stored.view.attributionNote), points: stored.view.points, ...(stored.view.breakdown ? { breakdown: stored.view.breakdown } : {}) };
    await this.store.update(summary, { ...stored, report, view });
    this.view = view;
    this.panel.post({ type: 'show', view });
    this.panel.post({ type: 'history', runs: this.store.list() });
    this.updateStatus();
    this.lens.refresh();
  }

  /** `frugal.exportProfile(runId?, format?, target?)`: a run as JSON (report) or CodeCarbon CSV. */
  async exportRun(runId?: string, format?: 'json' | 'csv', target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const id = runId ?? this.view?.summary.id ?? this.store.list()[0]?.id;
    const summary = this.store.list().find((r) => r.id === id);
    const stored = id ? await this.store.get(id) : undefined;
    if (!summary || !stored) {
      void vscode.window.showInformationMessage('Frugal ML: there is no profile run to export yet.');
      return undefined;
    }
    const fmt =
      format ??
      (
        await vscode.window.showQuickPick(
          [
            { label: 'JSON report', description: 'frugal.profile/1, with where the energy went', value: 'json' as const },
            { label: 'CodeCarbon CSV', description: 'emissions.csv columns, one row', value: 'csv' as const },
          ],
          { placeHolder: `Export the run of ${summary.relPath} (${new Date(summary.startedAt).toLocaleString()})` },
        )
      )?.value;
    if (!fmt) return undefined;
    const stamp = summary.startedAt.slice(0, 19).replace(/[:T]/g, '-');
    // A cluster job's "script" is its description, not a file: name the export after it, in the workspace.
    const onDisk = path.isAbsolute(summary.script);
    const base = onDisk ? path.basename(summary.script).replace(/\.[^.]+$/, '') : summary.relPath.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'run';
    const dir = onDisk ? path.dirname(summary.script) : (vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? this.storageDir);
    const file =
      target ??
      (await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.file(path.join(dir, fmt === 'json' ? `${base}-${stamp}.profile.json` : `${base}-${stamp}.emissions.csv`)),
        filters: fmt === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
      }));
    if (!file) return undefined;
    const report = stored.report as ProfileReport;
    const text =
      fmt === 'json'
        ? JSON.stringify(report, null, 2) + '\n'
        : emissionsCsvHeader() +
          emissionsCsvLine(report, {
            toolVersion: String(this.context.extension.packageJSON.version ?? ''),
            pythonVersion: stored.pythonVersion,
            cpuUtilizationPct: report.utilization?.machineCpuPct,
            gpuUtilizationPct: report.utilization?.gpuPct,
            projectName: base,
          });
    await fs.writeFile(file.fsPath, text, 'utf8');
    this.output.appendLine(`[profile] exported ${summary.relPath} (${summary.id}) to ${file.fsPath}`);
    return file;
  }

  /** `frugal.compareRuns(a?, b?)`: the before/after of two runs; by default the active script's last two. */
  async compareRuns(a?: string, b?: string): Promise<[string, string] | undefined> {
    let ids: string[] = [a, b].filter((x): x is string => typeof x === 'string' && this.store.list().some((r) => r.id === x));
    if (ids.length < 2) {
      const doc = vscode.window.activeTextEditor?.document;
      const script = doc?.uri.scheme === 'file' ? doc.uri.fsPath : this.view?.summary.script;
      ids = this.store.list().filter((r) => r.script === script).slice(0, 2).map((r) => r.id).reverse();
    }
    if (ids.length < 2) {
      void vscode.window.showInformationMessage('Frugal ML: profile this script twice (before and after a change) to compare the runs.');
      return undefined;
    }
    const pair: [string, string] = [ids[0], ids[1]];
    await this.panel.reveal();
    this.panel.post({ type: 'compare', runIds: pair });
    return pair;
  }

  /**
   * `frugal.measureFix`: profiles `script` as it is and with `fixedText` in its place — a copy
   * beside it, so imports and relative paths resolve, removed afterwards; the user's file is
   * never written — interleaved `runs` times each, every run bounded by the same duration; then
   * shows the last pair in the panel's compare view with the verdict of all the runs.
   */
  async measureFix(script: string, fixedText: string, title: string, runs = this.measureRuns()): Promise<MeasureFixResult | undefined> {
    const uri = vscode.Uri.file(script);
    if (!isProfilable(script)) throw this.fail(`Frugal ML profiles Python, JavaScript and TypeScript scripts, not ${path.basename(script)}.`);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc?.isDirty) await doc.save();
    const copy = fixedCopyPath(script);
    const durationS = this.defaultDuration(uri);
    const rel = this.relPath(script);
    const before: string[] = [];
    const after: string[] = [];
    const beforeReports: ProfileReport[] = [];
    const afterReports: ProfileReport[] = [];
    this.output.appendLine(`[profile] measuring "${title}" on ${rel}: ${runs} run(s) of each, up to ${formatSeconds(durationS)} each`);
    try {
      await fs.writeFile(copy, fixedText, { encoding: 'utf8', flag: 'w' });
      for (let i = 0; i < runs; i++) {
        beforeReports.push(await this.profileFile(uri, { durationS, label: `${rel} (as it is)` }));
        before.push(this.store.list()[0].id);
        afterReports.push(await this.profileFile(vscode.Uri.file(copy), { durationS, label: `${rel} (with the fix)` }));
        after.push(this.store.list()[0].id);
      }
    } finally {
      await fs.rm(copy, { force: true });
    }
    const comparison = compareFix(beforeReports, afterReports);
    this.output.appendLine(`[profile] ${title}: ${comparison.verdict}`);
    await this.panel.reveal();
    this.panel.post({ type: 'compare', runIds: [before[before.length - 1], after[after.length - 1]], note: `${title}. ${comparison.verdict}` });
    void vscode.window.showInformationMessage(`Frugal ML: ${title}. ${comparison.verdict}`);
    return { before, after, comparison };
  }

  private measureRuns(): number {
    const n = vscode.workspace.getConfiguration('frugal').get<number>('measureFix.runs', 2);
    return Number.isInteger(n) && n >= 1 && n <= 10 ? n : 2;
  }

  clearHints(): void {
    this.hints.clear();
  }

  dispose(): void {
    this.current?.abort.abort();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function newRunId(): string {
  return `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Registers the Energy Profile panel, its commands, CodeLens, hints and status item. */
export function registerProfiling(context: vscode.ExtensionContext, output: vscode.OutputChannel): ProfilingApi {
  const profiling = new Profiling(context, output);
  context.subscriptions.push(
    profiling,
    vscode.commands.registerCommand('frugal.profileFile', (uri?: unknown, opts?: ProfileFileOptions) => profiling.profileFile(uri, opts)),
    vscode.commands.registerCommand('frugal.stopProfile', () => profiling.stop()),
    vscode.commands.registerCommand('frugal.clearEnergyHints', () => profiling.clearHints()),
    vscode.commands.registerCommand('frugal.compareRuns', (a?: string, b?: string) => profiling.compareRuns(a, b)),
    vscode.commands.registerCommand('frugal.exportProfile', (runId?: string, format?: 'json' | 'csv', target?: vscode.Uri) => profiling.exportRun(runId, format, target)),
  );
  return profiling.api();
}
