// One clock for every timestamp: epoch milliseconds that never jump (performance.now() anchored
// at the process's start), so NTP corrections during a run cannot distort an interval.
import { performance } from 'node:perf_hooks';

export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
