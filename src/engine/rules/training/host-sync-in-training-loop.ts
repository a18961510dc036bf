// FRG111: PLACEHOLDER — to be written.
import type { Rule } from '../rule';

export const hostSyncInTrainingLoop: Rule = {
  meta: {
    code: 'FRG111',
    name: 'host-sync-in-training-loop',
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
