// Chooses how to run a script: the interpreter for its extension, checked before anything starts,
// so a missing script or interpreter is a clear usage error rather than a failed profile.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { which } from './which';

/** An error the user can fix (bad path, missing interpreter): the CLI exits 2 with the message. */
export class ProfileUsageError extends Error {}

export interface ResolvedCommand {
  /** Absolute path of the executable. */
  file: string;
  argv: string[];
  /** `python`, `node` or `tsx`. */
  runtime: string;
  script: string;
}

const PY = new Set(['.py', '.pyw']);
const JS = new Set(['.js', '.mjs', '.cjs']);
const TS = new Set(['.ts', '.mts', '.cts']);

/** Looks for `tsx` in node_modules/.bin from the script's folder upwards, then on PATH. */
function findTsx(from: string, env: NodeJS.ProcessEnv): string | undefined {
  const bin = process.platform === 'win32' ? 'tsx.cmd' : 'tsx';
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '.bin', bin);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  return which('tsx', env);
}

export function resolveCommand(
  script: string,
  args: string[],
  opts: { cwd: string; python?: string; env: NodeJS.ProcessEnv },
): ResolvedCommand {
  const scriptPath = path.resolve(opts.cwd, script);
  if (!existsSync(scriptPath)) throw new ProfileUsageError(`script not found: ${script} (looked at ${scriptPath})`);
  if (!statSync(scriptPath).isFile()) throw new ProfileUsageError(`not a file: ${script}`);
  const ext = path.extname(scriptPath).toLowerCase();
  if (PY.has(ext) || (opts.python && !JS.has(ext) && !TS.has(ext))) {
    const wanted = opts.python ? [opts.python] : ['python3', 'python'];
    for (const name of wanted) {
      const file = which(name, opts.env);
      if (file) return { file, argv: [scriptPath, ...args], runtime: 'python', script: scriptPath };
    }
    throw new ProfileUsageError(
      opts.python
        ? `Python interpreter not found: ${opts.python} (check the path passed to --python)`
        : 'no Python interpreter found: neither python3 nor python is on PATH; install Python or pass --python PATH',
    );
  }
  if (JS.has(ext)) {
    const node = which('node', opts.env) ?? (process.versions.electron ? undefined : process.execPath);
    if (!node) throw new ProfileUsageError('node not found on PATH; install Node.js to profile JavaScript');
    return { file: node, argv: [scriptPath, ...args], runtime: 'node', script: scriptPath };
  }
  if (TS.has(ext)) {
    const tsx = findTsx(path.dirname(scriptPath), opts.env);
    if (!tsx) throw new ProfileUsageError('TypeScript scripts run with tsx, which was not found: `npm install --save-dev tsx` in the project, or compile to JavaScript first');
    return { file: tsx, argv: [scriptPath, ...args], runtime: 'tsx', script: scriptPath };
  }
  throw new ProfileUsageError(`don't know how to run ${path.basename(scriptPath)}: profile a .py, .js/.mjs/.cjs or .ts script (or pass --python for another Python file)`);
}
