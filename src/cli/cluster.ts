// `frugal cluster`: a cluster job's GPU, CPU and DRAM energy and CO2e over a time window, read from
// the cluster's Prometheus (dcgm-exporter, Kepler) or from Slurm's accounting. Thin: the work is in
// src/cluster.
import { parseArgs } from 'node:util';
import { authFromEnv, ClusterError, clusterEnergy, formatClusterSummary, listJobs, PrometheusError, readSlurmJob, SelectorError, slurmReport, SlurmError, type ClusterReport, type Scope } from '../cluster';
import { ProfileUsageError } from '../profile';
import { unwritable, writeWhole } from './destination';

export const CLUSTER_HELP = `frugal cluster — a cluster job's energy and CO2e from Prometheus (dcgm-exporter, Kepler) or Slurm

Usage:
  frugal cluster --prometheus URL (--job NAME | --namespace NS | --selector 'pod=~"train-.*"') (--last 2h | --from T --to T) [options]
  frugal cluster --prometheus URL --list [--namespace NS] [--last 24h]
  frugal cluster --slurm JOBID [--prometheus URL] [options]

What is measured:
  GPU      increase(DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION[…]) per GPU, else DCGM_FI_DEV_POWER_USAGE integrated
  CPU      increase() of Kepler's package counter for the job's pods
  DRAM     increase() of Kepler's DRAM counter
Each figure comes with its metric and PromQL; a missing exporter is named with what to deploy.

Options:
  --prometheus URL      the Prometheus server (default: $FRUGAL_PROMETHEUS_URL)
  --job NAME            the pods of a Kubernetes Job or Kubeflow job NAME (NAME-xxxxx, NAME-worker-0)
  --namespace NS        only pods of this namespace
  --selector MATCHERS   PromQL label matchers in dcgm-exporter's names (pod, namespace, container, Hostname)
  --last DURATION       the window ending now: 90m, 2h, 7d (default 1h)
  --from T, --to T      the window: ISO 8601 (2026-11-27T21:41:00Z), epoch seconds, or now-2h
  --list                list the jobs with GPU series in the window instead
  --slurm JOBID         a Slurm job: its window and nodes from sacct, its ConsumedEnergyRaw; with --prometheus,
                        the GPUs of its nodes from dcgm-exporter
  --json FILE           write the report (frugal.profile/1 with per-pod rows) to FILE; "-" for standard output
  --country ISO3, --zone ID, --cloud P:REGION, --intensity G
                        carbon intensity, as for frugal profile (default: this machine's time zone)
  --pue N               power usage effectiveness (default 1.56, an unknown data centre; a cloud's own with --cloud)
  --chunk DURATION      first piece of the window per query (default 6h; halved when the server refuses)
  --timeout S           per query (default 60)
  -h, --help            show this help

Credentials come from the environment only: FRUGAL_PROMETHEUS_TOKEN (bearer), or FRUGAL_PROMETHEUS_USER and
FRUGAL_PROMETHEUS_PASSWORD (basic auth). They are never printed or written to the report.

Exit status: 0 a report, 1 no figures or the server refused, 2 a usage error.
`;

