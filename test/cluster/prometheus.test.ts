// `frugal cluster` against a real Prometheus on loopback, backfilled from the recorded H200 trace
// (test/cluster/server.ts): GPU energy against the trace's own counter within 1 %, the power path,
// Kepler, the per-pod rows, and a clear message for a 401, an unreachable server, missing metrics
// and a query over the server's sample limit.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ClusterError, clusterEnergy, listJobs, PrometheusError, type ClusterReport } from '../../src/cluster';
import { clusterBreakdown, clusterRunName } from '../../src/extension/cluster/views';
import { parseHostMessage } from '../../src/extension/profile/protocol';
import { buildView, summarize } from '../../src/extension/profile/views';
import { compareRuns } from '../../src/extension/profile/viewState';
import { ROOT } from '../helpers';
import { BASIC, buildBlocks, EVAL_POD, KEPLER_STEP_S, KEPLER_W, LEGACY_POD, missingPrometheus, openMetrics, readTrace, startPrometheus, TRAIN_POD, type Server } from './server';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const skip = missingPrometheus();

describe('frugal cluster against a real Prometheus', { skip }, () => {
  const om = openMetrics();
  const window = { fromS: om.fromS, toS: om.toS };
  const trace = readTrace();
  const truthJ = (trace[trace.length - 1].energyMJ - trace[0].energyMJ) / 1000;
  let auth: Server;
  let limited: Server;
  let tiny: Server;
  let empty: Server;
  const basic = { basic: BASIC };

  before(async () => {
    const blocks = buildBlocks(mkdtempSync(path.join(os.tmpdir(), 'frugal-blocks-')));
    [auth, limited, tiny, empty] = await Promise.all([
      startPrometheus({ blocks, basicAuth: true }),
      startPrometheus({ blocks, flags: ['--query.max-samples=200'] }),
      startPrometheus({ blocks, flags: ['--query.max-samples=1'] }),
      startPrometheus({}),
    ]);
  });
  after(async () => {
    await Promise.all([auth, limited, tiny, empty].filter(Boolean).map((s) => s.stop()));
  });

  const within = (actual: number, expected: number, pct: number, what: string) =>
    assert.ok(Math.abs(actual / expected - 1) <= pct / 100, `${what}: ${actual.toFixed(1)} vs ${expected.toFixed(1)} (${((actual / expected - 1) * 100).toFixed(2)} %)`);

  test('GPU energy from the energy counter (with a reset) is within 1 % of the trace; Kepler CPU and DRAM; per-pod rows', async () => {
    const r = await clusterEnergy({ prometheus: auth.url, auth: basic, scope: { job: 'train-bert' }, ...window, country: 'FRA' });
    within(r.energy.gpuJ, truthJ, 1, 'GPU energy vs the trace’s NVML counter');
    assert.equal(r.methods.gpu.id, 'dcgm-energy-counter');
    assert.match(r.methods.gpu.label, /increase\(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION\{pod=~"train-bert-/);
    // increase() extrapolates half a scrape interval past the first and last samples.
    const keplerS = om.keplerSpanS + KEPLER_STEP_S;
    within(r.energy.cpuJ, (KEPLER_W.dynamic + KEPLER_W.idle) * keplerS, 1, 'Kepler CPU');
    within(r.energy.ramJ, KEPLER_W.dram * keplerS, 1, 'Kepler DRAM');
    assert.equal(r.schema, 'frugal.profile/1');
    assert.equal(r.stoppedBy, 'window');
    // The report's time is the job's (its GPU samples), not the hour-long window's.
    assert.ok(Math.abs(r.durationS - (trace[trace.length - 1].t - trace[0].t)) < 0.2, `durationS ${r.durationS}`);
    assert.equal(Date.parse(r.cluster.window.from) / 1000, window.fromS);
    assert.ok(r.cluster.active && Math.abs(Date.parse(r.startedAt) / 1000 - trace[0].t) < 0.01);
    assert.ok(r.samples.every((x) => x.t >= 0 && x.t <= r.durationS + 1e-6));
    assert.equal(r.cluster.pods.length, 1);
    const pod = r.cluster.pods[0];
    assert.equal(pod.pod, TRAIN_POD);
    assert.equal(pod.namespace, 'ml');
    assert.deepEqual(pod.nodes, ['gpu-node-1']);
    assert.equal(pod.gpuMethod, 'energy-counter');
    assert.ok(pod.gpuUtilPct! > 10 && pod.gpuUtilPct! < 100);
    within(pod.totalJ, r.energy.totalJ, 0.001, 'the pod holds the whole job');
    assert.equal(r.cluster.gpus[0].model, 'NVIDIA H200');
    assert.equal(r.emissions.countryIso3, 'FRA');
    assert.equal(r.emissions.pue, 1.56);
    within(r.emissions.gCO2e, (r.energy.totalJ / 3.6e6) * 1.56 * r.emissions.intensityGPerKWh, 0.001, 'CO2e');
    assert.ok(r.cluster.queries.some((q) => q.metric === 'kepler_container_package_joules_total' && q.promql.startsWith('increase(kepler_container_package_joules_total{pod_name=~"train-bert-')));
    assert.ok(r.samples.length > 10 && r.samples.some((s) => s.gpuW > 500), 'the chart has the heavy phase');
    assert.ok(!JSON.stringify(r).includes(BASIC.password), 'the password is not in the report');
    console.log(`GPU energy: ${r.energy.gpuJ.toFixed(1)} J from increase(), trace ${truthJ.toFixed(1)} J (${((r.energy.gpuJ / truthJ - 1) * 100).toFixed(2)} %)`);
  });

  test('the panel: the report is a run of the history, with a per-pod table and its queries; two runs compare', async () => {
    const r = await clusterEnergy({ prometheus: auth.url, auth: basic, scope: { namespace: 'ml' }, ...window });
    const name = clusterRunName(r);
    assert.match(name, /^namespace ml @ 127\.0\.0\.1:\d+$/);
    const summary = summarize(r, { id: 'run-1', relPath: name });
    const view = { ...buildView(r, summary), breakdown: clusterBreakdown(r) };
    const msg = parseHostMessage({ type: 'show', view });
    assert.ok(msg, 'the webview accepts the view');
    assert.equal(view.breakdown.rows.length, 2);
    assert.deepEqual(view.breakdown.rows.map((row) => row[1]).sort(), [EVAL_POD, TRAIN_POD].sort());
    assert.ok(view.breakdown.queries.some((q) => q.promql.startsWith('increase(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{namespace="ml"}')));
    assert.equal(view.points.length > 0, true);
    const again = summarize(r, { id: 'run-2', relPath: name });
    const cmp = compareRuns(summary, again);
    assert.equal(cmp.partial, false);
    assert.equal(cmp.differentScripts, false);
  });

  test('without the energy counter, GPU power integrated over time is within 1 % of the trace', async () => {
    const r = await clusterEnergy({ prometheus: auth.url, auth: basic, scope: { namespace: 'ml-legacy' }, ...window });
    assert.equal(r.methods.gpu.id, 'dcgm-power');
    assert.equal(r.cluster.pods[0].pod, LEGACY_POD);
    within(r.energy.gpuJ, truthJ, 1, 'integrated DCGM_FI_DEV_POWER_USAGE vs the trace’s counter');
    assert.ok(r.notes.some((n) => /no Kepler|none match/.test(n)), r.notes.join('\n'));
    console.log(`GPU energy from power: ${r.energy.gpuJ.toFixed(1)} J, trace ${truthJ.toFixed(1)} J (${((r.energy.gpuJ / truthJ - 1) * 100).toFixed(2)} %)`);
  });

  test('a namespace: one row per pod, the counter where it exists and power elsewhere', async () => {
    const r = await clusterEnergy({ prometheus: auth.url, auth: basic, scope: { namespace: 'ml' }, ...window });
    assert.equal(r.methods.gpu.id, 'dcgm-mixed');
    assert.deepEqual(r.cluster.pods.map((p) => p.pod).sort(), [EVAL_POD, TRAIN_POD].sort());
    const evalPod = r.cluster.pods.find((p) => p.pod === EVAL_POD)!;
    assert.equal(evalPod.gpuMethod, 'power');
    within(evalPod.gpuJ, 100 * (trace[trace.length - 1].t - trace[0].t), 1, 'a constant 100 W');
  });

  test('a window split into pieces when the server’s sample limit refuses it gives the same energy', async () => {
    const whole = await clusterEnergy({ prometheus: auth.url, auth: basic, scope: { namespace: 'ml' }, ...window });
    const split = await clusterEnergy({ prometheus: limited.url, scope: { namespace: 'ml' }, ...window });
    assert.ok(split.cluster.queries.some((q) => q.chunks > 1), 'some query was split');
    within(split.energy.gpuJ, whole.energy.gpuJ, 1, 'GPU energy split vs whole');
    within(split.energy.cpuJ, whole.energy.cpuJ, 1, 'CPU energy split vs whole');
  });

  test('a query over the sample limit even in small pieces: a clear message', async () => {
    await assert.rejects(
      clusterEnergy({ prometheus: tiny.url, scope: { namespace: 'ml' }, ...window }),
      (e: PrometheusError) => e instanceof PrometheusError && e.kind === 'too-many-samples' && /--query\.max-samples/.test(e.message) && /narrow the selector/.test(e.message),
    );
  });

  test('401 without credentials and with a wrong password: says which variables to set', async () => {
    await assert.rejects(clusterEnergy({ prometheus: auth.url, scope: { job: 'train-bert' }, ...window }), (e: PrometheusError) => e.kind === 'auth' && /401/.test(e.message) && /FRUGAL_PROMETHEUS_TOKEN/.test(e.message) && /asks for credentials/.test(e.message));
    await assert.rejects(clusterEnergy({ prometheus: auth.url, auth: { basic: { user: BASIC.user, password: 'wrong' } }, scope: { job: 'train-bert' }, ...window }), (e: PrometheusError) => e.kind === 'auth' && /refused/.test(e.message) && !e.message.includes('wrong'));
  });

  test('an unreachable server: a clear message', async () => {
    const url = empty.url.replace(/:\d+$/, ':1');
    await assert.rejects(clusterEnergy({ prometheus: url, scope: { job: 'x' }, ...window, timeoutMs: 5000 }), (e: PrometheusError) => e.kind === 'unreachable' && /cannot reach Prometheus at http:\/\/127\.0\.0\.1:1/.test(e.message));
  });

  test('no DCGM nor Kepler metrics: names what to deploy', async () => {
    await assert.rejects(clusterEnergy({ prometheus: empty.url, scope: { job: 'train-bert' }, ...window }), (e: Error) => e instanceof ClusterError && /dcgm-exporter/.test(e.message) && /Kepler/.test(e.message));
  });

  test('a selector that matches nothing: lists the jobs that have GPU series', async () => {
    await assert.rejects(clusterEnergy({ prometheus: auth.url, auth: basic, scope: { job: 'nope' }, ...window }), (e: Error) => e instanceof ClusterError && /no series match/.test(e.message) && /ml\/train-bert/.test(e.message));
  });

  test('the jobs of the window, from the pod labels', async () => {
    const jobs = await listJobs({ prometheus: auth.url, auth: basic, ...window });
    assert.deepEqual(
      jobs.map((j) => `${j.namespace}/${j.job}`),
      ['ml/eval-resnet', 'ml/train-bert', 'ml-legacy/train-bert-legacy', 'serve/infer-llm'],
    );
  });

  test('the CLI: credentials from the environment, the JSON report, the summary with each query; never the password', () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'frugal-cluster-cli-')), 'job.json');
    const args = [CLI, 'cluster', '--prometheus', auth.url, '--job', 'train-bert', '--from', String(window.fromS), '--to', new Date(window.toS * 1000).toISOString(), '--json', out, '--country', 'SWE'];
    const env = { ...process.env, FRUGAL_PROMETHEUS_USER: BASIC.user, FRUGAL_PROMETHEUS_PASSWORD: BASIC.password };
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', env, timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /increase\(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION/);
    assert.match(r.stdout, /Per pod:[\s\S]*train-bert-x7k2p/);
    assert.ok(!r.stdout.includes(BASIC.password) && !r.stderr.includes(BASIC.password));
    const report = JSON.parse(readFileSync(out, 'utf8')) as ClusterReport;
    assert.equal(report.schema, 'frugal.profile/1');
    assert.equal(report.cluster.auth, `basic auth as ${BASIC.user}`);
    assert.equal(report.emissions.countryIso3, 'SWE');
    // Without the variables: exit 1 and the 401 message.
    const denied = spawnSync(process.execPath, args.slice(0, -4), { encoding: 'utf8', env: { ...process.env, FRUGAL_PROMETHEUS_USER: '', FRUGAL_PROMETHEUS_TOKEN: '' }, timeout: 60_000 });
    assert.equal(denied.status, 1);
    assert.match(denied.stderr, /401/);
  });

  test('the CLI: usage errors exit 2', () => {
    const run = (...a: string[]) => spawnSync(process.execPath, [CLI, 'cluster', ...a], { encoding: 'utf8', env: { ...process.env, FRUGAL_PROMETHEUS_URL: '' } });
    assert.equal(run('--job', 'x').status, 2);
    assert.equal(run('--prometheus', auth.url).status, 2);
    assert.match(run('--prometheus', auth.url, '--job', 'x', '--last', 'soon').stderr, /not a duration/);
    assert.match(run('--prometheus', auth.url, '--selector', 'pod~"x"').stderr, /cannot read/);
    assert.equal(run('--help').status, 0);
  });
});

if (skip) test('frugal cluster against a real Prometheus', { skip }, () => undefined);
