// FRG201: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const exhaustiveGridSearch: Rule = {
  meta: {
    code: 'FRG201',
    name: 'exhaustive-grid-search',
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
