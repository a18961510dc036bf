// "Frugal ML: Analyze Workspace": every Python file and notebook into the Problems panel,
// with progress and cancellation, respecting the default and configured excludes.
import * as vscode from 'vscode';
import { DEFAULT_EXCLUDES, readSource } from '../engine/files';
import { isJupyter, toDiagnostic, type Linter } from './linter';

export interface ScanResult {
  files: number;
  findings: number;
  errors: number;
  cancelled: boolean;
}

export async function analyzeWorkspace(linter: Linter, output: vscode.OutputChannel): Promise<ScanResult> {
  const configured = vscode.workspace.getConfiguration('frugal').get<string[]>('exclude', []);
  const exclude = `{${[...DEFAULT_EXCLUDES.map((d) => `**/${d}/**`), ...configured].join(',')}}`;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Frugal ML: analysing the workspace', cancellable: true },
    async (progress, token) => {
      const files = (await vscode.workspace.findFiles('**/*.{py,ipynb,ts,tsx,mts,cts,js,jsx,mjs,cjs}', exclude, undefined, token)).filter((u) => !/\.d\.[cm]?ts$|[.-]min\.[cm]?js$|\.bundle\.[cm]?js$/i.test(u.path));
      const analyzer = await linter.getAnalyzer();
      const open = new Set([
        ...vscode.workspace.textDocuments.map((d) => d.uri.toString()),
        ...vscode.workspace.notebookDocuments.filter(isJupyter).map((n) => n.uri.toString()),
      ]);
      const result: ScanResult = { files: 0, findings: 0, errors: 0, cancelled: false };
      for (const uri of files) {
        if (token.isCancellationRequested) {
          result.cancelled = true;
          break;
        }
        progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / files.length });
        result.files++;
        // Open documents are analysed live; keep the host responsive between files.
        await new Promise((r) => setImmediate(r));
        if (open.has(uri.toString())) {
          result.findings += linter.findingsAt(uri).length;
          continue;
        }
        const read = readSource(uri.fsPath);
        if ('error' in read) {
          result.errors++;
          output.appendLine(`[workspace] ${vscode.workspace.asRelativePath(uri)}: ${read.error}`);
          continue;
        }
        const r = analyzer.analyze(read.text, { path: uri.fsPath });
        for (const e of r.errors) output.appendLine(`[workspace] ${vscode.workspace.asRelativePath(uri)}: ${e.message}`);
        result.findings += r.findings.length;
        // A closed notebook has no cell documents: its findings go on the file, naming the cell.
        linter.diagnostics.set(
          uri,
          r.findings.map((finding) => {
            if (finding.cell === undefined) return toDiagnostic({ finding, uri });
            const d = toDiagnostic({ finding: { ...finding, line: 1, column: 1, endLine: 1, endColumn: 1, related: undefined }, uri });
            d.message = `cell ${finding.cell}, line ${finding.line}: ${finding.message}`;
            return d;
          }),
        );
      }
      output.appendLine(`[workspace] ${result.files} files, ${result.findings} findings${result.cancelled ? ' (cancelled)' : ''}`);
      return result;
    },
  );
}
