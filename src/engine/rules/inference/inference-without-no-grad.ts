// FRG401: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const inferenceWithoutNoGrad: Rule = {
  meta: {
    code: 'FRG401',
    name: 'inference-without-no-grad',
    category: 'inference',
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
