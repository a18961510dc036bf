// From a cluster report to the panel's per-pod table and the queries behind it. Pure functions
// (no `vscode`), tested with node:test.
import type { ClusterReport } from '../../cluster';
import { formatJoules } from '../../profile/report/units';
import type { Breakdown } from '../profile/model';

const MAX_ROWS = 200;

export function clusterBreakdown(r: ClusterReport): Breakdown {
  const c = r.cluster;
  const pct = (v?: number) => (v === undefined ? '' : `${v.toFixed(0)} %`);
  const rows = c.pods.slice(0, MAX_ROWS).map((p) => [p.namespace || '—', p.pod || '—', String(p.gpus), formatJoules(p.gpuJ), formatJoules(p.cpuJ), formatJoules(p.ramJ), formatJoules(p.totalJ), pct(p.gpuUtilPct), p.gpuMethod === 'energy-counter' ? 'counter' : p.gpuMethod]);
  if (c.pods.length > MAX_ROWS) rows.push(['…', `${c.pods.length - MAX_ROWS} more pods (frugal cluster --json has them all)`, '', '', '', '', '', '', '']);
  if (c.slurm) rows.unshift(['Slurm', `job ${c.slurm.jobId} (${c.slurm.name}, ${c.slurm.state})`, '', '', c.slurm.consumedEnergyJ !== undefined ? formatJoules(c.slurm.consumedEnergyJ) : '—', '', '', '', 'sacct']);
  return {
    title: c.slurm ? `Slurm job ${c.slurm.jobId}` : `Pods of ${c.scopeText}`,
    columns: ['namespace', 'pod', 'GPUs', 'GPU', 'CPU', 'DRAM', 'total', 'GPU util', 'GPU figure'],
    rows,
    numeric: [2, 3, 4, 5, 6, 7],
    queries: c.queries.map((q) => ({ figure: q.figure, promql: q.promql })),
  };
}

/** How the run is named in the history: the job, and the server's host. */
export function clusterRunName(r: ClusterReport): string {
  const host = /^https?:\/\/([^/]+)/.exec(r.cluster.prometheus)?.[1];
  return host ? `${r.cluster.scopeText} @ ${host}` : r.cluster.scopeText;
}
