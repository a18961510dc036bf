// *Frugal ML: Cluster Job Energy…*: pick a recent job from the cluster's Prometheus (the pod labels
// of dcgm-exporter), read its GPU, CPU and DRAM energy (src/cluster) and show the report in the
// Energy Profile panel and its history. Credentials live in VS Code's secret storage, one per
// server origin, so a credential is only ever sent to the server it was saved for.
import * as vscode from 'vscode';
import { authFromEnv, ClusterError, clusterEnergy, listJobs, PrometheusError, type ClusterReport, type PrometheusAuth, type Scope } from '../../cluster';
import { ProfileUsageError } from '../../profile';
import type { ProfilingApi } from '../profile';
import { clusterBreakdown, clusterRunName } from './views';

export interface ClusterJobOptions {
  prometheus?: string;
  job?: string;
  namespace?: string;
  selector?: string;
  /** The window: the last `lastS` seconds (default frugal.cluster.lookback), or fromS..toS (epoch seconds). */
  lastS?: number;
  fromS?: number;
  toS?: number;
}

const LOOKBACK: Record<string, number> = { '1h': 3600, '6h': 6 * 3600, '24h': 86400, '7d': 7 * 86400, '30d': 30 * 86400 };
const SECRET = 'frugal.prometheus.credentials';

function origin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

async function readAuth(secrets: vscode.SecretStorage, url: string): Promise<PrometheusAuth | undefined> {
  const o = origin(url);
  const raw = o ? await secrets.get(`${SECRET}:${o}`) : undefined;
  if (raw) {
    try {
      return JSON.parse(raw) as PrometheusAuth;
    } catch {
      // unreadable: fall back to the environment
    }
  }
  return authFromEnv(process.env);
}

