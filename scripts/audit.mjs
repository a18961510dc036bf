// `npm run audit`: judges the rules on real code, like ruff's ecosystem check. Runs `frugal check`
// over a folder, writes a Markdown judging sheet and a JSON of the unjudged findings for a person
// to fill in, and with --verdicts prints what changed against the judged verdicts; --merge folds
// the filled verdicts into the verdicts file that test/realcode.test.ts enforces.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const CLI = path.join(root, 'dist', 'cli.js');
const VERDICTS = ['right', 'wrong', 'debatable'];
/** Lines of source shown on each side of a finding on the judging sheet. */
const CONTEXT = 8;

const USAGE = `Usage:
  npm run audit -- <folder> [--verdicts FILE] [--sample N] [--seed S] [--out FILE]
  npm run audit -- --merge FILLED.json --verdicts FILE

  <folder>          code to check (e.g. test/realcode/pytorch-examples, or a fetched repository)
  --verdicts FILE   judged verdicts (test/realcode/<corpus>.verdicts.json): show each finding's
                    verdict and print the difference: new, vanished, precision per rule
  --sample N        put at most N findings per rule on the sheet (default: all)
  --seed S          which sample (default 1); the same seed gives the same sample
  --out FILE        the judging sheet (default test-results/audit/<corpus>.md); the unjudged
                    findings go beside it as <name>.unjudged.json
  --merge FILLED    merge the filled-in verdicts of FILLED into --verdicts FILE (blank ones are skipped)
`;

class UsageError extends Error {}

// npm runs scripts in the package root; the paths on the command line are the caller's.
const callerDir = process.env.INIT_CWD ?? process.cwd();
const resolve = (p) => path.resolve(callerDir, p);
const display = (p) => path.relative(callerDir, p) || '.';

