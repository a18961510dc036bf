// A "Profile energy" CodeLens above `if __name__ == "__main__":` in Python files (trusted
// workspaces only: profiling runs the script), with the last run's figures when there is one.
import * as vscode from 'vscode';
import { mainGuardLines, type RunSummary } from './model';
import { formatGrams, formatJoules } from './viewState';


export class ProfileCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly lastRun: (fsPath: string) => RunSummary | undefined,
    private readonly durationS: (uri: vscode.Uri) => number,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted || doc.uri.scheme !== 'file') return [];
    const last = this.lastRun(doc.uri.fsPath);
    return mainGuardLines(doc.getText()).flatMap((line) => {
      const range = new vscode.Range(line, 0, line, 0);
      const lenses = [
        new vscode.CodeLens(range, {
          title: `$(pulse) Profile energy (${this.durationS(doc.uri)} s)`,
          tooltip: 'Frugal ML: run this script for a bounded time and measure its energy and CO2e',
          command: 'frugal.profileFile',
          arguments: [doc.uri],
        }),
      ];
      if (last) {
        lenses.push(
          new vscode.CodeLens(range, {
            title: `last run: ${formatJoules(last.energy.totalJ)}, ${formatGrams(last.gCO2e)} CO2e`,
            tooltip: 'Show the last run in the Energy Profile panel',
            command: 'frugal.profileView.focus',
          }),
        );
      }
      return lenses;
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
