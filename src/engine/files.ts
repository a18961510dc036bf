// Finds the files to analyse and reads them defensively: missing paths, binary data, invalid
// UTF-8 and huge files become per-file errors while the rest are still checked.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

export const DEFAULT_EXCLUDES = [
  '.venv', 'venv', 'env', '.env', 'node_modules', '__pycache__', '.git', '.hg', '.svn', 'build', 'dist',
  '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.ipynb_checkpoints', 'site-packages', '.eggs',
  '.next', '.nuxt', '.svelte-kit', '.parcel-cache', '.cache', 'coverage', 'bower_components', '.yarn', '.pnpm-store',
];

const EXTENSIONS = new Set(['.py', '.pyw', '.ipynb', '.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx']);

/** Declaration files and minified bundles are generated, not written: they are never searched for. */
function generated(name: string): boolean {
  return /\.d\.[cm]?ts$|[.-]min\.[cm]?js$|\.bundle\.[cm]?js$/i.test(name);
}

/** Scripts above this size are not analysed; notebooks may carry large outputs. */
export const MAX_SCRIPT_BYTES = 2 * 1024 * 1024;
export const MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024;

export interface PathProblem {
  path: string;
  message: string;
}

export interface Discovery {
  files: string[];
  /** Paths given on the command line that do not resolve (missing, or a symbolic link loop). */
  missing: PathProblem[];
  /** Directories (or named paths) that exist but cannot be read: their files are not checked. */
  unreadable: PathProblem[];
}

/** Why a path cannot be used, in words, keeping the system's code for searching. */
function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file or directory';
  if (code === 'ELOOP') return 'symbolic link loop (ELOOP): the link leads back to itself, so it names no file';
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  return `cannot read (${code ?? (e as Error).message})`;
}

export function discover(paths: string[], exclude: string[] = []): Discovery {
  const skipName = new Set(DEFAULT_EXCLUDES);
  const globs = exclude.length ? picomatch(exclude, { dot: true }) : undefined;
  const excluded = (p: string) => {
    if (!globs) return false;
    const rel = path.relative(process.cwd(), p).split(path.sep).join('/');
    return globs(rel) || globs(path.basename(p));
  };
  const files: string[] = [];
  const missing: PathProblem[] = [];
  const unreadable: PathProblem[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      unreadable.push({ path: dir, message: `cannot read directory: ${reason(e)}; the files in it were not checked` });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (excluded(full)) continue;
      if (e.isDirectory()) {
        if (!skipName.has(e.name) && !e.name.endsWith('.egg-info')) walk(full);
      } else if (e.isFile() && EXTENSIONS.has(path.extname(e.name).toLowerCase()) && !generated(e.name)) {
        files.push(full);
      }
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' ? missing : unreadable).push({ path: p, message: reason(e) });
      continue;
    }
    if (st.isDirectory()) walk(p);
    else files.push(p);
  }
  return { files: [...new Set(files)], missing, unreadable };
}

/** The text without its byte-order mark; `bom` says whether there was one, so a fix can keep it. */
export type ReadResult = { text: string; bom: boolean } | { error: string };

export function readSource(file: string): ReadResult {
  let buf: Buffer;
  try {
    const st = statSync(file);
    const limit = file.toLowerCase().endsWith('.ipynb') ? MAX_NOTEBOOK_BYTES : MAX_SCRIPT_BYTES;
    if (st.size > limit) return { error: `file too large (${(st.size / 1048576).toFixed(1)} MB; the limit is ${limit / 1048576} MB), not checked` };
    buf = readFileSync(file);
  } catch (e) {
    return { error: `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  if (buf.subarray(0, 8192).includes(0)) return { error: 'binary file, not checked' };
  try {
    // ignoreBOM keeps the mark in the decoded text, so we know it was there.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
    const bom = text.charCodeAt(0) === 0xfeff;
    return { text: bom ? text.slice(1) : text, bom };
  } catch {
    return { error: /\.(ipynb|pyw?)$/i.test(file) ? 'not valid UTF-8, not checked (Python source must be UTF-8 by default)' : 'not valid UTF-8, not checked' };
  }
}
