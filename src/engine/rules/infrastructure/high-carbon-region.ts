// FRG501: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const highCarbonRegion: Rule = {
  meta: {
    code: 'FRG501',
    name: 'high-carbon-region',
    category: 'infrastructure',
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
