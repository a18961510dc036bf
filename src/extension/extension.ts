// The VS Code adapter's entry point. For now it only activates on Python files and
// notebooks and lists the engine's rules; diagnostics, fixes and the panel come later.
import * as vscode from 'vscode';
import { RULES, ruleInfo } from '../engine';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Frugal ML');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('frugal.listRules', () => listRules(output)),
  );
}

/** Shows every rule in the output channel and returns their codes, in registry order. */
function listRules(output: vscode.OutputChannel): string[] {
  const rules = RULES.map(ruleInfo);
  output.clear();
  for (const r of rules) {
    output.appendLine(`${r.code}  ${r.name.padEnd(40)} ${r.severity.padEnd(8)} ${r.summary}`);
  }
  output.show(true);
  return rules.map((r) => r.code);
}
