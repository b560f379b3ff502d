import type * as vscode from 'vscode';
import type { PanelKind } from '../../../protocol/panelKinds';
import { WEBVIEW_GUARDS, type HostMessageOf, type WebviewMessageOf } from './panelMessages';
import type { PanelRecorder } from './panelProbe';

/** What a panel class gives the host: what to do with a message its guard accepted. */
export interface PanelController<K extends PanelKind> {
  onMessage(message: WebviewMessageOf<K>): void | Promise<void>;
}

/** Anything a panel releases when it closes. */
export interface OwnedDisposable {
  dispose(): void;
}

/** Where a hosted panel reports what it ignored, and how it names itself there. */
export interface HostedPanelSite {
  readonly log: vscode.LogOutputChannel;
  /** The panel in a sentence: "a compare panel", "the connection panel". */
  readonly what: string;
}

/**
 * One open panel as the panel host hands it to its class: the VS Code panel, a typed post that
 * stops once the panel is closed, a signal aborted at close (for the requests it started), the
 * disposables it owns, and the one path its webview's messages take (guard, record, class).
 */
export class HostedPanel<K extends PanelKind> implements vscode.Disposable {
  private readonly abort = new AbortController();
  private readonly owned: OwnedDisposable[] = [];
  private controller: PanelController<K> | undefined;

  constructor(
    readonly kind: K,
    readonly panel: vscode.WebviewPanel,
    private readonly site: HostedPanelSite,
    private readonly recorder: PanelRecorder<K>,
    private readonly closed: () => void,
  ) {}

  /** Aborted when the panel closes. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Called once by the host, when the panel's class exists: from now on messages reach it. */
  attach(controller: PanelController<K>): void {
    this.controller = controller;
    this.own(
      this.panel.onDidDispose(() => {
        this.dispose();
      }),
      this.panel.webview.onDidReceiveMessage((m: unknown) => {
        void this.deliver(m);
      }),
    );
  }

  /** Dispose these with the panel (subscriptions, or a panel's own clean-up as `{ dispose }`). */
  own(...disposables: OwnedDisposable[]): void {
    this.owned.push(...disposables);
  }

  /** Post to the webview; nothing once the panel is closed. */
  post(message: HostMessageOf<K>): void {
    if (this.abort.signal.aborted) {
      return;
    }
    this.recorder.recordPosted(message);
    void this.panel.webview.postMessage(message);
  }

  /**
   * Hand a message to the panel's class as its webview posts it: only if the kind's protocol
   * guard accepts it, whoever sends it. Resolves when the class has handled it.
   */
  async deliver(message: unknown): Promise<void> {
    if (!WEBVIEW_GUARDS[this.kind](message)) {
      this.site.log.warn(`Ignored an unexpected message from ${this.site.what}.`);
      return;
    }
    this.recorder.recordReceived(message);
    await this.controller?.onMessage(message);
  }

  /** Note the first time the panel reaches a phase of its work (the bench reads these). */
  mark(phase: string, at?: number): void {
    this.recorder.mark(phase, at);
  }

  /** Close the panel: abort its requests, release what it owns, leave the registry. Once. */
  dispose(): void {
    if (this.abort.signal.aborted) {
      return;
    }
    this.abort.abort(new Error('The panel was closed.'));
    this.closed();
    for (const d of this.owned.splice(0)) {
      d.dispose();
    }
    this.panel.dispose();
  }
}
