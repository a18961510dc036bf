// Runs one suite folder's compiled `*.test.js` files with mocha inside the extension host.
// The harness (scripts/e2e) waits for SUITE_STARTED, relays HOST_TAG lines, reads the tally.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';

export const SUITE_STARTED = 'frugal-e2e: suite started';
/** Marks the extension host's console lines, which reach the harness mixed into the workbench log. */
export const HOST_TAG = '[exthost] ';

/** Resolves when every test passed; rejects (so the host exits non-zero) otherwise. */
export async function runSuite(dir: string): Promise<void> {
  const name = path.basename(dir);
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000 });
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(dir, f));
  const untag = tagConsole();
  try {
    console.log(`${SUITE_STARTED}: ${name} (${files.length} files)`);
    const { passes, failures } = await runMocha(mocha);
    console.log(`${name}: ${passes} passed, ${failures} failed`);
    if (failures > 0) throw new Error(`${failures} test(s) failed in ${name}`);
    if (passes === 0) throw new Error(`no tests ran in ${name}: ${dir} has no *.test.js files with tests`);
  } finally {
    untag();
  }
}

function runMocha(mocha: Mocha): Promise<{ passes: number; failures: number }> {
  return new Promise((resolve) => {
    try {
      const runner = mocha.run((failures) => resolve({ passes: runner.stats?.passes ?? 0, failures }));
    } catch (err) {
      // A test file that throws while loading lands here, before any test runs.
      console.error('could not load the suite:', err);
      resolve({ passes: 0, failures: 1 });
    }
  });
}

/**
 * Prefixes every console line (the suite's, mocha's, the extension's) with HOST_TAG until undone.
 * The host's console methods cannot be reassigned, so the global `console` is swapped instead.
 */
function tagConsole(): () => void {
  const original = globalThis.console;
  const tagged = Object.create(original) as Console;
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const print = (...args: unknown[]) => original[m](HOST_TAG + format(...args));
    Object.defineProperty(tagged, m, { value: print, configurable: true, writable: true });
  }
  const mochaLog = Mocha.reporters.Base.consoleLog;
  globalThis.console = tagged;
  Mocha.reporters.Base.consoleLog = tagged.log;
  return () => {
    globalThis.console = original;
    Mocha.reporters.Base.consoleLog = mochaLog;
  };
}
