// The Energy Profile webview view: its HTML (strict CSP, one nonce per render, resources only from
// the extension's media folder), and the message channel — every webview message is validated
// before it reaches a handler; host messages are sent only once the webview said it is ready.
import * as vscode from 'vscode';
import { webviewHtml } from '../webview';
import { parseWebviewMessage, type HostMessage, type PanelSnapshot, type WebviewMessage } from './protocol';

export const VIEW_ID = 'frugal.profileView';

export class ProfilePanel implements vscode.WebviewViewProvider, vscode.Disposable {
  private view?: vscode.WebviewView;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  /** Runs whose final result the webview has rendered (it acknowledges each). */
  readonly renderedResults = new Set<string>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly snapshot: () => PanelSnapshot,
    private readonly onMessage: (m: WebviewMessage) => void,
    private readonly log: (line: string) => void,
  ) {}

  get visible(): boolean {
    return !!this.view?.visible;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [media] };
    view.webview.html = webviewHtml(view.webview, media, 'panel', 'Energy Profile');
    this.disposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => {
        const m = parseWebviewMessage(raw);
        if (!m) {
          this.log(`[profile] ignored a message from the panel that is not part of the protocol: ${JSON.stringify(raw)?.slice(0, 200)}`);
          return;
        }
        if (m.type === 'ready') {
          this.ready = true;
          void view.webview.postMessage({ type: 'init', state: this.snapshot() } satisfies HostMessage);
        } else if (m.type === 'rendered') {
          if (m.phase === 'result') this.renderedResults.add(m.runId);
        }
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

  post(message: HostMessage): void {
    if (this.view && this.ready) void this.view.webview.postMessage(message);
  }

  /** Shows the view (opening the Frugal ML container) without taking the focus from the editor. */
  async reveal(): Promise<void> {
    if (this.view) this.view.show(true);
    else await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
