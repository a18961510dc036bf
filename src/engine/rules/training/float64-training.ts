// FRG103: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const float64Training: Rule = {
  meta: {
    code: 'FRG103',
    name: 'float64-training',
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
