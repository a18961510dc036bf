// Follows the extension host's log file (activations, errors) while a suite runs.
import { Buffer } from 'node:buffer';
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { clearInterval, setInterval } from 'node:timers';

/**
 * Prints each new line of `<logsDir>/<session>/exthost<N>/remoteexthost.log` as it is written.
 * @param {string} logsDir  the server's user-data `logs` folder
 * @param {(line: string) => void} print
 * @returns {() => void} stops following, after printing what is left
 */
export function followHostLog(logsDir, print) {
  /** @type {string | undefined} */
  let file;
  let offset = 0;
  let partial = '';
  const poll = () => {
    if (!file && existsSync(logsDir)) file = find(logsDir);
    if (!file) return;
    const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    if (size <= offset) return;
    const buf = Buffer.alloc(size - offset);
    const fd = openSync(file, 'r');
    try {
      readSync(fd, buf, 0, buf.length, offset);
    } finally {
      closeSync(fd);
    }
    offset = size;
    const lines = (partial + buf.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) print(line);
  };
  const timer = setInterval(poll, 500);
  return () => {
    clearInterval(timer);
    poll();
    if (partial.trim()) print(partial);
  };
}

/** @param {string} logsDir */
function find(logsDir) {
  const sessions = readdirSync(logsDir, { withFileTypes: true }).filter((d) => d.isDirectory());
  for (const session of sessions) {
    const dir = path.join(logsDir, session.name);
    for (const host of readdirSync(dir).filter((d) => /^exthost\d+$/.test(d)).sort()) {
      const file = path.join(dir, host, 'remoteexthost.log');
      if (existsSync(file)) return file;
    }
  }
  return undefined;
}
