// Every profile run of a workspace, kept on disk: an index (`history.json`, newest first) and one
// file per run with its full report. Writes are atomic (temporary file, fsync, rename); a file that
// cannot be read is set aside as `<name>.corrupt-<time>` and the history goes on without it.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RunSummary, RunView } from './model';
import { isRunSummary, isRunView } from './protocol';

export const HISTORY_SCHEMA = 'frugal.history/1';
export const DEFAULT_MAX_RUNS = 100;

/** What is kept of one run besides its summary: the report (frugal.profile/1) and its view. */
export interface StoredRun {
  report: unknown;
  view: RunView;
  /** The interpreter's version, when the probe reported it (for CodeCarbon's CSV). */
  pythonVersion?: string;
}

export interface LoadResult {
  runs: RunSummary[];
  /** Paths of files that could not be read and were set aside. */
  setAside: string[];
  /** Entries of the index that were not runs and were dropped. */
  dropped: number;
}

/** Writes `data` to `file` so that readers see the old or the new content, never a mix. */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

async function setAside(file: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dest = `${file}.corrupt-${stamp}`;
  await fs.rename(file, dest);
  return dest;
}

export class HistoryStore {
  private runs: RunSummary[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly maxRuns = DEFAULT_MAX_RUNS,
  ) {}

  get indexFile(): string {
    return path.join(this.dir, 'history.json');
  }

  private runFile(id: string): string {
    return path.join(this.dir, 'runs', `${id}.json`);
  }

  /** Runs newest first, as last loaded or written. */
  list(): RunSummary[] {
    return [...this.runs];
  }

  /** Reads the index from disk; a corrupt index is set aside and the history starts empty. */
  load(): Promise<LoadResult> {
    return this.serial(() => this.read());
  }

  private async read(): Promise<LoadResult> {
    let text: string;
    try {
      text = await fs.readFile(this.indexFile, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        this.runs = [];
        return { runs: [], setAside: [], dropped: 0 };
      }
      throw e;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const doc = parsed as { schema?: unknown; runs?: unknown } | undefined;
    if (!doc || doc.schema !== HISTORY_SCHEMA || !Array.isArray(doc.runs)) {
      const moved = await setAside(this.indexFile);
      this.runs = [];
      return { runs: [], setAside: [moved], dropped: 0 };
    }
    const runs = doc.runs.filter(isRunSummary);
    this.runs = runs.sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
    return { runs: this.list(), setAside: [], dropped: doc.runs.length - runs.length };
  }

  /** Adds a run (its file first, then the index); the oldest runs beyond the limit are removed. */
  add(summary: RunSummary, stored: StoredRun): Promise<RunSummary[]> {
    return this.serial(async () => {
      await writeFileAtomic(this.runFile(summary.id), JSON.stringify(stored));
      await this.read().catch(() => undefined);
      const runs = [summary, ...this.runs.filter((r) => r.id !== summary.id)];
      const removed = runs.splice(this.maxRuns);
      await this.writeIndex(runs);
      await Promise.all(removed.map((r) => fs.rm(this.runFile(r.id), { force: true })));
      return this.list();
    });
  }

  /** The stored report and view of a run; undefined when missing or unreadable (then set aside). */
  get(id: string): Promise<StoredRun | undefined> {
    return this.serial(async () => {
      if (!this.runs.some((r) => r.id === id)) return undefined;
      let text: string;
      try {
        text = await fs.readFile(this.runFile(id), 'utf8');
      } catch {
        return undefined;
      }
      try {
        const stored = JSON.parse(text) as StoredRun;
        if (stored && typeof stored === 'object' && isRunView(stored.view)) return stored;
      } catch {
        // fall through: set aside below
      }
      await setAside(this.runFile(id)).catch(() => undefined);
      return undefined;
    });
  }

  /** Replaces a run's summary and stored data (e.g. its emissions for another country). */
  update(summary: RunSummary, stored: StoredRun): Promise<RunSummary[]> {
    return this.serial(async () => {
      if (!this.runs.some((r) => r.id === summary.id)) return this.list();
      await writeFileAtomic(this.runFile(summary.id), JSON.stringify(stored));
      await this.writeIndex(this.runs.map((r) => (r.id === summary.id ? summary : r)));
      return this.list();
    });
  }

  remove(id: string): Promise<RunSummary[]> {
    return this.serial(async () => {
      await this.writeIndex(this.runs.filter((r) => r.id !== id));
      await fs.rm(this.runFile(id), { force: true });
      return this.list();
    });
  }

  private async writeIndex(runs: RunSummary[]): Promise<void> {
    await writeFileAtomic(this.indexFile, JSON.stringify({ schema: HISTORY_SCHEMA, runs }, null, 1));
    this.runs = runs;
  }

  /** Runs store operations one at a time, in call order. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
