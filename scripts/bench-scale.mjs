// `npm run bench:scale` (part of `npm run bench`): `frugal check` on synthetic repositories of
// 30k, 100k and 300k lines made of copies of the real files in this repository (examples/,
// test/realcode/, test/corpus*/) under varied names. For each: a cold single-threaded run
// (--jobs 1 --no-cache), a cold run on every core with an empty cache, and a rerun on the cache
// it left; wall time (median of BENCH_SCALE_ROUNDS runs) and the process's peak resident memory.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const CLI = path.join(root, 'dist', 'cli.js');
const ROUNDS = Number(process.env.BENCH_SCALE_ROUNDS ?? 3);
const SIZES = (process.env.BENCH_SCALE_LINES ?? '30000,100000,300000').split(',').map(Number);
const LINES_PER_FILE = 300;

function pythonFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return pythonFiles(full);
      return e.name.endsWith('.py') ? [full] : [];
    });
}

const sources = [
  ...pythonFiles(path.join(root, 'examples')),
  ...pythonFiles(path.join(root, 'test', 'realcode')),
  ...readdirSync(path.join(root, 'test')).filter((d) => /^corpus\d*$/.test(d)).flatMap((d) => pythonFiles(path.join(root, 'test', d))),
].map((f) => ({ name: path.basename(f, '.py'), text: readFileSync(f, 'utf8') }));

/**
 * A repository of about `lines` lines in files of about 300: each file is one or more real files
 * joined whole (so it parses as they do), named after the first with a number, 20 files a folder.
 */
function generate(lines) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `frugal-scale-${lines}-`));
  let total = 0;
  let files = 0;
  let next = 0;
  while (total < lines) {
    const parts = [];
    let n = 0;
    while (n < LINES_PER_FILE) {
      const s = sources[next++ % sources.length];
      parts.push(s);
      n += s.text.split('\n').length;
    }
    const folder = path.join(dir, `pkg_${String(Math.floor(files / 20)).padStart(3, '0')}`);
    mkdirSync(folder, { recursive: true });
    const text = parts.map((p) => p.text).join('\n\n');
    writeFileSync(path.join(folder, `${parts[0].name}_${files}.py`), text);
    total += text.split('\n').length;
    files++;
  }
  return { dir, files, lines: total };
}

// Peak resident memory of the whole process (all its threads), printed by the process itself.
const hook = path.join(mkdtempSync(path.join(os.tmpdir(), 'frugal-scale-hook-')), 'rss.cjs');
writeFileSync(hook, "process.on('exit', () => require('fs').writeSync(2, `\\nFRUGAL_MAXRSS_KB ${process.resourceUsage().maxRSS}\\n`));\n");

function run(dir, args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', hook, CLI, 'check', dir, '--format', 'json', '--exit-zero', '--no-config', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`frugal check failed (${r.status}): ${r.stderr}`);
  const rss = Number(/FRUGAL_MAXRSS_KB (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { ms, rssMb: rss / 1024, findings: JSON.parse(r.stdout).findings.length, out: r.stdout };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(make) {
  const runs = [];
  for (let i = 0; i < ROUNDS; i++) runs.push(make());
  return { ms: median(runs.map((r) => r.ms)), rssMb: Math.max(...runs.map((r) => r.rssMb)), findings: runs[0].findings, out: runs[0].out };
}

const cores = os.availableParallelism();
console.log(`scale: synthetic repositories of copies of ${sources.length} real files; ${cores} cores; ${ROUNDS} runs each, median wall; node ${process.version}`);
console.log(`${'lines'.padStart(8)} ${'files'.padStart(6)}  ${'cold 1 thread'.padStart(14)} ${'cold parallel'.padStart(14)} ${'speed-up'.padStart(9)} ${'cached'.padStart(9)} ${'cached/cold'.padStart(12)}  ${'ms/kloc (1 thread)'.padStart(19)}  peak memory (1 thread / parallel / cached)`);
const rows = [];
for (const size of SIZES) {
  const repo = generate(size);
  try {
    const single = measure(() => run(repo.dir, ['--jobs', '1', '--no-cache']));
    const cacheDirs = [];
    const parallel = measure(() => {
      const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'frugal-scale-cache-'));
      cacheDirs.push(cacheDir);
      return run(repo.dir, ['--cache-dir', cacheDir]);
    });
    const cached = measure(() => run(repo.dir, ['--cache-dir', cacheDirs[0]]));
    if (parallel.out !== single.out || cached.out !== single.out) throw new Error('the parallel or cached report differs from the single-threaded one');
    for (const d of cacheDirs) rmSync(d, { recursive: true, force: true });
    const row = { ...repo, single, parallel, cached };
    rows.push(row);
    console.log(
      `${String(repo.lines).padStart(8)} ${String(repo.files).padStart(6)}  ${(single.ms / 1000).toFixed(2).padStart(12)} s ${(parallel.ms / 1000).toFixed(2).padStart(12)} s ${(single.ms / parallel.ms).toFixed(2).padStart(8)}× ${(cached.ms / 1000).toFixed(2).padStart(7)} s ${((cached.ms / parallel.ms) * 100).toFixed(1).padStart(11)}%  ${((single.ms / repo.lines) * 1000).toFixed(2).padStart(19)}  ${single.rssMb.toFixed(0)} / ${parallel.rssMb.toFixed(0)} / ${cached.rssMb.toFixed(0)} MB  (${single.findings} findings)`,
    );
  } finally {
    rmSync(repo.dir, { recursive: true, force: true });
  }
}
rmSync(path.dirname(hook), { recursive: true, force: true });
if (rows.length > 1) {
  const [a, b] = [rows[0], rows[rows.length - 1]];
  const growth = (b.single.ms / a.single.ms) / (b.lines / a.lines);
  console.log(`growth ${a.lines} → ${b.lines} lines: time ×${(b.single.ms / a.single.ms).toFixed(2)} for lines ×${(b.lines / a.lines).toFixed(2)} (1.00 is linear: ${growth.toFixed(2)}); peak memory ×${(b.single.rssMb / a.single.rssMb).toFixed(2)}`);
}
