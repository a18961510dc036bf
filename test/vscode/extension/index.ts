// Suite entry (the workbench payload's extensionTestsPath): the extension's basic behaviour.
import { runSuite } from '../runner';

export const run = (): Promise<void> => runSuite(__dirname);
