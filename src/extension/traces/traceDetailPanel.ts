import * as vscode from 'vscode';
import { describeStoreError } from '../../core/explorer/describeStoreError';
import { traceDetailModel, type TraceDetailModel } from '../../core/traceDetail/traceDetailModel';
import { traceLinks } from '../../core/traceDetail/traceLinks';
import type { TraceStore } from '../../core/traces/traceStore';
import { assessmentWriterOf } from '../../core/traces/write/assessmentWriter';
import { StoreError } from '../../core/common/storeError';
import {
  isTraceId,
  type AssessmentView,
  type TraceDetailHostMessage,
  type TraceDetailViewState,
  type TraceDetailWebviewMessage,
} from '../../protocol/traceDetail';
import type { HostedPanel } from '../shared/webviews/hostedPanel';
import { PanelHost } from '../shared/webviews/panelHost';
import { linksView, workspaceFiles, type LinkTargets } from './traceLinkActions';

export interface TraceDetailDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** The active connection's trace store; the store session owns it (and disposes it). */
  readonly openTraces: () => Promise<TraceStore>;
  /** Fires when the active connection changed: the store opened before is for the old one. */
  readonly onConnectionChange: vscode.Event<void>;
  /** The panel's Add feedback / Add expectation / Override buttons (see assessmentActions.ts). */
  readonly onAssessmentAction: (panel: TraceDetailPanel, message: AssessmentActionMessage) => void;
  /** A link clicked in the panel (see traceLinkActions.ts). */
  readonly onLink: (
    panel: TraceDetailPanel,
    message: Extract<TraceDetailWebviewMessage, { type: 'traceDetail/openLink' }>,
  ) => void;
}

/** The webview's assessment requests, handed to the host's actions. */
export type AssessmentActionMessage = Extract<
  TraceDetailWebviewMessage,
  { type: 'traceDetail/addAssessment' | 'traceDetail/overrideFeedback' }
>;

/**
 * Trace panels by key: `main` is the panel a trace opens in by default (opening another trace
 * shows it there, as a preview editor is reused, so clicking down the trace list keeps one tab
 * and skips the second or so a new webview takes to start); `side-<n>` are panels opened with
 * "Open Trace in New Panel", which keep their trace. A trace already shown is revealed.
 */
const traces = new PanelHost<'traceDetail', string, TraceDetailPanel>({
  kind: 'traceDetail',
  what: 'a trace panel',
});
const MAIN = 'main';
let sidePanels = 0;

/**
 * One trace in a panel: its header, span tree with timeline, and the selected span's details.
 * The whole model is built on the host (bigint times made plain numbers) and sent in one message.
 */
export class TraceDetailPanel implements vscode.Disposable {
  private store: Promise<TraceStore> | undefined;
  private loaded: Promise<void> | undefined;
  /** Increases when the panel is given another trace: a load for the one before is dropped. */
  private generation = 0;
  private shown: TraceDetailModel | undefined;
  private targets: LinkTargets | undefined;

  static show(
    deps: TraceDetailDeps,
    traceId: string,
    options: { newPanel?: boolean } = {},
  ): TraceDetailPanel {
    const shown = TraceDetailPanel.get(traceId);
    if (shown !== undefined) {
      shown.panel.reveal();
      return shown;
    }
    const main = traces.get(MAIN);
    if (options.newPanel !== true && main !== undefined) {
      main.showTrace(traceId);
      main.panel.reveal();
      return main;
    }
    const key = main === undefined ? MAIN : `side-${String(++sidePanels)}`;
    return traces.show(
      key,
      panelTitle(traceId),
      deps,
      (hosted) => new TraceDetailPanel(hosted, deps, traceId),
    );
  }

  /** Bring back trace panels after a reload, for the trace their webview saved (checked). */
  static registerSerializer(deps: TraceDetailDeps): vscode.Disposable {
    return traces.registerSerializer((panel, state) => {
      const traceId = (state as Partial<TraceDetailViewState> | undefined)?.traceId;
      if (isTraceId(traceId)) {
        const key = traces.get(MAIN) === undefined ? MAIN : `side-${String(++sidePanels)}`;
        traces.revive(key, panel, deps, (hosted) => new TraceDetailPanel(hosted, deps, traceId));
      } else {
        panel.dispose();
      }
    });
  }

  /** The open panel showing this trace, if any. */
  static get(traceId: string): TraceDetailPanel | undefined {
    return traces.all().find((p) => p.traceId === traceId);
  }

