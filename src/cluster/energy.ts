// A cluster job's energy over a time window, from the Prometheus the cluster already has: GPU energy
// per GPU and pod from NVIDIA's dcgm-exporter (the energy counter, else power integrated), CPU and
// DRAM energy per pod from Kepler, CO2e with the profiler's intensity tables. The result has the
// `frugal.profile/1` shape, plus per-pod and per-GPU rows and every query that produced a figure.
import { emissionsOf, gramsCO2e, resolveIntensity, type Intensity } from '../profile';
import type { CloudLocation, Energy, Method, ProfileReport, Sample } from '../profile/types';
import { describeAuth, type PrometheusAuth } from './auth';
import { ADD_ENERGY_COUNTER, DCGM, DEPLOY_DCGM, DEPLOY_KEPLER, KEPLER, workload, type KeplerFlavour } from './metrics';
import { Prometheus, PrometheusError } from './prometheus';
import { chunked, DEFAULT_CHUNK_S, integratePower, joinChunks, rangeSplit, seriesKey, sumChunks } from './query';
import { describeScope, jobOfPod, render, scopeMatchers, translate, type Matcher, type Scope } from './selector';

/** PUE of an unknown data centre (Uptime Institute, Global Data Center Survey 2024), the default here. */
export const DATA_CENTRE_PUE = 1.56;
const CHART_POINTS = 600;

export class ClusterError extends Error {}

export interface ClusterOptions {
  prometheus: string;
  auth?: PrometheusAuth;
  scope: Scope;
  fromS: number;
  toS: number;
  country?: string;
  zone?: string;
  cloud?: CloudLocation;
  intensity?: number;
  pue?: number;
  timeoutMs?: number;
  /** First chunk length of the window's queries (default 6 h; halved when the server refuses). */
  chunkS?: number;
  fetch?: typeof fetch;
}

/** How one figure was obtained: the metric and the PromQL, as sent (the range is each chunk's). */
export interface QueryRecord {
  figure: string;
  metric: string;
  promql: string;
  chunks: number;
  chunkS: number;
  /** For a range query: its step (s); chunks and chunkS are then 0. */
  stepS?: number;
}

export interface PodRow {
  namespace: string;
  pod: string;
  containers: string[];
  nodes: string[];
  gpus: number;
  gpuJ: number;
  cpuJ: number;
  ramJ: number;
  totalJ: number;
  gCO2e: number;
  gpuUtilPct?: number;
  /** First and last GPU sample of the pod in the window (ISO). */
  firstSeen?: string;
  lastSeen?: string;
  gpuMethod: 'energy-counter' | 'power' | 'none';
}

export interface GpuRow {
  node: string;
  gpu: string;
  uuid?: string;
  model?: string;
  namespace: string;
  pod: string;
  container: string;
  energyJ: number;
  method: 'energy-counter' | 'power';
  /** Mean power over the GPU's samples in the window. */
  meanW?: number;
  utilPct?: number;
  samples: number;
}

export interface ClusterSection {
  prometheus: string;
  auth: string;
  scope: Scope;
  scopeText: string;
  /** The window queried. */
  window: { from: string; to: string };
  /** From the job's first to its last GPU sample in the window (the report's startedAt and durationS). */
  active?: { from: string; to: string };
  pods: PodRow[];
  gpus: GpuRow[];
  queries: QueryRecord[];
  /** Kepler's generation, when it was found. */
  kepler?: string;
  warnings: string[];
  slurm?: SlurmSection;
}

export interface SlurmSection {
  jobId: string;
  name: string;
  state: string;
  nodes: string[];
  consumedEnergyJ?: number;
  source: string;
}

export type ClusterReport = ProfileReport & { cluster: ClusterSection };

interface PodAcc {
  namespace: string;
  pod: string;
  containers: Set<string>;
  nodes: Set<string>;
  gpus: Set<string>;
  gpuJ: number;
  cpuJ: number;
  ramJ: number;
  utilSum: number;
  utilN: number;
  first?: number;
  last?: number;
  methods: Set<'energy-counter' | 'power'>;
}

const iso = (s: number) => new Date(s * 1000).toISOString();

function podAcc(map: Map<string, PodAcc>, namespace: string, pod: string): PodAcc {
  const key = `${namespace}/${pod}`;
  let p = map.get(key);
  if (!p) {
    p = { namespace, pod, containers: new Set(), nodes: new Set(), gpus: new Set(), gpuJ: 0, cpuJ: 0, ramJ: 0, utilSum: 0, utilN: 0, methods: new Set() };
    map.set(key, p);
  }
  return p;
}

