// From a finished profile (the `frugal.profile/1` report and the probe's attribution) to what the
// history keeps and the panel shows. Pure functions.
import type { ProfileReport } from '../../profile';
import type { Attribution, PowerPoint, RunSummary, RunView } from './model';

/** Points of a finished run's chart; longer series are thinned evenly. */
export const MAX_VIEW_POINTS = 600;

export interface RunMeta {
  id: string;
  relPath: string;
  commit?: string;
  dirty?: boolean;
}

export function placeOf(e: ProfileReport['emissions']): string {
  const where = e.region && e.countryName ? `${e.region}, ${e.countryName}` : e.countryName ?? e.countryIso3;
  if (where) return where;
  return e.location === 'default' ? 'world average' : e.location;
}

export function summarize(report: ProfileReport, meta: RunMeta): RunSummary {
  return {
    id: meta.id,
    script: report.script,
    relPath: meta.relPath,
    ...(meta.commit ? { commit: meta.commit } : {}),
    ...(meta.dirty ? { dirty: true } : {}),
    startedAt: report.startedAt,
    durationS: report.durationS,
    exitCode: report.exitCode,
    ...(report.signal ? { signal: report.signal } : {}),
    stoppedBy: report.stoppedBy,
    energy: { ...report.energy },
    gCO2e: report.emissions.gCO2e,
    intensityGPerKWh: report.emissions.intensityGPerKWh,
    place: placeOf(report.emissions),
    methods: { cpu: report.methods.cpu.id, gpu: report.methods.gpu.id, ram: report.methods.ram.id },
  };
}

export function chartPoints(samples: ProfileReport['samples'], max = MAX_VIEW_POINTS): PowerPoint[] {
  const step = Math.max(1, Math.ceil(samples.length / max));
  const picked = samples.filter((_, i) => i % step === 0 || i === samples.length - 1);
  return picked.map((s) => ({ t: s.t, cpuW: s.cpuW, ramW: s.ramW, gpuW: s.gpuW, ...(s.gpus?.length ? { gpus: s.gpus.map((g) => g.powerW) } : {}) }));
}

export function buildView(report: ProfileReport, summary: RunSummary, attribution?: Attribution, attributionNote?: string): RunView {
  const e = report.emissions;
  const m = (c: 'cpu' | 'gpu' | 'ram') => ({ id: report.methods[c].id, scope: report.methods[c].scope, estimated: report.methods[c].estimated, label: report.methods[c].label });
  const projection = report.progress?.projection;
  const failed = report.stoppedBy === 'exit' && report.exitCode !== 0;
  return {
    summary,
    methods: { cpu: m('cpu'), gpu: m('gpu'), ram: m('ram') },
    emissions: {
      gCO2e: e.gCO2e,
      intensityGPerKWh: e.intensityGPerKWh,
      intensitySource: e.intensitySource,
      pue: e.pue,
      location: e.location,
      ...(e.countryIso3 ? { countryIso3: e.countryIso3 } : {}),
      ...(e.countryName ? { countryName: e.countryName } : {}),
      ...(e.region ? { region: e.region } : {}),
      // The car is easier to picture for CO2e; the bulb for energy. One is enough here.
      ...(e.equivalents.length ? { equivalent: e.equivalents[e.equivalents.length > 1 ? 1 : 0] } : {}),
    },
    ...(projection ? { projection: { fraction: projection.fraction, energyJ: projection.energyJ, gCO2e: projection.gCO2e, basis: projection.basis } } : {}),
    notes: report.notes,
    gpuNames: report.devices.gpus.map((g) => g.name),
    points: chartPoints(report.samples),
    ...(attribution ? { attribution } : {}),
    ...(attributionNote ? { attributionNote } : {}),
    ...(failed && report.stderrTail.trim() ? { stderrTail: report.stderrTail.trimEnd().split('\n').slice(-10).join('\n') } : {}),
  };
}
