// What the profiler writes: the CodeCarbon-compatible emissions.csv (38 columns in CodeCarbon
// 3.x's order, its units, header once), and the progress it recognises in a script's output.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { appendEmissionsCsv, EMISSIONS_CSV_COLUMNS, emissionsRow } from '../../src/profile/csv/emissions-csv';
import { ProgressTracker } from '../../src/profile/progress/progress';
import type { ProfileReport } from '../../src/profile/types';

// The header of an emissions.csv written by CodeCarbon 3.3.0.
const CODECARBON_HEADER =
  'timestamp,project_name,run_id,experiment_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,cpu_energy,gpu_energy,ram_energy,energy_consumed,water_consumed,country_name,country_iso_code,region,cloud_provider,cloud_region,os,python_version,codecarbon_version,cpu_count,cpu_model,gpu_count,gpu_model,longitude,latitude,ram_total_size,tracking_mode,cpu_utilization_percent,gpu_utilization_percent,ram_utilization_percent,ram_used_gb,on_cloud,pue,wue';

function report(): ProfileReport {
  return {
    schema: 'frugal.profile/1',
    script: 'train.py',
    args: [],
    command: ['/usr/bin/python3', 'train.py'],
    runtime: 'python',
    startedAt: '2026-11-27T10:00:00.000Z',
    durationS: 36,
    exitCode: 0,
    stoppedBy: 'exit',
    stderrTail: '',
    energy: { cpuJ: 3600, gpuJ: 36000, ramJ: 360, totalJ: 39960 },
    machine: { cpuJ: 7200, gpuJ: 36000, ramJ: 720, totalJ: 43920 },
    methods: {
      cpu: { id: 'rapl', scope: 'process-tree', estimated: false, label: '' },
      gpu: { id: 'nvidia-smi', scope: 'whole-device', estimated: false, label: '' },
      ram: { id: 'ram-model', scope: 'process-tree', estimated: true, label: '' },
    },
    emissions: { gCO2e: 3.33, intensityGPerKWh: 300, intensitySource: 'x', pue: 1, basis: 'life-cycle', location: '--country', countryIso3: 'FRA', countryName: 'France', pueSource: 'x', equivalents: [] },
    devices: {
      cpu: { model: 'Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz', logicalCpus: 80, sockets: 2 },
      gpus: [{ index: 0, name: 'NVIDIA H200', vendor: 'nvidia' }, { index: 1, name: 'NVIDIA H200', vendor: 'nvidia' }],
      ram: { totalGB: 64, modelW: 20, dimms: 4 },
      os: 'Linux',
      platform: 'linux',
      hypervisor: false,
    },
    leftoverProcesses: 0,
    profiler: { cpuS: 0, pctOfOneCore: 0, helperCpuS: 0, helperPctOfOneCore: 0, setupCpuS: 0, setupS: 0, intervalMs: 200, samples: 1 },
    utilization: { machineCpuPct: 50, gpuPct: 90 },
    notes: [],
    samples: [{ t: 1, cpuW: 1, gpuW: 1, ramW: 1, cpuPct: 100, rssMB: 2048, processes: 1 }],
  };
}

