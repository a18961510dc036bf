// FRG110: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const convBiasBeforeBatchnorm: Rule = {
  meta: {
    code: 'FRG110',
    name: 'conv-bias-before-batchnorm',
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
