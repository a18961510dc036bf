// FRG301: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const dataframeRowIteration: Rule = {
  meta: {
    code: 'FRG301',
    name: 'dataframe-row-iteration',
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
