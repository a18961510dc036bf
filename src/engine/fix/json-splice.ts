// Finds where each notebook cell's "source" value sits in the notebook's JSON text, and writes a
// new value in the old one's layout, so a fix changes those bytes and no others (indent, key
// order, escapes, line endings and the final newline are whatever the file had).

export interface Span {
  start: number;
  end: number;
}

class Scanner {
  constructor(private readonly text: string) {}

  ws(i: number): number {
    while (i < this.text.length && /[ \t\r\n]/.test(this.text[i])) i++;
    return i;
  }

  /** `i` at an opening quote → the index after the closing one. */
  string(i: number): number {
    for (let j = i + 1; j < this.text.length; j++) {
      if (this.text[j] === '\\') j++;
      else if (this.text[j] === '"') return j + 1;
    }
    throw new Error('unterminated string');
  }

  /** `i` at the start of a value → the index after it. */
  value(i: number): number {
    const c = this.text[i];
    if (c === '"') return this.string(i);
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      let j = this.ws(i + 1);
      if (this.text[j] === close) return j + 1;
      for (;;) {
        if (c === '{') j = this.ws(this.ws(this.string(j)) + 1); // the key and its ':'
        j = this.ws(this.value(j));
        if (this.text[j] === close) return j + 1;
        j = this.ws(j + 1); // past ','
      }
    }
    const m = /^(?:-?\d[\d.eE+-]*|true|false|null)/.exec(this.text.slice(i, i + 64));
    if (!m) throw new Error(`unexpected ${JSON.stringify(c)} at ${i}`);
    return i + m[0].length;
  }

  /** Members of the object at `i`: key → span of the value. */
  members(i: number): Map<string, Span> {
    const out = new Map<string, Span>();
    let j = this.ws(i + 1);
    if (this.text[j] === '}') return out;
    for (;;) {
      const keyEnd = this.string(j);
      const key = JSON.parse(this.text.slice(j, keyEnd)) as string;
      const start = this.ws(this.ws(keyEnd) + 1);
      const end = this.value(start);
      out.set(key, { start, end });
      j = this.ws(end);
      if (this.text[j] === '}') return out;
      j = this.ws(j + 1);
    }
  }

  /** Elements of the array at `i`, as spans. */
  elements(i: number): Span[] {
    const out: Span[] = [];
    let j = this.ws(i + 1);
    if (this.text[j] === ']') return out;
    for (;;) {
      const end = this.value(j);
      out.push({ start: j, end });
      j = this.ws(end);
      if (this.text[j] === ']') return out;
      j = this.ws(j + 1);
    }
  }
}

/** For each element of the top-level `cells` array, the span of its `source` value (if any). */
export function cellSourceSpans(text: string): (Span | undefined)[] {
  const s = new Scanner(text);
  const top = s.ws(text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const cells = s.members(top).get('cells');
  if (!cells || text[cells.start] !== '[') return [];
  return s.elements(cells.start).map((cell) => (text[cell.start] === '{' ? s.members(cell.start).get('source') : undefined));
}

/**
 * The JSON for `value` (a string or Jupyter's list of lines) laid out like `old`, the raw JSON it
 * replaces: the same whitespace around list items, and unchanged items kept byte for byte.
 */
export function relayout(old: string, value: string | string[], asciiOnly: boolean): string {
  const encode = (v: string) => {
    const json = JSON.stringify(v);
    // Python's json.dump(ensure_ascii=True), which nbformat may have used, escapes all but printable ASCII.
    return asciiOnly ? json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
  };
  if (typeof value === 'string' || old[0] !== '[') return encode(typeof value === 'string' ? value : value.join(''));
  const s = new Scanner(old);
  const items = s.elements(0);
  if (value.length === 0) return '[]';
  if (items.length === 0) return `[${value.map(encode).join(', ')}]`;
  const raw = new Map<string, string>();
  for (const it of items) {
    const text = old.slice(it.start, it.end);
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'string' && !raw.has(v)) raw.set(v, text);
  }
  const lead = old.slice(1, items[0].start);
  const trail = old.slice(items[items.length - 1].end, old.length - 1);
  const sep = items.length > 1 ? old.slice(items[0].end, items[1].start) : `,${lead}`;
  return `[${lead}${value.map((v) => raw.get(v) ?? encode(v)).join(sep)}${trail}]`;
}
