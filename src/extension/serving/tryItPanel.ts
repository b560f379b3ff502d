import type * as vscode from 'vscode';
import { comparePredictions } from '../../core/serving/comparePredictions';
import { initialRequest } from '../../core/serving/initialRequest';
import type {
  TryItAnswer,
  TryItContentType,
  TryItHostMessage,
  TryItServerChoice,
  TryItServerStateName,
  TryItWebviewMessage,
} from '../../protocol/tryIt';
import type { StoreSession } from '../connection';
import { modelFileReader } from './modelFileReader';
import type { ModelServer } from './modelServer';
import type { ServeManager } from './serveManager';
import { saveRequestFile, type TryItRequest } from './saveRequestFile';
import type { HostedPanel } from '../shared/webviews/hostedPanel';
import { PanelHost } from '../shared/webviews/panelHost';

const MAX_RESPONSE_CHARS = 1_000_000;
const REQUEST_TIMEOUT_MS = 120_000;
/** How many of a panel's last posted messages the panel probe keeps (responses can be large). */
const SENT_KEPT = 50;

/** POST a body to a server's /invocations and read the answer, bounded in size and time. */
async function invoke(
  url: string,
  body: string,
  contentType: TryItContentType,
  signal: AbortSignal,
): Promise<TryItAnswer> {
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

/** Try it panels by server id: one per model server. */
const tryIts = new PanelHost<'tryIt', string, TryItPanel>({
  kind: 'tryIt',
  what: 'a Try it panel',
  kept: SENT_KEPT,
});

/**
 * "Try it": a request panel for one running model server. The webview edits the body and checks
 * it against the signature; the host sends it to 127.0.0.1 (never the webview, whose origin the
 * server would refuse), to a second server when comparing, and writes saved requests to disk.
 * Everything the webview sends is checked by the protocol guard first.
 */
export class TryItPanel implements vscode.Disposable {
  private inFlight: AbortController | undefined;
  /** The server instance whose process exit is watched; Restart replaces it under the same id. */
  private watched: ModelServer;
  private exitWatch: vscode.Disposable;
  /** What the panel last told the user about its server (it opens on a running one). */
  private shownState: TryItServerStateName = 'running';
  /** The last server-state change posted; a webview re-created after being hidden missed it. */
  private lastStatePost: TryItHostMessage | undefined;
  /** The request as last edited in the webview (the pre-filled one until then). */
  private request: TryItRequest | undefined;

  static show(deps: TryItDeps, server: ModelServer): TryItPanel {
    const title = `Try ${server.label} (:${String(server.port)})`;
    return tryIts.show(server.id, title, deps, (hosted) => new TryItPanel(hosted, deps, server));
  }

  /** The open panel for a server id, if any. */
  static forServer(id: string): TryItPanel | undefined {
    return tryIts.get(id);
  }

  /** Every open Try it panel. */
  static all(): readonly TryItPanel[] {
    return tryIts.all();
  }

  static disposeAll(): void {
    tryIts.disposeAll();
  }

  private constructor(
    private readonly hosted: HostedPanel<'tryIt'>,
    private readonly deps: TryItDeps,
    private readonly server: ModelServer,
  ) {
    this.watched = server;
    this.exitWatch = this.watchExit(server);
    hosted.own(
      {
        dispose: () => {
          this.inFlight?.abort();
          this.exitWatch.dispose();
        },
      },
      deps.manager.onDidChange(() => {
        this.follow();
        this.post({ type: 'tryIt/servers', others: this.others() });
      }),
    );
  }

  /** The VS Code panel of this server's requests. */
  get panel(): vscode.WebviewPanel {
    return this.hosted.panel;
  }

  private watchExit(s: ModelServer): vscode.Disposable {
    return s.process.onDidExit(() => {
      this.follow();
    });
  }

  /**
   * Follow the server under this panel's id: after Restart, the new process (whatever its port)
   * is the one requests go to, and an old process's exit is a restart, not a stop.
   */
  private follow(): void {
    const manager = this.deps.manager;
    const now = manager.get(this.server.id);
    if (now && now !== this.watched) {
      this.exitWatch.dispose();
      this.watched = now;
      this.exitWatch = this.watchExit(now);
      this.panel.title = `Try ${now.label} (:${String(now.port)})`;
    }
    const live = now?.process.running === true ? now.status : undefined;
    const state: TryItServerStateName =
      live === 'running'
        ? 'running'
        : live === 'starting' || manager.isRestarting(this.server.id)
          ? 'starting'
          : 'stopped';
    if (state === this.shownState) {
      return;
    }
    this.shownState = state;
    const s = this.watched;
    const where = `127.0.0.1:${String(s.port)}`;
    const message =
      state === 'running'
        ? `The model server was restarted and answers on ${where}.`
        : state === 'starting'
          ? `The model server is restarting on ${where}…`
          : `The model server on port ${String(s.port)} has stopped.`;
    this.lastStatePost = {
      type: 'tryIt/serverState',
      server: s.label,
      url: `${s.url}/invocations`,
      state,
      message,
    };
    this.post(this.lastStatePost);
  }

  /** The server behind this panel now (Restart replaces the process under the same id). */
  private current(): ModelServer {
    return this.deps.manager.get(this.server.id) ?? this.watched;
  }

  private others(): TryItServerChoice[] {
    return this.deps.manager
      .list()
      .filter((s) => s.id !== this.server.id && s.status === 'running')
      .map((s) => ({ id: s.id, label: `${s.label} (:${String(s.port)})` }));
  }

  /**
   * Handle one message as the webview posts it: through the panel host, so its guard checks it
   * whoever sends it. Public so the in-host tests can press "Send" the way the panel's button
   * does: the webview itself runs in the browser, out of their reach.
   */
  receive(message: unknown): Promise<void> {
    return this.hosted.deliver(message);
  }

  /** A message the guard accepted. */
  async onMessage(message: TryItWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        const first = await initialRequest(modelFileReader(this.server.modelUri, this.deps.stores));
        this.request ??= { body: first.body, contentType: 'application/json' };
        this.post({
          type: 'tryIt/init',
          server: this.server.label,
          url: `${this.current().url}/invocations`,
          body: first.body,
          contentType: 'application/json',
          source: first.source,
          ...(first.signature ? { signature: first.signature } : {}),
          others: this.others(),
        });
        if (this.lastStatePost) {
          // the panel was hidden (its webview unloaded) when the server stopped or restarted
          this.post(this.lastStatePost);
        }
        return;
      }
      case 'tryIt/send':
        await this.send(message.body, message.contentType);
        return;
      case 'tryIt/compare':
        await this.compare(message.body, message.contentType, message.otherId);
        return;
      case 'tryIt/save':
        this.request = { body: message.body, contentType: message.contentType };
        await this.saveRequest();
        return;
      case 'tryIt/edited':
        this.request = { body: message.body, contentType: message.contentType };
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
      this.post({
        type: 'tryIt/error',
        message: `The request failed: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }

  private async send(body: string, contentType: TryItContentType): Promise<void> {
    const abort = this.begin();
    try {
      this.post({
        type: 'tryIt/response',
        ...(await invoke(this.current().url, body, contentType, abort.signal)),
      });
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
      const [left, right] = await Promise.all([
        invoke(me.url, body, contentType, abort.signal),
        invoke(other.url, body, contentType, abort.signal),
      ]);
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

  /**
   * Save the request being edited as a file: to `target` when given (another extension, a
   * keybinding, our tests), else where the user picks in a save dialog. Resolves to the file
   * written, or undefined when the dialog was dismissed.
   */
  async saveRequest(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const request = this.request;
    if (!request) {
      throw new Error('The Try it panel has not loaded its request yet.');
    }
    return saveRequestFile(request, this.server.label, target);
  }

  private post(message: TryItHostMessage): void {
    this.hosted.post(message);
  }

  dispose(): void {
    this.hosted.dispose();
  }
}
