// `npm run package`: one platform-specific VSIX per target with @vscode/vsce. The bundle is
// self-contained (esbuild), so node_modules stays out; a target's native binaries, when the
// extension ships some, are the only difference between the packages.
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const TARGETS = process.argv.slice(2).length ? process.argv.slice(2) : ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64'];
const out = path.join(root, 'dist-vsix');
mkdirSync(out, { recursive: true });
const { version, name } = JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: root, encoding: 'utf8' }));
execFileSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
for (const target of TARGETS) {
  const file = path.join(out, `${name}-${target}-${version}.vsix`);
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--target', target, '--out', file], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`${path.relative(root, file)}  ${(statSync(file).size / 1024 / 1024).toFixed(2)} MB`);
}