const OPTIONS = {
  prometheus: { type: 'string' },
  job: { type: 'string' },
  namespace: { type: 'string' },
  selector: { type: 'string' },
  last: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  list: { type: 'boolean' },
  slurm: { type: 'string' },
  json: { type: 'string' },
  country: { type: 'string' },
  zone: { type: 'string' },
  cloud: { type: 'string' },
  intensity: { type: 'string' },
  pue: { type: 'string' },
  chunk: { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** `90m`, `2h30m`, `7d`, `45` (seconds) → seconds. */
export function parseDuration(text: string, option: string): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  let total = 0;
  let rest = t;
  const unit = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/;
  while (rest) {
    const m = unit.exec(rest);
    if (!m) throw new UsageError(`--${option}: "${text}" is not a duration (e.g. 90m, 2h, 7d)`);
    total += Number(m[1]) * UNITS[m[2]];
    rest = rest.slice(m[0].length);
  }
  if (!(total > 0)) throw new UsageError(`--${option}: the duration must be positive`);
  return total;
}

/** ISO 8601, epoch seconds, `now` or `now-2h` → epoch seconds. */
export function parseTime(text: string, option: string, nowS: number): number {
  const t = text.trim();
  if (t === 'now') return nowS;
  const rel = /^now-(.+)$/.exec(t);
  if (rel) return nowS - parseDuration(rel[1], option);
  if (/^\d{9,}(\.\d+)?$/.test(t)) return Number(t);
  const ms = Date.parse(t);
  if (!Number.isFinite(ms)) throw new UsageError(`--${option}: "${text}" is not a time (ISO 8601 like 2026-11-27T21:41:00Z, epoch seconds, or now-2h)`);
  return ms / 1000;
}

function num(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new UsageError(`--${name} needs a number ≥ ${min}, got "${raw}"`);
  return n;
}

export async function runCluster(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];
  try {
    values = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false }).values;
  } catch (e) {
    process.stderr.write(`frugal: ${(e as Error).message}\nRun \`frugal cluster --help\` for usage.\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(CLUSTER_HELP);
    return 0;
  }
  try {
    const nowS = Date.now() / 1000;
    const prometheus = values.prometheus ?? env.FRUGAL_PROMETHEUS_URL;
    const auth = authFromEnv(env);
    const timeoutMs = (num('timeout', values.timeout, 1) ?? 60) * 1000;
    const chunkS = values.chunk ? parseDuration(values.chunk, 'chunk') : undefined;
    let cloud: { provider: string; region: string } | undefined;
    if (values.cloud) {
      const [provider, ...region] = values.cloud.split(':');
      if (!provider || !region.length) throw new UsageError(`--cloud takes PROVIDER:REGION (e.g. gcp:europe-west1), got "${values.cloud}"`);
      cloud = { provider, region: region.join(':') };
    }
    const carbon = { country: values.country, zone: values.zone, cloud, intensity: num('intensity', values.intensity, 0), pue: num('pue', values.pue, 1) };
    if (values.json && values.json !== '-') {
      const why = unwritable(values.json);
      if (why) throw new UsageError(`cannot write --json ${values.json}: ${why}`);
    }
    if (values.to && !values.from) throw new UsageError('--to needs --from');
    if (values.last && (values.from || values.to)) throw new UsageError('give --last or --from/--to, not both');
    let fromS: number;
    let toS: number;
    if (values.from) {
      fromS = parseTime(values.from, 'from', nowS);
      toS = values.to ? parseTime(values.to, 'to', nowS) : nowS;
    } else {
      toS = nowS;
      fromS = nowS - parseDuration(values.last ?? (values.list ? '24h' : '1h'), 'last');
    }
    if (!(toS > fromS)) throw new UsageError('the window is empty: --to must be after --from');

    let report: ClusterReport;
    if (values.slurm) {
      const job = readSlurmJob(values.slurm, env);
      if (!prometheus) report = slurmReport(job, carbon, nowS);
      else {
        report = await clusterEnergy({ prometheus, auth, scope: { nodes: job.nodes, ...scopeOf(values, false) }, fromS: job.startS, toS: job.endS ?? nowS, timeoutMs, chunkS, ...carbon });
        report.cluster.slurm = { jobId: job.jobId, name: job.name, state: job.state, nodes: job.nodes, ...(job.consumedEnergyJ !== undefined ? { consumedEnergyJ: job.consumedEnergyJ } : {}), source: job.source };
        report.script = `slurm: job ${job.jobId} (${job.name})`;
      }
    } else {
      if (!prometheus) throw new UsageError('no Prometheus: pass --prometheus URL (or set FRUGAL_PROMETHEUS_URL), or --slurm JOBID');
      if (values.list) {
        const jobs = await listJobs({ prometheus, auth, timeoutMs, fromS, toS, namespace: values.namespace });
        if (values.json) emit(values.json, JSON.stringify({ schema: 'frugal.cluster-jobs/1', from: new Date(fromS * 1000).toISOString(), to: new Date(toS * 1000).toISOString(), jobs }, null, 2) + '\n');
        if (values.json !== '-') {
          if (!jobs.length) process.stdout.write('No pods with GPU series (DCGM_FI_DEV_POWER_USAGE{pod!=""}) in the window.\n');
          for (const j of jobs) process.stdout.write(`${j.namespace || '-'}\t${j.job}\t${j.pods.length} pod${j.pods.length === 1 ? '' : 's'}\t${j.nodes.join(',')}\n`);
        }
        return 0;
      }
      const scope = scopeOf(values, true);
      report = await clusterEnergy({ prometheus, auth, scope, fromS, toS, timeoutMs, chunkS, ...carbon });
    }
    if (values.json) emit(values.json, JSON.stringify(report, null, 2) + '\n');
    if (values.json !== '-') process.stdout.write(formatClusterSummary(report));
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof SelectorError || e instanceof ProfileUsageError) {
      process.stderr.write(`frugal: ${e.message}\nRun \`frugal cluster --help\` for usage.\n`);
      return 2;
    }
    if (e instanceof PrometheusError || e instanceof ClusterError || e instanceof SlurmError) {
      process.stderr.write(`frugal: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

function scopeOf(values: { job?: string; namespace?: string; selector?: string }, required: boolean): Scope {
  const scope: Scope = {
    ...(values.job ? { job: values.job } : {}),
    ...(values.namespace ? { namespace: values.namespace } : {}),
    ...(values.selector ? { selector: values.selector } : {}),
  };
  if (required && !scope.job && !scope.namespace && !scope.selector) throw new UsageError('say which job: --job NAME, --namespace NS or --selector MATCHERS (frugal cluster --list shows the jobs)');
  return scope;
}

function emit(dest: string, text: string): void {
  if (dest === '-') process.stdout.write(text);
  else writeWhole(dest, text);
}