/** The profiler's intensity tables, with a data centre's PUE unless one is given. */
export function intensityFor(o: Pick<ClusterOptions, 'country' | 'zone' | 'cloud' | 'intensity' | 'pue'>): Intensity {
  const base = resolveIntensity({ country: o.country, zone: o.zone, cloud: o.cloud, intensity: o.intensity, pue: o.pue });
  if (o.pue !== undefined || o.cloud) return base;
  return { ...base, pue: DATA_CENTRE_PUE, pueSource: `unknown data centre, ${DATA_CENTRE_PUE} (Uptime Institute, Global Data Center Survey 2024; pass --pue for your site's)` };
}

/** Reads the job's energy; throws ClusterError (or PrometheusError) with a message for people. */
export async function clusterEnergy(o: ClusterOptions): Promise<ClusterReport> {
  if (!(o.toS > o.fromS)) throw new ClusterError('the window is empty: --to must be after --from');
  const intensity = intensityFor(o);
  const prom = new Prometheus(o.prometheus, { auth: o.auth, timeoutMs: o.timeoutMs, fetch: o.fetch });
  const matchers = scopeMatchers(o.scope);
  const sel = render(matchers);
  const names = await prom.metricNames(o.fromS, o.toS);
  const notes: string[] = [];
  const queries: QueryRecord[] = [];
  const pods = new Map<string, PodAcc>();
  const gpus: GpuRow[] = [];
  const chunkS = o.chunkS ?? DEFAULT_CHUNK_S;
  const record = (figure: string, metric: string, promql: string, r: { chunks: unknown[]; chunkS: number }) => queries.push({ figure, metric, promql, chunks: r.chunks.length, chunkS: r.chunkS });

  // --- GPUs: dcgm-exporter ---------------------------------------------------------------------
  const hasPower = names.has(DCGM.power);
  const hasCounter = names.has(DCGM.energy);
  let counterUsed = 0;
  let powerUsed = 0;
  if (!hasPower && !hasCounter) {
    notes.push(`GPU: Prometheus has no ${DCGM.power} or ${DCGM.energy} between ${iso(o.fromS)} and ${iso(o.toS)}: ${DEPLOY_DCGM}.`);
  } else {
    const counters = new Map<string, number>();
    if (hasCounter) {
      const q = (r: string) => `increase(${DCGM.energy}${sel}[${r}])`;
      const res = await chunked(prom, o.fromS, o.toS, q, chunkS);
      record('GPU energy (counter, mJ)', DCGM.energy, q('<chunk>'), res);
      for (const [key, v] of sumChunks(res.chunks)) counters.set(key, v.value / 1000);
    } else notes.push(`GPU: ${DCGM.energy} is not exported, so GPU power is integrated over time instead: ${ADD_ENERGY_COUNTER}.`);
    // Which GPU series exist, and how many samples each has: one number per series and chunk.
    const countQ = (r: string) => `count_over_time(${DCGM.power}${sel}[${r}])`;
    const counts = hasPower ? await chunked(prom, o.fromS, o.toS, countQ, chunkS) : undefined;
    if (counts) record('GPU series and their samples', DCGM.power, countQ('<chunk>'), counts);
    const present = counts ? sumChunks(counts.chunks) : new Map<string, { labels: Record<string, string>; value: number }>();
    // Raw power samples only for the series without the counter (the fallback), one series at a time.
    const integrals = new Map<string, ReturnType<typeof integratePower>>();
    for (const [key, { labels }] of present) {
      if (counters.has(key)) continue;
      const exact = render(Object.entries(labels).map(([label, value]) => ({ label, op: '=' as const, value })));
      const rawQ = (r: string) => `${DCGM.power}${exact}[${r}]`;
      const raw = await chunked(prom, o.fromS, o.toS, rawQ, chunkS);
      if (!queries.some((q) => q.figure.startsWith('GPU energy (power'))) record('GPU energy (power samples, W, integrated; per GPU series without the counter)', DCGM.power, `${DCGM.power}{<the series' labels>}[<chunk>]`, raw);
      const series = joinChunks(raw.chunks).values().next().value;
      integrals.set(key, integratePower(series?.points ?? []));
    }
    // When each series had samples (for the job's time and mean power), to 1/2000 of the window.
    const step = Math.max(0.001, (o.toS - o.fromS) / 2000);
    const seen = new Map<string, { first: number; last: number }>();
    if (hasPower && present.size) {
      const tsQ = `timestamp(${DCGM.power}${sel})`;
      queries.push({ figure: 'GPU series’ first and last samples', metric: DCGM.power, promql: tsQ, chunks: 0, chunkS: 0, stepS: step });
      for (const sr of await rangeSplit(prom, tsQ, o.fromS, o.toS, step)) {
        const vals = sr.points.map(([, v]) => v).filter((v) => v >= o.fromS - 1e-3 && v <= o.toS + 1e-3);
        if (vals.length) seen.set(seriesKey(sr.labels), { first: Math.min(...vals), last: Math.max(...vals) });
      }
    }
    // GPU utilisation: the mean of its samples, from per-chunk sums and counts.
    const utilSum = new Map<string, number>();
    const utilCount = new Map<string, number>();
    if (names.has(DCGM.util)) {
      const sumQ = (r: string) => `sum_over_time(${DCGM.util}${sel}[${r}])`;
      const cntQ = (r: string) => `count_over_time(${DCGM.util}${sel}[${r}])`;
      const sums = await chunked(prom, o.fromS, o.toS, sumQ, chunkS);
      const cnts = await chunked(prom, o.fromS, o.toS, cntQ, chunkS);
      record('GPU utilisation (%, mean of the samples)', DCGM.util, `${sumQ('<chunk>')} / ${cntQ('<chunk>')}`, sums);
      for (const [k, v] of sumChunks(sums.chunks)) utilSum.set(k, v.value);
      for (const [k, v] of sumChunks(cnts.chunks)) utilCount.set(k, v.value);
    }
    const keys = new Set([...counters.keys(), ...present.keys()]);
    for (const key of keys) {
      const labels = (present.get(key)?.labels ?? Object.fromEntries(JSON.parse(key) as [string, string][])) as Record<string, string>;
      const integ = integrals.get(key);
      const counter = counters.get(key);
      const method = counter !== undefined ? 'energy-counter' : 'power';
      const energyJ = counter ?? integ?.joules ?? 0;
      if (method === 'energy-counter') counterUsed++;
      else powerUsed++;
      const when = integ?.firstS !== undefined ? { first: integ.firstS, last: integ.lastS! } : seen.get(key);
      const n = utilCount.get(key);
      const utilPct = n ? utilSum.get(key)! / n : undefined;
      const samples = present.get(key)?.value ?? 0;
      // The span the samples stand for: first to last, and one interval more (half at each end).
      const span = when && samples > 1 ? (when.last - when.first) * (samples / (samples - 1)) : 0;
      const w = workload(labels, { pod: 'pod', namespace: 'namespace', container: 'container' });
      const node = labels.Hostname || labels.instance || '';
      const gpu = labels.gpu ?? labels.device ?? '';
      gpus.push({
        node,
        gpu,
        ...(labels.UUID ? { uuid: labels.UUID } : {}),
        ...(labels.modelName ? { model: labels.modelName } : {}),
        namespace: w.namespace,
        pod: w.pod,
        container: w.container,
        energyJ,
        method,
        ...(span > 0 ? { meanW: energyJ / span } : {}),
        ...(utilPct !== undefined ? { utilPct } : {}),
        samples,
      });
      const p = podAcc(pods, w.namespace, w.pod);
      if (w.container) p.containers.add(w.container);
      if (node) p.nodes.add(node);
      p.gpus.add(`${node}/${labels.UUID ?? gpu}`);
      p.gpuJ += energyJ;
      p.methods.add(method);
      if (n) {
        p.utilSum += utilSum.get(key)!;
        p.utilN += n;
      }
      if (when) {
        p.first = Math.min(p.first ?? Infinity, when.first);
        p.last = Math.max(p.last ?? -Infinity, when.last);
      }
    }
    if (keys.size === 0) {
      const seen = await prom.series(`${DCGM.power}{pod!=""}`, o.fromS, o.toS).catch(() => []);
      const jobs = [...new Set(seen.map((l) => `${l.namespace ?? ''}/${jobOfPod(l.pod ?? '')}`))].slice(0, 8);
      notes.push(`GPU: DCGM metrics exist, but no series match ${sel || '(no selector)'} between ${iso(o.fromS)} and ${iso(o.toS)}${jobs.length ? `; jobs with GPU metrics then: ${jobs.join(', ')} (frugal cluster --list)` : ''}.`);
    }
  }

  // --- CPU and DRAM: Kepler ---------------------------------------------------------------------
  let kepler: KeplerFlavour | undefined;
  let keplerCpu = 0;
  let keplerDram = 0;
  const present = KEPLER.filter((k) => names.has(k.cpu.metric));
  if (!present.length) notes.push(`CPU and DRAM: Prometheus has no Kepler metrics (${KEPLER.map((k) => k.cpu.metric).filter((m, i, a) => a.indexOf(m) === i).join(', ')}) in the window: ${DEPLOY_KEPLER}.`);
  for (const k of present) {
    const km = translate(matchers, k.labels);
    if (!km) {
      notes.push(`CPU and DRAM: ${k.cpu.metric} has no label for ${matchers.map((m) => m.label).filter((l) => !k.labels[l]).join(', ')}, so it cannot be matched to this job.`);
      continue;
    }
    const extra = (e?: string) => (e ? [parseExtra(e)] : []);
    const cpuQ = (r: string) => `increase(${k.cpu.metric}${render(km, extra(k.cpu.extra))}[${r}])`;
    const cpu = await chunked(prom, o.fromS, o.toS, cpuQ, chunkS);
    const cpuRows = sumChunks(cpu.chunks);
    if (cpuRows.size === 0) continue;
    kepler = k;
    record('CPU energy (J)', k.cpu.metric, cpuQ('<chunk>'), cpu);
    const names2 = { pod: k.labels.pod ?? 'pod_name', namespace: k.labels.namespace ?? 'container_namespace', container: k.labels.container };
    for (const { labels, value } of cpuRows.values()) {
      const w = workload(labels, names2);
      const p = podAcc(pods, w.namespace, w.pod);
      if (w.container) p.containers.add(w.container);
      p.cpuJ += value;
      keplerCpu += value;
    }
    if (k.dram && names.has(k.dram.metric)) {
      const dramQ = (r: string) => `increase(${k.dram!.metric}${render(km, extra(k.dram!.extra))}[${r}])`;
      const dram = await chunked(prom, o.fromS, o.toS, dramQ, chunkS);
      record('DRAM energy (J)', k.dram.metric, dramQ('<chunk>'), dram);
      for (const { labels, value } of sumChunks(dram.chunks).values()) {
        const w = workload(labels, names2);
        podAcc(pods, w.namespace, w.pod).ramJ += value;
        keplerDram += value;
      }
    }
    break;
  }
  if (present.length && !kepler) notes.push(`CPU and DRAM: Kepler metrics exist, but none match ${sel || '(no selector)'} in the window (is Kepler running on the job's nodes?).`);

  if (!gpus.length && !kepler) {
    throw new ClusterError(`no energy figures for ${describeScope(o.scope)} between ${iso(o.fromS)} and ${iso(o.toS)}:\n  ${notes.join('\n  ')}`);
  }

  // --- The report ---------------------------------------------------------------------------------
  const gpuJ = gpus.reduce((a, g) => a + g.energyJ, 0);
  const energy: Energy = { cpuJ: keplerCpu, gpuJ, ramJ: keplerDram, totalJ: keplerCpu + gpuJ + keplerDram };
  const gpuMethod: Method = gpus.length
    ? {
        id: counterUsed && powerUsed ? 'dcgm-mixed' : counterUsed ? 'dcgm-energy-counter' : 'dcgm-power',
        scope: 'whole-device',
        estimated: false,
        label: [
          counterUsed ? `increase(${DCGM.energy}${sel}[…]) on ${counterUsed} GPU series (mJ; counter resets handled by increase)` : '',
          powerUsed ? `${DCGM.power}${sel} integrated over time on ${powerUsed} GPU series (trapezoids between samples)` : '',
        ]
          .filter(Boolean)
          .join('; ') + ' — NVIDIA dcgm-exporter, whole GPUs while the pods held them',
      }
    : { id: 'none', scope: 'none', estimated: false, label: 'not measured: no DCGM series for this job' };
  const cpuMethod: Method = kepler
    ? { id: kepler.id, scope: 'process-tree', estimated: false, label: `increase(${kepler.cpu.metric}…[…]) — Kepler's share of the node's energy for the job's containers (${kepler.covers})` }
    : { id: 'none', scope: 'none', estimated: false, label: 'not measured: no Kepler series for this job' };
  const ramMethod: Method =
    kepler?.dram && names.has(kepler.dram.metric)
      ? { id: kepler.id, scope: 'process-tree', estimated: false, label: `increase(${kepler.dram.metric}…[…]) — Kepler's DRAM share for the job's containers` }
      : { id: 'none', scope: 'none', estimated: false, label: kepler ? `not measured separately: ${kepler.covers}` : 'not measured: no Kepler series for this job' };

  const podRows: PodRow[] = [...pods.values()]
    .map((p) => {
      const totalJ = p.gpuJ + p.cpuJ + p.ramJ;
      return {
        namespace: p.namespace,
        pod: p.pod,
        containers: [...p.containers].sort(),
        nodes: [...p.nodes].sort(),
        gpus: p.gpus.size,
        gpuJ: p.gpuJ,
        cpuJ: p.cpuJ,
        ramJ: p.ramJ,
        totalJ,
        gCO2e: gramsCO2e(totalJ, intensity),
        ...(p.utilN ? { gpuUtilPct: p.utilSum / p.utilN } : {}),
        ...(p.first !== undefined ? { firstSeen: iso(p.first) } : {}),
        ...(p.last !== undefined ? { lastSeen: iso(p.last) } : {}),
        gpuMethod: p.methods.has('energy-counter') ? ('energy-counter' as const) : p.methods.has('power') ? ('power' as const) : ('none' as const),
      };
    })
    .sort((a, b) => b.totalJ - a.totalJ);

  // The report's time is the job's, not the window's, so its duration and mean power mean something.
  const firsts = [...pods.values()].map((p) => p.first).filter((x): x is number => x !== undefined);
  const lasts = [...pods.values()].map((p) => p.last).filter((x): x is number => x !== undefined);
  const active = firsts.length && Math.max(...lasts) > Math.min(...firsts) ? { fromS: Math.min(...firsts), toS: Math.max(...lasts) } : undefined;
  const startS = active?.fromS ?? o.fromS;
  const samples = (await chartSamples(prom, o, sel, hasPower, kepler, matchers, notes))
    .map((x) => ({ ...x, t: x.t - (startS - o.fromS) }))
    .filter((x) => !active || (x.t >= -1e-6 && x.t <= active.toS - active.fromS + 1e-6));
  const utils = gpus.filter((g) => g.utilPct !== undefined);
  const models = new Map<string, { index: number; name: string; uuid?: string }>();
  for (const g of gpus) models.set(`${g.node}/${g.uuid ?? g.gpu}`, { index: Number(g.gpu) || 0, name: g.model ?? 'NVIDIA GPU', ...(g.uuid ? { uuid: g.uuid } : {}) });
  if (!o.country && !o.zone && !o.cloud && o.intensity === undefined) {
    const whose = intensity.location === 'default' ? 'the world average' : `that of this machine's ${intensity.location}`;
    notes.push(`The carbon intensity is ${whose}, which need not be the cluster's: pass --country, --zone or --cloud for the data centre.`);
  }
  notes.push(...prom.warnings.map((w) => `Prometheus warned: ${w}`));
  const scopeText = describeScope(o.scope);
  return {
    schema: 'frugal.profile/1',
    script: `cluster: ${scopeText}`,
    args: [],
    command: ['prometheus', prom.url],
    runtime: 'cluster',
    startedAt: iso(startS),
    durationS: active ? active.toS - active.fromS : o.toS - o.fromS,
    exitCode: 0,
    stoppedBy: 'window',
    stderrTail: '',
    energy,
    machine: { ...energy },
    methods: { cpu: cpuMethod, gpu: gpuMethod, ram: ramMethod },
    emissions: emissionsOf(energy.totalJ, intensity),
    devices: {
      cpu: { model: 'cluster nodes', logicalCpus: 0, sockets: 0 },
      gpus: [...models.values()].map((g) => ({ ...g, vendor: 'nvidia' as const })),
      ram: { totalGB: 0, modelW: 0, dimms: 0 },
      os: '',
      platform: process.platform,
      hypervisor: false,
    },
    leftoverProcesses: 0,
    profiler: { cpuS: 0, pctOfOneCore: 0, helperCpuS: 0, helperPctOfOneCore: 0, setupCpuS: 0, setupS: 0, intervalMs: 0, samples: samples.length },
    utilization: { machineCpuPct: 0, ...(utils.length ? { gpuPct: utils.reduce((a, g) => a + g.utilPct!, 0) / utils.length } : {}) },
    notes,
    samples,
    cluster: {
      prometheus: prom.url,
      auth: describeAuth(o.auth),
      scope: o.scope,
      scopeText,
      window: { from: iso(o.fromS), to: iso(o.toS) },
      ...(active ? { active: { from: iso(active.fromS), to: iso(active.toS) } } : {}),
      pods: podRows,
      gpus: gpus.sort((a, b) => b.energyJ - a.energyJ),
      queries,
      ...(kepler ? { kepler: kepler.id } : {}),
      warnings: [...prom.warnings],
    },
  };
}

