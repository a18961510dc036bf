// The cluster report for people: totals with the method and query behind each, per-pod and per-GPU
// rows, and the notes (what is missing and what to deploy).
import { formatGrams, formatJoules } from '../profile/report/units';
import type { ClusterReport } from './energy';

function table(head: string[], rows: string[][], right: Set<number>): string {
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => '  ' + r.map((c, i) => (right.has(i) ? c.padStart(width[i]) : c.padEnd(width[i]))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

const pct = (v?: number) => (v === undefined ? '' : `${v.toFixed(0)} %`);

export function formatClusterSummary(r: ClusterReport): string {
  const c = r.cluster;
  const e = r.energy;
  const out: string[] = [];
  out.push(`Energy of ${c.scopeText}${c.prometheus ? ` — Prometheus ${c.prometheus}` : ''}`);
  const hours = (a: string, b: string) => `${((Date.parse(b) - Date.parse(a)) / 3.6e6).toFixed(2)} h`;
  out.push(`  window ${c.window.from} → ${c.window.to} (${hours(c.window.from, c.window.to)})${c.active ? `; the job's GPU samples ${c.active.from} → ${c.active.to} (${hours(c.active.from, c.active.to)})` : ''}\n`);
  out.push(`  GPU    ${formatJoules(e.gpuJ).padStart(12)}   ${r.methods.gpu.label}`);
  out.push(`  CPU    ${formatJoules(e.cpuJ).padStart(12)}   ${r.methods.cpu.label}`);
  out.push(`  DRAM   ${formatJoules(e.ramJ).padStart(12)}   ${r.methods.ram.label}`);
  out.push(`  total  ${formatJoules(e.totalJ).padStart(12)}`);
  const em = r.emissions;
  out.push(`  CO2e   ${formatGrams(em.gCO2e).padStart(12)}   ${em.intensityGPerKWh} gCO2e/kWh (${em.intensitySource}) × PUE ${em.pue} (${em.pueSource})\n`);
  if (c.slurm) out.push(`  Slurm job ${c.slurm.jobId} (${c.slurm.name}, ${c.slurm.state}) on ${c.slurm.nodes.join(', ')}: ${c.slurm.consumedEnergyJ !== undefined ? formatJoules(c.slurm.consumedEnergyJ) : 'no energy recorded'} (${c.slurm.source})\n`);
  if (c.pods.length) {
    out.push('Per pod:');
    out.push(
      table(
        ['namespace', 'pod', 'GPUs', 'GPU', 'CPU', 'DRAM', 'total', 'CO2e', 'GPU util', 'GPU figure'],
        c.pods.map((p) => [p.namespace || '-', p.pod || '-', String(p.gpus), formatJoules(p.gpuJ), formatJoules(p.cpuJ), formatJoules(p.ramJ), formatJoules(p.totalJ), formatGrams(p.gCO2e), pct(p.gpuUtilPct), p.gpuMethod]),
        new Set([2, 3, 4, 5, 6, 7, 8]),
      ),
    );
  }
  if (c.gpus.length) {
    out.push('Per GPU:');
    out.push(
      table(
        ['node', 'GPU', 'model', 'pod', 'energy', 'mean W', 'util', 'from'],
        c.gpus.map((g) => [g.node || '-', g.gpu, g.model ?? '', g.pod || '-', formatJoules(g.energyJ), g.meanW === undefined ? '' : g.meanW.toFixed(0), pct(g.utilPct), g.method]),
        new Set([4, 5, 6]),
      ),
    );
  }
  if (c.queries.length) {
    out.push('Queries (each run per chunk of the window, the range being the chunk):');
    const dur = (s: number) => (s >= 3600 ? `${(s / 3600).toFixed(2)} h` : s >= 10 ? `${s.toFixed(0)} s` : `${s.toFixed(3)} s`);
    for (const q of c.queries) out.push(`  ${q.figure}: ${q.promql}  (${q.stepS !== undefined ? `range query, step ${dur(q.stepS)}` : `${q.chunks} chunk${q.chunks === 1 ? '' : 's'} of ${dur(q.chunkS)}`})`);
    out.push('');
  }
  if (r.notes.length) {
    out.push('Notes:');
    for (const n of r.notes) out.push(`  - ${n}`);
  }
  return out.join('\n') + '\n';
}
