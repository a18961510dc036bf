// `frugal cluster --slurm`: a stand-in `sacct` on PATH replays the `--parsable2` output format
// (test/fixtures/slurm/README.md); with --prometheus, the job's nodes and window select the GPUs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { expandNodeList, parseSacct } from '../../src/cluster';
import type { ClusterReport } from '../../src/cluster';
import { FIXTURES, ROOT } from '../helpers';
import { buildBlocks, missingPrometheus, startPrometheus, type Server } from './server';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const FAKE = path.join(FIXTURES, 'slurm');

function frugal(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, 'cluster', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, PATH: `${FAKE}${path.delimiter}${process.env.PATH}`, TZ: 'UTC', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('Slurm through sacct', () => {
  test('node lists expand as scontrol show hostnames does', () => {
    assert.deepEqual(expandNodeList('gpu-node-[1-2]'), ['gpu-node-1', 'gpu-node-2']);
    assert.deepEqual(expandNodeList('a[01-03,07],b5'), ['a01', 'a02', 'a03', 'a07', 'b5']);
    assert.deepEqual(expandNodeList('None assigned'), []);
  });

  test('the job line’s ConsumedEnergyRaw, else the largest step’s (steps overlap in time)', () => {
    const text = readFileSync(path.join(FAKE, 'sacct-4242.txt'), 'utf8');
    const job = parseSacct(text, '4242');
    assert.equal(job.consumedEnergyJ, 52340);
    assert.deepEqual(job.nodes, ['gpu-node-1', 'gpu-node-2']);
    const noTotal = parseSacct(text.replace('|52340|', '||'), '4242');
    assert.equal(noTotal.consumedEnergyJ, 26170);
    assert.match(noTotal.source, /largest step/);
  });

  test('frugal cluster --slurm: Slurm’s figure, the window and nodes, CO2e', () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'frugal-slurm-')), 'job.json');
    const log = path.join(path.dirname(out), 'sacct.log');
    const r = frugal(['--slurm', '4242', '--json', out, '--country', 'DEU'], { FAKE_SACCT_LOG: log });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Slurm job 4242 \(train-bert, COMPLETED\) on gpu-node-1, gpu-node-2/);
    assert.match(readFileSync(log, 'utf8'), /-j 4242 --parsable2 --noheader --format=JobID,JobName,State,Start,End,Elapsed,NodeList,ConsumedEnergyRaw,AllocTRES/);
    const report = JSON.parse(readFileSync(out, 'utf8')) as ClusterReport;
    assert.equal(report.energy.totalJ, 52340);
    assert.equal(report.methods.cpu.id, 'slurm');
    assert.equal(report.startedAt, '2026-11-27T21:41:34.000Z');
    assert.equal(report.durationS, 25);
    assert.equal(report.emissions.countryIso3, 'DEU');
  });

  test('errors: an unknown job, a bad id, no sacct', () => {
    assert.match(frugal(['--slurm', '999']).stderr, /knows no job 999/);
    assert.equal(frugal(['--slurm', 'abc']).code, 1);
    const none = frugal(['--slurm', '4242'], { PATH: '/nonexistent' });
    assert.equal(none.code, 1);
    assert.match(none.stderr, /needs sacct on PATH/);
  });

  describe('with --prometheus: the GPUs of the job’s nodes over its window', { skip: missingPrometheus() }, () => {
    let server: Server;
    before(async () => {
      server = await startPrometheus({ blocks: buildBlocks(mkdtempSync(path.join(os.tmpdir(), 'frugal-blocks-'))) });
    });
    after(() => server?.stop());

    test('dcgm-exporter series with Hostname in the node list, beside Slurm’s own figure', () => {
      const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'frugal-slurm-')), 'job.json');
      const r = frugal(['--slurm', '4242', '--prometheus', server.url, '--json', out]);
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(readFileSync(out, 'utf8')) as ClusterReport;
      assert.deepEqual([...new Set(report.cluster.gpus.map((g) => g.node))].sort(), ['gpu-node-1', 'gpu-node-2']);
      assert.ok(report.energy.gpuJ > 10_000);
      assert.equal(report.cluster.slurm?.consumedEnergyJ, 52340);
      assert.match(report.methods.gpu.label, /Hostname=~"gpu-node-1\|gpu-node-2"/);
    });
  });
});
