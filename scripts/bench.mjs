// `npm run bench`: analyses a corpus of Python files in-process through the engine API and,
// in the same run on the same files, with ruff's WebAssembly build (select PERF), and reports
// milliseconds per 1,000 lines (median of several rounds after a warm-up).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { createAnalyzer } = require(path.join(root, 'dist', 'engine.js'));
const ruff = require('@astral-sh/ruff-wasm-nodejs');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);

function pythonFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return pythonFiles(full);
    return e.name.endsWith('.py') ? [full] : [];
  });
}

const files = [...pythonFiles(path.join(root, 'examples')), ...pythonFiles(path.join(root, 'test', 'fixtures'))].map((f) => ({
  path: f,
  text: readFileSync(f, 'utf8'),
}));
const lines = files.reduce((n, f) => n + f.text.split('\n').length, 0);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(label, fn) {
  fn(); // warm-up: JIT, WebAssembly compilation, caches
  const samples = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const ms = median(samples);
  return { label, ms, perKloc: (ms / lines) * 1000 };
}

const analyzer = await createAnalyzer({ configFiles: false });
let findings = 0;
const ours = time('frugal (all rules)', () => {
  findings = 0;
  for (const f of files) findings += analyzer.analyze(f.text, { path: f.path }).findings.length;
});

const workspace = new ruff.Workspace({ lint: { select: ['PERF'] } }, ruff.PositionEncoding.Utf16);
let ruffFindings = 0;
const theirs = time(`ruff ${ruff.Workspace.version()} wasm (PERF)`, () => {
  ruffFindings = 0;
  for (const f of files) ruffFindings += workspace.check(f.text).length;
});

