// FRG303: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const pandasLargeDataset: Rule = {
  meta: {
    code: 'FRG303',
    name: 'pandas-large-dataset',
    category: 'data',
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
