// Code that nothing in the project uses: a top-level class or function of a module that other
// files of the project import, named nowhere else in its own file and in no other file of the
// project (YOLOv7's `utils/loss.py` keeps loss classes that no script refers to). A finding in
// it describes code that never runs, and is low confidence.
//
// The project is the folder above the outermost package holding the file (folders with an
// `__init__.py`), or the file's own folder when it is not in a package (a folder of scripts that
// import each other), scanned for Python files, notebooks and Markdown or reStructuredText
// documents (a chapter that names a helper uses it) with the default exclusions. Every
// file and folder read is recorded as an input, so a cached result is reused only while none of
// them changed (a new file changes its folder's modification time).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ModuleModel } from './model/model';
import { DEFAULT_EXCLUDES } from './files';
import { readInput, statInput } from './inputs';
import type { SNode } from './parse/syntax';

/** Past these, the project is too large to read while analysing one file: nothing is judged unused. */
const MAX_FILES = 600;
const MAX_BYTES = 64 * 1024 * 1024;
const EXCLUDED = new Set(DEFAULT_EXCLUDES);

interface Scanned {
  path: string;
  size: number;
  mtimeMs: number;
  /** The names the file mentions, definitions (`def name`, `class name`) aside. */
  names: Set<string>;
  /** Its import statements, one per line. */
  imports: string;
}

/** Files read before, kept as their names and imports while their size and modification time hold. */
const texts = new Map<string, Scanned>();

/** A notebook's embedded outputs (`"image/png": "iVBOR..."`): data, not code. */
const OUTPUT_BLOB = /"(?:image\/[\w.+-]+|application\/[\w.+-]+|text\/html)":\s*(?:"[^"]*"|\[[^\]]*\])/g;

