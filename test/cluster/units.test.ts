// The cluster module's pieces without a server: label matchers, job names from pod names, power
// integration, and the window split into pieces when a (stand-in) server refuses a query.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { jobOfPod, parseMatchers, Prometheus, publicUrl } from '../../src/cluster';
import { chunked, integratePower, rangeOf } from '../../src/cluster/query';
import { jobPodPattern, render, scopeMatchers, translate } from '../../src/cluster/selector';

describe('cluster pieces', () => {
  test('label matchers: parsed, rendered, translated to Kepler’s names', () => {
    const m = parseMatchers('{pod=~"train-.*", namespace="ml",container!="sidecar, x"}');
    assert.deepEqual(m, [
      { label: 'pod', op: '=~', value: 'train-.*' },
      { label: 'namespace', op: '=', value: 'ml' },
      { label: 'container', op: '!=', value: 'sidecar, x' },
    ]);
    assert.equal(render(m), '{pod=~"train-.*",namespace="ml",container!="sidecar, x"}');
    assert.deepEqual(translate(m, { pod: 'pod_name', namespace: 'container_namespace', container: 'container_name' })?.map((x) => x.label), ['pod_name', 'container_namespace', 'container_name']);
    assert.equal(translate([{ label: 'Hostname', op: '=', value: 'n1' }], { pod: 'pod_name' }), undefined);
    assert.throws(() => parseMatchers('pod~"x"'), /cannot read/);
    assert.equal(render(scopeMatchers({ namespace: 'a"b' })), '{namespace="a\\"b"}');
  });

  test('a Job’s pods, and the job a pod belongs to', () => {
    const re = new RegExp(`^(?:${jobPodPattern('train.v2')})$`);
    for (const pod of ['train.v2-x7k2p', 'train.v2-3-x7k2p', 'train.v2-worker-0', 'train.v2-master-0']) assert.ok(re.test(pod), pod);
    for (const pod of ['trainXv2-x7k2p', 'train.v2-eval-x7k2p', 'other-train.v2-x7k2p']) assert.ok(!re.test(pod), pod);
    assert.equal(jobOfPod('train-bert-x7k2p'), 'train-bert');
    assert.equal(jobOfPod('train-bert-3-x7k2p'), 'train-bert');
    assert.equal(jobOfPod('llama-ft-worker-7'), 'llama-ft');
    assert.equal(jobOfPod('infer-llm-7d4b9c8f6d-zx9k2'), 'infer-llm');
    assert.equal(jobOfPod('standalone'), 'standalone');
  });

  test('power integration: trapezoids, half an interval at each end, gaps not bridged', () => {
    const pts = (ts: number[], w: number) => ts.map((t) => [t, w] as [number, number]);
    assert.equal(integratePower(pts([0, 1, 2, 3], 100)).joules, 400);
    // Two stretches of 3 samples, 100 s apart: 2 × (2 s + 1 s) × 100 W.
    assert.equal(integratePower(pts([0, 1, 2, 102, 103, 104], 100)).joules, 600);
    assert.equal(integratePower([]).joules, 0);
  });

  test('credentials never appear in the URL the client prints', () => {
    assert.equal(publicUrl('https://u:secret@prom.example:9090/'), 'https://prom.example:9090');
    const p = new Prometheus('https://u:secret@prom.example:9090');
    assert.equal(p.url, 'https://prom.example:9090');
    assert.throws(() => new Prometheus('ftp://x'), /http:\/\/ or https:\/\//);
  });

  test('a window is split in halves until the server accepts each piece', async () => {
    const seen: string[] = [];
    const fake: typeof fetch = async (_url, init) => {
      const body = new URLSearchParams(String(init?.body));
      const range = /\[(\d+)ms\]/.exec(body.get('query')!)![1];
      seen.push(range);
      if (Number(range) > 1000_000) return new Response(JSON.stringify({ status: 'error', errorType: 'execution', error: 'query processing would load too many samples into memory in query execution' }), { status: 422 });
      return new Response(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { pod: 'p' }, value: [Number(body.get('time')), '1'] }] } }));
    };
    const prom = new Prometheus('http://prom:9090', { fetch: fake });
    const r = await chunked(prom, 0, 3600, (range) => `increase(x[${range}])`);
    assert.equal(r.chunkS, 900);
    assert.equal(r.chunks.length, 4);
    assert.equal(rangeOf(900), '900000ms');
    assert.deepEqual(seen.slice(0, 3), ['3600000', '1800000', '900000']);
  });

  test('the client’s messages: a 401 names the variables, a non-Prometheus answer says so', async () => {
    const answer = (status: number, body: string): typeof fetch => async () => new Response(body, { status });
    await assert.rejects(new Prometheus('http://p', { fetch: answer(401, 'Unauthorized') }).instant('up', 0), /FRUGAL_PROMETHEUS_TOKEN/);
    await assert.rejects(new Prometheus('http://p', { fetch: answer(200, '<html>') }).instant('up', 0), /other than Prometheus' JSON/);
    await assert.rejects(new Prometheus('http://p', { fetch: answer(400, JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'exceeded maximum resolution of 11,000 points per timeseries' })) }).range('up', 0, 1e6, 1), (e: { kind: string }) => e.kind === 'too-many-points');
  });
});
