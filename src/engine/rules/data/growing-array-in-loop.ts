// FRG305: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const growingArrayInLoop: Rule = {
  meta: {
    code: 'FRG305',
    name: 'growing-array-in-loop',
    category: 'data',
    severity: 'warning',
    summary: 'PLACEHOLDER',
    messages: { default: 'PLACEHOLDER' },
    languages: ['python', 'notebook'],
    docs: { whatItDoes: '', whyBad: '', evidence: '', example: '', useInstead: '', fixSafety: '' },
  },
  create() {
    return {};
  },
};
