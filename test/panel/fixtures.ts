// Shared data for the panel's node:test suites: runs, views and a small report.
import path from 'node:path';
import type { RunSummary, RunView } from '../../src/extension/profile/model';

/** The sampling probe in the source tree (tests run from out/test/panel). */
export const PROBE = path.join(__dirname, '..', '..', '..', 'media', 'probe', 'frugal_probe.py');

export function summary(id: string, over: Partial<RunSummary> = {}): RunSummary {
  return {
    id,
    script: '/w/train.py',
    relPath: 'train.py',
    startedAt: '2025-01-01T10:00:00.000Z',
    durationS: 10,
    exitCode: 0,
    stoppedBy: 'exit',
    energy: { cpuJ: 80, gpuJ: 0, ramJ: 20, totalJ: 100 },
    gCO2e: 0.0015,
    intensityGPerKWh: 56,
    place: 'France',
    methods: { cpu: 'tdp-estimate', gpu: 'none', ram: 'ram-model' },
    ...over,
  };
}

export function view(s: RunSummary): RunView {
  const m = (id: string, estimated: boolean) => ({ id, scope: 'process-tree', estimated, label: `${id} label` });
  return {
    summary: s,
    methods: { cpu: m(s.methods.cpu, true), gpu: m('none', false), ram: m(s.methods.ram, true) },
    emissions: { gCO2e: s.gCO2e, intensityGPerKWh: s.intensityGPerKWh, intensitySource: 'test', pue: 1, location: 'frugal.country', countryIso3: 'FRA', countryName: 'France' },
    notes: [],
    gpuNames: [],
    points: [{ t: 0.2, cpuW: 8, gpuW: 0, ramW: 2 }],
  };
}
