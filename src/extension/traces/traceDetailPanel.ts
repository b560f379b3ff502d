import * as vscode from 'vscode';
import { describeStoreError } from '../../core/explorer/describeStoreError';
import { traceDetailModel } from '../../core/traceDetail/traceDetailModel';
import type { TraceStore } from '../../core/traces/traceStore';
import {
  isTraceId,
  type TraceDetailHostMessage,
  type TraceDetailViewState,
  type TraceDetailWebviewMessage,
} from '../../protocol/traceDetail';
import type { HostedPanel } from '../shared/webviews/hostedPanel';
import { PanelHost } from '../shared/webviews/panelHost';

export interface TraceDetailDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** The active connection's trace store; the store session owns it (and disposes it). */
  readonly openTraces: () => Promise<TraceStore>;
  /** Fires when the active connection changed: the store opened before is for the old one. */
  readonly onConnectionChange: vscode.Event<void>;
}

/** Trace panels by trace id: opening a trace already shown reveals its panel. */
const traces = new PanelHost<'traceDetail', string, TraceDetailPanel>({
  kind: 'traceDetail',
  what: 'a trace panel',
});

/**
 * One trace in a panel: its header, span tree with timeline, and the selected span's details.
 * The whole model is built on the host (bigint times made plain numbers) and sent in one message.
 */
export class TraceDetailPanel implements vscode.Disposable {
  private store: Promise<TraceStore> | undefined;
  private loaded: Promise<void> | undefined;

  static show(deps: TraceDetailDeps, traceId: string): TraceDetailPanel {
    return traces.show(
      traceId,
      `Trace ${traceId.slice(0, 11)}`,
      deps,
      (hosted) => new TraceDetailPanel(hosted, deps, traceId),
    );
  }

  /** Bring back trace panels after a reload, for the trace their webview saved (checked). */
  static registerSerializer(deps: TraceDetailDeps): vscode.Disposable {
    return traces.registerSerializer((panel, state) => {
      const traceId = (state as Partial<TraceDetailViewState> | undefined)?.traceId;
      if (isTraceId(traceId)) {
        traces.revive(traceId, panel, deps, (hosted) => new TraceDetailPanel(hosted, deps, traceId));
      } else {
        panel.dispose();
      }
    });
  }

  static get(traceId: string): TraceDetailPanel | undefined {
    return traces.get(traceId);
  }

  static disposeAll(): void {
    traces.disposeAll();
  }

  private constructor(
    private readonly hosted: HostedPanel<'traceDetail'>,
    private readonly deps: TraceDetailDeps,
    readonly traceId: string,
  ) {
    hosted.own(
      deps.onConnectionChange(() => {
        // The session disposed the old connection's store: the next load (a refresh) asks again.
        this.store = undefined;
      }),
    );
  }

  get panel(): vscode.WebviewPanel {
    return this.hosted.panel;
  }

  /** Resolves when the last load requested has posted its snapshot or error. */
  whenLoaded(): Promise<void> {
    return this.loaded ?? Promise.resolve();
  }

  onMessage(message: TraceDetailWebviewMessage): void {
    switch (message.type) {
      case 'ready':
      case 'traceDetail/refresh':
        this.loaded = this.load();
        return;
      case 'traceDetail/select':
        // Recorded by the panel probe; the host keeps no selection of its own.
        return;
    }
  }

  /** Load with progress in the status bar; a failure replaces the panel's content with its reason. */
  private load(): Promise<void> {
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Loading trace ${this.traceId}` },
        async () => {
          try {
            await this.show();
          } catch (err: unknown) {
            if (!this.hosted.signal.aborted) {
              const { summary, detail } = describeStoreError(err);
              this.deps.log.warn(`Trace ${this.traceId}: ${detail}`);
              this.post({
                type: 'traceDetail/error',
                message: `Cannot show trace ${this.traceId}: ${summary}.`,
              });
            }
          }
        },
      ),
    );
  }

  private async show(): Promise<void> {
    this.store ??= this.deps.openTraces();
    // A failed open is retried on the next refresh rather than remembered.
    const store = await this.store.catch((err: unknown) => {
      this.store = undefined;
      throw err;
    });
    const trace = await store.getTrace(this.traceId, { signal: this.hosted.signal });
    const model = traceDetailModel(trace);
    this.panel.title = `Trace ${model.name}`;
    this.post({ type: 'traceDetail/snapshot', ...model });
    this.hosted.mark('snapshot');
  }

  private post(message: TraceDetailHostMessage): void {
    this.hosted.post(message);
  }

  dispose(): void {
    this.hosted.dispose();
  }
}
