// Parity with CodeCarbon's power models on the same inputs: CPU model → TDP matching (exact,
// normalised, unique token match, fallbacks), the process- and machine-mode CPU formulas, and the
// v3 RAM model. Expected values come from CodeCarbon's own code (core/cpu.py, external/ram.py,
// external/hardware.py) applied by hand or by a direct transcription of it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { estimateDimmCount, ramPowerW } from '../../src/profile/power/ram-model';
import { estimateTdp, machinePowerW, matchCpu, processPowerW } from '../../src/profile/power/tdp';

describe('TDP matching, as CodeCarbon matches', () => {
  const cases: [model: string, name: string | undefined, tdp: number | undefined, how?: string][] = [
    ['Intel Xeon Gold 6148F', 'Intel Xeon Gold 6148F', 160, 'exact match'],
    ['apple m1', 'Apple M1', 10, 'exact match'],
    ['Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz', 'Intel Xeon Gold 6148', 150, 'normalised match'],
    ['Intel(R) Xeon(R) CPU E5-2686 v4 @ 2.30GHz', 'Intel Xeon E5-2686 v4', 145, 'normalised match'],
    ['Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz', 'Intel Core i7-8650U', 15, 'unique token match'],
    ['AMD Ryzen 9 7950X 16-Core Processor', 'AMD Ryzen 9 7950X', 170, 'unique token match'],
    ['AMD EPYC 7763 64-Core Processor', 'AMD EPYC 7763', 280, 'unique token match'],
    ['Apple M1 Pro', 'Apple M1', 10, 'unique token match'],
    // Several table rows contain both tokens: CodeCarbon (non-greedy) refuses to pick one.
    ['AMD EPYC', undefined, undefined],
    ['12th Gen Intel(R) Core(TM) i7-1260P', undefined, undefined],
    ['Neoverse-N1', undefined, undefined],
  ];
  for (const [model, name, tdp, how] of cases) {
    test(`${model} → ${name ?? 'no match'}`, () => {
      const hit = matchCpu(model);
      assert.equal(hit?.name, name);
      assert.equal(hit?.tdpW, tdp);
      assert.equal(hit?.how, how);
    });
  }

  test('fallbacks: unmatched model → threads × 4 W; unknown model → 85 W; sockets multiply a table TDP', () => {
    assert.equal(estimateTdp('AMD EPYC', 2).tdpW, 8);
    assert.match(estimateTdp('AMD EPYC', 2).source, /2 threads × 4 W/);
    assert.equal(estimateTdp(undefined, 64).tdpW, 85);
    assert.equal(estimateTdp('Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz', 80, 2).tdpW, 300);
    assert.equal(estimateTdp('Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz', 40, 1).tdpW, 150);
  });
});

describe('CPU power formulas', () => {
  test("process mode: TDP × CPU-seconds / wall-seconds / logical CPUs (CodeCarbon's cpu_load process mode)", () => {
    // CodeCarbon: cpu_load = Δcpu/Δt × 100; normalised = cpu_load / cpu_count; power = tdp × normalised / 100
    const tdp = 150;
    const cpuS = 7.5;
    const wallS = 5;
    const logical = 40;
    const codecarbon = (tdp * ((cpuS / wallS) * 100) / logical) / 100;
    assert.equal(processPowerW(tdp, cpuS, wallS, logical), codecarbon);
    assert.equal(processPowerW(tdp, cpuS, wallS, logical), 5.625);
  });

  test('the whole machine: 10 % of TDP idle, linear to TDP, never below a process share at the same load', () => {
    assert.equal(machinePowerW(100, 0), 10);
    assert.equal(machinePowerW(100, 1), 100);
    assert.ok(Math.abs(machinePowerW(100, 0.5) - 55) < 1e-9);
    // One of two cores busy: the process share is TDP × 1 CPU-s/s / 2 = 50 W; the machine 55 W.
    assert.ok(machinePowerW(100, 0.5) >= processPowerW(100, 1, 1, 2));
  });
});

describe('RAM model (CodeCarbon v3)', () => {
  // [GiB, DIMMs, x86 W, ARM W], from a transcription of RAM._estimate_dimm_count and _calculate_ram_power.
  const table: [number, number, number, number][] = [
    [1, 1, 10, 3], [4, 2, 10, 3], [16, 2, 10, 3], [23.4, 4, 20, 6], [32, 4, 20, 6], [64, 4, 20, 6],
    [96, 8, 38, 11.4], [128, 8, 38, 11.4], [200, 13, 58, 17.4], [256, 8, 38, 11.4], [1024, 8, 38, 11.4],
    [2048, 16, 70, 21], [4096, 32, 126, 37.8],
  ];
  for (const [gb, dimms, x86, arm] of table) {
    test(`${gb} GB → ${dimms} DIMM(s), ${x86} W (ARM ${arm} W)`, () => {
      assert.equal(estimateDimmCount(gb), dimms);
      assert.ok(Math.abs(ramPowerW(gb) - x86) < 1e-9);
      assert.ok(Math.abs(ramPowerW(gb, true) - arm) < 1e-9);
    });
  }
});
