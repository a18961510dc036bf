// `npm run evidence`: the rules' savings measured by the project's own profiler. Each pair in
// evidence/<rule>/ (before.py has the pattern, after.py the fix) is profiled with `frugal profile
// --json`, interleaved (before, after, before, …) N times; both halves must print the same
// FRUGAL_RESULT. Writes evidence/results.json (medians, spreads, Δ) and docs/evidence.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const CLI = path.join(root, 'dist', 'cli.js');
const EVIDENCE = path.join(root, 'evidence');

const USAGE = `Usage: npm run evidence [-- --rule NAME ...] [--runs N] [--python PATH] [--duration S] [--out DIR] [--no-docs]

  --rule NAME     only this pair (repeatable; default: every pair under evidence/)
  --runs N        interleaved runs of each half (default 5)
  --python PATH   the Python that runs the pairs (default /usr/bin/python3 when it exists, else python3)
  --duration S    stop a run after S seconds (default 120); a stopped run fails the pair
  --out DIR       write results.json there instead of evidence/ (and no docs/evidence.md)
  --no-docs       do not rewrite docs/evidence.md`;

export const RESULT_PREFIX = 'FRUGAL_RESULT ';

/** The JSON object a pair's script printed on its last `FRUGAL_RESULT` line. */
export function resultOf(stdout) {
  const line = stdout.split('\n').reverse().find((l) => l.startsWith(RESULT_PREFIX));
  if (!line) return undefined;
  try {
    return JSON.parse(line.slice(RESULT_PREFIX.length));
  } catch {
    return undefined;
  }
}

