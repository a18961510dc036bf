// Helpers shared by the real-VS-Code suites.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'frugal-ml.frugal-ml';

/** The extension under test; fails the test when VS Code did not load it. */
export function frugalExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded: was the workbench opened with extensionDevelopmentPath?`);
  return ext;
}

/** A file in the test workspace (a fresh copy of test/vscode/workspace). */
export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** Polls `condition` until it holds; throws naming `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Asks the harness for a screenshot of the workbench as it is now (saved only when
 * E2E_SCREENSHOTS is set) and gives it time to be taken.
 */
export async function screenshot(name: string): Promise<void> {
  console.log(`frugal-e2e: screenshot ${name}`);
  await new Promise((r) => setTimeout(r, 1500));
}

/** Diagnostics from Frugal ML on a document. */
export function frugalDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Frugal ML');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}
