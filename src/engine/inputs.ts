// Files other than the analysed one that rules read (a sibling module, a data file's size, a CSV
// header, the nearest package.json). Each analysis records them with their size and modification
// time, so that a cached result is reused only while every one of them is unchanged.
import { closeSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';

/** A file as an analysis saw it; `size` -1 means it did not exist (or could not be read). */
export interface InputStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

let recording: Map<string, InputStamp> | undefined;

/** Runs `fn`, returning what it returned and the files read through this module meanwhile. */
export function recordInputs<T>(fn: () => T): { value: T; inputs: InputStamp[] } {
  const outer = recording;
  const seen = new Map<string, InputStamp>();
  recording = seen;
  try {
    return { value: fn(), inputs: [...seen.values()] };
  } finally {
    recording = outer;
    if (outer) for (const [k, v] of seen) outer.set(k, v);
  }
}

function stampFrom(file: string, st: Stats | undefined): InputStamp {
  return st ? { path: file, size: st.size, mtimeMs: st.mtimeMs } : { path: file, size: -1, mtimeMs: 0 };
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function note(file: string, st: Stats | undefined): void {
  if (recording && !recording.has(file)) recording.set(file, stampFrom(file, st));
}

/** `statSync`, recorded; undefined when the path is missing or unreadable. */
export function statInput(file: string): Stats | undefined {
  const st = statOrUndefined(file);
  note(file, st);
  return st;
}

/** A file's text when it exists and is at most `maxBytes` long, recorded. */
export function readInput(file: string, maxBytes = Infinity): string | undefined {
  const st = statInput(file);
  if (!st?.isFile() || st.size > maxBytes) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The first `bytes` bytes of a file, recorded. */
export function readInputHead(file: string, bytes: number): Buffer | undefined {
  const st = statInput(file);
  if (!st?.isFile()) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(Math.min(bytes, st.size));
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Notes that an analysis depended on `file` (read elsewhere, e.g. from a cache of its own). */
export function noteInput(file: string): void {
  if (recording && !recording.has(file)) note(file, statOrUndefined(file));
}

/** Whether every recorded file still has the size and modification time it had. */
export function inputsUnchanged(stamps: readonly InputStamp[]): boolean {
  for (const s of stamps) {
    const now = stampFrom(s.path, statOrUndefined(s.path));
    if (now.size !== s.size || now.mtimeMs !== s.mtimeMs) return false;
  }
  return true;
}
