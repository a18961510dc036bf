// Rule documentation rendered from metadata: the pages under docs/rules/, the README's rule
// table and the help text in SARIF all come from here.
import type { RuleMeta } from './types';

const CATEGORY_TITLES: Record<RuleMeta['category'], string> = {
  training: 'Training',
  search: 'Hyper-parameter search',
  data: 'Data processing',
  inference: 'Inference and serving',
  infrastructure: 'Infrastructure',
};

export function categoryTitle(category: RuleMeta['category']): string {
  return CATEGORY_TITLES[category];
}

/** The body of a rule's documentation (no title), in ruff's section order plus Evidence. */
export function ruleDocBody(meta: RuleMeta): string {
  const d = meta.docs;
  const fix = meta.fixTitle ? `Fix: *${meta.fixTitle}*.` : 'No automatic fix.';
  return [
    `Code \`${meta.code}\` · category ${categoryTitle(meta.category)} · default severity \`${meta.severity}\` · ${fix}`,
    '',
    '## What it does',
    d.whatItDoes,
    '',
    '## Why is this bad?',
    d.whyBad,
    '',
    '## Evidence',
    d.evidence,
    '',
    '## Example',
    '```python',
    d.example,
    '```',
    '',
    '## Use instead',
    '```python',
    d.useInstead,
    '```',
    '',
    '## Fix safety',
    d.fixSafety,
    '',
    '## Suppression',
    `Add \`# frugal: ignore[${meta.code}]\` to the flagged line (or the first line of its statement), ` +
      `\`# frugal: ignore-file[${meta.code}]\` anywhere in the file, or \`ignore = ["${meta.code}"]\` under ` +
      '`[tool.frugal]` in `pyproject.toml`.',
    '',
  ].join('\n');
}

export function ruleDocPage(meta: RuleMeta): string {
  return `# ${meta.name} (${meta.code})\n\n${ruleDocBody(meta)}`;
}

/** The README's rule table (Markdown). */
export function ruleTable(metas: RuleMeta[]): string {
  const rows = ['| Code | Name | Category | Severity | Fix | What it flags |', '|---|---|---|---|---|---|'];
  for (const m of metas) {
    const fix = m.fixTitle ? '✓' : '';
    rows.push(`| ${m.code} | [${m.name}](docs/rules/${m.name}.md) | ${categoryTitle(m.category)} | ${m.severity} | ${fix} | ${m.summary.replace(/\|/g, '\\|')} |`);
  }
  return rows.join('\n');
}
