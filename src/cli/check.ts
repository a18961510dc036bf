// `frugal check`: analyse files, optionally apply safe fixes (or show them as a diff), report.
// Files are checked in worker threads when there are enough of them, and results are reused
// from the content cache (./cache.ts); the report is the same, in the same order, either way.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createTwoFilesPatch } from 'diff';
import { Configs, createAnalyzer, type AnalysisResult, type Analyzer, type AnalyzerOptions } from '../engine/analyzer';
import { applyNotebookFixes, applyTextFixes } from '../engine/fix/apply';
import type { FileError, Finding } from '../engine/types';
import { discover, readSource, type PathProblem } from '../engine/files';
import { CheckCache, contentHash } from './cache';
import type { CheckOutput } from './format';

export interface CheckOptions {
  paths: string[];
  fix: boolean;
  diff: boolean;
  /** Apply unsafe fixes too (`--unsafe-fixes`). */
  unsafeFixes: boolean;
  /** Extra exclude globs from the command line or configuration. */
  exclude: string[];
}

export interface TreeOptions extends CheckOptions {
  /** How the analyzer is made (in this thread and in each worker). */
  analyzer: AnalyzerOptions;
  /** Worker threads at most (1: this thread only). */
  jobs: number;
  /** The content cache, or undefined with `--no-cache`. */
  cache?: { root: string; engine: string };
}

export interface CheckRun extends CheckOutput {
  /** Paths given that do not resolve (exit 2). */
  missing: string[];
  /** With `--diff`: one unified diff per file that the fixes would change (`fixed` counts them). */
  diffs: string[];
}

/** Batches of fixes applied together before the file is re-analysed; then one fix at a time. */
const MAX_FIX_PASSES = 3;

/** What identifies a finding across edits that move it: its rule, its message, its cell. */
function findingKey(f: Finding): string {
  return `${f.code}\0${f.message}\0${f.cell ?? ''}`;
}

function countByKey(findings: Finding[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of findings) out.set(findingKey(f), (out.get(findingKey(f)) ?? 0) + 1);
  return out;
}

/**
 * Applies the fixes of `result` (safe ones, unsafe ones too with `unsafe`) and re-analyses.
 * A fix is kept only when the file still parses (if it did) and its finding is gone: a batch
 * that fails either test is retried one fix at a time, and a fix that fails alone is dropped.
 */
function applyFixes(analyzer: Analyzer, file: string, text: string, result: AnalysisResult, unsafe: boolean): { text: string; result: AnalysisResult; fixed: number } {
  const notebook = result.language === 'notebook';
  const rejected = new Set<string>();
  let fixed = 0;
  let batches = 0;
  // Each accepted step removes at least one finding, so this bounds the work on any file.
  const steps = 4 * result.findings.length + MAX_FIX_PASSES;
  for (let step = 0; step < steps; step++) {
    const candidates = result.findings.filter((f) => f.fix && (f.fix.safety === 'safe' || unsafe) && !rejected.has(findingKey(f)));
    if (candidates.length === 0) break;
    const batch = batches < MAX_FIX_PASSES && candidates.length > 1;
    const chosen = batch ? candidates : candidates.slice(0, 1);
    const applied = notebook ? applyNotebookFixes(text, chosen.map((f) => f.fix!)) : applyTextFixes(text, chosen.map((f) => f.fix!));
    const next = applied.applied > 0 && applied.text !== text ? analyzer.analyze(applied.text, { path: file }) : undefined;
    if (next && fixesHeld(result, next, chosen)) {
      fixed += chosen.length;
      text = applied.text;
      result = next;
      if (batch) batches++;
      continue;
    }
    if (batch) batches = MAX_FIX_PASSES;
    else rejected.add(findingKey(chosen[0]));
  }
  return { text, result, fixed };
}

/** The edited file parses whenever the original did, and every chosen finding is gone. */
function fixesHeld(before: AnalysisResult, after: AnalysisResult, chosen: Finding[]): boolean {
  if (after.syntaxErrors && !before.syntaxErrors) return false;
  const was = countByKey(before.findings);
  const now = countByKey(after.findings);
  const wanted = countByKey(chosen);
  for (const [key, n] of wanted) if ((now.get(key) ?? 0) > (was.get(key) ?? 0) - n) return false;
  return true;
}

/** What checking one file gave, before the run's reports are merged in file order. */
export interface FileOutcome {
  /** The file could not be read (binary, too large, not UTF-8, gone). */
  readError?: string;
  result?: AnalysisResult;
  fixed: number;
  diff?: string;
  /** The fixes could not be written; the file is unchanged. */
  writeError?: string;
  /** A cache entry was written for it. */
  cached?: boolean;
}

