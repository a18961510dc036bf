// FRG105: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const debugApiEnabled: Rule = {
  meta: {
    code: 'FRG105',
    name: 'debug-api-enabled',
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
