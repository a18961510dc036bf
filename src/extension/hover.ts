// Hover on a flagged range: why it wastes energy, the evidence and its source, the compliant
// example, and links to the documentation and to ignore the rule on this line.
import * as vscode from 'vscode';
import { measuredLine } from '../engine/measured';
import { RULES } from '../engine/rules/registry';
import { rangeOf, type Linter } from './linter';

export class FrugalHover implements vscode.HoverProvider {
  constructor(private readonly linter: Linter) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const hits = this.linter.findingsAt(doc.uri).filter((l) => rangeOf(l.finding).contains(position));
    if (hits.length === 0) return undefined;
    const parts: vscode.MarkdownString[] = [];
    for (const { finding } of hits) {
      const meta = RULES.find((r) => r.meta.code === finding.code)?.meta;
      if (!meta) continue;
      const md = new vscode.MarkdownString(undefined, true);
      md.isTrusted = { enabledCommands: ['frugal.showDocumentation', 'frugal.ignoreLine'] };
      // The diagnostic's own message is shown just above by VS Code; this adds the why.
      md.appendMarkdown(`**${finding.code}** \`${meta.name}\`\n\n`);
      md.appendMarkdown(`**Why:** ${meta.docs.whyBad}\n\n`);
      md.appendMarkdown(`**Evidence:** ${meta.docs.evidence}\n\n`);
      const measured = measuredLine(meta.name);
      if (measured) md.appendMarkdown(`${measured}\n\n`);
      md.appendMarkdown('**Instead:**\n');
      const js = /^(typescript|javascript)/.test(doc.languageId);
      md.appendCodeblock(js ? (meta.docs.useInsteadTs ?? meta.docs.useInstead) : meta.docs.useInstead, js ? 'typescript' : 'python');
      const docs = `command:frugal.showDocumentation?${encodeURIComponent(JSON.stringify([finding.code]))}`;
      const ignore = `command:frugal.ignoreLine?${encodeURIComponent(JSON.stringify([doc.uri.toString(), finding.line - 1, finding.code]))}`;
      md.appendMarkdown(`\n[$(book) Documentation](${docs}) · [$(eye-closed) Ignore ${finding.code} for this line](${ignore})`);
      parts.push(md);
    }
    return new vscode.Hover(parts, rangeOf(hits[0].finding));
  }
}
