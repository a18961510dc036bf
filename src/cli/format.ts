// Output formats of `frugal check`: text for people, JSON for tools, SARIF 2.1.0 for GitHub
// code scanning (with each rule's metadata and help).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { ruleDocBody } from '../engine/docs';
import { measuredLine } from '../engine/measured';
import { RULES } from '../engine/rules/registry';
import type { FileError, Finding } from '../engine/types';

export interface CheckOutput {
  findings: Finding[];
  errors: FileError[];
  /** Files analysed. */
  checked: number;
  /** Files and paths that could not be analysed (unreadable, binary, too large, broken, missing). */
  notChecked: number;
  fixed: number;
  /** Low-confidence findings left out (shown with `--confidence low`). */
  keptBack?: number;
  /** Unsafe fixes were applied (`--unsafe-fixes`): they count as fixable, none is hidden. */
  unsafeFixes?: boolean;
}

/** Whether `--fix` applies a finding's fix in this run. */
function applicable(f: Finding, unsafe: boolean | undefined): boolean {
  return f.fix !== undefined && (f.fix.safety === 'safe' || unsafe === true);
}

export function summary(out: CheckOutput) {
  const byCode: Record<string, number> = {};
  for (const f of out.findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  return {
    files: out.checked,
    notChecked: out.notChecked,
    findings: out.findings.length,
    fixable: out.findings.filter((f) => applicable(f, out.unsafeFixes)).length,
    /** Unsafe fixes not applied: `--unsafe-fixes` would apply them. */
    hiddenFixes: out.unsafeFixes ? 0 : out.findings.filter((f) => f.fix?.safety === 'unsafe').length,
    fixed: out.fixed,
    /** Low-confidence findings left out: `--confidence low` shows them. */
    lowConfidence: out.keptBack ?? 0,
    errors: out.errors.filter((e) => e.kind === 'error').length,
    byCode,
  };
}

function location(f: Finding): string {
  return f.cell === undefined ? `${f.path}:${f.line}:${f.column}` : `${f.path}:cell ${f.cell}:${f.line}:${f.column}`;
}

export function formatText(out: CheckOutput, color: boolean, diffMode = false): string {
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  for (const f of out.findings) {
    const marker = applicable(f, out.unsafeFixes) ? ` ${c('36', '[*]')}` : '';
    lines.push(`${c('1', location(f))}: ${c(f.severity === 'error' ? '31;1' : f.severity === 'warning' ? '33;1' : '34;1', f.code)}${marker} ${f.message}`);
  }
  const s = summary(out);
  // A file that could not be checked is never hidden behind "All checks passed".
  const files = `${plural(s.files, 'file')} checked${s.notChecked ? `, ${s.notChecked} could not be checked` : ''}`;
  const hidden = s.hiddenFixes ? `${plural(s.hiddenFixes, 'hidden fix', 'hidden fixes')} can be enabled with the \`--unsafe-fixes\` option` : '';
  if (diffMode) {
    lines.length = 0;
    lines.push(s.fixed ? `Would fix ${plural(s.fixed, 'problem')} (${files}).` : `No ${out.unsafeFixes ? '' : 'safe '}fixes to apply (${files}).`);
    if (hidden) lines.push(`(${hidden}.)`);
  } else if (s.findings === 0 && s.notChecked) {
    lines.push(`${s.fixed ? `Fixed ${plural(s.fixed, 'problem')}; no` : 'No'} problems found in the files checked (${files}).`);
  } else if (s.findings === 0) lines.push(s.fixed ? `Fixed ${plural(s.fixed, 'problem')}; nothing left to report (${files}).` : `All checks passed (${files}).`);
  else {
    const fixed = s.fixed ? ` (${s.fixed} fixed)` : '';
    lines.push(`Found ${plural(s.findings, 'problem')}${fixed} (${files}).`);
    const option = out.unsafeFixes ? 'frugal check --fix --unsafe-fixes' : 'frugal check --fix';
    if (s.fixable) lines.push(`[*] ${s.fixable} fixable with \`${option}\`${hidden ? ` (${hidden})` : ''}.`);
    else if (hidden) lines.push(`No safe fixes available (${hidden}).`);
  }
  // Findings kept back are never silent: say how many, and how to see them.
  if (!diffMode && s.lowConfidence) lines.push(`${plural(s.lowConfidence, 'low-confidence finding')} not shown (\`--confidence low\` shows ${s.lowConfidence === 1 ? 'it' : 'them'}).`);
  return lines.join('\n') + '\n';
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export function formatJson(out: CheckOutput, version: string): string {
  return JSON.stringify({ version, findings: out.findings, errors: out.errors, summary: summary(out) }, null, 2) + '\n';
}

const LEVEL: Record<Finding['severity'], Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };

/** The measured line, as a sentence after the cited evidence. */
function measured(rule: string): string {
  const line = measuredLine(rule);
  return line ? `\n\n${line}` : '';
}

export function formatSarif(out: CheckOutput, version: string, root: string): string {
  const rules: Sarif.ReportingDescriptor[] = RULES.map((r) => {
    const body = ruleDocBody(r.meta);
    return {
      id: r.meta.code,
      name: r.meta.name,
      shortDescription: { text: r.meta.summary },
      fullDescription: { text: r.meta.docs.whatItDoes },
      help: { text: `${r.meta.docs.whyBad}\n\nEvidence: ${r.meta.docs.evidence}${measured(r.meta.name)}`, markdown: body },
      defaultConfiguration: { level: LEVEL[r.meta.severity] },
      properties: { category: r.meta.category, tags: ['energy', 'sustainability', r.meta.category] },
    };
  });
  const index = new Map(RULES.map((r, i) => [r.meta.code, i]));
  const uri = (p: string) => path.relative(root, path.resolve(p)).split(path.sep).join('/');
  const results: Sarif.Result[] = out.findings.map((f) => {
    const result: Sarif.Result = {
      ruleId: f.code,
      ruleIndex: index.get(f.code),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uri(f.path), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        },
      ],
    };
    if (f.cell !== undefined) result.properties = { cell: f.cell };
    // Shown only with `confidence = "low"`: the code shows the pattern but no large run behind it.
    if (f.confidence) result.properties = { ...result.properties, confidence: f.confidence };
    if (f.fix && f.cell === undefined) {
      result.fixes = [
        {
          description: { text: `${f.fix.title} (${f.fix.safety})` },
          artifactChanges: [
            {
              artifactLocation: { uri: uri(f.path), uriBaseId: '%SRCROOT%' },
              replacements: f.fix.edits.map((e) => ({
                deletedRegion: { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn },
                insertedContent: { text: e.text },
              })),
            },
          ],
        },
      ];
    }
    return result;
  });
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Frugal ML', semanticVersion: version, version, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root + path.sep).href } },
        invocations: [
          {
            executionSuccessful: !out.errors.some((e) => e.kind === 'error'),
            toolExecutionNotifications: out.errors.map((e) => ({
              level: e.kind === 'error' ? 'error' : 'warning',
              message: { text: e.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: uri(e.path), uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
