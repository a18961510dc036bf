// Checks the harness itself (`node scripts/e2e/selftest.mjs`): a suite with a failing test
// and a suite that never starts must each fail the run with a message and a screenshot,
// and leave no process behind. Run it after changing scripts/e2e/.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const RUN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'run.mjs');

/** @type {{ name: string, args: string[], env: Record<string, string>, exitCode: number, output: RegExp[], screenshot: string }[]} */
const CASES = [
  {
    name: 'a failing test fails the run',
    args: ['--suite', 'selfcheck'],
    env: {},
    exitCode: 1,
    output: [/selfcheck: 1 passed, 1 failed/, /FAIL selfcheck: 1 passed, 1 failed/],
    screenshot: 'selfcheck-failure.png',
  },
  {
    name: 'a suite that never starts fails the run instead of hanging',
    args: ['--suite', 'extension'],
    env: { E2E_SELFTEST_DROP_SMOKE_DRIVER: '1', E2E_START_TIMEOUT_S: '60' },
    exitCode: 2,
    output: [/FAIL extension: the suite did not start within 60 s/],
    screenshot: 'extension-failure.png',
  },
];

/** @type {string[]} */
const problems = [];
for (const c of CASES) {
  const shots = mkdtempSync(path.join(os.tmpdir(), 'frugal-e2e-selftest-'));
  console.log(`[selftest] ${c.name}`);
  const { code, output } = await run(c.args, { ...c.env, E2E_SCREENSHOTS: shots });
  const fail = (/** @type {string} */ what) => problems.push(`${c.name}: ${what}`);
  if (code !== c.exitCode) fail(`exit code ${code}, expected ${c.exitCode}`);
  for (const re of c.output) if (!re.test(output)) fail(`no output line matching ${re}`);
  if (!existsSync(path.join(shots, c.screenshot))) fail(`no screenshot ${c.screenshot} in ${shots}`);
  const strays = strayProcesses();
  if (strays.length) fail(`processes left running: ${strays.join(', ')}`);
  rmSync(shots, { recursive: true, force: true });
}
console.log(problems.length ? `[selftest] FAILED:\n  ${problems.join('\n  ')}` : `[selftest] OK: ${CASES.length} cases behaved`);
process.exit(problems.length ? 1 : 0);

/**
 * Runs the harness, echoing and capturing its output.
 * @param {string[]} args
 * @param {Record<string, string>} env
 * @returns {Promise<{ code: number | null, output: string }>}
 */
function run(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        output += chunk;
        process.stdout.write(chunk);
      });
    }
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Live processes that still carry a harness run's marker (see server.mjs). */
function strayProcesses() {
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid) && Number(pid) !== process.pid)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').includes('FRUGAL_E2E_RUN=');
      } catch {
        return false;
      }
    });
}
