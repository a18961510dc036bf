// `npm run test:e2e`: runs the real-VS-Code suites (test/vscode/<suite>/) in the extension
// host of a VS Code server, driven by headless Chromium; exits with the suites' result.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { ROOT, SUITES_OUT, buildForTests } from './build.mjs';
import { ensureTools } from './install.mjs';
import { followHostLog } from './hostlog.mjs';
import { startServer } from './server.mjs';
import { openWorkbench } from './workbench.mjs';

const USAGE = `usage: npm run test:e2e [-- --suite NAME ...]
  --suite NAME  run test/vscode/NAME/ (repeatable); default: every suite except selfcheck
  --list        list the suites
  --vsix        test the packaged extension: build the linux-x64 VSIX (npm run package) and run
                the suites against its unpacked contents instead of this working tree
environment:
  E2E_SCREENSHOTS=DIR      also save a screenshot when a suite passes (failures always get one,
                           in DIR or test-results/e2e/), and those a suite asks for
                           (screenshot() in test/vscode/util.ts) as DIR/<suite>-<name>.png
  E2E_START_TIMEOUT_S=300  fail when a suite has not started this long after the workbench opened
  E2E_SUITE_TIMEOUT_S=900  fail when a started suite has not finished in this time
  E2E_VERBOSE=1            relay the whole workbench log too, not only the extension host's
  E2E_KEEP=1               keep the temporary folder (workspace copy, server data, logs)
  E2E_CHROMIUM=PATH        the Chromium to drive (default /usr/bin/chromium, installed when missing)
  FRUGAL_E2E_CACHE=DIR     where Node 24, playwright-core and code-server are installed
                           (default ~/.cache/frugal-vscode)`;

const SUITES_SRC = path.join(ROOT, 'test', 'vscode');
/** The extension under test: this working tree, or (--vsix) the unpacked VSIX. */
let EXTENSION_PATH = ROOT;
const FIXTURE = path.join(SUITES_SRC, 'workspace');
/** Only ever run on request: it must fail. */
const SELFCHECK = 'selfcheck';
/** Printed by test/vscode/runner.ts; keep them in sync. */
const SUITE_STARTED = 'frugal-e2e: suite started';
const HOST_TAG = '[exthost] ';
/** A suite's request for a screenshot now: `frugal-e2e: screenshot <name>` (see test/vscode/util.ts). */
const SCREENSHOT_REQUEST = /^frugal-e2e: screenshot ([\w-]+)/;

const env = process.env;
const seconds = (/** @type {string | undefined} */ v, /** @type {number} */ dflt) => (Number(v) > 0 ? Number(v) : dflt);
const START_TIMEOUT_S = seconds(env.E2E_START_TIMEOUT_S, 300);
const SUITE_TIMEOUT_S = seconds(env.E2E_SUITE_TIMEOUT_S, 900);
const VERBOSE = env.E2E_VERBOSE === '1';
const KEEP = env.E2E_KEEP === '1';
const ARTIFACTS = path.resolve(env.E2E_SCREENSHOTS || path.join(ROOT, 'test-results', 'e2e'));
/** Harness self-test only: start the server without --enable-smoke-test-driver, so the payload is ignored. */
const DROP_SMOKE_DRIVER = env.E2E_SELFTEST_DROP_SMOKE_DRIVER === '1';

const log = (/** @type {string} */ line) => console.log(`[e2e] ${line}`);
const since = (/** @type {number} */ t) => `${Math.round((Date.now() - t) / 1000)} s`;

/**
 * How to stop whatever runs now: on signals, and (synchronously, the last resort) on exit.
 * @type {Set<{ stop: () => Promise<void>, killNow: () => void }>}
 */
const running = new Set();
/** @type {NodeJS.Signals | undefined} the signal that interrupted the run */
let interrupted;

/**
 * @typedef {{ suite: string, ok: boolean, harnessError: boolean, passed: number, failed: number, message: string }} Result
 */

async function main() {
  const { suites, list, vsix } = parseArgs(process.argv.slice(2));
  if (list) {
    for (const s of availableSuites()) console.log(s);
    return 0;
  }
  const t0 = Date.now();
  const tools = await ensureTools(log);
  buildForTests(log);
  if (vsix) EXTENSION_PATH = unpackVsix();
  /** @type {Result[]} */
  const results = [];
  for (const suite of suites) results.push(await runOne(suite, tools));
  if (vsix) rmSync(path.dirname(EXTENSION_PATH), { recursive: true, force: true });
  for (const r of results) log(`${r.ok ? 'PASS' : 'FAIL'} ${r.suite}: ${r.message}`);
  log(`done in ${since(t0)}`);
  if (interrupted) return 128 + os.constants.signals[interrupted];
  if (results.every((r) => r.ok)) return 0;
  return results.some((r) => r.harnessError) ? 2 : 1;
}

