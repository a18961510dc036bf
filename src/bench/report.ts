// Text for people and code to copy: the sweep's table (one line per setting, the best marked), the
// model facts and advice, and the snippets that apply the best setting in Python and TypeScript.
import path from 'node:path';
import { formatGrams } from '../profile/report/units';
import type { BenchReport, BenchRun, BestSetting, ModelFacts, Optimization, Setting } from './types';

const PY_LEVEL: Record<Optimization, string> = {
  disabled: 'ORT_DISABLE_ALL',
  basic: 'ORT_ENABLE_BASIC',
  extended: 'ORT_ENABLE_EXTENDED',
  all: 'ORT_ENABLE_ALL',
};
const PY_PROVIDER = { cpu: 'CPUExecutionProvider', cuda: 'CUDAExecutionProvider' } as const;

export function pythonSnippet(s: Setting, modelPath = path.basename(s.model)): string {
  const providers = s.provider === 'cuda' ? `["${PY_PROVIDER.cuda}", "${PY_PROVIDER.cpu}"]` : `["${PY_PROVIDER.cpu}"]`;
  return [
    'import onnxruntime as ort',
    '',
    'options = ort.SessionOptions()',
    `options.intra_op_num_threads = ${s.threads}`,
    'options.inter_op_num_threads = 1',
    `options.graph_optimization_level = ort.GraphOptimizationLevel.${PY_LEVEL[s.optimization]}`,
    `session = ort.InferenceSession(${JSON.stringify(modelPath)}, sess_options=options, providers=${providers})`,
    `# send ${s.batch} sample${s.batch === 1 ? '' : 's'} per session.run() call`,
  ].join('\n');
}

export function typescriptSnippet(s: Setting, modelPath = path.basename(s.model)): string {
  return [
    "import * as ort from 'onnxruntime-node';",
    '',
    `const session = await ort.InferenceSession.create(${JSON.stringify(modelPath).replace(/^"|"$/g, "'")}, {`,
    `  intraOpNumThreads: ${s.threads},`,
    '  interOpNumThreads: 1,',
    `  graphOptimizationLevel: '${s.optimization}',`,
    `  executionProviders: ['${s.provider}'],`,
    '});',
    `// send ${s.batch} sample${s.batch === 1 ? '' : 's'} per session.run() call`,
  ].join('\n');
}

/** The least energy per sample among the settings that ran; without any energy figure, the highest throughput. */
export function bestSetting(runs: BenchRun[]): BestSetting | null {
  const ok = runs.map((r, index) => ({ r, index })).filter(({ r }) => !r.error && r.iterations > 0);
  if (!ok.length) return null;
  const withEnergy = ok.filter(({ r }) => r.energyPer1kJ > 0);
  const pick = withEnergy.length
    ? withEnergy.reduce((a, b) => (b.r.energyPer1kJ < a.r.energyPer1kJ ? b : a))
    : ok.reduce((a, b) => (b.r.throughputPerS > a.r.throughputPerS ? b : a));
  const { r, index } = pick;
  const setting: Setting = { model: r.model, batch: r.batch, threads: r.threads, optimization: r.optimization, provider: r.provider };
  return {
    ...setting,
    index,
    energyPer1kJ: r.energyPer1kJ,
    p95Ms: r.latencyMs.p95,
    basis: withEnergy.length ? `least energy per inference (${r.method})` : 'highest throughput (no energy figure was available)',
    snippets: { python: pythonSnippet(setting), typescript: typescriptSnippet(setting) },
  };
}

function ms(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
}

function bytes(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} B`;
}

function count(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} B` : n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : String(n);
}

function shape(s: (number | string)[]): string {
  return `[${s.join(', ')}]`;
}

