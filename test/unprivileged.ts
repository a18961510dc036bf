// Runs commands as a user that file permissions apply to. Root ignores them, so under root the
// command drops to `nobody` with setpriv; the tests that need this skip, saying why, when it cannot.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chownSync, readdirSync } from 'node:fs';
import path from 'node:path';

export interface Unprivileged {
  run(command: string, args: string[], cwd: string): SpawnSyncReturns<string>;
  /** Gives `dir` and everything in it to the user, so it can write there. */
  own(dir: string): void;
}

function idOf(flag: '-u' | '-g'): number | undefined {
  const r = spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : undefined;
}

function chownTree(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) chownTree(full, uid, gid);
    else if (!e.isSymbolicLink()) chownSync(full, uid, gid);
  }
}

/** The unprivileged runner, or the reason there is none (for `{ skip }`). */
export function unprivileged(probe: string): Unprivileged | string {
  if (process.getuid?.() !== 0) {
    if (process.getuid === undefined) return 'file permissions are POSIX-only';
    return { run: (command, args, cwd) => spawnSync(command, args, { cwd, encoding: 'utf8' }), own: () => undefined };
  }
  const uid = idOf('-u');
  const gid = idOf('-g');
  if (uid === undefined || gid === undefined) return 'running as root and there is no user "nobody" to drop to';
  const prefix = ['--reuid', String(uid), '--regid', String(gid), '--clear-groups'];
  const check = spawnSync('setpriv', [...prefix, process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(probe)})`], { encoding: 'utf8' });
  if (check.error) return 'running as root and setpriv (util-linux) is not installed, so the test cannot drop to "nobody"';
  if (check.status !== 0) return `running as root and "nobody" cannot read ${probe}: ${check.stderr.trim().split('\n')[0]}`;
  return {
    run: (command, args, cwd) => spawnSync('setpriv', [...prefix, command, ...args], { cwd, encoding: 'utf8' }),
    own: (dir) => chownTree(dir, uid, gid),
  };
}
