// From a team's CodeCarbon totals to what the panel shows: the projects and the cumulative CO2e
// per day of the largest ones. Pure functions (no `vscode`).
import type { EmissionsReport } from '../../report/codecarbon';
import type { TeamView } from '../profile/model';

/** Projects with their own line in the chart; the rest share one. */
export const CHART_PROJECTS = 6;
const MAX_PROJECT_ROWS = 100;

export function teamView(r: EmissionsReport): TeamView {
  const days = [...new Set(r.timeline.map((t) => t.day))].sort();
  const ranked = [...r.groups].sort((a, b) => b.emissionsKg - a.emissionsKg);
  const top = ranked.slice(0, CHART_PROJECTS).map((g) => g.key);
  const rest = ranked.length > CHART_PROJECTS;
  const index = new Map(days.map((d, i) => [d, i]));
  const perDay = new Map<string, number[]>([...top, ...(rest ? ['other projects'] : [])].map((p) => [p, days.map(() => 0)]));
  for (const t of r.timeline) {
    const line = perDay.get(top.includes(t.project) ? t.project : 'other projects');
    if (line) line[index.get(t.day)!] += t.emissionsKg;
  }
  const series = [...perDay].map(([project, kg]) => {
    let sum = 0;
    return { project, cumulativeKg: kg.map((x) => (sum += x)) };
  });
  return {
    files: r.files.map((f) => f.file),
    runs: r.totals.runs,
    durationS: r.totals.durationS,
    energyKWh: r.totals.energyKWh,
    emissionsKg: r.totals.emissionsKg,
    projects: ranked.slice(0, MAX_PROJECT_ROWS).map((g) => ({ key: g.key, runs: g.runs, energyKWh: g.energyKWh, emissionsKg: g.emissionsKg, hardware: (g.gpuModels.length ? g.gpuModels : g.machines).join('; ') })),
    days,
    series,
    notes: r.notes.slice(0, 50),
  };
}