describe('emissions.csv', () => {
  test('the 38 columns of CodeCarbon 3.x, in its order', () => {
    assert.equal(EMISSIONS_CSV_COLUMNS.length, 38);
    assert.equal(EMISSIONS_CSV_COLUMNS.join(','), CODECARBON_HEADER);
  });

  test("CodeCarbon's units: s, kg, kg/s, W, kWh, GB", () => {
    const row = emissionsRow(report(), { toolVersion: '0.1.0', pythonVersion: '3.11.7', runId: 'r1' });
    assert.equal(row.duration, 36);
    assert.equal(row.emissions, 0.00333);
    assert.equal(row.emissions_rate, 0.00333 / 36);
    assert.equal(row.cpu_power, 100);
    assert.equal(row.gpu_power, 1000);
    assert.equal(row.ram_power, 10);
    assert.equal(row.cpu_energy, 0.001);
    assert.equal(row.gpu_energy, 0.01);
    assert.equal(row.ram_energy, 0.0001);
    assert.equal(row.energy_consumed, 39960 / 3.6e6);
    assert.equal(row.country_iso_code, 'FRA');
    assert.equal(row.gpu_count, 2);
    assert.equal(row.gpu_model, '2 x NVIDIA H200');
    assert.equal(row.ram_total_size, 64);
    assert.equal(row.ram_used_gb, 2);
    assert.equal(row.tracking_mode, 'process');
    assert.equal(row.on_cloud, 'N');
    assert.equal(row.project_name, 'train');
    assert.match(String(row.timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  test('appends: the header once, a row per run; a file with other columns is moved aside', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-csv-'));
    const file = path.join(dir, 'emissions.csv');
    appendEmissionsCsv(file, report(), { toolVersion: '0.1.0' });
    appendEmissionsCsv(file, report(), { toolVersion: '0.1.0' });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines.length, 3);
    assert.equal(lines[0], CODECARBON_HEADER);
    // The CPU model holds no comma, the os does not either: every row has 38 cells.
    assert.equal(lines[1].split(',').length, 38);
    const old = path.join(dir, 'old.csv');
    writeFileSync(old, 'timestamp,project_name,run_id,duration\n2024-01-01T00:00:00,x,y,1\n');
    const { backedUp } = appendEmissionsCsv(old, report(), { toolVersion: '0.1.0' });
    assert.equal(backedUp, `${old}.bak`);
    assert.ok(existsSync(`${old}.bak`));
    assert.equal(readFileSync(old, 'utf8').split('\n')[0], CODECARBON_HEADER);
  });
});

describe('progress', () => {
  const feed = (lines: string[], energies?: number[]) => {
    const p = new ProgressTracker();
    lines.forEach((l, i) => p.feed(l, energies?.[i] ?? 0));
    return p;
  };

  test('tqdm (and HF Trainer, which uses it)', () => {
    const p = feed([' 12%|█▏        | 120/1000 [00:30<03:40,  4.00it/s]']);
    assert.deepEqual({ ...p.current, line: undefined }, { done: 120, total: 1000, fraction: 0.12, kind: 'tqdm', line: undefined });
    assert.equal(feed(['Map: 45%|████▌     | 4.50k/10.0k [00:01<00:01, 3.2kit/s]']).current?.fraction, 0.45);
  });

  test('Keras: the epoch header and the step bar inside it', () => {
    const p = feed(['Epoch 3/50', '\x1b[1m 25/100\x1b[0m \x1b[32m━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━━\x1b[0m \x1b[1m1s\x1b[0m 10ms/step - loss: 0.51']);
    assert.equal(p.current?.kind, 'keras');
    assert.equal(p.current?.fraction, (2 + 0.25) / 50);
    assert.equal(feed(['Epoch 3/50', '12/100 [==>...........................] - ETA: 1s - loss: 0.6']).current?.fraction, (2 + 0.12) / 50);
  });

  test('Lightning: the epoch bar (epochs from 0, their number not shown) and the rich bar', () => {
    assert.equal(feed(['Epoch 3:  45%|████▌     | 45/100 [00:01<00:01, 30.2it/s, v_num=0, train_loss=0.31]']).current?.kind, 'lightning');
    assert.equal(feed(['Epoch 3:  45%|████▌     | 45/100 [00:01<00:01, 30.2it/s, v_num=0]']).current?.fraction, 0.45);
    const rich = feed(['Epoch 3/9  ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 45/100 0:00:01 • 0:00:02 30.12it/s v_num: 0']);
    assert.equal(rich.current?.fraction, (3 + 0.45) / 10);
  });

  test('a plain counter, but not dates or a bare fraction', () => {
    assert.equal(feed(['epoch 12/100 - loss 0.0765']).current?.fraction, 0.12);
    assert.equal(feed(['[12/100] batches']).current?.fraction, 0.12);
    assert.equal(feed(['saved at 2026/11/27']).current, undefined);
    assert.equal(feed(['ratio 3/2']).current, undefined);
  });

  test('projection: energy per unit of progress applied to what is left; start-up is not multiplied', () => {
    // 20 J of start-up, then 1 J per 1 % of progress.
    const p = feed(['step 10/100', 'step 30/100'], [30, 50]);
    const proj = p.project(50, 0.001)!;
    assert.equal(proj.fraction, 0.3);
    assert.ok(Math.abs(proj.energyJ - 120) < 1e-9);
    assert.ok(Math.abs(proj.gCO2e - 0.12) < 1e-12);
    assert.equal(feed(['step 30/100'], [50]).project(50, 1)?.energyJ, 50 / 0.3);
    assert.equal(feed(['step 100/100'], [50]).project(50, 1), undefined);
  });
});