  /** The trace panel in front, for commands run from the palette while it has focus. */
  static active(): TraceDetailPanel | undefined {
    return traces.all().find((p) => p.panel.active);
  }

  static disposeAll(): void {
    traces.disposeAll();
  }

  private constructor(
    private readonly hosted: HostedPanel<'traceDetail'>,
    private readonly deps: TraceDetailDeps,
    private current: string,
  ) {
    hosted.own(
      deps.onConnectionChange(() => {
        // The session disposed the old connection's store: the next load (a refresh) asks again.
        this.store = undefined;
      }),
    );
  }

  /** The trace this panel shows. */
  get traceId(): string {
    return this.current;
  }

  /** Show another trace in this panel (the webview stays; only the snapshot changes). */
  private showTrace(traceId: string): void {
    this.current = traceId;
    this.generation++;
    this.shown = undefined;
    this.targets = undefined;
    this.panel.title = panelTitle(traceId);
    this.loaded = this.load();
  }

  get panel(): vscode.WebviewPanel {
    return this.hosted.panel;
  }

  /** Resolves when the last load requested has posted its snapshot or error. */
  whenLoaded(): Promise<void> {
    return this.loaded ?? Promise.resolve();
  }

  /** Load the trace again (after a write) and resolve once the new snapshot was posted. */
  reload(): Promise<void> {
    this.loaded = this.load();
    return this.loaded;
  }

  /** The name of one of the shown trace's spans, for confirmations. */
  spanName(spanId: string): string | undefined {
    return this.shown?.spans.find((r) => r.spanId === spanId)?.name;
  }

  /** The shown trace's links (undefined until its snapshot was posted). */
  links(): LinkTargets | undefined {
    return this.targets;
  }

  /** The shown trace's feedback that can be overridden (valid ones, trace and span level). */
  feedbackChoices(): AssessmentView[] {
    const m = this.shown;
    return m === undefined
      ? []
      : [...m.assessments, ...m.details.flatMap((d) => d.assessments)].filter(
          (a) => a.kind === 'feedback' && a.valid,
        );
  }

  onMessage(message: TraceDetailWebviewMessage): void {
    switch (message.type) {
      case 'ready':
      case 'traceDetail/refresh':
        this.hosted.mark('ready');
        this.loaded = this.load();
        return;
      case 'traceDetail/select':
      case 'traceDetail/drawn':
        // Recorded by the panel probe; the host keeps no selection or timing of its own.
        return;
      case 'traceDetail/addAssessment':
      case 'traceDetail/overrideFeedback':
        this.deps.onAssessmentAction(this, message);
        return;
      case 'traceDetail/openLink':
        this.deps.onLink(this, message);
        return;
    }
  }

  /** Load with progress in the status bar; a failure replaces the panel's content with its reason. */
  private load(): Promise<void> {
    const generation = this.generation;
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Loading trace ${this.traceId}` },
        async () => {
          try {
            await this.show(generation);
          } catch (err: unknown) {
            if (!this.hosted.signal.aborted && generation === this.generation) {
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

  private async show(generation: number): Promise<void> {
    this.store ??= this.deps.openTraces();
    // A failed open is retried on the next refresh rather than remembered.
    const store = await this.store.catch((err: unknown) => {
      this.store = undefined;
      throw err;
    });
    const trace = await store.getTrace(this.traceId, { signal: this.hosted.signal });
    const { frames, ...links } = traceLinks(trace);
    const files = await workspaceFiles(frames);
    if (generation !== this.generation) {
      return; // the panel was given another trace meanwhile; that trace's own load posts it
    }
    this.hosted.mark('read');
    const model = traceDetailModel(trace);
    this.shown = model;
    this.targets = { ...links, files };
    this.panel.title = `Trace ${model.name}`;
    const readOnly = readOnlyReason(store);
    this.post({
      type: 'traceDetail/snapshot',
      ...model,
      links: linksView(this.targets),
      ...(readOnly === undefined ? {} : { readOnly }),
    });
    this.hosted.mark('snapshot');
  }

  private post(message: TraceDetailHostMessage): void {
    this.hosted.post(message);
  }

  dispose(): void {
    this.hosted.dispose();
  }
}

function panelTitle(traceId: string): string {
  return `Trace ${traceId.slice(0, 11)}`;
}

/** Why this store takes no assessments (a local store is read-only), or undefined where it does. */
function readOnlyReason(store: TraceStore): string | undefined {
  try {
    assessmentWriterOf(store);
    return undefined;
  } catch (err: unknown) {
    if (StoreError.is(err, 'read-only')) {
      return err.message;
    }
    throw err;
  }
}