function parseExtra(e: string): Matcher {
  const m = /^(\w+)(=~|!~|!=|=)"(.*)"$/.exec(e)!;
  return { label: m[1], op: m[2] as Matcher['op'], value: m[3] };
}

/** The power over time for the panel's chart: summed GPU power and Kepler's CPU and DRAM rates. */
async function chartSamples(prom: Prometheus, o: ClusterOptions, sel: string, hasPower: boolean, kepler: KeplerFlavour | undefined, matchers: Matcher[], notes: string[]): Promise<Sample[]> {
  const window = o.toS - o.fromS;
  const step = Math.max(1, Math.ceil(window / CHART_POINTS));
  const rateRange = `${Math.max(step * 2, 30)}s`;
  const at = new Map<number, Sample>();
  const point = (t: number) => {
    let s = at.get(t);
    if (!s) {
      s = { t: t - o.fromS, cpuW: 0, gpuW: 0, ramW: 0, cpuPct: 0, rssMB: 0, processes: 0 };
      at.set(t, s);
    }
    return s;
  };
  try {
    if (hasPower) for (const s of await rangeSplit(prom, `sum(${DCGM.power}${sel})`, o.fromS, o.toS, step)) for (const [t, v] of s.points) point(t).gpuW = v;
    const km = kepler ? translate(matchers, kepler.labels) : undefined;
    if (kepler && km) {
      const extra = (e?: string) => (e ? [parseExtra(e)] : []);
      for (const s of await rangeSplit(prom, `sum(rate(${kepler.cpu.metric}${render(km, extra(kepler.cpu.extra))}[${rateRange}]))`, o.fromS, o.toS, step)) for (const [t, v] of s.points) point(t).cpuW = v;
      if (kepler.dram) for (const s of await rangeSplit(prom, `sum(rate(${kepler.dram.metric}${render(km, extra(kepler.dram.extra))}[${rateRange}]))`, o.fromS, o.toS, step)) for (const [t, v] of s.points) point(t).ramW = v;
    }
  } catch (e) {
    if (!(e instanceof PrometheusError)) throw e;
    notes.push(`The power chart could not be drawn: ${e.message}`);
    return [];
  }
  return [...at.entries()].sort(([a], [b]) => a - b).map(([, s]) => s);
}

