// Public types of the inference benchmark: options, the settings it sweeps and the
// `frugal.bench/1` report (DESIGN.md). Times in milliseconds, energies in joules.
// Kept free of Node's types: the Benchmark webview reads these too.

/** How an energy figure was obtained (the profiler's `Method`, as `frugal profile` labels it). */
export interface Method {
  id: string;
  scope: 'process-tree' | 'whole-device' | 'none';
  estimated: boolean;
  label: string;
}

export type Optimization = 'disabled' | 'basic' | 'extended' | 'all';
export const OPTIMIZATIONS: readonly Optimization[] = ['disabled', 'basic', 'extended', 'all'];
export type Provider = 'cpu' | 'cuda';
export const PROVIDERS: readonly Provider[] = ['cpu', 'cuda'];

/** One point of the sweep: a model under one batch size, thread count, optimisation level and provider. */
export interface Setting {
  model: string;
  batch: number;
  threads: number;
  optimization: Optimization;
  provider: Provider;
}

export interface TensorInfo {
  name: string;
  /** ONNX element type in ONNX Runtime's spelling: `float32`, `int64`, `bool`, … */
  type: string;
  /** Fixed sizes as numbers, symbolic dimensions by name (`batch`, `seq`), unknown ones as `?`. */
  shape: (number | string)[];
}

export interface ModelFacts {
  path: string;
  sizeBytes: number;
  /** Elements in the graph's initializers (weights), external data included. */
  params: number;
  /** Nodes per operator type, subgraphs (If, Loop, Scan bodies) included. */
  ops: Record<string, number>;
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  /** Bytes of weights per element type, and their share of all weight bytes. */
  weights: { type: string; bytes: number; share: number }[];
  /** Files next to the model that hold its external weights. */
  externalData: string[];
  opset?: number;
  producer?: string;
  /** Upper bounds for integer inputs that index an embedding table (its row count). */
  vocab: Record<string, number>;
  /** Advice drawn from the graph alone (e.g. dynamic int8 quantisation), with the snippet to try. */
  advice: Advice[];
}

export interface Advice {
  id: string;
  text: string;
  snippet?: string;
}

export interface LatencyMs {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export type RunMethod = 'measured' | 'estimated';

export interface BenchRun extends Setting {
  /** Calls of `session.run` in the measured window (each one processes `batch` samples). */
  iterations: number;
  /** Latency of one `session.run` call (one batch). */
  latencyMs: LatencyMs;
  /** Samples per second over the measured window. */
  throughputPerS: number;
  /** Energy of the measured window divided by its samples, × 1,000. */
  energyPer1kJ: number;
  gCO2ePer1M: number;
  /** `measured` when every component that used energy was read from a counter or sensor. */
  method: RunMethod;
  methods: Record<'cpu' | 'gpu' | 'ram', Method>;
  /** Wall time of the measured window and the part of it spent outside `session.run`. */
  windowS: number;
  overheadPct: number;
  error?: string;
}

export interface BestSetting extends Setting {
  index: number;
  energyPer1kJ: number;
  p95Ms: number;
  /** Why this one: the least energy per sample, or (without an energy figure) the highest throughput. */
  basis: string;
  snippets: { python: string; typescript: string };
}

export interface BenchReport {
  schema: 'frugal.bench/1';
  startedAt: string;
  machine: {
    cpu: { model: string; logicalCpus: number; sockets: number; tdpW?: number; tdpSource?: string; rapl?: { domains: string[] } };
    gpus: { index: number; name: string; uuid?: string; vendor: string; mig?: boolean }[];
    ramGB: number;
    os: string;
    node: string;
    onnxruntime: string;
    intensityGPerKWh: number;
    intensitySource: string;
  };
  models: ModelFacts[];
  runs: BenchRun[];
  best: BestSetting | null;
  /** The sweep's own cost: wall time in all, time in measured windows, time inside `session.run`. */
  sweep: { wallS: number; windowS: number; runS: number; overheadPct: number; settings: number; failed: number };
  notes: string[];
}

export interface BenchOptions {
  models: string[];
  batches?: number[];
  threads?: number[];
  optimizations?: Optimization[];
  providers?: Provider[];
  /** Seconds of measured runs per setting (default 2). */
  durationS?: number;
  /** Untimed runs before each measured window (default 5). */
  warmup?: number;
  /** Length of symbolic sequence dimensions (default 128). */
  seq?: number;
  /** User samples: input name → .json or .npy file. */
  inputs?: Record<string, string>;
  /** A setting (session creation, warm-up and window) that takes longer than this is stopped (default 30 s + duration). */
  timeoutS?: number;
  country?: string;
  cwd?: string;
}

export interface BenchProgress {
  done: number;
  total: number;
  setting?: Setting;
  /** The run just finished, when there is one. */
  run?: BenchRun;
  message: string;
}

export interface BenchHooks {
  onProgress?: (p: BenchProgress) => void;
  /** The ONNX Runtime child process started (tests check it is gone afterwards). */
  onChild?: (pid: number) => void;
  signal?: AbortSignal;
}
