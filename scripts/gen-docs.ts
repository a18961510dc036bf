// Writes docs/rules/*.md and the README's rule table from the rules' metadata (`npm run docs`).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { generatedDocs } from '../src/engine/docs';
import { RULES } from '../src/engine/rules/registry';

const root = path.resolve(__dirname, '..', '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
for (const [rel, content] of generatedDocs(RULES.map((r) => r.meta), readme)) {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), content);
}
console.log(`wrote docs for ${RULES.length} rules`);
