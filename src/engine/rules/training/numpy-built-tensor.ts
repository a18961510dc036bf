// FRG109: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const numpyBuiltTensor: Rule = {
  meta: {
    code: 'FRG109',
    name: 'numpy-built-tensor',
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
