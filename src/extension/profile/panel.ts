// The Energy Profile webview view: its HTML (strict CSP, one nonce per render, resources only from
// the extension's media folder), and the message channel — every webview message is validated
// before it reaches a handler; host messages are sent only once the webview said it is ready.
import * as vscode from 'vscode';
import { WebviewChannel } from '../webview';
import { parseWebviewMessage, type HostMessage, type PanelSnapshot, type WebviewMessage } from './protocol';

export const VIEW_ID = 'frugal.profileView';

export class ProfilePanel extends WebviewChannel<HostMessage, WebviewMessage> {
  /** Runs whose final result the webview has rendered (it acknowledges each). */
  readonly renderedResults = new Set<string>();

  constructor(extensionUri: vscode.Uri, snapshot: () => PanelSnapshot, onMessage: (m: WebviewMessage) => void, log: (line: string) => void) {
    super(extensionUri, { id: VIEW_ID, bundle: 'panel', title: 'Energy Profile', tag: '[profile]', parse: parseWebviewMessage }, () => ({ type: 'init', state: snapshot() }), onMessage, log);
  }

  protected override received(m: WebviewMessage): void {
    if (m.type === 'rendered' && m.phase === 'result') this.renderedResults.add(m.runId);
  }
}
