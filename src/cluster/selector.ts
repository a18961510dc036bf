// Which series belong to the job: `--selector`, `--job`, `--namespace` (and Slurm's node list)
// become label matchers, written once in DCGM exporter's label names and translated for Kepler's.

export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface Scope {
  /** Raw PromQL label matchers in the DCGM exporter's names: `pod=~"train-.*",namespace="ml"`. */
  selector?: string;
  /** A Kubernetes Job (or Kubeflow training job): its pods are `NAME-xxxxx`, `NAME-0-xxxxx`, `NAME-worker-0`. */
  job?: string;
  namespace?: string;
  /** Nodes (a Slurm allocation): DCGM's `Hostname` label. */
  nodes?: string[];
}

export class SelectorError extends Error {}

const MATCHER = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/;

function splitTop(text: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quoted) {
      cur += c + (text[++i] ?? '');
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) parts.push(cur);
  return parts;
}

/** Parses `pod=~"train-.*", namespace="ml"` (braces optional). */
export function parseMatchers(text: string): Matcher[] {
  const inner = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  if (!inner.trim()) return [];
  return splitTop(inner).map((part) => {
    const m = MATCHER.exec(part);
    if (!m) throw new SelectorError(`--selector: cannot read "${part.trim()}"; write label matchers like pod=~"train-.*",namespace="ml"`);
    return { label: m[1], op: m[2] as Matcher['op'], value: m[3].replace(/\\(.)/g, '$1') };
  });
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The pods of a Job (`NAME-<hash>`, indexed `NAME-<i>-<hash>`) or of a Kubeflow job (`NAME-worker-<i>`). */
export function jobPodPattern(job: string): string {
  const j = escapeRe(job);
  return `${j}-([0-9]+-)?[a-z0-9]{5}|${j}-(master|worker|launcher|chief|ps|evaluator|driver|executor)-[0-9]+`;
}

/** The scope's matchers in DCGM exporter's label names (`pod`, `namespace`, `container`, `Hostname`). */
export function scopeMatchers(scope: Scope): Matcher[] {
  const out: Matcher[] = scope.selector ? parseMatchers(scope.selector) : [];
  if (scope.job) out.push({ label: 'pod', op: '=~', value: jobPodPattern(scope.job) });
  if (scope.namespace) out.push({ label: 'namespace', op: '=', value: scope.namespace });
  if (scope.nodes?.length) out.push({ label: 'Hostname', op: '=~', value: scope.nodes.map(escapeRe).join('|') });
  return out;
}

export function render(matchers: Matcher[], extra: Matcher[] = []): string {
  const all = [...matchers, ...extra];
  return all.length ? `{${all.map((m) => `${m.label}${m.op}${quote(m.value)}`).join(',')}}` : '';
}

/**
 * The same matchers in another exporter's label names; undefined when one has no counterpart there
 * (e.g. `Hostname` for Kepler), so that exporter is left out rather than queried too widely.
 */
export function translate(matchers: Matcher[], names: Record<string, string>): Matcher[] | undefined {
  const out: Matcher[] = [];
  for (const m of matchers) {
    const label = names[m.label];
    if (!label) return undefined;
    out.push({ ...m, label });
  }
  return out;
}

/** A short description of the scope for titles and the history list. */
export function describeScope(scope: Scope): string {
  const parts: string[] = [];
  if (scope.job) parts.push(`job ${scope.job}`);
  if (scope.namespace) parts.push(`namespace ${scope.namespace}`);
  if (scope.selector) parts.push(scope.selector.trim());
  if (scope.nodes?.length) parts.push(`nodes ${scope.nodes.join(',')}`);
  return parts.join(', ') || 'all series';
}

/** The job a pod belongs to, guessed from Kubernetes' naming (`train-bert-x7k2p` → `train-bert`). */
export function jobOfPod(pod: string): string {
  const kubeflow = /^(.*)-(master|worker|launcher|chief|ps|evaluator|driver|executor)-[0-9]+$/.exec(pod);
  if (kubeflow) return kubeflow[1];
  const deployment = /^(.*)-[a-f0-9]{8,10}-[a-z0-9]{5}$/.exec(pod);
  if (deployment) return deployment[1];
  const job = /^(.*?)(-[0-9]+)?-[a-z0-9]{5}$/.exec(pod);
  if (job && job[1]) return job[1];
  return pod;
}
