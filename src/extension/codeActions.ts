// Quick fixes, in ESLint's order: Fix (preferred when safe), Ignore for this line, Ignore for
// this file, Show documentation, Fix all in this file; plus `source.fixAll.frugal` for save.
import * as vscode from 'vscode';
import { combineSafeFixes, commentMarker, fixEdits, ignoreFileEdit, ignoreLineEdit, SOURCE, type DocEdit } from './adapter';
import { rangeOf, type Linter, type Located } from './linter';
import { measurable, MEASURE_FIX_TITLE } from './measureFix';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('frugal');

export class FrugalCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly linter: Linter) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const located = this.linter.findingsAt(doc.uri);
    const wantsFixAll = !context.only || context.only.contains(FIX_ALL_KIND);
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return wantsFixAll ? this.fixAll(located) : [];
    const actions: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    for (const diag of context.diagnostics) {
      if (diag.source !== SOURCE) continue;
      const code = typeof diag.code === 'object' ? String(diag.code.value) : String(diag.code);
      const l = located.find((x) => x.finding.code === code && rangeOf(x.finding).isEqual(diag.range));
      if (!l) continue;
      const f = l.finding;
      if (f.fix) {
        const title = f.fix.safety === 'safe' ? `Fix: ${f.fix.title}` : `Fix (unsafe): ${f.fix.title}`;
        const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        a.edit = toWorkspaceEdit(l, fixEdits(f.fix, f.cell));
        a.diagnostics = [diag];
        a.isPreferred = f.fix.safety === 'safe';
        actions.push(a);
        if (measurable([l], doc.uri).length > 0) {
          const m = new vscode.CodeAction(MEASURE_FIX_TITLE, vscode.CodeActionKind.QuickFix);
          m.command = { command: 'frugal.measureFix', title: MEASURE_FIX_TITLE, arguments: [doc.uri.toString(), f.code, f.line, f.column] };
          m.diagnostics = [diag];
          actions.push(m);
        }
      }
      if (seen.has(code)) continue;
      seen.add(code);
      const line = ignoreLineEdit(doc.lineAt(diag.range.start.line).text, diag.range.start.line, code, commentMarker(doc.languageId));
      if (line) {
        const a = new vscode.CodeAction(`Ignore ${code} for this line`, vscode.CodeActionKind.QuickFix);
        a.edit = new vscode.WorkspaceEdit();
        a.edit.replace(doc.uri, toRange(line), line.text);
        a.diagnostics = [diag];
        actions.push(a);
      }
      const file = ignoreFile(l, doc, code);
      if (file) {
        const a = new vscode.CodeAction(`Ignore ${code} for this file`, vscode.CodeActionKind.QuickFix);
        a.edit = file;
        a.diagnostics = [diag];
        actions.push(a);
      }
      const docs = new vscode.CodeAction(`Show documentation for ${code}`, vscode.CodeActionKind.QuickFix);
      docs.command = { command: 'frugal.showDocumentation', title: `Show documentation for ${code}`, arguments: [code] };
      actions.push(docs);
      const sameCode = located.filter((x) => x.finding.code === code);
      const all = combineSafeFixes(sameCode.map((x) => x.finding), code);
      if (all.length > 0) {
        const a = new vscode.CodeAction(`Fix all ${code} problems in this file`, vscode.CodeActionKind.QuickFix);
        a.edit = toWorkspaceEdit(l, all);
        actions.push(a);
      }
    }
    if (wantsFixAll) actions.push(...this.fixAll(located));
    return actions;
  }

  private fixAll(located: Located[]): vscode.CodeAction[] {
    const edits = combineSafeFixes(located.map((l) => l.finding));
    if (edits.length === 0) return [];
    const a = new vscode.CodeAction('Frugal ML: Fix all safe problems', FIX_ALL_KIND);
    a.edit = toWorkspaceEdit(located[0], edits);
    return [a];
  }
}

function toRange(e: DocEdit): vscode.Range {
  return new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
}

/** One WorkspaceEdit (one undo step per document) for edits on a script or on notebook cells. */
export function toWorkspaceEdit(l: Located, edits: DocEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) {
    const uri = l.notebook && e.cell !== undefined ? l.notebook.cellAt(e.cell).document.uri : l.uri;
    we.replace(uri, toRange(e), e.text);
  }
  return we;
}

/** The file-level directive goes at the top of the script, or of the notebook's first code cell. */
function ignoreFile(l: Located, doc: vscode.TextDocument, code: string): vscode.WorkspaceEdit | undefined {
  let target = doc;
  if (l.notebook) {
    const first = l.notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code);
    if (!first) return undefined;
    target = first.document;
  }
  const lines = target.getText().split(/\r?\n/);
  const edit = ignoreFileEdit(lines, code, commentMarker(target.languageId));
  if (!edit) return undefined;
  const we = new vscode.WorkspaceEdit();
  we.replace(target.uri, toRange(edit), edit.text);
  return we;
}
