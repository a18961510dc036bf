// Jupyter notebooks: code cells are joined, in order, into one Python module (so imports in
// cell 1 apply to cell 5); IPython magics are blanked to comments, columns unchanged.

export interface CellSpan {
  /** Index in the notebook's `cells` array. */
  index: number;
  /** First row of the cell in the joined module. */
  startRow: number;
  lineCount: number;
  /** The cell's source as written. */
  text: string;
}

export interface NotebookSource {
  source: string;
  cells: CellSpan[];
  /** The parsed notebook, for writing fixes back. */
  json: { cells: { cell_type?: string; source?: string | string[] }[] } & Record<string, unknown>;
}

/** Cell magics whose body is still Python. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug']);

export class NotebookError extends Error {}

export function cellText(source: unknown): string {
  if (typeof source === 'string') return source;
  if (Array.isArray(source) && source.every((s) => typeof s === 'string')) return source.join('');
  throw new NotebookError('a cell "source" is neither a string nor a list of strings');
}

export function readNotebook(text: string): NotebookSource {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new NotebookError(`not valid notebook JSON (${(e as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { cells?: unknown }).cells)) {
    throw new NotebookError('not a Jupyter notebook: no "cells" list');
  }
  const nb = json as NotebookSource['json'];
  const cells: CellSpan[] = [];
  const parts: string[] = [];
  let row = 0;
  nb.cells.forEach((cell, index) => {
    if (typeof cell !== 'object' || cell === null || cell.cell_type !== 'code') return;
    const text = cellText(cell.source ?? '');
    const lines = text.split('\n');
    parts.push(blankMagics(lines).join('\n'));
    cells.push({ index, startRow: row, lineCount: lines.length, text });
    row += lines.length;
  });
  return { source: parts.join('\n'), cells, json: nb };
}

function blankMagics(lines: string[]): string[] {
  const cellMagic = /^\s*%%(\w+)/.exec(lines[0] ?? '');
  if (cellMagic && !PYTHON_CELL_MAGICS.has(cellMagic[1])) return lines.map(comment);
  // A magic line ending in a backslash goes on to the next line (`!python train.py \` then `  --epochs 5`).
  let continued = false;
  return lines.map((line, i) => {
    const magic =
      continued ||
      (i === 0 && cellMagic !== null) ||
      /^\s*[%!]/.test(line) ||
      /^\s*[\w.]+\s*=\s*[%!]/.test(line) ||
      /^\s*[\w.]+\?\??\s*$/.test(line);
    continued = magic && /\\\s*$/.test(line);
    return magic ? comment(line) : line;
  });
}

/** Replaces the first non-blank character with `#`, keeping every column where it was. */
function comment(line: string): string {
  const i = line.search(/\S/);
  return i < 0 ? line : `${line.slice(0, i)}#${line.slice(i + 1)}`;
}

export function cellAt(cells: CellSpan[], row: number): CellSpan | undefined {
  let lo = 0;
  let hi = cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cells[mid];
    if (row < c.startRow) hi = mid - 1;
    else if (row >= c.startRow + c.lineCount) lo = mid + 1;
    else return c;
  }
  return undefined;
}
