// The Benchmark webview view, beside the Energy Profile, with the same conventions (strict CSP, one
// nonce per render, resources only from the extension's media folder, every message validated).
import * as vscode from 'vscode';
import { WebviewChannel } from '../webview';
import { parseBenchWebviewMessage, type BenchHostMessage, type BenchSnapshot, type BenchWebviewMessage } from './protocol';

export const BENCH_VIEW_ID = 'frugal.benchView';

export class BenchPanel extends WebviewChannel<BenchHostMessage, BenchWebviewMessage> {
  /** Benchmarks whose table the webview rendered, with its row count. */
  readonly rendered = new Map<string, number>();

  constructor(extensionUri: vscode.Uri, snapshot: () => BenchSnapshot, onMessage: (m: BenchWebviewMessage) => void, log: (line: string) => void) {
    super(extensionUri, { id: BENCH_VIEW_ID, bundle: 'bench', title: 'Benchmark', tag: '[bench]', parse: parseBenchWebviewMessage }, () => ({ type: 'init', state: snapshot() }), onMessage, log);
  }

  protected override received(m: BenchWebviewMessage): void {
    if (m.type === 'rendered') this.rendered.set(m.id, m.rows);
  }
}
