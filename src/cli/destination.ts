// Output files of the command line (`check --output`, `profile --json/--csv`): checked before any
// work starts, so a bad path costs nothing, and written whole or not at all.
import { accessSync, constants, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Why `file` cannot be written (created, or appended to when it exists), or undefined when it can. */
export function unwritable(file: string): string | undefined {
  const dir = path.dirname(path.resolve(file));
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return describe(e);
  }
  if (st?.isDirectory()) return 'it is a directory';
  try {
    accessSync(st ? file : dir, constants.W_OK);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? `the folder ${dir} does not exist` : describe(e);
  }
  return undefined;
}

function describe(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  if (code === 'EROFS') return 'read-only file system (EROFS)';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder (ENOTDIR)';
  return code ?? (e as Error).message;
}

/**
 * Writes `text` to a temporary file beside `file`, then renames it over `file`: a reader never
 * sees half a report. Throws an Error whose message says why, in one line.
 */
export function writeWhole(file: string, text: string): void {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new Error(`cannot write ${file}: ${describe(e)}`, { cause: e });
  }
}
