// *Frugal ML: Team Emissions from CodeCarbon Logs…*: totals the workspace's `emissions.csv` files
// (or the ones picked) with src/report and shows them in the Energy Profile panel, with a chart
// of cumulative CO2e over time per project.
import path from 'node:path';
import * as vscode from 'vscode';
import { emissionsReport, readEmissionsFile, ReportError, type EmissionsReport } from '../../report/codecarbon';
import type { ProfilingApi } from '../profile';
import { teamView } from './views';

async function pickFiles(): Promise<vscode.Uri[] | undefined> {
  const found = await vscode.workspace.findFiles('**/emissions*.csv', '**/node_modules/**', 500);
  const browse = { label: '$(folder-opened) Browse…', uri: undefined as vscode.Uri | undefined, picked: false };
  if (!found.length) return vscode.window.showOpenDialog({ canSelectMany: true, filters: { 'CodeCarbon logs': ['csv'] }, title: 'CodeCarbon emissions.csv files' });
  const items = [
    ...found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri, picked: true })),
    browse,
  ];
  const picks = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'CodeCarbon logs to total', placeHolder: 'emissions.csv files of the workspace (all ticked)' });
  if (!picks) return undefined;
  const uris = picks.filter((p) => p.uri).map((p) => p.uri!);
  if (picks.includes(browse)) uris.push(...((await vscode.window.showOpenDialog({ canSelectMany: true, filters: { 'CodeCarbon logs': ['csv'] } })) ?? []));
  return uris;
}

export function registerTeamEmissions(context: vscode.ExtensionContext, output: vscode.OutputChannel, profiling: ProfilingApi): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('frugal.teamEmissions', async (files?: (vscode.Uri | string)[]): Promise<EmissionsReport | undefined> => {
      const uris = Array.isArray(files) && files.length ? files.map((f) => (typeof f === 'string' ? vscode.Uri.file(f) : f)) : await pickFiles();
      if (!uris?.length) return undefined;
      let report: EmissionsReport;
      try {
        report = emissionsReport(uris.map((u) => readEmissionsFile(u.fsPath)), 'project');
      } catch (e) {
        if (!(e instanceof ReportError)) throw e;
        void vscode.window.showErrorMessage(`Frugal ML: ${e.message}`);
        throw e;
      }
      output.appendLine(`[report] ${report.totals.runs} CodeCarbon runs from ${uris.map((u) => path.basename(u.fsPath)).join(', ')}`);
      for (const n of report.notes) output.appendLine(`[report]   ${n}`);
      await profiling.showTeam(teamView(report));
      return report;
    }),
  );
}
