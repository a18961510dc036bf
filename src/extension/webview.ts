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