/** What a cached result depends on besides the text: the path and the file's whole resolved configuration. */
function cacheContext(configs: Configs, file: string, opts: CheckOptions): string {
  return JSON.stringify([configs.configFor(file), opts.fix, opts.diff, opts.unsafeFixes]);
}

/** A cached result can stand for a run that fixes only when it has nothing the run would fix. */
function usable(result: AnalysisResult, opts: CheckOptions): boolean {
  return !(opts.fix || opts.diff) || !result.findings.some((f) => f.fix && (f.fix.safety === 'safe' || opts.unsafeFixes));
}

/**
 * Checks one file: read, analyse, apply fixes, write them (or diff them). With `cache`, the result
 * is stored there; the caller has already looked the file up and missed.
 */
export function checkFile(analyzer: Analyzer, file: string, opts: CheckOptions, cache?: { cache: CheckCache; configs: Configs }): FileOutcome {
  const read = readSource(file);
  if ('error' in read) return { readError: read.error, fixed: 0 };
  let text = read.text;
  const original = analyzer.analyze(text, { path: file });
  let result = original;
  const outcome: FileOutcome = { fixed: 0 };
  if (opts.fix || opts.diff) {
    const fixedRun = applyFixes(analyzer, file, text, result, opts.unsafeFixes);
    text = fixedRun.text;
    result = fixedRun.result;
    outcome.fixed = fixedRun.fixed;
    if (text !== read.text && opts.diff) outcome.diff = createTwoFilesPatch(file, file, read.text, text, '', '', { context: 3 });
    else if (text !== read.text) {
      try {
        writeFileSync(file, (read.bom ? '\ufeff' : '') + text);
      } catch (e) {
        // One file that cannot be written must not stop the others from being fixed.
        outcome.writeError = `cannot write the fixes (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the file is unchanged`;
        result = original;
        text = read.text;
        outcome.fixed = 0;
      }
    }
    // With --diff the findings are those of the file as it is; the diff shows what --fix would change.
    if (opts.diff) {
      result = original;
      text = read.text;
    }
  }
  outcome.result = result;
  // What is stored is the analysis of the text now on disk, so a fixed file hits next time.
  if (cache && !result.errors.some((e) => e.kind === 'error' && e.path === file)) {
    cache.cache.put(file, cacheContext(cache.configs, file, opts), contentHash(text), result);
    outcome.cached = true;
  }
  return outcome;
}

/** Merges per-file outcomes, in the order of `files`, into the run's report. */
function merge(files: string[], outcomes: FileOutcome[], discovery: { missing: PathProblem[]; unreadable: PathProblem[] }, opts: CheckOptions): CheckRun {
  const { missing, unreadable } = discovery;
  const findings: Finding[] = [];
  const errors: FileError[] = [...missing, ...unreadable].map((p) => ({ ...p, kind: 'error' }));
  // Paths whose content was not analysed: the summary counts them apart from the checked files.
  const notChecked = new Set(errors.map((e) => e.path));
  const diffs: string[] = [];
  const warned = new Set<string>();
  let fixed = 0;
  let keptBack = 0;
  files.forEach((file, i) => {
    const o = outcomes[i];
    if (o.readError !== undefined || !o.result) {
      errors.push({ path: file, message: o.readError ?? 'not checked', kind: 'error' });
      notChecked.add(file);
      return;
    }
    if (o.diff !== undefined) diffs.push(o.diff);
    if (o.writeError !== undefined) errors.push({ path: file, message: o.writeError, kind: 'error' });
    fixed += o.fixed;
    const result = o.result;
    for (const e of result.errors) {
      const key = `${e.path}\0${e.message}`;
      if (e.kind === 'warning' && warned.has(key)) continue;
      warned.add(key);
      errors.push(e);
      if (e.kind === 'error' && e.path === file) notChecked.add(file);
    }
    if (result.syntaxErrors) errors.push({ path: file, message: 'syntax errors; findings cover the parts that parse', kind: 'warning' });
    findings.push(...result.findings);
    keptBack += result.keptBack ?? 0;
  });
  const checked = files.filter((f) => !notChecked.has(f)).length;
  return { findings, errors, checked, notChecked: notChecked.size, fixed, keptBack, unsafeFixes: opts.unsafeFixes, missing: missing.map((m) => m.path), diffs };
}

/** Checks every file in this thread with `analyzer` (no cache). */
export function check(analyzer: Analyzer, opts: CheckOptions): CheckRun {
  const discovery = discover(opts.paths, opts.exclude);
  const outcomes = discovery.files.map((file) => checkFile(analyzer, file, opts));
  return merge(discovery.files, outcomes, discovery, opts);
}

/** Below this many files to analyse, starting workers costs more than it saves. */
export const MIN_PARALLEL_FILES = 24;
/** Each worker should get at least this many files. */
const FILES_PER_WORKER = 12;

