// FRG304: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const pythonLoopOverArray: Rule = {
  meta: {
    code: 'FRG304',
    name: 'python-loop-over-array',
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
