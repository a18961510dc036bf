// A small client of Prometheus' HTTP API (`/api/v1/query`, `/query_range`, `/series`,
// `/label/…/values`) over Node's fetch: authentication, and errors a user can act on — an
// unreachable server, a refused credential, a query over the server's sample or point limits.
import type { PrometheusAuth } from './auth';

export type PrometheusErrorKind = 'unreachable' | 'auth' | 'too-many-samples' | 'too-many-points' | 'timeout' | 'bad-query' | 'not-prometheus' | 'server';

export class PrometheusError extends Error {
  constructor(
    readonly kind: PrometheusErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** One series: its labels (without `__name__` after a function) and its points `[seconds, value]`. */
export interface Series {
  labels: Record<string, string>;
  points: [number, number][];
}

export interface PrometheusOptions {
  auth?: PrometheusAuth;
  /** Per request (default 60 s); also sent to the server as the query's `timeout`. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface ApiReply {
  status?: string;
  errorType?: string;
  error?: string;
  data?: unknown;
  warnings?: string[];
}

/** The URL without credentials, for messages and reports: nothing secret is ever printed. */
export function publicUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

export class Prometheus {
  readonly url: string;
  private readonly auth?: PrometheusAuth;
  private readonly timeoutMs: number;
  private readonly doFetch: typeof fetch;
  /** Warnings the server attached to replies (e.g. partial data), kept for the report. */
  readonly warnings: string[] = [];

  constructor(url: string, options: PrometheusOptions = {}) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new PrometheusError('bad-query', `"${url}" is not a URL (e.g. http://prometheus.monitoring:9090)`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new PrometheusError('bad-query', `the Prometheus URL must start with http:// or https://, not ${parsed.protocol}`);
    let auth = options.auth;
    // fetch refuses URLs with credentials; take them as basic auth instead.
    if (parsed.username && !auth) auth = { basic: { user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) } };
    this.url = publicUrl(url);
    this.auth = auth;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.doFetch = options.fetch ?? fetch;
  }

  /** An instant query at `timeS` (a vector, or a matrix for a range selector). */
  async instant(query: string, timeS: number): Promise<Series[]> {
    const data = await this.call('/api/v1/query', { query, time: fmt(timeS) });
    return toSeries(data);
  }

  /** A range query; the caller keeps (end - start) / step under the server's 11,000 points. */
  async range(query: string, startS: number, endS: number, stepS: number): Promise<Series[]> {
    const data = await this.call('/api/v1/query_range', { query, start: fmt(startS), end: fmt(endS), step: fmt(stepS) });
    return toSeries(data);
  }

  /** Label sets of the series matching `match` that have samples between start and end. */
  async series(match: string, startS: number, endS: number): Promise<Record<string, string>[]> {
    const data = await this.call('/api/v1/series', { 'match[]': match, start: fmt(startS), end: fmt(endS) });
    return Array.isArray(data) ? (data as Record<string, string>[]) : [];
  }

  /** Metric names with samples between start and end. */
  async metricNames(startS: number, endS: number): Promise<Set<string>> {
    const data = await this.call('/api/v1/label/__name__/values', { start: fmt(startS), end: fmt(endS) });
    return new Set(Array.isArray(data) ? (data as string[]) : []);
  }

  private async call(endpoint: string, params: Record<string, string>): Promise<unknown> {
    const body = new URLSearchParams(params);
    if (endpoint.includes('query')) body.set('timeout', `${Math.max(1, Math.floor(this.timeoutMs / 1000))}s`);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (this.auth?.bearer) headers.authorization = `Bearer ${this.auth.bearer}`;
    else if (this.auth?.basic) headers.authorization = `Basic ${Buffer.from(`${this.auth.basic.user}:${this.auth.basic.password}`).toString('base64')}`;
    let res: Response;
    try {
      // Label values are GET only; queries go by POST, so a long selector never meets a URL limit.
      const signal = AbortSignal.timeout(this.timeoutMs + 5000);
      res = endpoint.includes('/label/')
        ? await this.doFetch(`${this.url}${endpoint}?${body}`, { headers: { accept: headers.accept, ...(headers.authorization ? { authorization: headers.authorization } : {}) }, signal })
        : await this.doFetch(this.url + endpoint, { method: 'POST', headers, body, signal });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = (e as Error).name === 'TimeoutError' ? `no answer within ${Math.round(this.timeoutMs / 1000) + 5} s` : cause?.code ?? cause?.message ?? (e as Error).message;
      throw new PrometheusError('unreachable', `cannot reach Prometheus at ${this.url} (${why}): check the URL (--prometheus, or frugal.cluster.prometheusUrl) and that this machine can reach it (a port-forward: kubectl -n monitoring port-forward svc/prometheus 9090)`, { cause: e });
    }
    if (res.status === 401 || res.status === 403) {
      const how = this.auth ? 'the credentials were refused' : 'it asks for credentials';
      throw new PrometheusError(
        'auth',
        `Prometheus at ${this.url} answered ${res.status} ${res.statusText || (res.status === 401 ? 'Unauthorized' : 'Forbidden')}: ${how}. Set FRUGAL_PROMETHEUS_TOKEN (a bearer token) or FRUGAL_PROMETHEUS_USER and FRUGAL_PROMETHEUS_PASSWORD (basic auth); in VS Code run "Frugal ML: Set Prometheus Credentials…".`,
      );
    }
    const text = await res.text();
    let reply: ApiReply;
    try {
      reply = JSON.parse(text) as ApiReply;
    } catch {
      throw new PrometheusError('not-prometheus', `${this.url}${endpoint} answered ${res.status} with something other than Prometheus' JSON (${text.slice(0, 80).replace(/\s+/g, ' ')}…): is this the Prometheus server's base URL (the one whose /graph page shows the query UI)?`);
    }
    if (reply.status === 'success') {
      if (reply.warnings?.length) this.warnings.push(...reply.warnings.filter((w) => !this.warnings.includes(w)));
      return reply.data;
    }
    const error = reply.error ?? `HTTP ${res.status}`;
    if (/too many samples/i.test(error)) {
      throw new PrometheusError('too-many-samples', `Prometheus refused the query: ${error} (its --query.max-samples limit)`);
    }
    if (/maximum resolution|points per timeseries/i.test(error)) throw new PrometheusError('too-many-points', `Prometheus refused the query: ${error}`);
    if (reply.errorType === 'timeout' || /timed out|timeout/i.test(error)) throw new PrometheusError('timeout', `Prometheus gave up on the query: ${error} (its --query.timeout, or ours)`);
    if (reply.errorType === 'bad_data') throw new PrometheusError('bad-query', `Prometheus rejected the query: ${error}`);
    throw new PrometheusError('server', `Prometheus answered ${res.status}: ${error}`);
  }
}

function fmt(s: number): string {
  return String(Math.round(s * 1000) / 1000);
}

function toSeries(data: unknown): Series[] {
  const d = data as { resultType?: string; result?: unknown[] } | undefined;
  if (!d || !Array.isArray(d.result)) return [];
  return d.result.map((r) => {
    const row = r as { metric?: Record<string, string>; value?: [number, string]; values?: [number, string][] };
    const pairs = row.values ?? (row.value ? [row.value] : []);
    return { labels: { ...(row.metric ?? {}) }, points: pairs.map(([t, v]) => [Number(t), Number(v)] as [number, number]).filter(([, v]) => Number.isFinite(v)) };
  });
}
