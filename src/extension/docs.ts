// Rule documentation inside VS Code: diagnostic codes link to a command that opens the
// bundled docs/rules/<name>.md in the Markdown preview (works offline, desktop and web;
// the Problems panel and hovers open code links with commands allowed).
import * as vscode from 'vscode';
import { RULES } from '../engine/rules/registry';

let extensionUri: vscode.Uri | undefined;

export function initDocs(context: vscode.ExtensionContext): void {
  extensionUri = context.extensionUri;
}

/** The link target of a diagnostic code: `command:frugal.showDocumentation?["FRG101"]`. */
export function docsUri(code: string): vscode.Uri {
  return vscode.Uri.from({ scheme: 'command', path: 'frugal.showDocumentation', query: JSON.stringify([code]) });
}

export function docsFile(codeOrName: string): vscode.Uri | undefined {
  const rule = RULES.find((r) => r.meta.code === codeOrName || r.meta.name === codeOrName);
  if (!rule || !extensionUri) return undefined;
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${rule.meta.name}.md`);
}

/** Opens a rule's page in the Markdown preview; resolves with the page's URI. */
export async function showDocumentation(codeOrName: string): Promise<vscode.Uri | undefined> {
  const file = docsFile(codeOrName);
  if (!file) {
    void vscode.window.showWarningMessage(`Frugal ML has no rule ${codeOrName}.`);
    return undefined;
  }
  await vscode.commands.executeCommand('markdown.showPreview', file);
  return file;
}
