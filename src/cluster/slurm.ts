// Slurm jobs through `sacct`: the job's time window, its nodes and the energy Slurm's own
// accounting recorded (ConsumedEnergyRaw, joules, from the acct_gather_energy plugin).
import { spawnSync } from 'node:child_process';
import { which } from '../profile/runner/which';
import { emissionsOf } from '../profile';
import { intensityFor, type ClusterReport, type SlurmSection } from './energy';

export const SACCT_FIELDS = ['JobID', 'JobName', 'State', 'Start', 'End', 'Elapsed', 'NodeList', 'ConsumedEnergyRaw', 'AllocTRES'] as const;

export class SlurmError extends Error {}

export interface SlurmJob extends SlurmSection {
  startS: number;
  endS?: number;
  steps: { id: string; consumedEnergyJ?: number }[];
}

/** `gpu[01-03,07],cpu5` → gpu01, gpu02, gpu03, gpu07, cpu5 (what `scontrol show hostnames` prints). */
export function expandNodeList(list: string): string[] {
  const out: string[] = [];
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of list) {
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (c === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) parts.push(cur);
  for (const part of parts) {
    const m = /^([^[]*)\[([^\]]+)\](.*)$/.exec(part);
    if (!m) {
      if (part && part !== 'None assigned') out.push(part);
      continue;
    }
    for (const r of m[2].split(',')) {
      const [a, b] = r.split('-');
      if (b === undefined) out.push(...expandNodeList(`${m[1]}${a}${m[3]}`));
      else for (let i = Number(a); i <= Number(b); i++) out.push(...expandNodeList(`${m[1]}${String(i).padStart(a.length, '0')}${m[3]}`));
    }
  }
  return out;
}

/** Slurm's local time `2026-11-27T21:41:28` (no zone: the cluster's local time, this machine's by default). */
function slurmTime(s: string): number | undefined {
  if (!s || s === 'Unknown' || s === 'None') return undefined;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t / 1000 : undefined;
}

/** Parses `sacct --parsable2 --noheader --format=<SACCT_FIELDS>` output for one job. */
export function parseSacct(text: string, jobId: string): SlurmJob {
  const rows = text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => {
      const cells = l.split('|');
      return Object.fromEntries(SACCT_FIELDS.map((f, i) => [f, cells[i] ?? ''])) as Record<(typeof SACCT_FIELDS)[number], string>;
    });
  const main = rows.find((r) => r.JobID === jobId) ?? rows.find((r) => !r.JobID.includes('.'));
  if (!main) throw new SlurmError(`sacct knows no job ${jobId} (is it on this cluster, and older than the accounting's retention?)`);
  const energy = (v: string) => (v && /^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined);
  const steps = rows.filter((r) => r !== main && r.JobID.startsWith(`${main.JobID}.`)).map((r) => ({ id: r.JobID, ...(energy(r.ConsumedEnergyRaw) !== undefined ? { consumedEnergyJ: energy(r.ConsumedEnergyRaw) } : {}) }));
  const startS = slurmTime(main.Start);
  if (startS === undefined) throw new SlurmError(`job ${jobId} has not started (State ${main.State || 'unknown'})`);
  const own = energy(main.ConsumedEnergyRaw);
  // The allocation's line carries the job's total when the plugin records it; else the largest
  // step's (the batch step and srun steps overlap in time, so their sum would count twice).
  const fromSteps = steps.some((s) => s.consumedEnergyJ !== undefined) ? Math.max(...steps.map((s) => s.consumedEnergyJ ?? 0)) : undefined;
  const consumed = own && own > 0 ? own : fromSteps;
  return {
    jobId: main.JobID,
    name: main.JobName,
    state: main.State,
    nodes: expandNodeList(main.NodeList),
    ...(consumed !== undefined ? { consumedEnergyJ: consumed } : {}),
    source: own && own > 0 ? 'sacct ConsumedEnergyRaw of the job' : consumed !== undefined ? "sacct ConsumedEnergyRaw of the job's largest step (the job's own line has none; steps overlap in time)" : 'sacct (no ConsumedEnergyRaw: AcctGatherEnergyType is not set on this cluster)',
    startS,
    ...(slurmTime(main.End) !== undefined ? { endS: slurmTime(main.End) } : {}),
    steps,
  };
}

