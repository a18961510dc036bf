// Suite entry: profiling with the interpreter selected in the Python extension (a stand-in for it).
import { runSuite } from '../runner';

export const run = (): Promise<void> => runSuite(__dirname);
