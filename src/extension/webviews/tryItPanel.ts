import * as vscode from 'vscode';
import { comparePredictions } from '../../core/serving/comparePredictions';
import { initialRequest } from '../../core/serving/initialRequest';
import {
  isTryItWebviewMessage,
  type TryItAnswer,
  type TryItContentType,
  type TryItHostMessage,
  type TryItServerChoice,
} from '../../protocol/tryIt';
import type { StoreSession } from '../connection/storeSession';
import { modelFileReader } from '../serving/modelFileReader';
import type { ModelServer } from '../serving/modelServer';
import type { ServeManager } from '../serving/serveManager';
import { renderWebviewHtml, webviewOptions } from './webviewHtml';

const MAX_RESPONSE_CHARS = 1_000_000;
const REQUEST_TIMEOUT_MS = 120_000;

/** POST a body to a server's /invocations and read the answer, bounded in size and time. */
async function invoke(url: string, body: string, contentType: TryItContentType, signal: AbortSignal): Promise<TryItAnswer> {
  const started = performance.now();
  const res = await fetch(`${url}/invocations`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body,
    signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
  });
  const text = await res.text();
  return {
    status: res.status,
    statusText: res.statusText,
    timeMs: Math.round(performance.now() - started),
    body: text.slice(0, MAX_RESPONSE_CHARS),
    truncated: text.length > MAX_RESPONSE_CHARS,
  };
}

/** Dependencies of the panel: the servers (this one and the others to compare with) and the stores. */
export interface TryItDeps {
  readonly extensionUri: vscode.Uri;
  readonly manager: ServeManager;
  readonly stores: StoreSession | undefined;
  readonly log: vscode.LogOutputChannel;
}

/**
 * "Try it": a request panel for one running model server. The webview edits the body and checks
 * it against the signature; the host sends it to 127.0.0.1 (never the webview, whose origin the
 * server would refuse), to a second server when comparing, and writes saved requests to disk.
 * Everything the webview sends is checked by the protocol guard first.
 */
export class TryItPanel implements vscode.Disposable {
  private static readonly open = new Map<string, TryItPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private inFlight: AbortController | undefined;

  static show(deps: TryItDeps, server: ModelServer): TryItPanel {
    const existing = TryItPanel.open.get(server.id);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel('mlflow.tryIt', `Try ${server.label} (:${String(server.port)})`, vscode.ViewColumn.Active, webviewOptions(deps.extensionUri));
    return new TryItPanel(panel, deps, server);
  }

  static disposeAll(): void {
    for (const p of [...TryItPanel.open.values()]) {
      p.dispose();
    }
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: TryItDeps,
    private readonly server: ModelServer,
  ) {
    TryItPanel.open.set(server.id, this);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'mlflow.svg');
    panel.webview.html = renderWebviewHtml(panel.webview, deps.extensionUri, { script: 'tryIt', title: panel.title });
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
      deps.manager.onDidChange(() => {
        this.post({ type: 'tryIt/servers', others: this.others() });
      }),
    );
  }

  /** The server behind this panel now (Restart replaces the process under the same id). */
  private current(): ModelServer {
    return this.deps.manager.get(this.server.id) ?? this.server;
  }

  private others(): TryItServerChoice[] {
    return this.deps.manager
      .list()
      .filter((s) => s.id !== this.server.id && s.status === 'running')
      .map((s) => ({ id: s.id, label: `${s.label} (:${String(s.port)})` }));
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isTryItWebviewMessage(message)) {
      this.deps.log.warn('Ignored an unexpected message from a Try it panel.');
      return;
    }
    switch (message.type) {
      case 'ready': {
        const first = await initialRequest(modelFileReader(this.server.modelUri, this.deps.stores));
        this.post({
          type: 'tryIt/init',
          server: this.server.label,
          url: `${this.server.url}/invocations`,
          body: first.body,
          contentType: 'application/json',
          source: first.source,
          ...(first.signature ? { signature: first.signature } : {}),
          others: this.others(),
        });
        return;
      }
      case 'tryIt/send':
        await this.send(message.body, message.contentType);
        return;
      case 'tryIt/compare':
        await this.compare(message.body, message.contentType, message.otherId);
        return;
      case 'tryIt/save':
        await this.save(message.body, message.contentType);
        return;
    }
  }

  private begin(): AbortController {
    this.inFlight?.abort();
    const abort = new AbortController();
    this.inFlight = abort;
    return abort;
  }

  private failed(abort: AbortController, err: unknown): void {
    if (!abort.signal.aborted) {
      this.post({ type: 'tryIt/error', message: `The request failed: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  private async send(body: string, contentType: TryItContentType): Promise<void> {
    const abort = this.begin();
    try {
      this.post({ type: 'tryIt/response', ...(await invoke(this.current().url, body, contentType, abort.signal)) });
    } catch (err) {
      this.failed(abort, err);
    }
  }

  private async compare(body: string, contentType: TryItContentType, otherId: string): Promise<void> {
    const other = this.deps.manager.get(otherId);
    if (!other || other.status !== 'running') {
      this.post({ type: 'tryIt/error', message: 'The server to compare with is no longer running.' });
      return;
    }
    const abort = this.begin();
    try {
      const me = this.current();
      const [left, right] = await Promise.all([invoke(me.url, body, contentType, abort.signal), invoke(other.url, body, contentType, abort.signal)]);
      const c = comparePredictions(left.body, right.body);
      this.post({
        type: 'tryIt/compared',
        left: { ...left, label: `${me.label} (:${String(me.port)})` },
        right: { ...right, label: `${other.label} (:${String(other.port)})` },
        rows: c.rows,
        differing: c.differing,
        ...(c.problem === undefined ? {} : { problem: c.problem }),
      });
    } catch (err) {
      this.failed(abort, err);
    }
  }

  private async save(body: string, contentType: TryItContentType): Promise<void> {
    const csv = contentType === 'text/csv';
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `request-${this.server.label.replace(/[^\w.-]+/g, '-')}.${csv ? 'csv' : 'json'}`;
    const target = await vscode.window.showSaveDialog({
      title: 'Save the Request',
      saveLabel: 'Save Request',
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: csv ? { CSV: ['csv'] } : { JSON: ['json'] },
    });
    if (!target) {
      return;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(body));
    void vscode.window.showInformationMessage(`Saved the request to ${vscode.workspace.asRelativePath(target)}.`);
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
