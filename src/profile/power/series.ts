// A power time series from a sensor (nvidia-smi, amd-smi, powermetrics) and its energy by the
// trapezoid rule, clipped to a window with linear interpolation at the edges.

export type Point = readonly [tMs: number, watts: number];

/** Energy (J) of `points` (sorted by time) between `startMs` and `endMs`. Before the first and after
 *  the last point the nearest value is held, since a sensor that stopped reporting did not stop drawing. */
export function trapezoidJ(points: readonly Point[], startMs: number, endMs: number): number {
  if (!points.length || endMs <= startMs) return 0;
  const at = (t: number): number => {
    if (t <= points[0][0]) return points[0][1];
    const last = points[points.length - 1];
    if (t >= last[0]) return last[1];
    let lo = 0;
    let hi = points.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (points[mid][0] <= t) lo = mid;
      else hi = mid;
    }
    const [t0, w0] = points[lo];
    const [t1, w1] = points[hi];
    return t1 === t0 ? w1 : w0 + ((w1 - w0) * (t - t0)) / (t1 - t0);
  };
  let joules = 0;
  let prevT = startMs;
  let prevW = at(startMs);
  for (const [t, w] of points) {
    if (t <= startMs) continue;
    if (t >= endMs) break;
    joules += ((prevW + w) / 2) * (t - prevT);
    prevT = t;
    prevW = w;
  }
  joules += ((prevW + at(endMs)) / 2) * (endMs - prevT);
  return joules / 1000;
}

export class PowerSeries {
  readonly points: Point[] = [];
  private runningJ = 0;

  add(tMs: number, watts: number): void {
    const last = this.points[this.points.length - 1];
    if (last && tMs <= last[0]) return; // out of order or duplicate: keep the series monotonic
    if (last) this.runningJ += ((last[1] + watts) / 2) * ((tMs - last[0]) / 1000);
    this.points.push([tMs, watts]);
  }

  latestW(): number | undefined {
    return this.points[this.points.length - 1]?.[1];
  }

  /** Energy from the first point to the last: a cheap running total for the live display. */
  runningEnergyJ(): number {
    return this.runningJ;
  }

  energyJ(startMs: number, endMs: number): number {
    return trapezoidJ(this.points, startMs, endMs);
  }

  meanW(startMs: number, endMs: number): number {
    return endMs > startMs ? this.energyJ(startMs, endMs) / ((endMs - startMs) / 1000) : 0;
  }
}
