// The git commit a profiled script was run at, and whether the script had uncommitted changes, so
// the history can tell a before from an after. Read-only git commands with a short timeout.
import { execFile } from 'node:child_process';
import path from 'node:path';

function git(args: string[], cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 3000, windowsHide: true }, (err, stdout) => resolve(err ? undefined : stdout.trim()));
  });
}

export async function gitState(script: string): Promise<{ commit?: string; dirty?: boolean }> {
  const cwd = path.dirname(script);
  const commit = await git(['rev-parse', '--short=12', 'HEAD'], cwd);
  if (!commit) return {};
  const status = await git(['status', '--porcelain', '--', path.basename(script)], cwd);
  return { commit, ...(status ? { dirty: true } : {}) };
}
