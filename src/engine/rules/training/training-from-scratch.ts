// FRG104: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const trainingFromScratch: Rule = {
  meta: {
    code: 'FRG104',
    name: 'training-from-scratch',
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
