// FRG302: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const dataframeRowApply: Rule = {
  meta: {
    code: 'FRG302',
    name: 'dataframe-row-apply',
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
