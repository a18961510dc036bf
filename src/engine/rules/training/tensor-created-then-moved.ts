// FRG108: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const tensorCreatedThenMoved: Rule = {
  meta: {
    code: 'FRG108',
    name: 'tensor-created-then-moved',
    category: 'training',
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
