// FRG403: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const modelLoadedInLoop: Rule = {
  meta: {
    code: 'FRG403',
    name: 'model-loaded-in-loop',
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
