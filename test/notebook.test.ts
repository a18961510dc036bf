// Notebooks: code cells analysed as one module in order, findings mapped back to cells,
// magics blanked, broken notebooks reported as a clear error.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { readNotebook } from '../src/engine/parse/notebook';
// Cell mapping is tested on every match, whatever the confidence (the fixtures are small notebooks).
import { analyzerAllMatches as analyzer, FIXTURES, read } from './helpers';

const NB = path.join(FIXTURES, 'notebooks', 'training.ipynb');

test('imports and CUDA evidence from earlier cells apply to later cells; findings carry cell and line', async () => {
  const a = await analyzer();
  const r = a.analyze(read(NB), { path: NB });
  assert.deepEqual(r.errors, []);
  assert.equal(r.language, 'notebook');
  const pins = r.findings.filter((f) => f.code === 'FRG107').map((f) => [f.cell, f.line, f.column, f.endLine, f.endColumn]);
  assert.deepEqual(pins, [
    [3, 1, 16, 1, 18],
    [6, 3, 15, 3, 17],
  ]);
  const fix = r.findings.find((f) => f.code === 'FRG107')!.fix!;
  assert.deepEqual(fix.edits, [{ line: 1, column: 73, endLine: 1, endColumn: 73, text: ', pin_memory=True', cell: 3 }]);
});

test('line magics, shell escapes and non-Python cell magics are blanked without moving columns', () => {
  const nb = readNotebook(read(NB));
  const lines = nb.source.split('\n');
  assert.equal(lines[0], '#matplotlib inline');
  assert.equal(lines[1], '#pip install -q torchvision');
  assert.ok(nb.source.includes('#%bash\n#vidia-smi\n#s -la'));
  assert.ok(nb.source.includes('#%time\nfor epoch in range(3):'));
  assert.ok(nb.source.includes('#iles = !ls data\n#odel?\n'));
  assert.deepEqual(nb.cells.map((c) => [c.index, c.startRow, c.lineCount]), [
    [1, 0, 4],
    [2, 4, 2],
    [3, 6, 2],
    [4, 8, 3],
    [5, 11, 4],
    [6, 15, 4],
  ]);
});

test('a shell escape continued with a backslash is blanked on every line it spans', () => {
  const cell = (source: string[]) => ({ cell_type: 'code', source });
  const nb = readNotebook(
    JSON.stringify({
      cells: [cell(['!python train.py \\\n', '  --epochs 5 \\\n', '  --name "b0 vs. r50"\n', 'x = 1\n', 'y = x \\\n', '  + 1'])],
    }),
  );
  assert.deepEqual(nb.source.split('\n'), ['#python train.py \\', '  #-epochs 5 \\', '  #-name "b0 vs. r50"', 'x = 1', 'y = x \\', '  + 1']);
});

test('broken notebooks give a clear error and no crash', async () => {
  const a = await analyzer();
  const cases: [string, RegExp][] = [
    ['{"cells": [', /not valid notebook JSON/],
    ['[]', /not a Jupyter notebook: no "cells" list/],
    ['{"cells": [{"cell_type": "code", "source": 42}]}', /neither a string nor a list of strings/],
    ['', /not valid notebook JSON/],
  ];
  for (const [text, message] of cases) {
    const r = a.analyze(text, { path: 'broken.ipynb' });
    assert.deepEqual(r.findings, []);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0].message, message);
  }
});

test('string sources and cells without source are accepted', async () => {
  const a = await analyzer();
  const nb = {
    cells: [
      { cell_type: 'code', source: 'import torch\nfrom torch.utils.data import DataLoader\nx = torch.zeros(1).cuda()' },
      { cell_type: 'raw' },
      { cell_type: 'code' },
      { cell_type: 'code', source: 'dl = DataLoader(ds, num_workers=2)\ntrain(dl)' },
    ],
  };
  const r = a.analyze(JSON.stringify(nb), { path: 'x.ipynb' });
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.findings.filter((f) => f.code === 'FRG107').map((f) => [f.cell, f.line]), [[3, 1]]);
});
