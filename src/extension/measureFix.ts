// `frugal.measureFix`: the code action next to each quick fix (and a command) that profiles the
// user's script as it is and with that one fix applied, then shows the before/after.
import * as vscode from 'vscode';
import { applyTextFixes } from '../engine/fix/apply';
import type { Linter, Located } from './linter';
import type { MeasureFixResult, ProfilingApi } from './profile';
import { isProfilable } from './profile/model';

export const MEASURE_FIX_TITLE = 'Measure this fix (profile before and after)';

/** Findings of a script on disk whose fix can be measured. */
export function measurable(located: Located[], uri: vscode.Uri): Located[] {
  return uri.scheme === 'file' && isProfilable(uri.fsPath) ? located.filter((l) => l.finding.fix && !l.notebook) : [];
}

export async function measureFix(linter: Linter, profiling: ProfilingApi, uriArg?: string, code?: string, line?: number, column?: number): Promise<MeasureFixResult | undefined> {
  const uri = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Frugal ML: open a script with a quick fix to measure it.');
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const candidates = measurable(linter.findingsAt(uri), uri);
  let pick = candidates.find((l) => l.finding.code === code && l.finding.line === line && (column === undefined || l.finding.column === column));
  if (!pick && code === undefined) {
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage('Frugal ML: this file has no quick fix to measure (profiling needs a Python, JavaScript or TypeScript script on disk).');
      return undefined;
    }
    pick =
      candidates.length === 1
        ? candidates[0]
        : (
            await vscode.window.showQuickPick(
              candidates.map((l) => ({ label: `${l.finding.code} ${l.finding.fix!.title}`, description: `line ${l.finding.line}${l.finding.fix!.safety === 'unsafe' ? ' · unsafe fix' : ''}`, l })),
              { placeHolder: 'Which fix should be measured?' },
            )
          )?.l;
    if (!pick) return undefined;
  }
  if (!pick) {
    void vscode.window.showWarningMessage(`Frugal ML: the ${code ?? ''} finding to measure is no longer in ${vscode.workspace.asRelativePath(uri)}.`);
    return undefined;
  }
  const { text, applied } = applyTextFixes(doc.getText(), [pick.finding.fix!]);
  if (applied === 0 || text === doc.getText()) {
    void vscode.window.showWarningMessage('Frugal ML: the fix no longer applies to the file as it is.');
    return undefined;
  }
  return profiling.measureFix(uri.fsPath, text, `${pick.finding.code} ${pick.finding.fix!.title}`);
}
