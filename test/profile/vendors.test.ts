// AMD (amd-smi, rocm-smi) and Apple (powermetrics) parsers, on outputs of those tools.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { AmdSampler, parseAmdSmi, parseRocmSmi } from '../../src/profile/samplers/amd';
import { PowermetricsParser } from '../../src/profile/samplers/apple';
import { FIXTURES } from '../helpers';

const REC = path.join(FIXTURES, 'profile', 'recorded');
const read = (f: string) => readFileSync(path.join(REC, f), 'utf8');

describe('AMD', () => {
  test('amd-smi metric --json: array form, {value, unit}, N/A', () => {
    assert.deepEqual(parseAmdSmi(read('amd-smi-metric.json')), [
      { index: 0, powerW: 542, utilizationPct: 87 },
      { index: 1, powerW: 141, utilizationPct: 0 },
    ]);
  });

  test('amd-smi with a warning line, gpu_data wrapper, average_socket_power in mW', () => {
    assert.deepEqual(parseAmdSmi(read('amd-smi-metric-gpu-data.txt')), [{ index: 0, powerW: 35, utilizationPct: 50 }]);
  });

  test('rocm-smi --showpower --showuse --json (average and current socket power)', () => {
    assert.deepEqual(parseRocmSmi(read('rocm-smi-power-use.json')), [
      { index: 0, powerW: 35, utilizationPct: 3 },
      { index: 1, powerW: 133, utilizationPct: 0 },
    ]);
  });

  test('the sampler falls back from amd-smi to rocm-smi, and finds nothing without either', async () => {
    const calls: string[] = [];
    const s = new AmdSampler(1000, async (file) => {
      calls.push(file);
      if (file === 'amd-smi') throw Object.assign(new Error('spawn amd-smi ENOENT'), { code: 'ENOENT' });
      return read('rocm-smi-power-use.json');
    });
    assert.equal(await s.start(), true);
    assert.equal(s.tool, 'rocm-smi');
    assert.deepEqual(s.latest(), [{ index: 0, powerW: 35 }, { index: 1, powerW: 133 }]);
    await s.stop();
    assert.deepEqual(calls.slice(0, 2), ['amd-smi', 'rocm-smi']);
    const none = new AmdSampler(1000, async () => {
      throw new Error('ENOENT');
    });
    assert.equal(await none.start(), false);
    assert.equal(none.problem, undefined);
  });
});

describe('Apple powermetrics', () => {
  const parse = (text: string) => {
    const p = new PowermetricsParser();
    const out = text.split('\n').map((l) => p.line(l)).filter(Boolean);
    const last = p.flush();
    return last ? [...out, last] : out;
  };

  test('Apple silicon: CPU and the first GPU Power of each sample, mW → W', () => {
    assert.deepEqual(parse(read('powermetrics.txt')), [
      { cpuW: 9.876, gpuW: 0.312 },
      { cpuW: 10.24, gpuW: 0.298 },
    ]);
  });

  test('Intel Mac: package power in W', () => {
    assert.deepEqual(parse(read('powermetrics-intel.txt')), [{ cpuW: 7.42 }]);
  });
});
