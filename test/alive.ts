// Whether a process still exists (EPERM: it does, owned by someone else), for tests that check
// nothing outlives a run.
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
