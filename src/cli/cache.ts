// The content cache of `frugal check`, after ruff's: `.frugal_cache/<engine>/` holds one entry per
// file and configuration, keyed by the engine build, the file's path and its resolved settings,
// and valid while the file's content (by hash) and every other file its rules read are the same.
// Entries are written to a temporary name and renamed, so concurrent runs never read half an
// entry; entries of other engine builds, of deleted files and long unused ones are removed.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { AnalysisResult } from '../engine/analyzer';
import { inputsUnchanged } from '../engine/inputs';

declare const __FRUGAL_ENGINE_ID__: string | undefined;

/** The engine build: set by the bundler from the engine's sources; unbundled code uses the version. */
export function engineId(version: string): string {
  return typeof __FRUGAL_ENGINE_ID__ === 'string' ? __FRUGAL_ENGINE_ID__ : `${version}-unbundled`;
}

export const CACHE_DIR_NAME = '.frugal_cache';

/** Unused entries older than this are removed when a run cleans the cache. */
const MAX_UNUSED_AGE_MS = 30 * 24 * 3600 * 1000;
/** A temporary file older than this was left by a run that died. */
const STALE_TMP_MS = 3600 * 1000;

interface Entry {
  /** Absolute path of the file the entry is for. */
  path: string;
  /** SHA-256 of its text. */
  content: string;
  result: AnalysisResult;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export class CheckCache {
  readonly dir: string;
  private readonly used = new Set<string>();
  private wrote = false;

  /** `root`: the `.frugal_cache` folder; entries go under its sub-folder for this engine build. */
  constructor(
    readonly root: string,
    readonly engine: string,
  ) {
    this.dir = path.join(root, engine.replace(/[^\w.-]/g, '_'));
  }

  private keyOf(file: string, context: string): string {
    return createHash('sha256').update(path.resolve(file)).update('\0').update(file).update('\0').update(context).digest('hex').slice(0, 40);
  }

  private entryPath(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }

  /** The cached result for `file` with this text and configuration, when it still holds. */
  get(file: string, context: string, hash: string): AnalysisResult | undefined {
    const key = this.keyOf(file, context);
    this.used.add(key);
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(this.entryPath(key), 'utf8')) as Entry;
    } catch {
      return undefined;
    }
    if (entry.content !== hash || entry.path !== path.resolve(file)) return undefined;
    if (entry.result.inputs && !inputsUnchanged(entry.result.inputs)) return undefined;
    return entry.result;
  }

  put(file: string, context: string, hash: string, result: AnalysisResult): void {
    const key = this.keyOf(file, context);
    this.used.add(key);
    const entry: Entry = { path: path.resolve(file), content: hash, result };
    const target = this.entryPath(key);
    const tmp = `${target}.${process.pid}.${threadId}.tmp`;
    try {
      mkdirSync(this.dir, { recursive: true });
      this.markRoot();
      writeFileSync(tmp, JSON.stringify(entry));
      renameSync(tmp, target);
      this.wrote = true;
    } catch {
      // A cache that cannot be written only costs speed.
      try {
        unlinkSync(tmp);
      } catch {
        // Never written.
      }
    }
  }

  /** Another thread wrote entries for this run (its keys were looked up here first). */
  noteWrote(): void {
    this.wrote = true;
  }

  /** Tells tools the folder is a cache (CACHEDIR.TAG) and keeps it out of Git, as ruff does. */
  private markRoot(): void {
    const tag = path.join(this.root, 'CACHEDIR.TAG');
    try {
      statSync(tag);
    } catch {
      writeFileSync(tag, 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by frugal.\n');
      writeFileSync(path.join(this.root, '.gitignore'), '# Automatically created by frugal.\n*\n');
    }
  }

  /**
   * Removes what no run will read again: other engine builds' folders and, after a run that
   * wrote entries, entries unused by it whose file is gone or that are older than 30 days.
   */
  clean(now = Date.now()): void {
    let builds: string[];
    try {
      builds = readdirSync(this.root);
    } catch {
      return;
    }
    const own = path.basename(this.dir);
    for (const b of builds) {
      const full = path.join(this.root, b);
      if (b === own || b === 'CACHEDIR.TAG' || b === '.gitignore') continue;
      try {
        if (statSync(full).isDirectory()) rmSync(full, { recursive: true, force: true });
      } catch {
        // Another run removed it first.
      }
    }
    if (!this.wrote) return;
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(this.dir, name);
      try {
        if (name.endsWith('.tmp')) {
          if (now - statSync(full).mtimeMs > STALE_TMP_MS) unlinkSync(full);
          continue;
        }
        const key = name.replace(/\.json$/, '');
        if (this.used.has(key)) continue;
        if (now - statSync(full).mtimeMs > MAX_UNUSED_AGE_MS) {
          unlinkSync(full);
          continue;
        }
        const entry = JSON.parse(readFileSync(full, 'utf8')) as Entry;
        if (!statSync(entry.path, { throwIfNoEntry: false })) unlinkSync(full);
      } catch {
        // Being written or removed by another run, or not ours: left alone.
      }
    }
  }
}
