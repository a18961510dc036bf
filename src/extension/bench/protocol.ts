// Messages between the extension and the Benchmark view, and their validation (both sides check
// what they receive). No `vscode` here: the webview bundle imports it too.
import type { BenchReport } from '../../bench/types';

export const MAX_BENCH_HISTORY = 20;

/** One benchmark kept in the history: the report with the names to show. */
export interface BenchEntry {
  id: string;
  startedAt: string;
  /** Model paths as shown (relative to the workspace when inside it), the first one benchmarked, then the compared ones. */
  labels: string[];
  report: BenchReport;
}

export interface BenchLive {
  id: string;
  label: string;
  done: number;
  total: number;
  message: string;
}

export interface BenchSnapshot {
  trusted: boolean;
  live?: BenchLive;
  error?: string;
  history: BenchEntry[];
}

export type BenchHostMessage =
  | { type: 'init'; state: BenchSnapshot }
  | { type: 'progress'; live: BenchLive }
  | { type: 'result'; entry: BenchEntry }
  | { type: 'failed'; message: string };

export type BenchWebviewMessage =
  | { type: 'ready' }
  | { type: 'run' }
  | { type: 'stop' }
  | { type: 'copy'; text: string }
  | { type: 'compare'; id: string }
  | { type: 'rendered'; id: string; rows: number };

const ID = /^[\w-]{1,64}$/;

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function only(m: Record<string, unknown>, keys: string[]): boolean {
  return Object.keys(m).every((k) => keys.includes(k));
}

export function parseBenchWebviewMessage(raw: unknown): BenchWebviewMessage | undefined {
  if (!isObj(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
    case 'run':
    case 'stop':
      return only(raw, ['type']) ? { type: raw.type } : undefined;
    case 'copy':
      return only(raw, ['type', 'text']) && typeof raw.text === 'string' && raw.text.length <= 10_000 ? { type: 'copy', text: raw.text } : undefined;
    case 'compare':
      return only(raw, ['type', 'id']) && typeof raw.id === 'string' && ID.test(raw.id) ? { type: 'compare', id: raw.id } : undefined;
    case 'rendered':
      return only(raw, ['type', 'id', 'rows']) && typeof raw.id === 'string' && ID.test(raw.id) && Number.isInteger(raw.rows) && (raw.rows as number) >= 0 ? { type: 'rendered', id: raw.id, rows: raw.rows as number } : undefined;
    default:
      return undefined;
  }
}

function isEntry(x: unknown): x is BenchEntry {
  return isObj(x) && typeof x.id === 'string' && ID.test(x.id) && typeof x.startedAt === 'string' && Array.isArray(x.labels) && isObj(x.report) && x.report.schema === 'frugal.bench/1' && Array.isArray(x.report.runs);
}

function isLive(x: unknown): x is BenchLive {
  return isObj(x) && typeof x.id === 'string' && typeof x.label === 'string' && typeof x.done === 'number' && typeof x.total === 'number' && typeof x.message === 'string';
}

export function parseBenchHostMessage(raw: unknown): BenchHostMessage | undefined {
  if (!isObj(raw)) return undefined;
  switch (raw.type) {
    case 'init': {
      const s = raw.state;
      return isObj(s) && typeof s.trusted === 'boolean' && Array.isArray(s.history) && s.history.every(isEntry) && (s.live === undefined || isLive(s.live)) ? (raw as BenchHostMessage) : undefined;
    }
    case 'progress':
      return isLive(raw.live) ? (raw as BenchHostMessage) : undefined;
    case 'result':
      return isEntry(raw.entry) ? (raw as BenchHostMessage) : undefined;
    case 'failed':
      return typeof raw.message === 'string' ? (raw as BenchHostMessage) : undefined;
    default:
      return undefined;
  }
}

/** Reads a stored history: the entries that are benchmarks, newest first, at most MAX_BENCH_HISTORY. */
export function parseBenchHistory(raw: unknown): BenchEntry[] {
  return Array.isArray(raw) ? raw.filter(isEntry).slice(0, MAX_BENCH_HISTORY) : [];
}
