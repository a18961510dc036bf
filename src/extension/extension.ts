// The VS Code adapter's entry point: wires the linter to document and notebook events, and
// registers code actions, hovers, commands and the status-bar item. Activation returns at
// once; the WebAssembly grammar loads in the background on first analysis.
import * as vscode from 'vscode';
import { RULES } from '../engine/rules/registry';
import { ruleInfo } from '../engine/analyzer';
import type { Finding } from '../engine/types';
import { commentMarker, ignoreLineEdit } from './adapter';
import { FIX_ALL_KIND, FrugalCodeActions } from './codeActions';
import { initDocs, showDocumentation } from './docs';
import { FrugalHover } from './hover';
import { isAnalyzed, isJupyter, Linter, SCRIPT_LANGUAGES } from './linter';
import { registerProfiling, type ProfilingApi } from './profile';
import { registerBenchmarking, type BenchmarkApi } from './bench';
import { registerCluster } from './cluster';
import { registerTeamEmissions } from './report';
import { measureFix } from './measureFix';
import { analyzeWorkspace } from './workspaceScan';

const SELECTOR: vscode.DocumentSelector = SCRIPT_LANGUAGES.map((language) => ({ language }));

export interface FrugalApi {
  /** Resolves when every open Python, TypeScript and JavaScript document and notebook has been analysed once. */
  ready: Promise<void>;
  /** Analyses an open document (Python, TypeScript, JavaScript) now; resolves with its findings and the time it took. */
  analyze(uri: vscode.Uri): Promise<{ findings: Finding[]; ms: number }>;
  /** The Energy Profile side: run history, the run in progress, what the panel rendered. */
  profiling: ProfilingApi;
  /** The Benchmark side: its history and what the view rendered. */
  bench: BenchmarkApi;
  /** Live diagnostics: analyses run so far and the last one's duration in milliseconds. */
  linterStats(): { analyses: number; lastMs: number };
}

export function activate(context: vscode.ExtensionContext): FrugalApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Frugal ML');
  const linter = new Linter(output);
  initDocs(context);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  status.command = 'workbench.actions.view.problems';
  const updateStatus = () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !SCRIPT_LANGUAGES.includes(doc.languageId)) {
      status.hide();
      return;
    }
    const n = linter.findingsAt(doc.uri).length;
    status.text = `$(zap) ${n}`;
    status.tooltip = n === 0 ? 'Frugal ML: no energy findings in this file' : `Frugal ML: ${n} energy finding${n === 1 ? '' : 's'} in this file — open the Problems panel`;
    status.show();
  };

  context.subscriptions.push(
    output,
    linter,
    status,
    linter.onDidChange(updateStatus),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.workspace.onDidOpenTextDocument((d) => isAnalyzed(d) && void linter.analyzeDocument(d)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (isAnalyzed(e.document)) linter.scheduleDocument(e.document);
      else if (e.document.uri.scheme === 'vscode-notebook-cell') {
        const nb = vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === e.document));
        if (nb && isJupyter(nb)) linter.scheduleNotebook(nb);
      }
    }),
    vscode.workspace.onDidSaveTextDocument((d) => isAnalyzed(d) && void linter.analyzeDocument(d, true)),
    vscode.workspace.onDidCloseTextDocument((d) => isAnalyzed(d) && linter.forget(d.uri)),
    vscode.workspace.onDidOpenNotebookDocument((nb) => isJupyter(nb) && void linter.analyzeNotebook(nb)),
    vscode.workspace.onDidChangeNotebookDocument((e) => isJupyter(e.notebook) && linter.scheduleNotebook(e.notebook)),
    vscode.workspace.onDidSaveNotebookDocument((nb) => isJupyter(nb) && void linter.analyzeNotebook(nb, true)),
    vscode.workspace.onDidCloseNotebookDocument((nb) => linter.forget(nb.uri, nb.getCells().map((c) => c.document.uri))),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('frugal') && void linter.restart()),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new FrugalCodeActions(linter), FrugalCodeActions.metadata),
    vscode.languages.registerHoverProvider(SELECTOR, new FrugalHover(linter)),
    vscode.commands.registerCommand('frugal.listRules', () => listRules(output)),
    vscode.commands.registerCommand('frugal.showRules', showRules),
    vscode.commands.registerCommand('frugal.showDocumentation', (code?: string) => (code ? showDocumentation(code) : showRules())),
    vscode.commands.registerCommand('frugal.ignoreLine', ignoreLine),
    vscode.commands.registerCommand('frugal.analyzeWorkspace', () => analyzeWorkspace(linter, output)),
    vscode.commands.registerCommand('frugal.restart', async () => {
      await linter.restart();
      output.appendLine('[engine] restarted');
    }),
    vscode.commands.registerCommand('frugal.fixAll', () => vscode.commands.executeCommand('editor.action.sourceAction', { kind: FIX_ALL_KIND.value, apply: 'first' })),
  );

  const profiling = registerProfiling(context, output);
  const bench = registerBenchmarking(context, output);
  registerCluster(context, output, profiling);
  registerTeamEmissions(context, output, profiling);
  context.subscriptions.push(
    vscode.commands.registerCommand('frugal.measureFix', (uri?: string, code?: string, line?: number, column?: number) => measureFix(linter, profiling, uri, code, line, column)),
  );

  output.appendLine(`[activate] activated in ${(performance.now() - started).toFixed(1)} ms`);
  // Open documents are analysed after activation has returned, never during it.
  const ready = new Promise<void>((resolve) => setImmediate(resolve)).then(() => linter.analyzeOpen());
  ready.then(updateStatus, (e: Error) => output.appendLine(`[activate] first analysis failed: ${e.message}`));
  const analyze = async (uri: vscode.Uri) => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc) throw new Error(`${uri.toString()} is not open`);
    await linter.getAnalyzer();
    const t = performance.now();
    await linter.analyzeDocument(doc);
    return { findings: linter.findingsAt(uri).map((l) => l.finding), ms: performance.now() - t };
  };
  return { ready, analyze, profiling, bench, linterStats: () => ({ ...linter.stats }) };
}

/** Shows every rule in the output channel and returns their codes, in registry order. */
function listRules(output: vscode.OutputChannel): string[] {
  const rules = RULES.map(ruleInfo);
  output.clear();
  for (const r of rules) output.appendLine(`${r.code}  ${r.name.padEnd(40)} ${r.severity.padEnd(8)} ${r.summary}`);
  output.show(true);
  return rules.map((r) => r.code);
}

async function showRules(): Promise<string | undefined> {
  const pick = await vscode.window.showQuickPick(
    RULES.map((r) => ({ label: `${r.meta.code} ${r.meta.name}`, description: r.meta.severity, detail: r.meta.summary, code: r.meta.code })),
    { placeHolder: 'Frugal ML rules: pick one to read its documentation', matchOnDetail: true },
  );
  if (pick) await showDocumentation(pick.code);
  return pick?.code;
}

/** The hover's "Ignore for this line" link. */
async function ignoreLine(uri: string, line: number, code: string): Promise<boolean> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  if (!doc || line >= doc.lineCount) return false;
  const edit = ignoreLineEdit(doc.lineAt(line).text, line, code, commentMarker(doc.languageId));
  if (!edit) return false;
  const we = new vscode.WorkspaceEdit();
  we.replace(doc.uri, new vscode.Range(edit.range.start.line, edit.range.start.character, edit.range.end.line, edit.range.end.character), edit.text);
  return vscode.workspace.applyEdit(we);
}
