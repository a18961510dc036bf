// Suite entry: Restricted Mode (an untrusted workspace): analysis on, profiling off and explained.
import { runSuite } from '../runner';

export const run = (): Promise<void> => runSuite(__dirname);
