// `npm run package`: one platform-specific VSIX per target with @vscode/vsce. The bundle is
// self-contained (esbuild), so node_modules stays out; the one exception is onnxruntime-node (the
// benchmark's child process loads it), staged in dist/node_modules with only the target's own
// native binaries — the only difference between the packages.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const TARGETS = process.argv.slice(2).length ? process.argv.slice(2) : ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64'];
const out = path.join(root, 'dist-vsix');
mkdirSync(out, { recursive: true });
const { version, name } = JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: root, encoding: 'utf8' }));
execFileSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
// The linux-x64 package must stay small enough to install quickly (ONNX Runtime is most of it).
const MAX_MB = { 'linux-x64': 25 };
const staged = path.join(root, 'dist', 'node_modules');

/** Copies onnxruntime-node and onnxruntime-common into dist/node_modules, keeping only `target`'s binaries. */
function stageOnnxRuntime(target) {
  rmSync(staged, { recursive: true, force: true });
  const [os, arch] = target.split('-');
  for (const pkg of ['onnxruntime-node', 'onnxruntime-common']) {
    const from = path.join(root, 'node_modules', pkg);
    // lib/ holds TypeScript sources and script/ the install step: neither runs in the extension.
    cpSync(from, path.join(staged, pkg), { recursive: true, filter: (src) => !['lib', 'script'].includes(path.relative(from, src).split(path.sep)[0]) });
  }
  const bin = path.join(staged, 'onnxruntime-node', 'bin', 'napi-v6');
  for (const o of readdirSync(bin)) {
    for (const a of readdirSync(path.join(bin, o))) if (o !== os || a !== arch) rmSync(path.join(bin, o, a), { recursive: true, force: true });
    if (!readdirSync(path.join(bin, o)).length) rmSync(path.join(bin, o), { recursive: true, force: true });
  }
}

let tooBig = false;
try {
  for (const target of TARGETS) {
    stageOnnxRuntime(target);
    const file = path.join(out, `${name}-${target}-${version}.vsix`);
    execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--target', target, '--out', file], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    const mb = statSync(file).size / 1024 / 1024;
    console.log(`${path.relative(root, file)}  ${mb.toFixed(2)} MB`);
    if (MAX_MB[target] && mb > MAX_MB[target]) {
      console.error(`${path.basename(file)} is ${mb.toFixed(2)} MB, over the ${MAX_MB[target]} MB limit for ${target}`);
      tooBig = true;
    }
  }
} finally {
  rmSync(staged, { recursive: true, force: true });
}
if (tooBig) process.exit(1);
