// The HTML shell of the extension's webview views: a strict CSP (nothing but the extension's own
// media and one nonce-bearing script per render), the bundle's stylesheet and script.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** `bundle` names media/dist/<bundle>.js and .css. */
export function webviewHtml(webview: vscode.Webview, media: vscode.Uri, bundle: string, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const uri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(media, ...p)).toString();
  const csp = ["default-src 'none'", `img-src ${webview.cspSource} data:`, `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${uri('dist', `${bundle}.css`)}">
<title>${title}</title>
</head>
<body>
<main id="root" aria-live="polite"><p class="muted">Loading…</p></main>
<script nonce="${nonce}" src="${uri('dist', `${bundle}.js`)}"></script>
</body>
</html>`;
}

export interface ViewSpec<W> {
  id: string;
  /** media/dist/<bundle>.js and .css. */
  bundle: string;
  title: string;
  /** Prefix of log lines, e.g. `[profile]`. */
  tag: string;
  /** Validates a message from the webview; undefined for anything outside the protocol. */
  parse(raw: unknown): W | undefined;
}

/**
 * A webview view and its message channel: every webview message is validated before it reaches a
 * handler, and host messages are sent only once the webview said it is ready (then `init` first).
 */
export class WebviewChannel<H, W extends { type: string }> implements vscode.WebviewViewProvider, vscode.Disposable {
  private view?: vscode.WebviewView;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly spec: ViewSpec<W>,
    private readonly init: () => H,
    private readonly onMessage: (m: W) => void,
    private readonly log: (line: string) => void,
  ) {}

  get visible(): boolean {
    return !!this.view?.visible;
  }

  /** Sees every valid message before the handler does (subclasses keep acknowledgements). */
  protected received(_m: W): void {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [media] };
    view.webview.html = webviewHtml(view.webview, media, this.spec.bundle, this.spec.title);
    this.disposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => {
        const m = this.spec.parse(raw);
        if (!m) {
          this.log(`${this.spec.tag} ignored a message from the view that is not part of the protocol: ${JSON.stringify(raw)?.slice(0, 200)}`);
          return;
        }
        if (m.type === 'ready') {
          this.ready = true;
          void view.webview.postMessage(this.init());
        }
        this.received(m);
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

  post(message: H): void {
    if (this.view && this.ready) void this.view.webview.postMessage(message);
  }

  /** Shows the view (opening the Frugal ML container) without taking the focus from the editor. */
  async reveal(): Promise<void> {
    if (this.view) this.view.show(true);
    else await vscode.commands.executeCommand(`${this.spec.id}.focus`);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
