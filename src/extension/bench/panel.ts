// The Benchmark webview view, beside the Energy Profile: the same conventions (strict CSP, one
// nonce per render, resources only from the extension's media folder, every message validated).
import * as vscode from 'vscode';
import { webviewHtml } from '../webview';
import { parseBenchWebviewMessage, type BenchHostMessage, type BenchSnapshot, type BenchWebviewMessage } from './protocol';

export const BENCH_VIEW_ID = 'frugal.benchView';

export class BenchPanel implements vscode.WebviewViewProvider, vscode.Disposable {
  private view?: vscode.WebviewView;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  /** Benchmarks whose table the webview rendered, with its row count. */
  readonly rendered = new Map<string, number>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly snapshot: () => BenchSnapshot,
    private readonly onMessage: (m: BenchWebviewMessage) => void,
    private readonly log: (line: string) => void,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [media] };
    view.webview.html = webviewHtml(view.webview, media, 'bench', 'Benchmark');
    this.disposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => {
        const m = parseBenchWebviewMessage(raw);
        if (!m) {
          this.log(`[bench] ignored a message from the view that is not part of the protocol: ${JSON.stringify(raw)?.slice(0, 200)}`);
          return;
        }
        if (m.type === 'ready') {
          this.ready = true;
          void view.webview.postMessage({ type: 'init', state: this.snapshot() } satisfies BenchHostMessage);
        } else if (m.type === 'rendered') this.rendered.set(m.id, m.rows);
        this.onMessage(m);
      }),
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          this.ready = false;
        }
      }),
    );
  }

  post(message: BenchHostMessage): void {
    if (this.view && this.ready) void this.view.webview.postMessage(message);
  }

  async reveal(): Promise<void> {
    if (this.view) this.view.show(true);
    else await vscode.commands.executeCommand(`${BENCH_VIEW_ID}.focus`);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
