// FRG202: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const nestedLoopHyperparameterSearch: Rule = {
  meta: {
    code: 'FRG202',
    name: 'nested-loop-hyperparameter-search',
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
