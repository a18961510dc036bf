// Suite entry (the workbench payload's extensionTestsPath): TypeScript and JavaScript files.
import { runSuite } from '../runner';

export const run = (): Promise<void> => runSuite(__dirname);
