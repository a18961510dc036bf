// Text for people: the live status line while the script runs and the summary table after it,
// each component with the method that produced its figure.
import type { LiveSample, ProfileReport } from '../types';
import { formatGrams, formatJoules } from './units';

export { formatGrams, formatJoules };

function watts(w: number): string {
  return w >= 100 ? `${w.toFixed(0)} W` : w >= 1 ? `${w.toFixed(1)} W` : `${w.toFixed(2)} W`;
}

/** One line, rewritten in place on a terminal: elapsed, current power, energy so far, progress. */
export function formatLive(s: LiveSample): string {
  const parts = [
    `⏱ ${s.t.toFixed(1)} s`,
    `CPU ${watts(s.cpuW)}`,
    ...(s.gpus?.length ? [`GPU ${watts(s.gpuW)}`] : []),
    `RAM ${watts(s.ramW)}`,
    `energy ${formatJoules(s.energy.totalJ)}`,
  ];
  if (s.progress) parts.push(`progress ${s.progress.done % 1 ? s.progress.done.toFixed(2) : s.progress.done}/${s.progress.total} (${(s.progress.fraction * 100).toFixed(0)} %)`);
  return parts.join('  ');
}

function ended(r: ProfileReport): string {
  const outcome = r.signal ? `ended by ${r.signal}` : `exited with code ${r.exitCode}`;
  switch (r.stoppedBy) {
    case 'duration':
      return `stopped after ${r.durationS.toFixed(1)} s (--duration); ${outcome}`;
    case 'cancel':
      return `cancelled after ${r.durationS.toFixed(1)} s; ${outcome}`;
    case 'signal':
      return `interrupted after ${r.durationS.toFixed(1)} s; ${outcome}`;
    default:
      return `${outcome} after ${r.durationS.toFixed(1)} s`;
  }
}

export function formatSummary(r: ProfileReport): string {
  const d = r.durationS > 0 ? r.durationS : 1;
  const lines: string[] = [];
  lines.push(`frugal profile: ${r.script} — ${ended(r)}`);
  lines.push('');
  const rows: [string, string, string, string][] = [['', 'energy', 'mean power', 'method']];
  const comp = (name: string, j: number, m: { label: string; id: string }) => rows.push([name, m.id === 'none' ? '—' : formatJoules(j), m.id === 'none' ? '' : watts(j / d), m.label]);
  comp('CPU', r.energy.cpuJ, r.methods.cpu);
  comp('GPU', r.energy.gpuJ, r.methods.gpu);
  comp('RAM', r.energy.ramJ, r.methods.ram);
  rows.push(['total', formatJoules(r.energy.totalJ), watts(r.energy.totalJ / d), '']);
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) lines.push(`  ${row[0].padEnd(w[0])}  ${row[1].padStart(w[1])}  ${row[2].padStart(w[2])}  ${row[3]}`.trimEnd());
  const m = r.machine;
  lines.push('');
  lines.push(`  whole machine over the same time: CPU ${formatJoules(m.cpuJ)}, GPU ${formatJoules(m.gpuJ)}, RAM ${formatJoules(m.ramJ)}${r.methods.cpu.estimated ? ' (CPU and RAM estimated)' : ''}`);
  if (r.baseline) {
    const b = r.baseline;
    lines.push(`  idle baseline (${b.durationS} s): CPU ${watts(b.cpuW)}, GPU ${watts(b.gpuW)}, RAM ${watts(b.ramW)}; above idle: ${formatJoules(b.dynamic.totalJ)}`);
  }
  const e = r.emissions;
  lines.push('');
  lines.push(`  CO2e  ${formatGrams(e.gCO2e)} = ${formatJoules(r.energy.totalJ)} × PUE ${e.pue} × ${e.intensityGPerKWh} g/kWh — ${e.intensitySource}`);
  for (const q of e.equivalents) lines.push(`        ≈ ${q.text} (${q.source})`);
  if (r.progress) {
    const p = r.progress;
    lines.push('');
    lines.push(`  progress  ${(p.fraction * 100).toFixed(1)} % (${p.kind}: "${p.line}")`);
    if (p.projection) lines.push(`  full run  ≈ ${formatJoules(p.projection.energyJ)}, ${formatGrams(p.projection.gCO2e)} CO2e (${p.projection.basis})`);
  }
  if (r.exitCode !== 0 && r.stoppedBy === 'exit' && r.stderrTail.trim()) {
    lines.push('');
    lines.push('  the script failed; the end of its standard error:');
    for (const l of r.stderrTail.trimEnd().split('\n').slice(-10)) lines.push(`    ${l}`);
  }
  if (r.notes.length) {
    lines.push('');
    for (const n of r.notes) lines.push(`  note: ${n}`);
  }
  lines.push('');
  const cost = r.profiler;
  const helpers = cost.helperCpuS > 0 ? `, its nvidia-smi helpers ${cost.helperPctOfOneCore.toFixed(2)} %` : '';
  lines.push(`  profiler: ${r.samples.length} sample${r.samples.length === 1 ? '' : 's'} every ${cost.intervalMs} ms; it used ${cost.pctOfOneCore.toFixed(2)} % of one core while the script ran${helpers} (set-up ${(cost.setupS * 1000).toFixed(0)} ms)`);
  return lines.join('\n') + '\n';
}
