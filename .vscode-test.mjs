// Desktop route for the real-VS-Code suites (`npx vscode-test`), for contributors with a
// desktop VS Code; CI runs the same suites through the server route (`npm run test:e2e`).
// Build first: `node scripts/e2e/build.mjs`. FRUGAL_VSCODE_EXECUTABLE points at the VS Code
// to use; without it @vscode/test-electron downloads one (needs internet).
import { defineConfig } from '@vscode/test-cli';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const suitesDir = path.join(root, 'test', 'vscode');
const executable = process.env.FRUGAL_VSCODE_EXECUTABLE;

// A fresh copy of the workspace fixture for each run, as the server route does.
const workspace = path.join(root, '.vscode-test', 'workspace');
rmSync(workspace, { recursive: true, force: true });
cpSync(path.join(suitesDir, 'workspace'), workspace, { recursive: true });

// Every folder with a suite entry; the self-check fails on purpose, so only `--label selfcheck` runs it.
const suites = readdirSync(suitesDir).filter(
  (name) => existsSync(path.join(suitesDir, name, 'index.ts')) && (name !== 'selfcheck' || process.argv.includes('selfcheck')),
);

export default defineConfig(
  suites.map((label) => ({
    label,
    files: `out/e2e/test/vscode/${label}/**/*.test.js`,
    workspaceFolder: workspace,
    mocha: { ui: 'tdd', timeout: 60_000 },
    ...(executable ? { useInstallation: { fromPath: executable } } : {}),
  })),
);
