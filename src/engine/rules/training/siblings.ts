// Classes imported from a module that sits next to the analysed file (`from name_dataset import
// NameDataset`, `from .model import Net`): their source, read from disk, for the rules that need
// to know what such a class does.
import path from 'node:path';
import { readInput } from '../../inputs';

/** Larger modules are not read: a sibling module of a script is a few hundred lines. */
const MAX_BYTES = 256 * 1024;

/**
 * The source of class `Module.Class` (the qualified name an import gives it) when the module is a
 * file beside `file` (`name_dataset.py`, or `model.py` for `.model`) or in a package below its
 * folder (`pkg/algo/gail.py` for `pkg.algo.gail.Class`); undefined otherwise.
 */
export function siblingClass(file: string, qualified: string | undefined): string | undefined {
  const m = qualified && /^\.?((?:\w+\.)*\w+)\.(\w+)$/.exec(qualified);
  // A local `datasets.py` beside the script is read; a library's package path is not looked for on disk.
  if (!file || !m || (m[1].includes('.') && LIBRARIES.has(m[1].split('.')[0]))) return undefined;
  // A package below the file's folder: `a2c_ppo_acktr.algo.gail.ExpertDataset` is in `a2c_ppo_acktr/algo/gail.py`.
  const source = readSmall(path.join(path.dirname(file), ...m[1].split('.')) + '.py');
  return source === undefined ? undefined : block(source, new RegExp(`^([ \\t]*)class\\s+${m[2]}\\b[^\\n]*:[ \\t]*$`, 'm'));
}

/**
 * The source of function `module.function` (the qualified name an import gives it: `utils.load_data`,
 * `.utils.load_data`, or `pkg.utils.load_data` from inside `pkg/`) when the module is a file beside
 * `file`; undefined otherwise.
 */
export function siblingFunction(file: string, qualified: string | undefined): string | undefined {
  const m = qualified && /^\.?(?:\w+\.)*?(\w+)\.(\w+)$/.exec(qualified);
  if (!file || !m || LIBRARIES.has(qualified!.replace(/^\./, '').split('.')[0])) return undefined;
  const source = readSmall(path.join(path.dirname(file), `${m[1]}.py`));
  return source === undefined ? undefined : block(source, new RegExp(`^([ \\t]*)def\\s+${m[2]}\\s*\\(`, 'm'));
}

/**
 * Whether a module beside `file` that the file imports from (`from model import Net`, `from .layers
 * import GCMCLayer`) itself imports one of `modules` (a graph library under a training script).
 */
export function siblingImports(file: string, imported: Iterable<string>, modules: readonly string[]): boolean {
  if (!file) return false;
  const names = new Set<string>();
  for (const q of imported) {
    const m = /^\.?(\w+)/.exec(q);
    if (m && !LIBRARIES.has(m[1])) names.add(m[1]);
  }
  const pattern = new RegExp(`^[ \\t]*(?:import|from)[ \\t]+(?:${modules.join('|')})\\b`, 'm');
  for (const name of names) {
    const source = readSmall(path.join(path.dirname(file), `${name}.py`));
    if (source !== undefined && pattern.test(source)) return true;
  }
  return false;
}

/** Packages no script keeps beside itself: not looked for on disk. */
const LIBRARIES = new Set([
  'torch', 'torchvision', 'torchaudio', 'numpy', 'scipy', 'pandas', 'sklearn', 'matplotlib', 'transformers', 'datasets',
  'accelerate', 'lightning', 'pytorch_lightning', 'tensorflow', 'keras', 'dgl', 'torch_geometric', 'tqdm', 'PIL', 'cv2',
  'os', 'sys', 'argparse', 'time', 'math', 'random', 'json', 'logging', 'collections', 'typing', 'functools', 'itertools', 'pathlib', 're', 'copy',
]);

/** The body of method `name` in a class's source. */
export function methodBody(cls: string, name: string): string | undefined {
  return block(cls, new RegExp(`^([ \\t]*)def\\s+${name}\\s*\\([^\\n]*$`, 'm'), true);
}

function readSmall(file: string): string | undefined {
  return readInput(file, MAX_BYTES);
}

/**
 * The lines of the block a header opens: the header and the lines after it that are blank or
 * indented deeper than it (`bodyOnly`: without the header line).
 */
function block(source: string, header: RegExp, bodyOnly = false): string | undefined {
  const m = header.exec(source);
  if (!m) return undefined;
  const indent = m[1].length;
  const lines = source.slice(m.index).split('\n');
  let end = 1;
  while (end < lines.length && (lines[end].trim() === '' || lines[end].trim().startsWith('#') || /^[ \t]*/.exec(lines[end])![0].length > indent)) end++;
  return lines.slice(bodyOnly ? 1 : 0, end).join('\n');
}
