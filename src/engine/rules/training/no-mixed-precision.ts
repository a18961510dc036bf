// FRG102: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const noMixedPrecision: Rule = {
  meta: {
    code: 'FRG102',
    name: 'no-mixed-precision',
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