/**
 * One worker per core from three cores up. On two, one Node thread already keeps both cores busy
 * (V8 compiles and collects garbage beside it): two workers measured 0.86–1.06× one thread on
 * 30k–300k lines, for half as much memory again, so the default there is one thread.
 */
export function defaultJobs(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return cores >= 3 ? cores : 1;
}

/**
 * `frugal check` over paths: cached results first (in this thread), then the other files in
 * worker threads when there are enough of them, else here. Same report, same order.
 */
export async function checkTree(opts: TreeOptions): Promise<CheckRun> {
  const discovery = discover(opts.paths, opts.exclude);
  const { files } = discovery;
  const outcomes: FileOutcome[] = new Array(files.length);
  const configs = new Configs(opts.analyzer);
  const cache = opts.cache && new CheckCache(opts.cache.root, opts.cache.engine);
  const pending: number[] = [];
  files.forEach((file, i) => {
    if (!cache) return pending.push(i);
    const read = readSource(file);
    if ('error' in read) {
      outcomes[i] = { readError: read.error, fixed: 0 };
      return;
    }
    const hit = cache.get(file, cacheContext(configs, file, opts), contentHash(read.text));
    if (hit && usable(hit, opts)) outcomes[i] = { result: hit, fixed: 0 };
    else pending.push(i);
  });
  const workers = Math.min(opts.jobs, Math.floor(pending.length / FILES_PER_WORKER));
  if (pending.length >= MIN_PARALLEL_FILES && workers > 1) {
    await inWorkers(files, pending, outcomes, opts, workers);
  } else if (pending.length) {
    const analyzer = await createAnalyzer(opts.analyzer);
    try {
      const shared = cache && { cache, configs };
      for (const i of pending) outcomes[i] = checkFile(analyzer, files[i], opts, shared);
    } finally {
      analyzer.dispose();
    }
  }
  if (cache) {
    if (outcomes.some((o) => o.cached)) cache.noteWrote();
    cache.clean();
  }
  return merge(files, outcomes, discovery, opts);
}

interface WorkerInit {
  frugalCheckWorker: true;
  opts: TreeOptions;
}

type ToWorker = { index: number; file: string } | { stop: true };
type FromWorker = { ready: true } | { index: number; outcome: FileOutcome } | { failed: string };

/** Hands the pending files out one by one (two in flight per worker) and collects the outcomes. */
function inWorkers(files: string[], pending: number[], outcomes: FileOutcome[], opts: TreeOptions, count: number): Promise<void> {
  let next = 0;
  let left = pending.length;
  const init: WorkerInit = { frugalCheckWorker: true, opts };
  return new Promise<void>((resolve, reject) => {
    const pool: Worker[] = [];
    const finish = (e?: Error) => {
      for (const w of pool) void w.terminate();
      if (e) reject(e);
      else resolve();
    };
    const feed = (w: Worker) => {
      if (next < pending.length) {
        const index = pending[next++];
        w.postMessage({ index, file: files[index] } satisfies ToWorker);
      }
    };
    for (let k = 0; k < count; k++) {
      const w = new Worker(__filename, { workerData: init });
      pool.push(w);
      w.on('message', (m: FromWorker) => {
        if ('ready' in m) {
          feed(w);
          feed(w);
        } else if ('failed' in m) finish(new Error(m.failed));
        else {
          outcomes[m.index] = m.outcome;
          feed(w);
          if (--left === 0) finish();
        }
      });
      w.on('error', (e: Error) => finish(e));
      w.on('exit', (code) => {
        if (left > 0 && code !== 0) finish(new Error(`a check worker exited with code ${code}`));
      });
    }
  });
}

/** A worker: one analyzer, files in, outcomes out; the cache is written here too. */
async function serveWorker(init: WorkerInit): Promise<void> {
  const port = parentPort!;
  const { opts } = init;
  try {
    const analyzer = await createAnalyzer(opts.analyzer);
    const shared = opts.cache && { cache: new CheckCache(opts.cache.root, opts.cache.engine), configs: new Configs(opts.analyzer) };
    port.on('message', (m: ToWorker) => {
      if ('stop' in m) return port.close();
      let outcome: FileOutcome;
      try {
        outcome = checkFile(analyzer, m.file, opts, shared);
      } catch (e) {
        outcome = { readError: `internal error while checking: ${(e as Error).message}`, fixed: 0 };
      }
      port.postMessage({ index: m.index, outcome } satisfies FromWorker);
    });
    port.postMessage({ ready: true } satisfies FromWorker);
  } catch (e) {
    port.postMessage({ failed: (e as Error).message } satisfies FromWorker);
  }
}

if (!isMainThread && (workerData as Partial<WorkerInit> | null)?.frugalCheckWorker) void serveWorker(workerData as WorkerInit);