/** Runs `sacct` for the job; SlurmError when sacct is missing or fails. */
export function readSlurmJob(jobId: string, env: NodeJS.ProcessEnv = process.env): SlurmJob {
  if (!/^[0-9]+(_[0-9]+)?(\+[0-9]+)?$/.test(jobId)) throw new SlurmError(`"${jobId}" is not a Slurm job id (e.g. 123456, or 123456_7 for an array task)`);
  const sacct = which('sacct', env);
  if (!sacct) throw new SlurmError('--slurm needs sacct on PATH (run on a login node of the cluster, where Slurm is installed)');
  const r = spawnSync(sacct, ['-j', jobId, '--parsable2', '--noheader', `--format=${SACCT_FIELDS.join(',')}`], { encoding: 'utf8', timeout: 30_000, env });
  if (r.error) throw new SlurmError(`sacct could not run: ${r.error.message}`);
  if (r.status !== 0) throw new SlurmError(`sacct failed (exit ${r.status}): ${r.stderr.trim() || r.stdout.trim()}`);
  return parseSacct(r.stdout, jobId);
}

/** A report of Slurm's own figure alone (no Prometheus): the job's nodes, over its time window. */
export function slurmReport(job: SlurmJob, intensityOptions: Parameters<typeof intensityFor>[0], nowS = Date.now() / 1000): ClusterReport {
  if (job.consumedEnergyJ === undefined) throw new SlurmError(`Slurm recorded no energy for job ${job.jobId} (${job.source}); add --prometheus URL to read its nodes' GPUs from dcgm-exporter instead`);
  const intensity = intensityFor(intensityOptions);
  const toS = job.endS ?? nowS;
  const energy = { cpuJ: job.consumedEnergyJ, gpuJ: 0, ramJ: 0, totalJ: job.consumedEnergyJ };
  const iso = (s: number) => new Date(s * 1000).toISOString();
  const none = { id: 'none', scope: 'none' as const, estimated: false, label: "included in Slurm's node figure where its plugin measures it" };
  return {
    schema: 'frugal.profile/1',
    script: `slurm: job ${job.jobId} (${job.name})`,
    args: [],
    command: ['sacct', '-j', job.jobId],
    runtime: 'cluster',
    startedAt: iso(job.startS),
    durationS: toS - job.startS,
    exitCode: 0,
    stoppedBy: 'window',
    stderrTail: '',
    energy,
    machine: { ...energy },
    methods: {
      cpu: { id: 'slurm', scope: 'whole-device', estimated: false, label: `${job.source}: the energy of the job's nodes (${job.nodes.join(', ')}) as Slurm's acct_gather_energy plugin measures it (RAPL: CPU and DRAM; IPMI or Cray: the whole node, GPUs included)` },
      gpu: none,
      ram: none,
    },
    emissions: emissionsOf(energy.totalJ, intensity),
    devices: { cpu: { model: 'Slurm nodes', logicalCpus: 0, sockets: 0 }, gpus: [], ram: { totalGB: 0, modelW: 0, dimms: 0 }, os: '', platform: process.platform, hypervisor: false },
    leftoverProcesses: 0,
    profiler: { cpuS: 0, pctOfOneCore: 0, helperCpuS: 0, helperPctOfOneCore: 0, setupCpuS: 0, setupS: 0, intervalMs: 0, samples: 0 },
    utilization: { machineCpuPct: 0 },
    notes: job.endS === undefined ? [`Job ${job.jobId} is still ${job.state || 'running'}: the figure covers it up to now.`] : [],
    samples: [],
    cluster: {
      prometheus: '',
      auth: 'none',
      scope: { nodes: job.nodes },
      scopeText: `Slurm job ${job.jobId}`,
      window: { from: iso(job.startS), to: iso(toS) },
      pods: [],
      gpus: [],
      queries: [],
      warnings: [],
      slurm: { jobId: job.jobId, name: job.name, state: job.state, nodes: job.nodes, consumedEnergyJ: job.consumedEnergyJ, source: job.source },
    },
  };
}
