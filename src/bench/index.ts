// The inference benchmark's public API (no `vscode` here): facts about an ONNX model, the sweep
// over batch sizes, threads, optimisation levels and providers, and the report's text and snippets.
export { runBench, settingsFor, defaultThreads, DEFAULT_BATCHES, DEFAULT_DURATION_S, DEFAULT_WARMUP } from './run';
export { modelFacts, BenchUsageError } from './model-facts';
export { formatFacts, formatRuns, formatBest, pythonSnippet, typescriptSnippet, bestSetting } from './report';
export { benchTargets, type BenchTarget } from './targets';
export type * from './types';
