// `npm run bench:scale` (part of `npm run bench`): `frugal check` on synthetic repositories of
// 30k, 100k and 300k lines made of copies of the Python files in this repository (examples/,
// test/realcode/, test/corpus*/) under varied names. For each: a cold single-threaded run
// (--jobs 1 --no-cache), a cold run on every core with an empty cache, and a rerun on the cache
// it left; wall time (median of BENCH_SCALE_ROUNDS runs) and the process's peak resident memory.
import { spawn, spawnSync } from 'node:child_process';
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
writeFileSync(
  hook,
  "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeSync(2, `\\nFRUGAL_USAGE ${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}\\n`); });\n",
);

function run(dir, args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', hook, CLI, 'check', dir, '--format', 'json', '--exit-zero', '--no-config', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`frugal check failed (${r.status}): ${r.stderr}`);
  const usage = /FRUGAL_USAGE (\d+) (\d+)/.exec(r.stderr);
  return { ms, rssMb: Number(usage?.[1] ?? NaN) / 1024, cpuMs: Number(usage?.[2] ?? NaN) / 1000, findings: JSON.parse(r.stdout).findings.length, out: r.stdout };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(make) {
  const runs = [];
  for (let i = 0; i < ROUNDS; i++) runs.push(make());
  return { ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)), rssMb: Math.max(...runs.map((r) => r.rssMb)), findings: runs[0].findings, out: runs[0].out };
}

/** `cores` independent single-threaded processes at once, each on its share of the folders: what the hardware allows. */
function ceiling(dir, cores) {
  const folders = readdirSync(dir).sort().map((f) => path.join(dir, f));
  const shares = Array.from({ length: cores }, (_, k) => folders.filter((_, i) => i % cores === k));
  const t = process.hrtime.bigint();
  return Promise.all(
    shares.map(
      (share) =>
        new Promise((resolve, reject) => {
          const child = spawn(process.execPath, [CLI, 'check', ...share, '--format', 'json', '--exit-zero', '--no-config', '--jobs', '1', '--no-cache'], { stdio: 'ignore' });
          child.on('error', reject);
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`frugal check exited with ${code}`))));
        }),
    ),
  ).then(() => Number(process.hrtime.bigint() - t) / 1e6);
}

const cores = os.availableParallelism();
const s1 = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`scale: synthetic repositories of copies of ${sources.length} Python files of this repository; ${cores} cores; ${ROUNDS} runs each, median wall (CPU time of all threads in brackets); node ${process.version}`);
console.log(
  `${'lines'.padStart(8)} ${'files'.padStart(6)}  ${'cold, 1 thread'.padStart(20)}  ${'cold, parallel'.padStart(20)}  ${'speed-up'.padStart(8)}  ${'cached'.padStart(7)} ${'of cold'.padStart(8)}  ${'ms/kloc'.padStart(8)}  peak memory (1 thread / parallel / cached)`,
);
const rows = [];
let last;
for (const size of SIZES) {
  const repo = generate(size);
  try {
    const single = measure(() => run(repo.dir, ['--jobs', '1', '--no-cache']));
    const cacheDirs = [];
    const parallel = measure(() => {
      const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'frugal-scale-cache-'));
      cacheDirs.push(cacheDir);
      return run(repo.dir, ['--cache-dir', cacheDir, '--jobs', String(cores)]);
    });
    const cached = measure(() => run(repo.dir, ['--cache-dir', cacheDirs[0], '--jobs', String(cores)]));
    if (parallel.out !== single.out || cached.out !== single.out) throw new Error('the parallel or cached report differs from the single-threaded one');
    for (const d of cacheDirs) rmSync(d, { recursive: true, force: true });
    const row = { ...repo, single, parallel, cached };
    if (size === SIZES[SIZES.length - 1] && cores > 1) {
      const times = [];
      for (let i = 0; i < ROUNDS; i++) times.push(await ceiling(repo.dir, cores));
      row.ceiling = median(times);
    }
    rows.push(row);
    const pair = (r) => `${s1(r.ms)} (${s1(r.cpuMs)} CPU)`.padStart(20);
    console.log(
      `${String(repo.lines).padStart(8)} ${String(repo.files).padStart(6)}  ${pair(single)}  ${pair(parallel)}  ${(single.ms / parallel.ms).toFixed(2).padStart(7)}×  ${s1(cached.ms).padStart(7)} ${`${((cached.ms / Math.min(single.ms, parallel.ms)) * 100).toFixed(1)}%`.padStart(8)}  ${((single.ms / repo.lines) * 1000).toFixed(2).padStart(8)}  ${single.rssMb.toFixed(0)} / ${parallel.rssMb.toFixed(0)} / ${cached.rssMb.toFixed(0)} MB  (${single.findings} findings)`,
    );
    if (last) console.log(`${''.padStart(17)}marginal cost ${last.lines} → ${repo.lines} lines: ${(((single.ms - last.single.ms) / (repo.lines - last.lines)) * 1000).toFixed(2)} ms per 1,000 lines`);
    last = row;
  } finally {
    rmSync(repo.dir, { recursive: true, force: true });
  }
}
rmSync(path.dirname(hook), { recursive: true, force: true });
if (rows.length > 1) {
  const [a, b] = [rows[0], rows[rows.length - 1]];
  console.log(`growth ${a.lines} → ${b.lines} lines: time ×${(b.single.ms / a.single.ms).toFixed(2)} for lines ×${(b.lines / a.lines).toFixed(2)}; peak memory ×${(b.single.rssMb / a.single.rssMb).toFixed(2)} (1 thread), ×${(b.parallel.rssMb / a.parallel.rssMb).toFixed(2)} (parallel)`);
}
const top = rows[rows.length - 1];
if (top?.ceiling) {
  console.log(
    `hardware ceiling at ${top.lines} lines: ${cores} independent single-threaded processes on ${cores} shares of the folders finish in ${s1(top.ceiling)}, ${(top.single.ms / top.ceiling).toFixed(2)}× one process; the worker pool reaches ${(top.single.ms / top.parallel.ms).toFixed(2)}×; one process alone keeps ${(top.single.cpuMs / top.single.ms).toFixed(2)} cores busy (compiler and garbage-collector threads)`,
  );
}
