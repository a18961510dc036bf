// Starts the VS Code server (from code-server) on a free loopback port in its own process
// group, and stops it with everything it spawned.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { URL, fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

/** Set in the server's environment, inherited by its extension host and helpers, to find strays. */
const RUN_MARKER = 'FRUGAL_E2E_RUN';
const REAPER = fileURLToPath(new URL('./reaper.mjs', import.meta.url));

/**
 * @typedef {object} Server
 * @property {number} port
 * @property {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} exited
 * @property {() => string} tail   the last lines it printed
 * @property {() => Promise<void>} stop
 * @property {() => void} killNow  synchronous last resort (for process 'exit')
 */

/**
 * @param {object} options
 * @param {import('./install.mjs').Tools} options.tools
 * @param {string} options.tmp           per-run folder: user data, server data, extensions, log
 * @param {boolean} options.smokeTestDriver  false only in the harness self-test: the workbench then ignores the payload
 * @param {boolean} [options.workspaceTrust]  true: workspace trust stays on (a suite about Restricted Mode)
 * @param {number} options.timeoutMs
 * @param {(line: string) => void} options.log
 * @returns {Promise<Server>}
 */
export async function startServer({ tools, tmp, smokeTestDriver, workspaceTrust = false, timeoutMs, log }) {
  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const server = launch({ tools, tmp, port, smokeTestDriver, workspaceTrust });
    const ready = await server.ready(timeoutMs);
    if (ready === 'ready') return server;
    await server.stop();
    lastError = `the VS Code server ${ready === 'timeout' ? `did not start within ${timeoutMs / 1000} s` : 'exited while starting'}; its output:\n${server.tail()}`;
    if (!/EADDRINUSE/.test(server.tail())) break;
    log(`port ${port} was taken before the server bound it; retrying`);
  }
  throw new Error(lastError);
}

/** A port that was free a moment ago (the server binds it right after). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ tools: import('./install.mjs').Tools, tmp: string, port: number, smokeTestDriver: boolean, workspaceTrust: boolean }} options
 * @returns {Server & { ready: (timeoutMs: number) => Promise<'ready' | 'exited' | 'timeout'> }}
 */
function launch({ tools, tmp, port, smokeTestDriver, workspaceTrust }) {
  const args = [
    tools.serverMain,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    ...(smokeTestDriver ? ['--enable-smoke-test-driver'] : []),
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-telemetry',
    '--user-data-dir', path.join(tmp, 'user-data'),
    '--server-data-dir', path.join(tmp, 'server-data'),
    '--extensions-dir', path.join(tmp, 'extensions'),
  ];
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  // Variables of an enclosing VS Code or npm run would leak into the extension host.
  for (const [k, v] of Object.entries(process.env)) if (!/^(VSCODE_|ELECTRON_|npm_)/i.test(k)) env[k] = v;
  env[RUN_MARKER] = tmp;
  // Its sockets and temporary files then go away with the run's folder.
  env.TMPDIR = path.join(tmp, 'tmp');
  mkdirSync(env.TMPDIR, { recursive: true });
  // detached: the server leads a new process group (setsid), so one signal reaches all it spawns.
  const child = spawn(tools.node, args, { cwd: tmp, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = createWriteStream(path.join(tmp, 'server.log'));
  /** @type {string[]} */
  const lines = [];
  /** @type {((line: string) => void) | undefined} */
  let onLine;
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    let partial = '';
    stream.on('data', (/** @type {string} */ chunk) => {
      logFile.write(chunk);
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > 200) lines.shift();
        onLine?.(line);
      }
    });
  }
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
    child.on('error', (err) => {
      lines.push(String(err));
      resolve({ code: null, signal: null });
    });
  });
  let alive = true;
  exited.then(() => {
    alive = false;
  });

  const killGroup = (/** @type {NodeJS.Signals} */ signal) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // ESRCH: the group is already gone.
    }
  };
  const killNow = () => {
    if (child.pid !== undefined) killRun(child.pid, tmp);
  };
  if (child.pid !== undefined) {
    // Outlives the harness only to stop the server if the harness is killed outright.
    spawn(process.execPath, [REAPER, String(process.pid), String(child.pid), tmp], { detached: true, stdio: 'ignore' }).unref();
  }

  return {
    port,
    exited,
    tail: () => lines.slice(-60).join('\n'),
    killNow,
    async stop() {
      killGroup('SIGTERM');
      if (alive) await Promise.race([exited, sleep(5000)]);
      await sleep(200);
      killNow();
      logFile.end();
    },
    ready(timeoutMs) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve('timeout'), timeoutMs);
        onLine = (line) => {
          if (/Extension host agent listening on|available at/.test(line)) {
            clearTimeout(timer);
            onLine = undefined;
            resolve('ready');
          }
        };
        exited.then(() => {
          clearTimeout(timer);
          resolve('exited');
        });
      });
    },
  };
}

/**
 * Kills the server's process group, then, by pid, any process that inherited this run's
 * marker (e.g. one that left the group).
 * @param {number} group  the server's pid, which leads its group
 * @param {string} tmp    the run's folder, the marker's value
 */
export function killRun(group, tmp) {
  try {
    process.kill(-group, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
  const needle = `${RUN_MARKER}=${tmp}\0`;
  let pids;
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      if (Number(pid) !== process.pid && readFileSync(`/proc/${pid}/environ`, 'latin1').includes(needle)) {
        process.kill(Number(pid), 'SIGKILL');
      }
    } catch {
      // Gone already, or not ours to read.
    }
  }
}
