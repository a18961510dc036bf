// FRG402: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const modelLoadedPerRequest: Rule = {
  meta: {
    code: 'FRG402',
    name: 'model-loaded-per-request',
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
