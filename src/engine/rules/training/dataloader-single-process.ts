// FRG106: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const dataloaderSingleProcess: Rule = {
  meta: {
    code: 'FRG106',
    name: 'dataloader-single-process',
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