/** Whether two results agree as the pair's `compare` says; the reason when they do not. */
export function compareResults(compare, a, b) {
  if (!a || !b) return 'a half printed no FRUGAL_RESULT line';
  if (compare.kind === 'equal') return JSON.stringify(a) === JSON.stringify(b) ? undefined : `results differ: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  if (compare.kind === 'close') {
    const x = a[compare.key];
    const y = b[compare.key];
    if (typeof x !== 'number' || typeof y !== 'number') return `"${compare.key}" is not a number in both results`;
    return Math.abs(x - y) <= compare.abs ? undefined : `${compare.key} ${x} vs ${y} differ by more than ${compare.abs}`;
  }
  return `unknown compare kind "${compare.kind}"`;
}

export function median(xs) {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The summary of N interleaved runs: medians, spreads (max − min) and Δ % of the medians. The
 * saving is claimed only when every paired difference (run i's after − before) has the same
 * sign; with fewer than 3 runs, or differences on both sides of zero, it is "no measurable
 * difference".
 */
export function summarise(before, after) {
  const side = (runs) => ({
    energyJ: round(median(runs.map((r) => r.energyJ))),
    durationS: round(median(runs.map((r) => r.durationS))),
    spreadJ: round(Math.max(...runs.map((r) => r.energyJ)) - Math.min(...runs.map((r) => r.energyJ))),
    spreadS: round(Math.max(...runs.map((r) => r.durationS)) - Math.min(...runs.map((r) => r.durationS))),
  });
  const b = side(before);
  const a = side(after);
  const diffs = before.map((r, i) => after[i].energyJ - r.energyJ);
  const measurable = diffs.length >= 3 && (diffs.every((d) => d < 0) || diffs.every((d) => d > 0));
  return {
    before: b,
    after: a,
    deltaPct: b.energyJ > 0 ? round((100 * (a.energyJ - b.energyJ)) / b.energyJ, 1) : null,
    durationDeltaPct: b.durationS > 0 ? round((100 * (a.durationS - b.durationS)) / b.durationS, 1) : null,
    measurable,
  };
}

function round(x, digits = 3) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Every pair under evidence/: its folder name and pair.json. */
export function pairs(dir = EVIDENCE) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'pair.json')))
    .map((d) => ({ name: d.name, dir: path.join(dir, d.name), ...JSON.parse(readFileSync(path.join(dir, d.name, 'pair.json'), 'utf8')) }))
    .sort((p, q) => p.code.localeCompare(q.code));
}

function python(cmd, code) {
  const r = spawnSync(cmd, ['-c', code], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The packages a pair needs that this Python lacks (`cuda`: a CUDA device torch can use). */
function missing(py, requires) {
  return (requires ?? []).filter((m) => {
    if (m === 'cuda') return python(py, 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)') === undefined;
    return python(py, `import ${m === 'sklearn' ? 'sklearn' : m}`) === undefined;
  });
}

function machine(py) {
  const release = existsSync('/etc/os-release') ? /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] : undefined;
  const versions = python(
    py,
    'import importlib, json, platform\n' +
      'out = {"python": platform.python_version()}\n' +
      'for m in ["numpy", "pandas", "sklearn", "torch", "optuna", "xgboost", "pyarrow"]:\n' +
      '    try: out[m] = importlib.import_module(m).__version__\n' +
      '    except Exception: pass\n' +
      'print(json.dumps(out))',
  );
  let gpu;
  try {
    gpu = execFileSync('nvidia-smi', ['--query-gpu=name', '--format=csv,noheader'], { encoding: 'utf8', timeout: 10_000 }).trim().split('\n')[0];
  } catch {
    gpu = undefined;
  }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown CPU',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: release ?? `${os.type()} ${os.release()}`,
    gpu: gpu ?? null,
    node: process.version,
    ...(versions ? { packages: JSON.parse(versions) } : {}),
  };
}

/** One profiled run of one half: energy, duration, methods and the printed result. */
function profileOnce(py, script, durationS, tmp) {
  const json = path.join(tmp, 'report.json');
  rmSync(json, { force: true });
  const r = spawnSync(process.execPath, [CLI, 'profile', '--quiet', '--json', json, '--duration', String(durationS), '--python', py, script], {
    cwd: path.dirname(script),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!existsSync(json)) throw new Error(`${path.relative(root, script)}: the profiler wrote no report (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
  const report = JSON.parse(readFileSync(json, 'utf8'));
  if (report.stoppedBy !== 'exit' || report.exitCode !== 0) {
    throw new Error(`${path.relative(root, script)}: ${report.stoppedBy === 'exit' ? `exited with ${report.exitCode}` : `stopped (${report.stoppedBy})`}: ${report.stderrTail.trim().split('\n').slice(-3).join(' ')}`);
  }
  return { energyJ: report.energy.totalJ, durationS: report.durationS, methods: report.methods, result: resultOf(r.stdout) };
}

/** The profiler's own words for how the energy was obtained, for the components that used any. */
function methodText(methods) {
  return Object.entries(methods)
    .filter(([, m]) => m.id !== 'none')
    .map(([c, m]) => `${c.toUpperCase()}: ${m.label}`)
    .join('; ');
}

export function runPair(pair, { py, runs, durationS }) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'frugal-evidence-'));
  try {
    const before = [];
    const after = [];
    for (let i = 0; i < runs; i++) {
      for (const [half, into] of [['before', before], ['after', after]]) {
        const run = profileOnce(py, path.join(pair.dir, `${half}.py`), durationS, tmp);
        into.push(run);
        process.stderr.write(`  ${pair.name} ${half} ${i + 1}/${runs}: ${run.energyJ.toFixed(1)} J, ${run.durationS.toFixed(2)} s\n`);
      }
    }
    // Every half of every run must agree with the first before: same result, whatever the order.
    for (const run of [...before, ...after]) {
      const why = compareResults(pair.compare, before[0].result, run.result);
      if (why) throw new Error(`${pair.name}: the halves do not compute the same thing: ${why}`);
    }
    return { rule: pair.rule, code: pair.code, gpuOnly: !!pair.gpuOnly, runs, date: new Date().toISOString().slice(0, 10), what: pair.what, ...summarise(before, after), method: methodText(after[0].methods), result: before[0].result };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function pct(x) {
  return x === null ? '–' : `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(1)} %`;
}

/** docs/evidence.md from results.json. */
export function evidenceTable(results) {
  const rows = [
    '| Rule | Pair | Before: energy, time | After: energy, time | Δ energy | Δ time | Runs | Method |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results.results) {
    const delta = r.measurable ? pct(r.deltaPct) : `no measurable difference (${pct(r.deltaPct)})`;
    const side = (s) => `${s.energyJ.toFixed(1)} J ± ${(s.spreadJ / 2).toFixed(1)}, ${s.durationS.toFixed(2)} s`;
    rows.push(`| [${r.code} ${r.rule}](rules/${r.rule}.md) | [${r.what}](../evidence/${r.rule}/) | ${side(r.before)} | ${side(r.after)} | ${delta} | ${pct(r.durationDeltaPct)} | ${r.runs} | ${r.method} |`);
  }
  const m = results.machine;
  const pkgs = m.packages ? Object.entries(m.packages).map(([k, v]) => `${k} ${v}`).join(', ') : 'unknown';
  const skipped = results.skipped.length
    ? ['', '## Not run on this machine', '', ...results.skipped.map((s) => `- ${s.code} ${s.rule}${s.gpuOnly ? ' (GPU-only)' : ''}: ${s.reason}`)]
    : [];
  return [
    '# Measured evidence',
    '',
    'Generated by `npm run evidence` from `evidence/results.json`. Each pair in [`evidence/`](../evidence/)',
    'is a small script with the rule\'s pattern (`before.py`) and the same script with the fix',
    '(`after.py`); both print the same result, which the run checks. Each half is profiled with',
    '`frugal profile --json`, interleaved (before, after, before, …); figures are medians, `±` is',
    'half the range over the runs, and a saving is claimed only when every run\'s after used less',
    '(or every one more) energy than the before it followed; otherwise the row says *no measurable',
    'difference*. The method column is the profiler\'s own label: where it says *estimated*, the',
    'energy is a model of CPU time and power, not a counter reading, so the Δ energy says what the',
    'Δ CPU time says.',
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}${m.gpu ? `, ${m.gpu}` : ', no GPU'}; ${pkgs}; Node.js ${m.node}. Date: ${results.date}.`,
    '',
    ...rows,
    ...skipped,
    '',
    'To measure again (packages from Debian: `apt-get install python3-numpy python3-pandas',
    'python3-sklearn python3-torch python3-optuna`; or any environment with `--python`):',
    '',
    '```sh',
    'npm run build && npm run evidence -- --runs 5',
    'npm run evidence -- --rule dataframe-row-apply --runs 3 --python ~/venv/bin/python',
    '```',
    '',
  ].join('\n');
}

