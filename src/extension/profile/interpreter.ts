// Which Python runs a profiled script: the interpreter selected in the Python extension (through
// its API, when that extension is installed), else the `frugal.pythonPath` setting, else python3.
import * as vscode from 'vscode';

/** The Python extension's id; its API is the stable `environments` part of @vscode/python-extension. */
export const PYTHON_EXTENSION_ID = 'ms-python.python';

/**
 * The part of the Python extension's API we call, typed here: the npm package that types it
 * (@vscode/python-extension) is these types plus a five-line getter, and it declares Node 22.17
 * and VS Code 1.93 as engines, neither of which this extension needs.
 */
export interface PythonEnvironmentsApi {
  environments: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { id: string; path: string };
    resolveEnvironment(environment: { id: string; path: string } | string): Promise<{ executable: { uri: vscode.Uri | undefined } } | undefined>;
    getEnvironmentVariables(resource?: vscode.Uri): Record<string, string | undefined>;
  };
}

async function pythonApi(extension: vscode.Extension<PythonEnvironmentsApi>): Promise<PythonEnvironmentsApi> {
  return extension.isActive ? extension.exports : extension.activate();
}

export interface Interpreter {
  /** Executable (absolute path, or a name looked up on PATH). */
  python?: string;
  source: 'python-extension' | 'frugal.pythonPath' | 'default';
  /** Variables the Python extension adds for this resource (its `.env` file). */
  env: Record<string, string>;
}

/** How long to wait for the Python extension before falling back to the setting. */
const PYTHON_API_TIMEOUT_MS = 10_000;

function timeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([p, new Promise<undefined>((r) => setTimeout(() => r(undefined), ms))]);
}

async function fromPythonExtension(resource: vscode.Uri): Promise<Interpreter | undefined> {
  const extension = vscode.extensions.getExtension<PythonEnvironmentsApi>(PYTHON_EXTENSION_ID);
  if (!extension) return undefined;
  const api = await timeout(pythonApi(extension), PYTHON_API_TIMEOUT_MS);
  if (!api) return undefined;
  const active = api.environments.getActiveEnvironmentPath(resource);
  const resolved = await timeout(api.environments.resolveEnvironment(active), PYTHON_API_TIMEOUT_MS);
  const python = resolved?.executable.uri?.fsPath;
  if (!python) return undefined;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(api.environments.getEnvironmentVariables(resource))) if (typeof v === 'string') env[k] = v;
  return { python, source: 'python-extension', env };
}

export async function findInterpreter(resource: vscode.Uri, log: (line: string) => void): Promise<Interpreter> {
  try {
    const found = await fromPythonExtension(resource);
    if (found) return found;
  } catch (e) {
    log(`[profile] the Python extension's interpreter is not available (${(e as Error).message}); using frugal.pythonPath or python3`);
  }
  const setting = vscode.workspace.getConfiguration('frugal', resource).get<string>('pythonPath', '').trim();
  if (setting) return { python: setting, source: 'frugal.pythonPath', env: {} };
  return { source: 'default', env: {} };
}