// Context for the figures: ruff with every rule, and tree-sitter's parse alone.
const workspaceAll = new ruff.Workspace({ lint: { select: ['ALL'] } }, ruff.PositionEncoding.Utf16);
const theirsAll = time(`ruff ${ruff.Workspace.version()} wasm (ALL rules)`, () => {
  for (const f of files) workspaceAll.check(f.text);
});
const { Parser, Language } = require(path.join(root, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.cjs'));
await Parser.init();
const parser = new Parser();
parser.setLanguage(await Language.load(path.join(root, 'dist', 'tree-sitter-python.wasm')));
const parseOnly = time('tree-sitter parse only (no analysis)', () => {
  for (const f of files) parser.parse(f.text).delete();
});

// The engine against tree-sitter's bare parse of the same files in the same run, on the corpus above
// and on real code (pytorch/examples, vendored in test/realcode).
const realFiles = pythonFiles(path.join(root, 'test', 'realcode', 'pytorch-examples')).map((f) => ({ path: f, text: readFileSync(f, 'utf8') }));
const realLines = realFiles.reduce((k, f) => k + f.text.split('\n').length, 0);
const perKlocOf = (r, n) => ({ ...r, perKloc: (r.ms / n) * 1000 });
const oursReal = perKlocOf(time('frugal (all rules), pytorch/examples', () => {
  for (const f of realFiles) analyzer.analyze(f.text, { path: f.path });
}), realLines);
const parseReal = perKlocOf(time('tree-sitter parse only, pytorch/examples', () => {
  for (const f of realFiles) parser.parse(f.text).delete();
}), realLines);

// The editor's case: one keystroke in a 1,000-line file (two real files of pytorch/examples
// joined), re-analysed with the kept tree as the extension does after its debounce.
const editorPath = path.join(root, 'test', 'realcode', 'pytorch-examples', 'imagenet', 'main_and_llama2.py');
const editorText = ['imagenet/main.py', 'distributed/tensor_parallelism/llama2_model.py']
  .map((f) => readFileSync(path.join(root, 'test', 'realcode', 'pytorch-examples', f), 'utf8'))
  .join('\n\n');
const editorLines = editorText.split('\n').length;
const editAt = editorText.indexOf('\ndef ', editorText.length >> 2) + 1;
analyzer.analyze(editorText, { path: editorPath, incremental: true });
let n = 0;
const keystroke = time(`frugal, one keystroke in a ${editorLines}-line file`, () => {
  n++;
  // Typing: the same line grows by one character each time, as an edit in the middle of the file.
  analyzer.analyze(`${editorText.slice(0, editAt)}x = ${'1'.repeat((n % 40) + 1)}\n${editorText.slice(editAt)}`, { path: editorPath, incremental: true });
});

console.log(`corpus: ${files.length} files, ${lines} lines; ${ROUNDS} rounds, median; node ${process.version}`);
console.log(`${ours.label.padEnd(44)} ${ours.ms.toFixed(2).padStart(8)} ms  ${ours.perKloc.toFixed(2).padStart(6)} ms/1,000 lines  (${findings} findings)`);
console.log(`${theirs.label.padEnd(44)} ${theirs.ms.toFixed(2).padStart(8)} ms  ${theirs.perKloc.toFixed(2).padStart(6)} ms/1,000 lines  (${ruffFindings} findings)`);
for (const r of [theirsAll, parseOnly]) console.log(`${r.label.padEnd(44)} ${r.ms.toFixed(2).padStart(8)} ms  ${r.perKloc.toFixed(2).padStart(6)} ms/1,000 lines`);
console.log(`ratio frugal / ruff: ${(ours.ms / theirs.ms).toFixed(2)}`);
console.log(`ratio analysis / bare parse: ${(ours.ms / parseOnly.ms).toFixed(2)} (ruff ALL / bare parse: ${(theirsAll.ms / parseOnly.ms).toFixed(2)})`);
console.log(`real code: ${realFiles.length} files, ${realLines} lines (pytorch/examples)`);
for (const r of [oursReal, parseReal]) console.log(`${r.label.padEnd(44)} ${r.ms.toFixed(2).padStart(8)} ms  ${r.perKloc.toFixed(2).padStart(6)} ms/1,000 lines`);
console.log(`ratio analysis / bare parse (pytorch/examples): ${(oursReal.ms / parseReal.ms).toFixed(2)} (the issue's bound: 1.5)`);
console.log(`${keystroke.label.padEnd(44)} ${keystroke.ms.toFixed(2).padStart(8)} ms  ${((keystroke.ms / editorLines) * 1000).toFixed(2).padStart(6)} ms/1,000 lines  (edit to diagnostics after the debounce; target under 10)`);

// TypeScript/JavaScript: the vendored tensorflow/tfjs-examples, all rules, against the same run's
// Python figure, and typescript-estree's parse alone for context.
function scriptFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return scriptFiles(full);
    return /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(e.name) ? [full] : [];
  });
}
const jsFiles = scriptFiles(path.join(root, 'test', 'realcode', 'tfjs-examples')).map((f) => ({ path: f, text: readFileSync(f, 'utf8') }));
const jsLines = jsFiles.reduce((k, f) => k + f.text.split('\n').length, 0);
function timeJs(label, fn) {
  return perKlocOf(time(label, fn), jsLines);
}
let jsFindings = 0;
const oursJs = timeJs('frugal TS/JS (all rules)', () => {
  jsFindings = 0;
  for (const f of jsFiles) jsFindings += analyzer.analyze(f.text, { path: f.path }).findings.length;
});
const estree = require(path.join(root, 'dist', 'typescript-estree.js'));
const parseJs = timeJs('typescript-estree parse only (no analysis)', () => {
  for (const f of jsFiles) estree.parse(f.text, { range: true, loc: true, comment: true, jsx: true, filePath: f.path });
});
console.log(`TS/JS corpus: ${jsFiles.length} files, ${jsLines} lines (tensorflow/tfjs-examples)`);
console.log(`${oursJs.label.padEnd(44)} ${oursJs.ms.toFixed(2).padStart(8)} ms  ${oursJs.perKloc.toFixed(2).padStart(6)} ms/1,000 lines  (${jsFindings} findings)`);
console.log(`${parseJs.label.padEnd(44)} ${parseJs.ms.toFixed(2).padStart(8)} ms  ${parseJs.perKloc.toFixed(2).padStart(6)} ms/1,000 lines`);
console.log(`ratio TS/JS / Python (ms per 1,000 lines): ${(oursJs.perKloc / ours.perKloc).toFixed(2)} (the issue's bound: 1.5)`);