function scan(file: string, size: number, mtimeMs: number): Scanned {
  let text = readInput(file) ?? '';
  if (file.endsWith('.ipynb')) text = text.replace(OUTPUT_BLOB, '');
  const names = new Set<string>();
  for (const m of text.matchAll(/(\b(?:def|class)\s+)?\b([A-Za-z_]\w*)/g)) if (!m[1]) names.add(m[2]);
  const imports = (text.match(/^[ \t"]*(?:from|import)\s[^\n]*$/gm) ?? []).join('\n');
  return { path: file, size, mtimeMs, names, imports };
}

/**
 * The folder the project's Python files are searched under: above the outermost package that
 * holds the file, or, for a module in a folder of scripts (no `__init__.py`: they import it as
 * `from utils import ...`), that folder.
 */
function projectRoot(file: string): string {
  let dir = path.dirname(file);
  if (!statInput(path.join(dir, '__init__.py'))?.isFile()) return dir;
  while (statInput(path.join(path.dirname(dir), '__init__.py'))?.isFile() && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.dirname(dir);
}

/** The project's other Python files and notebooks, or undefined when there are too many to read. */
function projectTexts(root: string, file: string): Scanned[] | undefined {
  const out: Scanned[] = [];
  let bytes = 0;
  const walk = (dir: string): boolean => {
    statInput(dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return true;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (EXCLUDED.has(e.name) || e.name.startsWith('.')) continue;
        if (!walk(full)) return false;
      } else if (e.isFile() && /\.(py|ipynb|md|rst)$/.test(e.name) && full !== file) {
        const st = statInput(full);
        if (!st) continue;
        bytes += st.size;
        if (out.length >= MAX_FILES || bytes > MAX_BYTES) return false;
        let cached = texts.get(full);
        if (!cached || cached.size !== st.size || cached.mtimeMs !== st.mtimeMs) {
          cached = scan(full, st.size, st.mtimeMs);
          texts.set(full, cached);
        }
        out.push(cached);
      }
    }
    return true;
  };
  return walk(root) ? out : undefined;
}

/** The project's other files as read for one analysis (its model): listed once however many questions the rules ask. */
const listed = new WeakMap<ModuleModel, Scanned[] | null>();

function otherFiles(model: ModuleModel, file: string): Scanned[] | undefined {
  let others = listed.get(model);
  if (others === undefined) listed.set(model, (others = projectTexts(projectRoot(file), file) ?? null));
  return others ?? undefined;
}

/**
 * Whether a project file other than `file` names `name` (`trainer.valid_dl`); undefined when the
 * project is too large to read.
 */
export function namedElsewhere(model: ModuleModel, file: string, name: string): boolean | undefined {
  return otherFiles(model, file)?.some((o) => o.names.has(name));
}

/** Whether the file's text names `name` (as a whole word) outside `[start, end)`. */
export function mentionedOutside(model: ModuleModel, name: string, start: number, end: number): boolean {
  const re = new RegExp(`\\b${name.replace(/[^\w]/g, '')}\\b`, 'g');
  const text = model.file.text;
  for (let m = re.exec(text); m; m = re.exec(text)) if (m.index < start || m.index >= end) return true;
  return false;
}

/** The module-level class or function (its name node and its whole definition) that holds `node`. */
function topLevelDefinition(model: ModuleModel, node: SNode): { name: string; def: SNode; decorated: boolean } | undefined {
  let n: SNode | undefined = node;
  while (n?.parent && n.parent.type !== 'module') n = n.parent;
  if (!n) return undefined;
  const decorated = n.type === 'decorated_definition';
  const def = decorated ? n.children.find((c) => c.type === 'class_definition' || c.type === 'function_definition') : n;
  if (!def || (def.type !== 'class_definition' && def.type !== 'function_definition')) return undefined;
  const id = def.children.find((c) => c.type === 'identifier');
  return id ? { name: model.text(id), def: n, decorated } : undefined;
}

/**
 * The name of the unused definition that holds `node`, when the file is a module the project
 * imports and neither it nor any other project file names that definition; undefined otherwise.
 */
export function unusedDefinition(model: ModuleModel, node: SNode, file: string, memo: Map<SNode, string | null>): string | undefined {
  if (!file || model.evidence.notebook) return undefined;
  const top = topLevelDefinition(model, node);
  // A decorated definition may be registered (`@register_model`, `@app.route`): it is used by name elsewhere.
  if (!top || top.decorated || top.name.startsWith('__')) return undefined;
  const cached = memo.get(top.def);
  if (cached !== undefined) return cached ?? undefined;
  const answer = judge(model, top, file);
  memo.set(top.def, answer ?? null);
  return answer;
}

function judge(model: ModuleModel, top: { name: string; def: SNode }, file: string): string | undefined {
  // Named elsewhere in the file (called, subclassed, exported in `__all__`, or in a string).
  if (mentionedOutside(model, top.name, top.def.start, top.def.end)) return undefined;
  const moduleName = path.basename(file, '.py');
  if (moduleName === '__init__' || moduleName === 'setup' || moduleName === 'hubconf') return undefined;
  const others = otherFiles(model, file);
  if (!others) return undefined;
  const m = moduleName.replace(/[^\w]/g, '');
  // `from utils.loss import A`, `from .loss import A`, `import utils.loss`, `from utils import loss`.
  const imports = new RegExp(`^[\\s"]*(from\\s+[\\w.]*\\b${m}\\b[\\w.]*\\s+import|import\\s+[\\w.]*\\b${m}\\b|from\\s+[\\w.]+\\s+import\\s+[^\\n]*\\b${m}\\b)`, 'm');
  if (!others.some((o) => imports.test(o.imports))) return undefined;
  // Any mention but another definition of the same name (a copy of the module elsewhere defines it too).
  return others.some((o) => o.names.has(top.name)) ? undefined : top.name;
}

/** A block that turns autograd off for its body: `with torch.no_grad():`, `@torch.inference_mode()`. */
const NO_GRAD_HEADER = /^\s*(?:with\b.*\btorch\.(?:no_grad|inference_mode)\s*\(|@torch\.(?:no_grad|inference_mode)\b)/;

/**
 * Whether the project's other files call method `name` (`network.predict(x)`) at least once and
 * only ever inside a `with torch.no_grad():`/`inference_mode()` block or a function decorated with
 * one, read from their indentation (test files aside); false when a notebook names it (its cells are not read here) or
 * when the project is too large to read.
 */
export function calledElsewhereWithoutGrad(model: ModuleModel, file: string, name: string): boolean {
  let byName = withoutGrad.get(model);
  if (!byName) withoutGrad.set(model, (byName = new Map()));
  let found = byName.get(name);
  if (found === undefined) byName.set(name, (found = scanCallsWithoutGrad(model, file, name)));
  return found;
}

/** Answers of `calledElsewhereWithoutGrad` for one analysis: each method name's files are read once, however many forward passes ask. */
const withoutGrad = new WeakMap<ModuleModel, Map<string, boolean>>();

function scanCallsWithoutGrad(model: ModuleModel, file: string, name: string): boolean {
  const others = otherFiles(model, file)?.filter((o) => o.names.has(name));
  if (!others || others.length === 0) return false;
  const root = projectRoot(file);
  let calls = 0;
  const call = new RegExp(`\\.${name}\\s*\\(`);
  for (const o of others) {
    if (o.path.endsWith('.ipynb')) return false;
    // Tests call methods to check shapes, not to run them for real.
    if (!o.path.endsWith('.py') || /(^|[\\/])(test_[^\\/]*|[^\\/]*_test|conftest)\.py$|(^|[\\/])tests?[\\/]/.test(path.relative(root, o.path))) continue;
    const lines = (readInput(o.path) ?? '').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!call.test(lines[i]) || /^\s*(#|def\b)/.test(lines[i])) continue;
      calls++;
      if (!guarded(lines, i)) return false;
    }
  }
  return calls > 0;
}

/** Line `at` sits in a block (or a function whose decorators) turn autograd off, by indentation. */
function guarded(lines: string[], at: number): boolean {
  const indentOf = (line: string) => /^[ \t]*/.exec(line)![0].length;
  let indent = indentOf(lines[at]);
  for (let i = at - 1; i >= 0 && indent > 0; i--) {
    const line = lines[i];
    if (line.trim() === '' || line.trim().startsWith('#') || indentOf(line) >= indent) continue;
    indent = indentOf(line);
    if (NO_GRAD_HEADER.test(line)) return true;
    if (/^\s*(?:async\s+)?def\b/.test(line)) {
      // Its decorators, on the lines just above at the same indentation.
      for (let j = i - 1; j >= 0 && /^\s*@/.test(lines[j]) && indentOf(lines[j]) === indent; j--) if (NO_GRAD_HEADER.test(lines[j])) return true;
      return false;
    }
  }
  return false;
}
