// Suite entry: the Benchmark view — Benchmark Inference on a model built by the test.
import { runSuite } from '../runner';

export const run = (): Promise<void> => runSuite(__dirname);
