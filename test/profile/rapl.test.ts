// RAPL discovery and reading against fixture /sys trees: packages of several sockets, DRAM as its
// own component, core/psys/MMIO duplicates left out, hexadecimal zone ids, counter wrap-around,
// and the messages when the counters are absent or readable only by root.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { discoverRapl, RaplReader, type RaplDomain } from '../../src/profile/samplers/rapl';
import { FIXTURES } from '../helpers';

const SYS = path.join(FIXTURES, 'profile', 'sys');

describe('RAPL discovery', () => {
  test('two packages and their DRAM; core, psys and the MMIO copy of package-0 are not added', () => {
    const s = discoverRapl(SYS);
    assert.ok(s.available);
    assert.deepEqual(
      s.domains.map((d) => [d.zone, d.name, d.kind]),
      [
        ['intel-rapl:0', 'package-0', 'package'],
        ['intel-rapl:0:0', 'dram', 'dram'],
        ['intel-rapl:1', 'package-1', 'package'],
        ['intel-rapl:1:0', 'dram', 'dram'],
      ],
    );
  });

  test('zone ids are hexadecimal: intel-rapl:a comes after intel-rapl:9', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-sys-'));
    try {
      for (const [zone, name] of [['intel-rapl:a', 'package-10'], ['intel-rapl:9', 'package-9'], ['intel-rapl:1', 'package-1']]) {
        const z = path.join(dir, 'class', 'powercap', zone);
        mkdirSync(z, { recursive: true });
        writeFileSync(path.join(z, 'name'), name + '\n');
        writeFileSync(path.join(z, 'energy_uj'), '0\n');
        writeFileSync(path.join(z, 'max_energy_range_uj'), '1000\n');
      }
      const s = discoverRapl(dir);
      assert.ok(s.available);
      assert.deepEqual(s.domains.map((d) => d.name), ['package-1', 'package-9', 'package-10']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('no powercap tree: says so (VMs and containers)', () => {
    const s = discoverRapl(path.join(FIXTURES, 'profile', 'proc'));
    assert.equal(s.available, false);
    assert.match(!s.available ? s.reason : '', /\/sys\/class\/powercap does not exist/);
  });

  test('energy_uj readable only by root: the reason names the file and the fix (chmod or a udev rule)', () => {
    const denied = (file: string) => {
      if (file.endsWith('energy_uj')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return readFileSync(file, 'latin1');
    };
    const s = discoverRapl(SYS, denied);
    assert.equal(s.available, false);
    if (s.available) return;
    assert.match(s.reason, /intel-rapl:0\/energy_uj is readable only by root/);
    assert.match(s.reason, /CVE-2020-8694/);
    assert.match(s.fix!, /sudo chmod a\+r \/sys\/class\/powercap\/intel-rapl:\*\/energy_uj/);
    assert.match(s.fix!, /SUBSYSTEM=="powercap"/);
  });
});

describe('RAPL reading', () => {
  const domain = (dir: string, kind: RaplDomain['kind'], max: number): RaplDomain => ({ dir, zone: path.basename(dir), name: kind, kind, maxRangeUj: max });

  test('deltas across several wrap-arounds, per read, for package and DRAM separately', () => {
    const values: Record<string, number[]> = {
      pkg: [900, 950, 20, 80, 990, 10], // wraps at 1000 twice
      dram: [10, 40, 70, 5, 30, 60], // wraps at 100 once
    };
    const reads: Record<string, number> = { pkg: 0, dram: 0 };
    const read = (file: string) => {
      const key = path.basename(path.dirname(file));
      return String(values[key][reads[key]++]);
    };
    const r = new RaplReader([domain('/x/pkg', 'package', 1000), domain('/x/dram', 'dram', 100)], read);
    assert.deepEqual(r.delta(), { packageJ: 0, dramJ: 0 });
    const deltas = [1, 2, 3, 4, 5].map(() => r.delta());
    const uj = (j: number) => Math.round(j * 1e6);
    assert.deepEqual(deltas.map((d) => uj(d.packageJ)), [50, 70, 60, 910, 20]);
    assert.deepEqual(deltas.map((d) => uj(d.dramJ)), [30, 30, 35, 25, 30]);
    assert.equal(uj(deltas.reduce((s, d) => s + d.packageJ, 0)), 1110);
  });

  test('the fixture counters read as joules from the first to the second read', () => {
    const s = discoverRapl(SYS);
    assert.ok(s.available);
    let bump = 0;
    const read = (file: string) => {
      const v = Number(readFileSync(file, 'latin1'));
      return String(file.endsWith('energy_uj') ? v + bump : v);
    };
    const r = new RaplReader(s.domains, read);
    r.delta();
    bump = 2_000_000;
    assert.deepEqual(r.delta(), { packageJ: 4, dramJ: 4 });
  });
});
