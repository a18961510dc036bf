// FRG101: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const missingEarlyStopping: Rule = {
  meta: {
    code: 'FRG101',
    name: 'missing-early-stopping',
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
