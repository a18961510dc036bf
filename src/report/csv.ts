// A small RFC 4180 reader: quoted cells with commas, doubled quotes and line breaks, CRLF, a
// UTF-8 BOM. Cells are trimmed (some tools pad them for alignment). A last record cut off inside
// quotes (a file still being written) is reported, not guessed at.

export interface CsvRecord {
  cells: string[];
  /** 1-based line where the record starts. */
  line: number;
}

export interface CsvParse {
  records: CsvRecord[];
  /** Line of a final record left open inside quotes, when the text ends in one. */
  unterminatedAt?: number;
}

export function parseCsv(text: string): CsvParse {
  const src = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && !cell.trim()) {
      quoted = true;
      cell = '';
      any = true;
    } else if (c === ',') {
      cells.push(cell.trim());
      cell = '';
      any = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      if (any || cell.trim()) records.push({ cells: [...cells, cell.trim()], line: start });
      cells = [];
      cell = '';
      any = false;
      line++;
      start = line;
    } else {
      cell += c;
      if (c.trim()) any = true;
    }
  }
  if (quoted) return { records, unterminatedAt: start };
  if (any || cell.trim()) records.push({ cells: [...cells, cell.trim()], line: start });
  return { records };
}
