// Suite entry for the harness self-check: it must make `npm run test:e2e -- --suite selfcheck` fail.
import { runSuite } from '../runner';

export const run = (): Promise<void> => runSuite(__dirname);
