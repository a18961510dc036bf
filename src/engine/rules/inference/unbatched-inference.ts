// FRG404: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const unbatchedInference: Rule = {
  meta: {
    code: 'FRG404',
    name: 'unbatched-inference',
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