function main() {
  const { values } = parseArgs({
    options: {
      rule: { type: 'string', multiple: true },
      runs: { type: 'string', default: '5' },
      python: { type: 'string' },
      duration: { type: 'string', default: '120' },
      out: { type: 'string' },
      'no-docs': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const runs = Number(values.runs);
  const durationS = Number(values.duration);
  if (!Number.isInteger(runs) || runs < 1 || !(durationS > 0)) {
    console.error(`--runs must be a positive integer and --duration a positive number\n\n${USAGE}`);
    return 2;
  }
  if (!existsSync(CLI)) {
    console.error('dist/cli.js is missing: run `npm run build` first');
    return 2;
  }
  const py = values.python ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
  if (python(py, 'print(1)') !== '1') {
    console.error(`${py} does not run Python: pass --python PATH`);
    return 2;
  }
  const all = pairs();
  const wanted = values.rule ?? all.map((p) => p.rule);
  const unknown = wanted.filter((w) => !all.some((p) => p.rule === w || p.code === w));
  if (unknown.length) {
    console.error(`no pair for ${unknown.join(', ')} (pairs: ${all.map((p) => p.rule).join(', ')})`);
    return 2;
  }
  const selected = all.filter((p) => wanted.includes(p.rule) || wanted.includes(p.code));
  const out = { machine: machine(py), date: new Date().toISOString().slice(0, 10), results: [], skipped: [] };
  let failed = 0;
  for (const pair of selected) {
    const lacks = missing(py, pair.requires);
    if (lacks.length) {
      const reason = lacks.includes('cuda') ? 'needs a CUDA GPU, none here' : `needs ${lacks.join(', ')}, not importable by ${py}`;
      out.skipped.push({ rule: pair.rule, code: pair.code, gpuOnly: !!pair.gpuOnly, reason });
      console.error(`${pair.code} ${pair.rule}: skipped (${reason})`);
      continue;
    }
    try {
      const r = runPair(pair, { py, runs, durationS });
      out.results.push(r);
      console.error(`${pair.code} ${pair.rule}: ${r.before.energyJ} J → ${r.after.energyJ} J (${r.measurable ? pct(r.deltaPct) : 'no measurable difference'}), ${r.before.durationS} s → ${r.after.durationS} s`);
    } catch (e) {
      failed++;
      console.error(`${pair.code} ${pair.rule}: FAILED: ${e.message}`);
    }
  }
  const dir = values.out ?? EVIDENCE;
  mkdirSync(dir, { recursive: true });
  // A partial run (--rule) updates its pairs' rows and keeps the others'.
  const file = path.join(dir, 'results.json');
  if (values.rule && existsSync(file)) {
    const old = JSON.parse(readFileSync(file, 'utf8'));
    const redone = new Set(selected.map((p) => p.rule));
    out.results = [...old.results.filter((r) => !redone.has(r.rule)), ...out.results].sort((p, q) => p.code.localeCompare(q.code));
    out.skipped = [...old.skipped.filter((r) => !redone.has(r.rule)), ...out.skipped].sort((p, q) => p.code.localeCompare(q.code));
  }
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  if (!values.out && !values['no-docs']) writeFileSync(path.join(root, 'docs', 'evidence.md'), evidenceTable(out));
  console.error(`wrote ${path.relative(process.cwd(), file)}${failed ? `; ${failed} pair(s) failed` : ''}`);
  return failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
