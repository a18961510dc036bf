// Builds what the real-VS-Code tests load: the bundled extension (dist/) and the compiled
// suites (out/e2e/test/vscode/). Run it directly before the desktop route (`npx vscode-test`).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where `test/vscode/<suite>/index.ts` lands as `<suite>/index.js`. */
export const SUITES_OUT = path.join(ROOT, 'out', 'e2e', 'test', 'vscode');

/** @param {(line: string) => void} log */
export function buildForTests(log) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  // Start from nothing so that a deleted test cannot linger as a stale .js file.
  rmSync(path.join(ROOT, 'out', 'e2e'), { recursive: true, force: true });
  /** @type {[string, string[]][]} */
  const steps = [
    ['extension (npm run build)', [path.join(ROOT, 'scripts', 'build.mjs')]],
    ['suites (tsc -p test/vscode)', [tsc, '-p', path.join(ROOT, 'test', 'vscode')]],
  ];
  for (const [what, args] of steps) {
    const started = Date.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`building the ${what} failed (exit ${r.status ?? r.signal}); see the errors above`);
    log(`built the ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildForTests((line) => console.log(`[e2e] ${line}`));
}
