// Public types of the profiler: options, live samples and the `frugal.profile/1` report
// (DESIGN.md). Energies in joules, powers in watts, times in seconds unless a name says otherwise.

export type Component = 'cpu' | 'gpu' | 'ram';

/** How one component's figure was obtained; `label` is the sentence shown to people. */
export interface Method {
  /** Stable id: `rapl`, `tdp-estimate`, `nvidia-smi`, `amd-smi`, `rocm-smi`, `powermetrics`, `ram-model`, `rapl-dram`, `none`. */
  id: string;
  /** `process-tree`: attributed to the script; `whole-device`: the whole GPU(s) or machine while it ran; `none`: not measured. */
  scope: 'process-tree' | 'whole-device' | 'none';
  /** True when the figure comes from a model (TDP, DIMM count) rather than a hardware counter or sensor. */
  estimated: boolean;
  label: string;
}

export interface Energy {
  cpuJ: number;
  gpuJ: number;
  ramJ: number;
  totalJ: number;
}

export interface GpuReading {
  index: number;
  powerW: number;
  utilizationPct?: number;
}

/** One point of the time series (also what `onSample` receives while the script runs). */
export interface Sample {
  /** Seconds since the script started. */
  t: number;
  /** Power attributed to the script over the interval that ends at `t`. */
  cpuW: number;
  gpuW: number;
  ramW: number;
  /** CPU use of the script's process tree, in % of one core (200 = two cores busy). */
  cpuPct: number;
  /** Resident memory of the script's process tree, MB. */
  rssMB: number;
  /** Processes in the tree at `t`. */
  processes: number;
  gpus?: GpuReading[];
}

/** What `onSample` receives: the sample plus running totals. */
export interface LiveSample extends Sample {
  energy: Energy;
  progress?: ProgressState;
}

export interface ProgressState {
  done: number;
  total: number;
  fraction: number;
  /** Which printer was recognised: `tqdm`, `keras`, `lightning`, `counter`. */
  kind: string;
  line: string;
}

export interface Projection {
  fraction: number;
  /** Energy (J) and emissions of the whole run if the rest costs what the recognised progress so far did. */
  energyJ: number;
  gCO2e: number;
  basis: string;
}

/** Where a carbon intensity comes from, carried by the intensity and by the report's emissions. */
export interface IntensityProvenance {
  pue: number;
  /** `life-cycle` or `direct` (Electricity Maps), `life-cycle` (Our World in Data), `as given`, … */
  basis: string;
  year?: number;
  /** How the location was chosen: `--country`, `--zone`, `--cloud`, `time zone Europe/Paris`, `default`. */
  location: string;
  countryIso3?: string;
  countryName?: string;
  region?: string;
  cloudProvider?: string;
  cloudRegion?: string;
  pueSource: string;
}

export interface Emissions extends IntensityProvenance {
  gCO2e: number;
  intensityGPerKWh: number;
  intensitySource: string;
  equivalents: Equivalent[];
}

export interface Equivalent {
  text: string;
  source: string;
}

export interface Devices {
  cpu: {
    model: string;
    logicalCpus: number;
    sockets: number;
    tdpW?: number;
    tdpSource?: string;
    rapl?: { domains: string[] };
  };
  gpus: { index: number; name: string; uuid?: string; vendor: 'nvidia' | 'amd' | 'apple'; mig?: boolean }[];
  ram: { totalGB: number; modelW: number; dimms: number };
  os: string;
  platform: NodeJS.Platform;
  hypervisor: boolean;
}

export interface Baseline {
  durationS: number;
  /** Idle power of the whole machine per component, as measured or modelled. */
  cpuW: number;
  gpuW: number;
  ramW: number;
  /** Whole-machine energy above that idle power over the script's lifetime (never negative). */
  dynamic: Energy;
}

/** `window`: a report over a measured time window (a cluster job read from Prometheus), not a run of ours. */
export type StoppedBy = 'exit' | 'duration' | 'cancel' | 'signal' | 'window';

export interface ProfileReport {
  schema: 'frugal.profile/1';
  script: string;
  args: string[];
  /** The command line that ran, interpreter first. */
  command: string[];
  /** `python`, `node` or `tsx`. */
  runtime: string;
  startedAt: string;
  durationS: number;
  /** The script's exit code; null when it ended by a signal (see `signal`). */
  exitCode: number | null;
  signal?: string;
  stoppedBy: StoppedBy;
  /** The last lines of the script's standard error (bounded). */
  stderrTail: string;
  /** The script's share where the method allows it, else the whole device (see `methods`). */
  energy: Energy;
  /** The whole machine (all packages, all GPUs, all memory) over the same time. */
  machine: Energy;
  methods: Record<Component, Method>;
  emissions: Emissions;
  devices: Devices;
  baseline?: Baseline;
  progress?: ProgressState & { projection?: Projection };
  /** Processes still alive when the root exited or was stopped, which the profiler ended. */
  leftoverProcesses: number;
  /**
   * The profiler's own cost while the script ran, as CPU seconds and % of one core over the
   * script's lifetime: the profiler process, and apart its helper processes (nvidia-smi); then the
   * one-time set-up before the script starts (CPU seconds, and wall seconds it delayed the start).
   */
  profiler: {
    cpuS: number;
    pctOfOneCore: number;
    helperCpuS: number;
    helperPctOfOneCore: number;
    setupCpuS: number;
    setupS: number;
    intervalMs: number;
    samples: number;
  };
  /** Mean use over the run: the whole machine's CPUs, and the GPUs (nvidia-smi's utilization.gpu). */
  utilization: { machineCpuPct: number; gpuPct?: number };
  notes: string[];
  samples: Sample[];
}

export interface CloudLocation {
  provider: string;
  region: string;
}

export interface ProfileOptions {
  script: string;
  args?: string[];
  cwd?: string;
  /** Variables added to (or overriding) the profiler's own environment for the script. */
  env?: NodeJS.ProcessEnv;
  /** Stop after this many seconds (default 60; 0 or Infinity: wait for the script). */
  durationS?: number;
  intervalMs?: number;
  /** Interpreter for `.py` scripts (default `python3`, then `python`). */
  python?: string;
  /** Seconds of idle measurement before the run, for the dynamic (above-idle) energy. */
  baselineS?: number;
  /** Time allowed after SIGINT and after SIGTERM before the next signal (default 2000 ms). */
  stopGraceMs?: number;
  country?: string;
  zone?: string;
  cloud?: CloudLocation;
  pue?: number;
  /** gCO2e/kWh given by the user; overrides every table. */
  intensity?: number;
  /** Time zone used to guess the country (default: the system's). */
  timeZone?: string;
  /** Roots of the /proc and /sys trees (tests point them at fixtures). */
  procRoot?: string;
  sysRoot?: string;
  /** Bytes of standard error kept for the report (default 4096). */
  stderrTailBytes?: number;
  /** Samples kept in the report; older ones are thinned (default 4000). */
  maxSamples?: number;
}

export interface ProfileHooks {
  onSample?: (sample: LiveSample) => void;
  onOutput?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void;
  /** Called once the script is running, with the command line used. */
  onStart?: (info: { pid: number; command: string[] }) => void;
  /** Called when the profiler starts stopping the script (before the first signal is sent). */
  onStop?: (why: StoppedBy) => void;
  /** Measurement notes as they arise (e.g. why RAPL cannot be read). */
  onNote?: (note: string) => void;
  signal?: AbortSignal;
}
