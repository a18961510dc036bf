// Queries over a long window, in pieces: an instant query per chunk of the window, halving the chunk
// when Prometheus refuses it for its sample limit (--query.max-samples) or its timeout, so a week of
// a large job is read without tripping the server's limits.
import { Prometheus, PrometheusError, type Series } from './prometheus';

/** Chunks never shorter than this, nor more numerous than MAX_CHUNKS: beyond, the query is too wide. */
export const MIN_CHUNK_S = 1;
export const MAX_CHUNKS = 5000;
export const DEFAULT_CHUNK_S = 6 * 3600;

export interface ChunkedResult {
  /** Per chunk, in time order, the series the query returned at the chunk's end. */
  chunks: Series[][];
  chunkS: number;
}

/** `…[5m]` as Prometheus reads it, exact to the millisecond. */
export function rangeOf(seconds: number): string {
  return `${Math.max(1, Math.round(seconds * 1000))}ms`;
}

/**
 * Runs `build(range)` as an instant query at the end of each chunk of [fromS, toS]; `build` puts
 * the range (e.g. `3600000ms`) in its range selector. Halves the chunk when the server refuses.
 */
export async function chunked(prom: Prometheus, fromS: number, toS: number, build: (range: string) => string, startChunkS = DEFAULT_CHUNK_S): Promise<ChunkedResult> {
  let chunkS = Math.min(startChunkS, toS - fromS);
  for (;;) {
    try {
      const chunks: Series[][] = [];
      for (let start = fromS; start < toS - 1e-9; start += chunkS) {
        const end = Math.min(toS, start + chunkS);
        chunks.push(await prom.instant(build(rangeOf(end - start)), end));
      }
      return { chunks, chunkS };
    } catch (e) {
      if (!(e instanceof PrometheusError) || (e.kind !== 'too-many-samples' && e.kind !== 'timeout')) throw e;
      const next = chunkS / 2;
      if (next < MIN_CHUNK_S || (toS - fromS) / next > MAX_CHUNKS) {
        throw new PrometheusError(
          e.kind,
          `${e.message}. Splitting the window did not help (down to ${rangeOf(chunkS)} pieces): narrow the selector (fewer pods or GPUs), shorten the window (--last, --from/--to), or raise the server's --query.max-samples / --query.timeout.`,
          { cause: e },
        );
      }
      chunkS = next;
    }
  }
}

/** Labels without `__name__`, as a stable key. */
export function seriesKey(labels: Record<string, string>): string {
  return JSON.stringify(Object.entries(labels).filter(([k]) => k !== '__name__').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Sums each series' value over the chunks (for `increase(…[chunk])`). */
export function sumChunks(chunks: Series[][]): Map<string, { labels: Record<string, string>; value: number }> {
  const out = new Map<string, { labels: Record<string, string>; value: number }>();
  for (const chunk of chunks) {
    for (const s of chunk) {
      const v = s.points[0]?.[1];
      if (v === undefined) continue;
      const key = seriesKey(s.labels);
      const cur = out.get(key);
      if (cur) cur.value += v;
      else out.set(key, { labels: s.labels, value: v });
    }
  }
  return out;
}

/** Joins each series' raw samples over the chunks (for `metric[chunk]`), in time order, without duplicates. */
export function joinChunks(chunks: Series[][]): Map<string, Series> {
  const out = new Map<string, Series>();
  for (const chunk of chunks) {
    for (const s of chunk) {
      const key = seriesKey(s.labels);
      const cur = out.get(key);
      if (!cur) out.set(key, { labels: s.labels, points: [...s.points] });
      else {
        const last = cur.points[cur.points.length - 1]?.[0] ?? -Infinity;
        for (const p of s.points) if (p[0] > last) cur.points.push(p);
      }
    }
  }
  return out;
}

/**
 * Energy (J) from power samples (W): trapezoids between samples, plus half the typical interval at
 * each end of the series (a sample stands for the power around it, as Prometheus' own extrapolation
 * assumes); a gap longer than five typical intervals is a pause (the pod was gone), not integrated.
 */
export function integratePower(points: [number, number][]): { joules: number; firstS?: number; lastS?: number; intervalS?: number } {
  if (points.length === 0) return { joules: 0 };
  if (points.length === 1) return { joules: 0, firstS: points[0][0], lastS: points[0][0] };
  const gaps = points.slice(1).map((p, i) => p[0] - points[i][0]).sort((a, b) => a - b);
  const typical = gaps[Math.floor(gaps.length / 2)];
  let joules = 0;
  let segmentStart = 0;
  const closeSegment = (from: number, to: number) => {
    joules += (points[from][1] + points[to][1]) * (typical / 2);
  };
  for (let i = 1; i < points.length; i++) {
    const dt = points[i][0] - points[i - 1][0];
    if (dt > typical * 5) {
      closeSegment(segmentStart, i - 1);
      segmentStart = i;
      continue;
    }
    joules += ((points[i][1] + points[i - 1][1]) / 2) * dt;
  }
  closeSegment(segmentStart, points.length - 1);
  return { joules, firstS: points[0][0], lastS: points[points.length - 1][0], intervalS: typical };
}

/**
 * A range query over [fromS, toS], split in halves (recursively) while the server refuses it for
 * its sample limit or timeout; the pieces' points are joined per series.
 */
export async function rangeSplit(prom: Prometheus, query: string, fromS: number, toS: number, stepS: number): Promise<Series[]> {
  const pieces: Series[][] = [];
  const run = async (a: number, b: number): Promise<void> => {
    try {
      pieces.push(await prom.range(query, a, b, stepS));
    } catch (e) {
      if (!(e instanceof PrometheusError) || (e.kind !== 'too-many-samples' && e.kind !== 'timeout')) throw e;
      const steps = Math.floor((b - a) / stepS);
      if (steps < 2) throw new PrometheusError(e.kind, `${e.message}. Even one step of ${query} is over the limit: narrow the selector or raise the server's --query.max-samples.`, { cause: e });
      const mid = a + Math.floor(steps / 2) * stepS;
      await run(a, mid);
      await run(mid + stepS, b);
    }
  };
  await run(fromS, toS);
  return [...joinChunks(pieces).values()];
}
