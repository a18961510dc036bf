// Values: a small tagged union for what an expression is known to be.
import type { SNode } from '../parse/syntax';
import type { CallSite } from './model';

export type Value =
  | { kind: 'number'; value: number; node: SNode }
  | { kind: 'string'; value: string; node: SNode }
  | { kind: 'bool'; value: boolean; node: SNode }
  | { kind: 'none'; node: SNode }
  | { kind: 'list'; items: Value[]; node: SNode }
  | { kind: 'dict'; entries: { key: Value; value: Value }[]; node: SNode }
  /** An identifier or dotted name; `qualified` when it resolves through the imports. */
  | { kind: 'name'; name: string; qualified?: string; node: SNode }
  | { kind: 'call'; call: CallSite; node: SNode }
  | { kind: 'unknown'; node: SNode };

export function isTrue(v: Value | undefined): boolean {
  return v?.kind === 'bool' && v.value;
}

export function numberOf(v: Value | undefined): number | undefined {
  return v?.kind === 'number' ? v.value : undefined;
}

export function stringOf(v: Value | undefined): string | undefined {
  return v?.kind === 'string' ? v.value : undefined;
}