/** Map.groupBy, which Node 20 lacks, as [key, items] pairs sorted by key; items keep their order. */
function groupBy(items, by) {
  const groups = new Map();
  for (const item of items) groups.set(by(item), [...(groups.get(by(item)) ?? []), item]);
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The identity of a finding across runs: path from the folder, cell (notebooks), line and code. */
const key = (v) => `${v.path}:${v.cell === undefined ? '' : `${v.cell}:`}${v.line} ${v.code}`;

function compare(a, b) {
  const by = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
  return by(a.path, b.path) || (a.cell ?? -1) - (b.cell ?? -1) || a.line - b.line || by(a.code, b.code);
}

/** A verdict entry with its fields in the file's order. */
function entry({ path: p, cell, line, code, verdict, reason }) {
  return { path: p, ...(cell === undefined ? {} : { cell }), line, code, verdict, reason };
}

function readVerdicts(file) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read verdicts ${file}: ${e.message}`);
  }
  if (!Array.isArray(doc?.verdicts)) throw new UsageError(`${file} has no "verdicts" array; see test/realcode/*.verdicts.json`);
  return doc;
}

function git(dir, ...args) {
  const r = spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

/** Repository and commit of a folder that is itself a git checkout (a fetched repository). */
function origin(folder) {
  const top = git(folder, 'rev-parse', '--show-toplevel');
  if (!top || realpathSync(top) !== realpathSync(folder)) return { repo: '', commit: '' };
  return { repo: git(folder, 'remote', 'get-url', 'origin'), commit: git(folder, 'rev-parse', 'HEAD') };
}

function check(folder) {
  if (!existsSync(CLI)) throw new UsageError('dist/cli.js is missing: run npm run build (npm run audit does it first)');
  // --no-config: the rules as shipped, not as an audited repository's [tool.frugal] tunes them.
  const r = spawnSync(process.execPath, [CLI, 'check', folder, '--format', 'json', '--exit-zero', '--no-config'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`frugal check exited ${r.status}: ${r.stderr.trim()}`);
  const out = JSON.parse(r.stdout);
  for (const e of out.errors) console.error(`${e.path}: ${e.kind}: ${e.message}`);
  return out.findings.map((f) => ({ ...f, path: path.relative(folder, f.path).split(path.sep).join('/') })).sort(compare);
}

/** Deterministic PRNG (mulberry32), seeded per rule so one rule's sample does not move another's. */
function rng(seed, code) {
  let a = seed;
  for (const ch of code) a = Math.imul(a ^ ch.charCodeAt(0), 0x01000193);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample(findings, n, random) {
  if (n === undefined || findings.length <= n) return findings;
  const pool = [...findings];
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n).sort(compare);
}

function sourceLines(folder, f) {
  const text = readFileSync(path.join(folder, f.path), 'utf8');
  if (f.cell === undefined) return text.split(/\r?\n/);
  const source = JSON.parse(text).cells[f.cell].source;
  return (Array.isArray(source) ? source.join('') : source).split(/\r?\n/);
}

/** ±CONTEXT lines around the finding, numbered, the flagged line marked with `>`. */
function excerpt(lines, line) {
  const from = Math.max(1, line - CONTEXT);
  const to = Math.min(lines.length, line + CONTEXT);
  const width = String(to).length;
  const rows = [];
  for (let n = from; n <= to; n++) rows.push(`${n === line ? '>' : ' '}${String(n).padStart(width)} | ${lines[n - 1]}`);
  const body = rows.join('\n');
  const fence = '`'.repeat(Math.max(3, ...(body.match(/`+/g) ?? []).map((s) => s.length + 1)));
  return `${fence}python\n${body}\n${fence}`;
}

function sheet({ corpus, folder, findings, shown, verdicts, options, unjudgedFile }) {
  const engine = git(root, 'rev-parse', '--short', 'HEAD') || 'unknown commit';
  const scope = options.sample === undefined ? 'all of them' : `at most ${options.sample} per rule (seed ${options.seed})`;
  const out = [
    `# Judging sheet: ${corpus}`,
    '',
    `\`frugal check\` (this repository at ${engine}) on \`${display(folder)}\`: ${findings.length} findings; this sheet shows ${scope}.`,
    '',
    `Judge each one: **right** (must be reported), **wrong** (must not be), **debatable** (either). Write the verdict and a one-line reason into \`${display(unjudgedFile)}\`, then \`npm run audit -- --merge ${display(unjudgedFile)} --verdicts ${options.verdicts ?? `test/realcode/${corpus}.verdicts.json`}\`.`,
  ];
  const byCode = groupBy(findings, (f) => f.code);
  for (const [code, all] of byCode) {
    const here = shown.get(code);
    out.push('', `## ${code} ${all[0].rule} (${all.length} finding${all.length === 1 ? '' : 's'}, ${here.length} here)`);
    for (const f of here) {
      const v = verdicts.get(key(f));
      const where = f.cell === undefined ? `${f.path}:${f.line}:${f.column}` : `${f.path} cell ${f.cell}:${f.line}:${f.column}`;
      out.push('', `### ${where}`, '', f.message, '', v ? `Verdict: **${v.verdict}** — ${v.reason}` : 'Verdict: not yet judged', '', excerpt(sourceLines(folder, f), f.line));
    }
  }
  return out.join('\n') + '\n';
}

function precisionTable(judged) {
  const pct = (right, wrong) => (right + wrong === 0 ? '   -  ' : `${((100 * right) / (right + wrong)).toFixed(1).padStart(5)}%`);
  const rows = [];
  const total = { right: 0, wrong: 0, debatable: 0 };
  for (const [code, vs] of groupBy(judged, (v) => v.code)) {
    const c = { right: 0, wrong: 0, debatable: 0 };
    for (const v of vs) {
      c[v.verdict]++;
      total[v.verdict]++;
    }
    rows.push(`  ${code}   right ${c.right}  wrong ${c.wrong}  debatable ${c.debatable}  precision ${pct(c.right, c.wrong)}`);
  }
  rows.push(`  overall  right ${total.right}  wrong ${total.wrong}  debatable ${total.debatable}  precision ${pct(total.right, total.wrong)}`);
  return rows.join('\n');
}

function printDifference(file, findings, verdicts) {
  const found = new Set(findings.map(key));
  const fresh = findings.filter((f) => !verdicts.has(key(f)));
  const vanished = [...verdicts.values()].filter((v) => !found.has(key(v))).sort(compare);
  const label = { right: 'lost true positive', wrong: 'fixed false positive', debatable: 'debatable' };
  console.log(`\nAgainst ${display(file)} (${verdicts.size} verdicts):`);
  console.log(`new findings (unjudged): ${fresh.length}`);
  for (const f of fresh) console.log(`  + ${key(f)} ${f.rule}: ${f.message}`);
  console.log(`vanished findings: ${vanished.length}`);
  for (const v of vanished) console.log(`  - ${key(v)} ${v.verdict} (${label[v.verdict] ?? 'unknown verdict'}): ${v.reason}`);
  console.log('precision of the judged findings reported now, right / (right + wrong):');
  console.log(precisionTable(findings.map((f) => verdicts.get(key(f))).filter((v) => v && VERDICTS.includes(v.verdict))));
}

function audit(folderArg, options) {
  const folder = resolve(folderArg);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`${folderArg} is not a folder`);
  const doc = options.verdicts ? readVerdicts(resolve(options.verdicts)) : undefined;
  const verdicts = new Map((doc?.verdicts ?? []).map((v) => [key(v), v]));
  const corpus = doc?.corpus ?? path.basename(folder);
  const findings = check(folder);
  const shown = new Map(
    groupBy(findings, (f) => f.code).map(([code, fs]) => [code, sample(fs, options.sample, rng(options.seed, code))]),
  );
  const sheetFile = options.out ? resolve(options.out) : path.join(root, 'test-results', 'audit', `${corpus}.md`);
  const unjudgedFile = sheetFile.replace(/(\.md)?$/, '.unjudged.json');
  mkdirSync(path.dirname(sheetFile), { recursive: true });
  writeFileSync(sheetFile, sheet({ corpus, folder, findings, shown, verdicts, options, unjudgedFile }));
  const unjudged = [...shown.values()].flat().filter((f) => !verdicts.has(key(f))).sort(compare);
  const header = doc ? { corpus, repo: doc.repo, commit: doc.commit } : { corpus, ...origin(folder) };
  writeFileSync(unjudgedFile, JSON.stringify({ ...header, verdicts: unjudged.map((f) => entry({ ...f, verdict: '', reason: '' })) }, null, 2) + '\n');
  console.log(`${findings.length} findings in ${display(folder)}`);
  console.log(`judging sheet: ${display(sheetFile)}`);
  console.log(`unjudged, to fill in: ${display(unjudgedFile)} (${unjudged.length})`);
  if (doc) printDifference(resolve(options.verdicts), findings, verdicts);
}

function merge(filledArg, verdictsArg) {
  if (!verdictsArg) throw new UsageError('--merge needs --verdicts FILE, the verdicts file to merge into');
  const filled = readVerdicts(resolve(filledArg));
  const file = resolve(verdictsArg);
  const target = existsSync(file) ? readVerdicts(file) : { corpus: filled.corpus, repo: filled.repo, commit: filled.commit, verdicts: [] };
  if (filled.commit && target.commit && filled.commit !== target.commit) {
    throw new UsageError(`${filledArg} was judged at commit ${filled.commit}, ${verdictsArg} is for ${target.commit}: the lines would not match`);
  }
  const byKey = new Map(target.verdicts.map((v) => [key(v), v]));
  let added = 0;
  let rejudged = 0;
  let blank = 0;
  for (const v of filled.verdicts) {
    if (v.verdict === '') {
      blank++;
      continue;
    }
    if (!VERDICTS.includes(v.verdict)) throw new UsageError(`${filledArg}: verdict "${v.verdict}" for ${key(v)}; use right, wrong or debatable`);
    if (!v.reason?.trim()) throw new UsageError(`${filledArg}: ${key(v)} is judged ${v.verdict} without a reason; give it one line`);
    if (byKey.has(key(v))) rejudged++;
    else added++;
    byKey.set(key(v), v);
  }
  const doc = { corpus: target.corpus, repo: target.repo, commit: target.commit, verdicts: [...byKey.values()].sort(compare).map(entry) };
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
  console.log(`${display(file)}: ${added} added, ${rejudged} re-judged, ${blank} left blank (not merged)`);
}

function integer(name, value, min) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} takes a whole number of at least ${min}, not "${value}"`);
  return n;
}

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      verdicts: { type: 'string' },
      sample: { type: 'string' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      merge: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) process.stdout.write(USAGE);
  else if (values.merge) merge(values.merge, values.verdicts);
  else if (positionals.length === 1) audit(positionals[0], { ...values, sample: integer('sample', values.sample, 1), seed: integer('seed', values.seed, 0) });
  else throw new UsageError(positionals.length ? 'give one folder' : 'give the folder to audit');
} catch (e) {
  if (!(e instanceof UsageError) && e.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && e.code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw e;
  process.stderr.write(`audit: ${e.message}\n\n${USAGE}`);
  process.exitCode = 2;
}