/** @param {string[]} argv */
function parseArgs(argv) {
  const suites = [];
  let list = false;
  let vsix = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--suite' && argv[i + 1]) suites.push(argv[++i]);
    else if (a.startsWith('--suite=')) suites.push(a.slice('--suite='.length));
    else if (a === '--list') list = true;
    else if (a === '--vsix') vsix = true;
    else usage(a === '--help' || a === '-h' ? '' : `unknown argument: ${a}`);
  }
  const known = availableSuites();
  for (const s of suites) if (!known.includes(s)) usage(`no suite ${s}: expected test/vscode/${s}/index.ts (suites: ${known.join(', ')})`);
  return { suites: suites.length ? suites : known.filter((s) => s !== SELFCHECK), list, vsix };
}

/** Packages the linux-x64 VSIX and unpacks it: what a user who installs it gets. */
function unpackVsix() {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), 'linux-x64'], { cwd: ROOT, stdio: 'inherit' });
  const { name, version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const file = path.join(ROOT, 'dist-vsix', `${name}-linux-x64-${version}.vsix`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-vsix-'));
  execFileSync('unzip', ['-q', file, 'extension/*', '-d', dir]);
  log(`testing the packaged extension ${path.relative(ROOT, file)} (unpacked in ${dir})`);
  return path.join(dir, 'extension');
}

/** @param {string} problem */
function usage(problem) {
  console.error(problem ? `${problem}\n${USAGE}` : USAGE);
  process.exit(problem ? 2 : 0);
}

/** Folders of test/vscode/ named in [A-Za-z0-9_-] with an index.ts (the suite entry exporting run()). */
function availableSuites() {
  return readdirSync(SUITES_SRC, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^[\w-]+$/.test(d.name) && existsSync(path.join(SUITES_SRC, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

/**
 * Runs one suite in a fresh server, browser and workspace copy; always stops them.
 * @param {string} suite
 * @param {import('./install.mjs').Tools} tools
 * @returns {Promise<Result>}
 */
async function runOne(suite, tools) {
  const t0 = Date.now();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'frugal-e2e-'));
  const workspace = path.join(tmp, 'workspace');
  cpSync(FIXTURE, workspace, { recursive: true });
  const options = suiteOptions(suite);
  // The workbench loads one extension under development; companions are installed like users' extensions.
  for (const c of options.companions) {
    const manifest = JSON.parse(readFileSync(path.join(c, 'package.json'), 'utf8'));
    cpSync(c, path.join(tmp, 'extensions', `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
  }
  writeUserSettings(path.join(tmp, 'user-data', 'User', 'settings.json'), options.workspaceTrust);
  const testsPath = path.join(SUITES_OUT, suite, 'index.js');
  // The runner's closing line, e.g. "extension: 3 passed, 0 failed".
  const tallyLine = new RegExp(`^${suite}: (\\d+) passed, (\\d+) failed$`, 'm');
  for (const stale of [`${suite}-failure.png`, `${suite}-logs`]) rmSync(path.join(ARTIFACTS, stale), { recursive: true, force: true });
  log(`suite ${suite}: workspace ${workspace}`);

  /** @type {Awaited<ReturnType<typeof startServer>> | undefined} */
  let server;
  /** @type {Awaited<ReturnType<typeof openWorkbench>> | undefined} */
  let bench;
  const handle = {
    async stop() {
      await bench?.close();
      await server?.stop();
      if (!KEEP) rmSync(tmp, { recursive: true, force: true });
    },
    killNow() {
      server?.killNow();
    },
  };
  running.add(handle);
  /** @type {string[]} */
  const workbenchLog = [];
  const tally = { seen: false, passed: 0, failed: 0 };
  /** @type {(outcome: string) => void} */
  let markStarted = () => undefined;
  const started = new Promise((resolve) => (markStarted = resolve));

  const stopFollowing = followHostLog(path.join(tmp, 'user-data', 'logs'), (line) =>
    console.log(`  [exthost log] ${line.replace(/^\d{4}-\d\d-\d\d /, '')}`),
  );
  /** @type {Result} */
  let result;
  /** @type {{ relativePath: string, contents: string }[]} */
  let hostLogs = [];
  try {
    server = await startServer({ tools, tmp, smokeTestDriver: !DROP_SMOKE_DRIVER, workspaceTrust: options.workspaceTrust, timeoutMs: 120_000, log });
    log(`suite ${suite}: server listening on 127.0.0.1:${server.port} (${since(t0)})`);
    bench = await openWorkbench({
      tools,
      port: server.port,
      workspace,
      extensionPath: EXTENSION_PATH,
      testsPath,
      onLog(level, message) {
        workbenchLog.push(`[${level}] ${message}`);
        if (!message.startsWith(HOST_TAG)) {
          if (VERBOSE) console.log(`  [workbench ${level}] ${message}`);
          return;
        }
        const text = message.slice(HOST_TAG.length);
        for (const line of text.split('\n')) console.log(line.trim() ? `  ${line}` : '');
        if (text.startsWith(SUITE_STARTED)) markStarted('started');
        // A test asks for a picture of what the user sees right now (e.g. a hover).
        const shot = SCREENSHOT_REQUEST.exec(text);
        if (shot && env.E2E_SCREENSHOTS && bench) {
          mkdirSync(ARTIFACTS, { recursive: true });
          const png = path.join(ARTIFACTS, `${suite}-${shot[1]}.png`);
          bench.screenshot(png).then(
            () => log(`screenshot: ${png}`),
            (err) => log(`could not save a screenshot: ${err.message}`),
          );
        }
        const m = tallyLine.exec(text);
        if (m) Object.assign(tally, { seen: true, passed: Number(m[1]), failed: Number(m[2]) });
      },
    });
    log(`suite ${suite}: workbench opened; waiting up to ${START_TIMEOUT_S} s for the suite to start`);
    const exited = bench.exited.then((e) => {
      hostLogs = e.logs;
      return `exited:${e.code}`;
    });
    const stopped = Promise.race([
      bench.crashed,
      server.exited.then((e) => `the VS Code server exited (code ${e.code}, signal ${e.signal}):\n${server?.tail()}`),
    ]);
    let outcome = await raceTimeout([started, exited, stopped], START_TIMEOUT_S, 'start-timeout');
    if (outcome === 'started') {
      log(`suite ${suite}: started after ${since(t0)}`);
      outcome = await raceTimeout([exited, stopped], SUITE_TIMEOUT_S, 'suite-timeout');
    }
    result = interrupted
      ? { suite, ok: false, harnessError: true, passed: tally.passed, failed: tally.failed, message: `interrupted by ${interrupted}` }
      : judge(suite, outcome, tally, testsPath);
  } catch (err) {
    result = { suite, ok: false, harnessError: true, passed: 0, failed: 0, message: `harness error: ${err instanceof Error ? err.message : err}` };
  }
  stopFollowing();
  log(`suite ${suite}: ${result.ok ? 'passed' : 'FAILED'} in ${since(t0)}`);

  if (!interrupted && (!result.ok || env.E2E_SCREENSHOTS)) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const png = path.join(ARTIFACTS, `${suite}${result.ok ? '' : '-failure'}.png`);
    if (bench) {
      await bench.screenshot(png).then(
        () => log(`screenshot: ${png}`),
        (err) => log(`could not save a screenshot: ${err.message}`),
      );
    }
    if (!result.ok) saveLogs(suite, workbenchLog, hostLogs, tmp);
  }
  await handle.stop();
  running.delete(handle);
  if (KEEP) log(`kept ${tmp}`);
  return result;
}

/**
 * A quiet workbench: no chat side bar or AI features, no update or marketplace checks (offline).
 * @param {string} file
 */
/**
 * A suite's `suite.json`, when it has one: `{ "workspaceTrust": true }` keeps workspace trust on,
 * so the fresh workspace opens in Restricted Mode; `"companions": ["name"]` also loads the
 * extensions in test/vscode/companions/<name>/ (stand-ins for other publishers' extensions).
 * @param {string} suite
 * @returns {{ workspaceTrust: boolean, companions: string[] }}
 */
function suiteOptions(suite) {
  const file = path.join(SUITES_SRC, suite, 'suite.json');
  const raw = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const companions = (raw.companions ?? []).map((/** @type {string} */ name) => path.join(SUITES_SRC, 'companions', name));
  for (const c of companions) if (!existsSync(path.join(c, 'package.json'))) throw new Error(`${file}: no extension at ${c}`);
  return { workspaceTrust: raw.workspaceTrust === true, companions };
}

/**
 * @param {string} file
 * @param {boolean} workspaceTrust  on: no trust prompt, so the workspace stays in Restricted Mode
 */
function writeUserSettings(file, workspaceTrust) {
  mkdirSync(path.dirname(file), { recursive: true });
  const settings = {
    ...(workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' } : {}),
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.startupEditor': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'telemetry.telemetryLevel': 'off',
  };
  writeFileSync(file, JSON.stringify(settings, null, 2));
}

/**
 * @param {Promise<string>[]} promises
 * @param {number} timeoutS
 * @param {string} onTimeout
 */
async function raceTimeout(promises, timeoutS, onTimeout) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve(onTimeout), timeoutS * 1000)));
  try {
    return /** @type {string} */ (await Promise.race([...promises, timeout]));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Turns how the run ended into a verdict with a message a person can act on.
 * @param {string} suite
 * @param {string} outcome
 * @param {{ seen: boolean, passed: number, failed: number }} tally
 * @param {string} testsPath
 * @returns {Result}
 */
function judge(suite, outcome, tally, testsPath) {
  const base = { suite, passed: tally.passed, failed: tally.failed };
  const counts = `${tally.passed} passed, ${tally.failed} failed`;
  if (outcome === 'start-timeout') {
    return {
      ...base,
      ok: false,
      harnessError: true,
      message:
        `the suite did not start within ${START_TIMEOUT_S} s of opening the workbench: the test payload was never run. ` +
        `Check that the server has --enable-smoke-test-driver, that ${testsPath} exists, and the log above ` +
        '(E2E_VERBOSE=1 shows the whole workbench log; E2E_START_TIMEOUT_S raises the limit on a slow machine).',
    };
  }
  if (outcome === 'suite-timeout') {
    return { ...base, ok: false, harnessError: true, message: `the suite started but did not finish within ${SUITE_TIMEOUT_S} s (${counts} so far; E2E_SUITE_TIMEOUT_S raises the limit)` };
  }
  if (!outcome.startsWith('exited:')) return { ...base, ok: false, harnessError: true, message: outcome };
  const code = Number(outcome.slice('exited:'.length));
  if (code === 0 && tally.seen && tally.failed === 0 && tally.passed > 0) return { ...base, ok: true, harnessError: false, message: counts };
  if (code === 0) {
    return { ...base, ok: false, harnessError: true, message: `the suite ended without a closing "N passed, N failed" line with passing tests (${counts})` };
  }
  if (tally.seen) return { ...base, ok: false, harnessError: false, message: `${counts} (extension host exit code ${code})` };
  return { ...base, ok: false, harnessError: true, message: `the extension host exited with code ${code} before the suite reported; see the log above (did ${testsPath} load?)` };
}

/**
 * Saves what a person needs to see why a suite failed.
 * @param {string} suite
 * @param {string[]} workbenchLog
 * @param {{ relativePath: string, contents: string }[]} hostLogs  the logs the workbench hands over on exit
 * @param {string} tmp
 */
function saveLogs(suite, workbenchLog, hostLogs, tmp) {
  const dir = path.join(ARTIFACTS, `${suite}-logs`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'workbench.log'), workbenchLog.join('\n') + '\n');
  for (const { relativePath, contents } of hostLogs) {
    const file = path.join(dir, 'window-logs', relativePath);
    if (!file.startsWith(dir + path.sep)) continue;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, contents);
  }
  const serverLogs = path.join(tmp, 'user-data', 'logs');
  if (existsSync(serverLogs)) cpSync(serverLogs, path.join(dir, 'server-logs'), { recursive: true });
  if (existsSync(path.join(tmp, 'server.log'))) cpSync(path.join(tmp, 'server.log'), path.join(dir, 'server.log'));
  log(`logs: ${dir}`);
}

for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.once(signal, () => {
    interrupted = signal;
    log(`${signal}: stopping the server and browser`);
    Promise.allSettled([...running].map((r) => r.stop())).finally(() => process.exit(128 + os.constants.signals[signal]));
  });
}
process.on('exit', () => {
  for (const r of running) r.killNow();
});

// Exit explicitly: the server and browser are stopped by now, and nothing may keep the run alive.
main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[e2e] ${err instanceof Error ? err.message : err}`);
    process.exit(2);
  },
);
