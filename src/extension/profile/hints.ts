// Inline hints on the hottest lines of the last profiled run ("≈ 41 % of run energy"), in every
// visible editor of those files, until cleared with one command or replaced by the next run.
import * as vscode from 'vscode';
import type { Hotspot } from './model';
import { formatJoules, formatShare } from './viewState';

export class EnergyHints implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.warningForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
  private byFile = new Map<string, Hotspot[]>();
  private readonly listener: vscode.Disposable;
  private readonly changed = new vscode.EventEmitter<boolean>();
  /** Fires with whether hints are shown after each change. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.listener = vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.apply(e)));
  }

  get shown(): boolean {
    return this.byFile.size > 0;
  }

  /** Hints currently set on a file (0-based lines), for tests and the status bar. */
  linesOf(uri: vscode.Uri): number[] {
    return (this.byFile.get(uri.fsPath) ?? []).map((h) => h.line - 1);
  }

  set(lines: Hotspot[]): void {
    this.byFile = new Map();
    for (const h of lines) this.byFile.set(h.file, [...(this.byFile.get(h.file) ?? []), h]);
    vscode.window.visibleTextEditors.forEach((e) => this.apply(e));
    this.changed.fire(this.shown);
  }

  clear(): void {
    this.set([]);
  }

  private apply(editor: vscode.TextEditor): void {
    if (editor.document.uri.scheme !== 'file') return;
    const hints = this.byFile.get(editor.document.uri.fsPath) ?? [];
    const options: vscode.DecorationOptions[] = hints
      .filter((h) => h.line >= 1 && h.line <= editor.document.lineCount)
      .map((h) => {
        const line = editor.document.lineAt(h.line - 1);
        const hover = new vscode.MarkdownString(
          `**Frugal ML**: about ${formatShare(h.share)} of the last run's sampled time was spent on this line (in \`${h.name}\`), so about ${formatJoules(h.energyJ)} of its measured energy. ` +
            `Shares come from a stack sample every ~10 ms, weighted by time. [Clear hints](command:frugal.clearEnergyHints)`,
        );
        hover.isTrusted = { enabledCommands: ['frugal.clearEnergyHints'] };
        return {
          range: new vscode.Range(line.range.end, line.range.end),
          hoverMessage: hover,
          renderOptions: { after: { contentText: `≈ ${formatShare(h.share)} of run energy (${formatJoules(h.energyJ)})` } },
        };
      });
    editor.setDecorations(this.decoration, options);
  }

  dispose(): void {
    this.listener.dispose();
    this.decoration.dispose();
    this.changed.dispose();
  }
}
