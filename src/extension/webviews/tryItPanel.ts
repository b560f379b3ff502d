import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  isTryItWebviewMessage,
  type TryItContentType,
  type TryItHostMessage,
  type TryItInit,
} from '../../protocol/tryIt';
import type { ModelServer } from '../serving/modelServer';
import { renderWebviewHtml, webviewOptions } from './webviewHtml';

const MAX_RESPONSE_CHARS = 1_000_000;
const REQUEST_TIMEOUT_MS = 120_000;

/** The request a model was logged with, else a template in the scoring server's JSON format. */
export function initialRequest(modelUri: string): Pick<TryItInit, 'body' | 'contentType' | 'source'> {
  for (const file of ['serving_input_example.json', 'input_example.json']) {
    const p = path.join(modelUri, file);
    if (path.isAbsolute(modelUri) && fs.existsSync(p)) {
      return { body: fs.readFileSync(p, 'utf8'), contentType: 'application/json', source: file };
    }
  }
  return { body: JSON.stringify({ dataframe_split: { columns: [], data: [] } }, null, 2), contentType: 'application/json', source: 'template' };
}

/**
 * "Try it": a request panel for one running model server. The webview edits the body; the host
 * sends it to 127.0.0.1 (never the webview, whose origin the server would refuse) and posts back
 * status, time and the response text, which the webview renders as text only.
 */
export class TryItPanel implements vscode.Disposable {
  private static readonly open = new Map<string, TryItPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private inFlight: AbortController | undefined;

  static show(extensionUri: vscode.Uri, server: ModelServer, log: vscode.LogOutputChannel): TryItPanel {
    const existing = TryItPanel.open.get(server.id);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel('mlflow.tryIt', `Try ${server.label} (:${String(server.port)})`, vscode.ViewColumn.Active, webviewOptions(extensionUri));
    return new TryItPanel(panel, extensionUri, server, log);
  }

  static disposeAll(): void {
    for (const p of [...TryItPanel.open.values()]) {
      p.dispose();
    }
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly server: ModelServer,
    private readonly log: vscode.LogOutputChannel,
  ) {
    TryItPanel.open.set(server.id, this);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'mlflow.svg');
    panel.webview.html = renderWebviewHtml(panel.webview, extensionUri, { script: 'tryIt', title: panel.title });
    this.disposables.push(
      panel.onDidDispose(() => {
        this.dispose();
      }),
      panel.webview.onDidReceiveMessage((m: unknown) => {
        void this.onMessage(m);
      }),
      server.process.onDidExit(() => {
        this.post({ type: 'tryIt/error', message: `The model server on port ${String(server.port)} has stopped.` });
      }),
    );
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isTryItWebviewMessage(message)) {
      this.log.warn('Ignored an unexpected message from a Try it panel.');
      return;
    }
    if (message.type === 'ready') {
      this.post({ type: 'tryIt/init', server: this.server.label, url: `${this.server.url}/invocations`, ...initialRequest(this.server.modelUri) });
      return;
    }
    await this.send(message.body, message.contentType);
  }

  private async send(body: string, contentType: TryItContentType): Promise<void> {
    this.inFlight?.abort();
    const abort = new AbortController();
    this.inFlight = abort;
    const started = performance.now();
    try {
      const res = await fetch(`${this.server.url}/invocations`, {
        method: 'POST',
        headers: { 'Content-Type': contentType },
        body,
        signal: AbortSignal.any([abort.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
      });
      const text = await res.text();
      this.post({
        type: 'tryIt/response',
        status: res.status,
        statusText: res.statusText,
        timeMs: Math.round(performance.now() - started),
        body: text.slice(0, MAX_RESPONSE_CHARS),
        truncated: text.length > MAX_RESPONSE_CHARS,
      });
    } catch (err) {
      if (!abort.signal.aborted) {
        this.post({ type: 'tryIt/error', message: `The request failed: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
  }

  private post(message: TryItHostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    this.inFlight?.abort();
    TryItPanel.open.delete(this.server.id);
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
    this.panel.dispose();
  }
}
