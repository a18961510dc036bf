// FRG203: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const searchWithoutPruning: Rule = {
  meta: {
    code: 'FRG203',
    name: 'search-without-pruning',
    category: 'search',
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
