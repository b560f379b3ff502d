import type * as vscode from 'vscode';
import type { PanelKind } from '../../../protocol/panelKinds';
import type { HostMessageOf, WebviewMessageOf } from './panelMessages';

/**
 * What the in-host tests and the bench may observe of one open panel: what the host posted to it,
 * what its webview last reported, and when the panel reached the phases its class marks. Kept out
 * of the panel classes so production code carries no test fields; the panel host fills it in.
 */
export interface PanelRecord<K extends PanelKind> {
  readonly kind: K;
  /** The last messages posted to the webview, oldest first (bounded: a panel may stay open all day). */
  readonly sent: readonly HostMessageOf<K>[];
  /** The last message of this type the webview posted that passed the panel's guard. */
  lastReceived<T extends WebviewMessageOf<K>['type']>(
    type: T,
  ): Extract<WebviewMessageOf<K>, { type: T }> | undefined;
  /** Epoch ms at which the webview first posted a message of this type that passed the guard. */
  firstReceivedAt(type: WebviewMessageOf<K>['type']): number | undefined;
  /** Epoch ms at which the panel first reached each phase: `opened`, then whatever its class marks. */
  readonly timings: Readonly<Record<string, number>>;
}

/** The read side, as the extension's test API exposes it. */
export interface PanelProbe {
  /** The record of an open (or recently closed, still referenced) panel of this kind, if any. */
  of<K extends PanelKind>(kind: K, panel: vscode.WebviewPanel): PanelRecord<K> | undefined;
}

/** The write side of one panel's record, for the panel host. */
export class PanelRecorder<K extends PanelKind> implements PanelRecord<K> {
  private readonly posted: HostMessageOf<K>[] = [];
  private readonly lastByType = new Map<string, WebviewMessageOf<K>>();
  private readonly marks: Record<string, number> = { opened: Date.now() };
  private readonly firstByType = new Map<string, number>();

  constructor(
    readonly kind: K,
    private readonly kept: number,
  ) {}

  get sent(): readonly HostMessageOf<K>[] {
    return this.posted;
  }

  get timings(): Readonly<Record<string, number>> {
    return this.marks;
  }

  lastReceived<T extends WebviewMessageOf<K>['type']>(
    type: T,
  ): Extract<WebviewMessageOf<K>, { type: T }> | undefined {
    const m = this.lastByType.get(type);
    return m !== undefined && isOfType(m, type) ? m : undefined;
  }

  recordPosted(message: HostMessageOf<K>): void {
    if (this.posted.push(message) > this.kept) {
      this.posted.splice(0, this.posted.length - this.kept);
    }
  }

  firstReceivedAt(type: WebviewMessageOf<K>['type']): number | undefined {
    return this.firstByType.get(type);
  }

  recordReceived(message: WebviewMessageOf<K>): void {
    this.lastByType.set(message.type, message);
    if (!this.firstByType.has(message.type)) {
      this.firstByType.set(message.type, Date.now());
    }
  }

  /** The first time only: a phase is when the panel got there first (`at`, epoch ms, if known). */
  mark(phase: string, at = Date.now()): void {
    this.marks[phase] ??= at;
  }
}

function isOfType<M extends { type: string }, T extends M['type']>(
  m: M,
  type: T,
): m is Extract<M, { type: T }> {
  return m.type === type;
}

type Recorders = { [K in PanelKind]: WeakMap<vscode.WebviewPanel, PanelRecorder<K>> };

/**
 * Every hosted panel's record, by kind and VS Code panel. Weakly held: a record lives as long as
 * its panel object does (a test holding a closed panel can still read what it was sent).
 */
class PanelProbeRegistry implements PanelProbe {
  private readonly recorders: Recorders = {
    connection: new WeakMap(),
    compare: new WeakMap(),
    runDetail: new WeakMap(),
    traceDetail: new WeakMap(),
    evaluation: new WeakMap(),
    tryIt: new WeakMap(),
    projectRun: new WeakMap(),
    runsTable: new WeakMap(),
  };

  of<K extends PanelKind>(kind: K, panel: vscode.WebviewPanel): PanelRecord<K> | undefined {
    return this.recorders[kind].get(panel);
  }

  /** Start the record of a panel the host has just created or revived. */
  open<K extends PanelKind>(kind: K, panel: vscode.WebviewPanel, kept: number): PanelRecorder<K> {
    const recorder = new PanelRecorder(kind, kept);
    this.recorders[kind].set(panel, recorder);
    return recorder;
  }
}

/** The one probe: the panel host writes to it, the test API reads it. */
export const panelProbe = new PanelProbeRegistry();