class Cluster {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
    private readonly profiling: ProfilingApi,
  ) {}

  private config() {
    return vscode.workspace.getConfiguration('frugal');
  }

  private async url(given?: string): Promise<string | undefined> {
    const url = (given ?? this.config().get<string>('cluster.prometheusUrl', '')).trim();
    if (url) return url;
    const typed = await vscode.window.showInputBox({
      title: 'Frugal ML: Prometheus of the cluster',
      prompt: 'The base URL of the Prometheus that scrapes dcgm-exporter and Kepler (saved in frugal.cluster.prometheusUrl)',
      placeHolder: 'http://prometheus.monitoring:9090',
      ignoreFocusOut: true,
      validateInput: (v) => (origin(v.trim()) && /^https?:/.test(v.trim()) ? undefined : 'A URL starting with http:// or https://'),
    });
    if (!typed) return undefined;
    await this.config().update('cluster.prometheusUrl', typed.trim(), vscode.ConfigurationTarget.Global);
    return typed.trim();
  }

  /** `frugal.clusterJobEnergy(options?)`: resolves with the report, or undefined when cancelled. */
  async jobEnergy(opts: ClusterJobOptions = {}): Promise<ClusterReport | undefined> {
    const url = await this.url(opts.prometheus);
    if (!url) return undefined;
    const auth = await readAuth(this.context.secrets, url);
    const nowS = Date.now() / 1000;
    const lookbackS = LOOKBACK[this.config().get<string>('cluster.lookback', '24h')] ?? 86400;
    const toS = opts.toS ?? nowS;
    const fromS = opts.fromS ?? toS - (opts.lastS ?? lookbackS);
    try {
      let scope: Scope | undefined = opts.job || opts.namespace || opts.selector ? { ...(opts.job ? { job: opts.job } : {}), ...(opts.namespace ? { namespace: opts.namespace } : {}), ...(opts.selector ? { selector: opts.selector } : {}) } : undefined;
      if (!scope) {
        const jobs = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Frugal ML: listing jobs' }, () => listJobs({ prometheus: url, auth, fromS, toS }));
        const items: (vscode.QuickPickItem & { scope?: Scope })[] = jobs.map((j) => ({
          label: j.job,
          description: j.namespace,
          detail: `${j.pods.length} pod${j.pods.length === 1 ? '' : 's'} on ${j.nodes.join(', ') || 'unknown nodes'}`,
          scope: { job: j.job, ...(j.namespace ? { namespace: j.namespace } : {}) },
        }));
        items.push({ label: '$(filter) Label matchers…', description: 'e.g. pod=~"train-.*",namespace="ml"' });
        const pick = await vscode.window.showQuickPick(items, {
          title: `Jobs with GPU metrics in the last ${Math.round((toS - fromS) / 3600)} h`,
          placeHolder: jobs.length ? 'Pick a job (from dcgm-exporter’s pod labels)' : 'No pods with GPU metrics in the window; enter label matchers',
          matchOnDescription: true,
          matchOnDetail: true,
        });
        if (!pick) return undefined;
        if (!pick.scope) {
          const selector = await vscode.window.showInputBox({ title: 'Frugal ML: label matchers (dcgm-exporter’s names)', placeHolder: 'pod=~"train-.*",namespace="ml"', ignoreFocusOut: true });
          if (!selector) return undefined;
          scope = { selector };
        } else scope = pick.scope;
      }
      const chosen = scope;
      const pue = this.config().get<number | null>('cluster.pue', null);
      const country = this.config().get<string>('country', '').trim() || undefined;
      const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Frugal ML: reading the job’s energy from Prometheus…' }, () =>
        clusterEnergy({ prometheus: url, auth, scope: chosen, fromS, toS, country, ...(typeof pue === 'number' ? { pue } : {}) }),
      );
      this.output.appendLine(`[cluster] ${report.cluster.scopeText} from ${report.cluster.prometheus} (${report.cluster.window.from} → ${report.cluster.window.to}), auth: ${report.cluster.auth}`);
      for (const q of report.cluster.queries) this.output.appendLine(`[cluster]   ${q.figure}: ${q.promql} (${q.chunks} chunk${q.chunks === 1 ? '' : 's'})`);
      for (const n of report.notes) this.output.appendLine(`[cluster]   note: ${n}`);
      await this.profiling.showReport(report, clusterRunName(report), clusterBreakdown(report));
      return report;
    } catch (e) {
      if (!(e instanceof PrometheusError || e instanceof ClusterError || e instanceof ProfileUsageError)) throw e;
      this.output.appendLine(`[cluster] ${e.message}`);
      const first = e.message.split('\n')[0];
      if (e instanceof PrometheusError && e.kind === 'auth') {
        void vscode.window.showErrorMessage(`Frugal ML: ${first}`, 'Set Credentials…').then((a) => a && vscode.commands.executeCommand('frugal.setPrometheusCredentials', url));
      } else if (e instanceof PrometheusError && e.kind === 'unreachable') {
        void vscode.window.showErrorMessage(`Frugal ML: ${first}`, 'Open Settings').then((a) => a && vscode.commands.executeCommand('workbench.action.openSettings', 'frugal.cluster.prometheusUrl'));
      } else void vscode.window.showErrorMessage(`Frugal ML: ${first}${e.message.includes('\n') ? ' (details in the Frugal ML output)' : ''}`);
      throw new Error(e.message, { cause: e });
    }
  }

  /** `frugal.setPrometheusCredentials(url?)`: a bearer token or user and password, for that server only. */
  async setCredentials(given?: string): Promise<boolean> {
    const url = await this.url(typeof given === 'string' ? given : undefined);
    const o = url ? origin(url) : undefined;
    if (!o) return false;
    const kind = await vscode.window.showQuickPick(
      [
        { label: 'Bearer token', value: 'bearer' as const },
        { label: 'User and password', description: 'basic auth', value: 'basic' as const },
        { label: 'Remove the saved credentials', value: 'remove' as const },
      ],
      { title: `Frugal ML: credentials for ${o}`, placeHolder: 'Kept in VS Code’s secret storage, sent only to this server' },
    );
    if (!kind) return false;
    const key = `${SECRET}:${o}`;
    if (kind.value === 'remove') {
      await this.context.secrets.delete(key);
      return true;
    }
    let auth: PrometheusAuth;
    if (kind.value === 'bearer') {
      const token = await vscode.window.showInputBox({ title: `Bearer token for ${o}`, password: true, ignoreFocusOut: true });
      if (!token) return false;
      auth = { bearer: token.trim() };
    } else {
      const user = await vscode.window.showInputBox({ title: `User for ${o}`, ignoreFocusOut: true });
      if (!user) return false;
      const password = await vscode.window.showInputBox({ title: `Password of ${user} for ${o}`, password: true, ignoreFocusOut: true });
      if (password === undefined) return false;
      auth = { basic: { user, password } };
    }
    await this.context.secrets.store(key, JSON.stringify(auth));
    this.output.appendLine(`[cluster] credentials saved for ${o} (${auth.bearer ? 'bearer token' : `basic auth as ${auth.basic!.user}`})`);
    return true;
  }
}

export function registerCluster(context: vscode.ExtensionContext, output: vscode.OutputChannel, profiling: ProfilingApi): void {
  const cluster = new Cluster(context, output, profiling);
  context.subscriptions.push(
    vscode.commands.registerCommand('frugal.clusterJobEnergy', (opts?: ClusterJobOptions) => cluster.jobEnergy(opts && typeof opts === 'object' ? opts : {})),
    vscode.commands.registerCommand('frugal.setPrometheusCredentials', (url?: string) => cluster.setCredentials(url)),
  );
}