export interface JobListing {
  job: string;
  namespace: string;
  pods: string[];
  nodes: string[];
}

/** Jobs with GPU series in the window (from the pod labels of dcgm-exporter), for a quick pick. */
export async function listJobs(o: Pick<ClusterOptions, 'prometheus' | 'auth' | 'timeoutMs' | 'fetch' | 'fromS' | 'toS'> & { namespace?: string }): Promise<JobListing[]> {
  const prom = new Prometheus(o.prometheus, { auth: o.auth, timeoutMs: o.timeoutMs, fetch: o.fetch });
  const match = `${DCGM.power}{pod!=""${o.namespace ? `,namespace=${JSON.stringify(o.namespace)}` : ''}}`;
  const jobs = new Map<string, JobListing>();
  for (const l of await prom.series(match, o.fromS, o.toS)) {
    const w = workload(l, { pod: 'pod', namespace: 'namespace' });
    if (!w.pod) continue;
    const job = jobOfPod(w.pod);
    const key = `${w.namespace}/${job}`;
    const j = jobs.get(key) ?? { job, namespace: w.namespace, pods: [], nodes: [] };
    if (!j.pods.includes(w.pod)) j.pods.push(w.pod);
    const node = l.Hostname || l.instance;
    if (node && !j.nodes.includes(node)) j.nodes.push(node);
    jobs.set(key, j);
  }
  return [...jobs.values()].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.job.localeCompare(b.job));
}
