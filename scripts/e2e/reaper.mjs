// Stops a run's VS Code server if the harness dies without stopping it (e.g. SIGKILL from a
// CI timeout), and removes the run's folder. Started detached by server.mjs:
// `node reaper.mjs HARNESS_PID SERVER_PGID TMP`.
import { rmSync } from 'node:fs';
import process from 'node:process';
import { setInterval } from 'node:timers';
import { killRun } from './server.mjs';

const [harness, group] = process.argv.slice(2, 4).map(Number);
const tmp = process.argv[4];

const exists = (/** @type {number} */ pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
  }
};

setInterval(() => {
  if (exists(harness)) {
    if (!exists(-group)) process.exit(0); // stopped normally
    return;
  }
  killRun(group, tmp);
  rmSync(tmp, { recursive: true, force: true });
  process.exit(0);
}, 1000);
