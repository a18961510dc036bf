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
  /**
   * Not known. For an f-string whose interpolations do not all resolve, `template` is its text
   * with each unresolved one written `{}` (`f"cuda:{rank}"` → `cuda:{}`).
   */
  | { kind: 'unknown'; node: SNode; template?: string };

export function isTrue(v: Value | undefined): boolean {
  return v?.kind === 'bool' && v.value;
}

export function numberOf(v: Value | undefined): number | undefined {
  return v?.kind === 'number' ? v.value : undefined;
}

export function stringOf(v: Value | undefined): string | undefined {
  return v?.kind === 'string' ? v.value : undefined;
}

/** A string's value, or the template of an f-string that does not fully resolve (`cuda:{}`). */
export function templateOf(v: Value | undefined): string | undefined {
  return v?.kind === 'string' ? v.value : v?.kind === 'unknown' ? v.template : undefined;
}
