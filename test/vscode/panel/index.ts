// Suite entry: the Energy Profile panel — profiling a script, stopping a run, the history.
import { runSuite } from '../runner';

export const run = (): Promise<void> => runSuite(__dirname);
