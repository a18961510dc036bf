// Where a source file exports or loads an ONNX model — `torch.onnx.export(...)`,
// `ort.InferenceSession(...)`, `InferenceSession.create(...)` and `.onnx` string literals naming a
// file that exists — for the editor's *Benchmark Inference* CodeLens. Plain text scanning: it needs
// no parse and tolerates code that does not parse yet.
import path from 'node:path';

export interface BenchTarget {
  /** 0-based line and column of the call or literal. */
  line: number;
  column: number;
  kind: 'export' | 'session' | 'literal';
  /** The model file it names, resolved, when that file exists. */
  model?: string;
}

const CALL = /\btorch\.onnx\.export\s*\(|\b(?:\w+\.)?InferenceSession\s*\(|\bInferenceSession\.create\s*\(/g;
const LITERAL = /(['"`])([^'"`\n]*?\.onnx)\1/g;

/** `exists(file)` decides whether a literal names a real model; relative paths resolve against `dirs` in order. */
export function benchTargets(text: string, dirs: string[], exists: (file: string) => boolean): BenchTarget[] {
  const out: BenchTarget[] = [];
  const lines = text.split(/\r?\n/);
  const resolve = (literal: string): string | undefined => {
    const candidates = path.isAbsolute(literal) ? [literal] : dirs.map((d) => path.resolve(d, literal));
    return candidates.find(exists);
  };
  lines.forEach((lineText, line) => {
    const trimmed = lineText.trimStart();
    if (trimmed.startsWith('#') || trimmed.startsWith('//') || trimmed.startsWith('import ') || trimmed.startsWith('from ')) return;
    const literals = [...lineText.matchAll(LITERAL)].map((m) => ({ column: m.index, model: resolve(m[2]) }));
    const calls = [...lineText.matchAll(CALL)];
    for (const c of calls) {
      const kind = c[0].startsWith('torch') ? 'export' : 'session';
      // The model a call names: the first literal after it on the same line that exists.
      const model = literals.find((l) => l.column > c.index && l.model)?.model;
      out.push({ line, column: c.index, kind, ...(model ? { model } : {}) });
    }
    if (!calls.length) {
      const named = literals.find((l) => l.model);
      if (named) out.push({ line, column: named.column, kind: 'literal', model: named.model });
    }
  });
  return out;
}