/** What the graph says: size, parameters, the most frequent operators, weights by type, inputs, advice. */
export function formatFacts(f: ModelFacts): string {
  const lines = [`${f.path}: ${bytes(f.sizeBytes)}, ${count(f.params)} parameters${f.opset ? `, opset ${f.opset}` : ''}${f.producer ? `, from ${f.producer}` : ''}`];
  const ops = Object.entries(f.ops);
  lines.push(`  ops: ${ops.slice(0, 8).map(([k, v]) => `${k} ${v}`).join(', ')}${ops.length > 8 ? `, … (${ops.length} types)` : ''}`);
  if (f.weights.length) lines.push(`  weights: ${f.weights.map((w) => `${w.type} ${(w.share * 100).toFixed(0)} % (${bytes(w.bytes)})`).join(', ')}`);
  if (f.externalData.length) lines.push(`  external data: ${f.externalData.join(', ')}`);
  for (const i of f.inputs) lines.push(`  input  ${i.name}: ${i.type} ${shape(i.shape)}`);
  for (const o of f.outputs) lines.push(`  output ${o.name}: ${o.type} ${shape(o.shape)}`);
  for (const a of f.advice) {
    lines.push(`  advice: ${a.text}`);
    if (a.snippet) for (const l of a.snippet.split('\n')) lines.push(`    ${l}`);
  }
  return lines.join('\n') + '\n';
}

/** One line per setting, aligned; the best marked with ★. */
export function formatRuns(report: BenchReport): string {
  const multi = report.models.length > 1;
  const head = [...(multi ? ['model'] : []), 'batch', 'threads', 'opt', 'provider', 'p50 ms', 'p95 ms', 'samples/s', 'J/1k inf', 'gCO2e/1M', 'method'];
  const firstNumber = multi ? 5 : 4;
  const rows = report.runs.map((r, i) => ({
    setting: [...(multi ? [path.basename(r.model)] : []), String(r.batch), String(r.threads), r.optimization, r.provider],
    figures: r.error ? [] : [ms(r.latencyMs.p50), ms(r.latencyMs.p95), r.throughputPerS.toFixed(0), r.energyPer1kJ.toPrecision(3), r.gCO2ePer1M.toPrecision(3), r.method],
    error: r.error,
    best: report.best?.index === i,
  }));
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => [...r.setting, ...r.figures][c]?.length ?? 0)));
  const pad = (c: string, i: number) => (i === head.length - 1 ? c : i >= firstNumber ? c.padStart(widths[i]) : c.padEnd(widths[i]));
  const line = (cells: string[], mark: string) => `${mark} ${cells.map(pad).join('  ')}`.trimEnd();
  return [
    line(head, ' '),
    ...rows.map((r) => (r.error ? `${line(r.setting, ' ')}  failed: ${r.error}` : line([...r.setting, ...r.figures], r.best ? '★' : ' '))),
  ].join('\n') + '\n';
}

export function formatBest(report: BenchReport): string {
  const b = report.best;
  if (!b) return 'no setting ran to the end: see the errors above\n';
  const lines = [
    `★ best: ${path.basename(b.model)} batch ${b.batch}, ${b.threads} thread${b.threads === 1 ? '' : 's'}, optimisation ${b.optimization}, ${b.provider} — ${b.energyPer1kJ.toPrecision(3)} J per 1,000 inferences, p95 ${ms(b.p95Ms)} ms per call; ${b.basis}`,
    `  CO2e: ${formatGrams(report.runs[b.index].gCO2ePer1M)} per million inferences at ${report.machine.intensityGPerKWh} g/kWh (${report.machine.intensitySource})`,
    `  energy method: CPU ${report.runs[b.index].methods.cpu.label}; RAM ${report.runs[b.index].methods.ram.label}`,
    '',
    '  Python:',
    ...b.snippets.python.split('\n').map((l) => `    ${l}`),
    '',
    '  TypeScript:',
    ...b.snippets.typescript.split('\n').map((l) => `    ${l}`),
  ];
  const s = report.sweep;
  lines.push('', `  sweep: ${s.settings} setting${s.settings === 1 ? '' : 's'} in ${s.wallS.toFixed(1)} s; outside session.run: ${s.overheadPct.toFixed(2)} % of the measured windows`);
  return lines.join('\n') + '\n';
}
