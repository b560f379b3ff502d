import * as vscode from 'vscode';
import { PANEL_KINDS, type PanelKind } from '../../../protocol/panelKinds';
import { HostedPanel, type PanelController } from './hostedPanel';
import { panelProbe } from './panelProbe';
import { createPanel, showPanelPage } from './webviewHtml';

/** What one kind of panel is, for its host. */
export interface PanelHostSpec<K extends PanelKind> {
  readonly kind: K;
  /** The panel in a sentence, for the log: "a compare panel", "the connection panel". */
  readonly what: string;
  /** How many of the last posted messages the probe keeps per panel (default 200). */
  readonly kept?: number;
}

/** Where a panel opens: our extension's files, and the log its host writes to. */
export interface PanelSite {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
}

/** Makes a panel's class around the panel the host created or revived. */
export type MakePanel<K extends PanelKind, C extends PanelController<K>> = (hosted: HostedPanel<K>) => C;

interface Entry<K extends PanelKind, C> {
  readonly hosted: HostedPanel<K>;
  readonly controller: C;
}

const DEFAULT_KEPT = 200;

/**
 * The one host of every webview panel of a kind: the registry of its open panels by key, reveal
 * or create, revive after a reload (its serializer), and closing them all. Each panel gets a
 * {@link HostedPanel} (typed post, its guard on every incoming message, its disposables) and a
 * record in the probe the test API reads. Panel classes keep only what they show.
 */
export class PanelHost<K extends PanelKind, Key, C extends PanelController<K>> {
  private readonly open = new Map<Key, Entry<K, C>>();

  constructor(private readonly spec: PanelHostSpec<K>) {}

  /** The panel open under `key`, revealed (after `onReveal`), or a new one made by `make`. */
  show(key: Key, title: string, site: PanelSite, make: MakePanel<K, C>, onReveal?: (open: C) => void): C {
    const existing = this.open.get(key);
    if (existing) {
      onReveal?.(existing.controller);
      existing.hosted.panel.reveal();
      return existing.controller;
    }
    return this.adopt(key, createPanel(this.spec.kind, title, site.extensionUri), site, make);
  }

  /** Take over a panel VS Code restored after a reload; one already open under `key` closes. */
  revive(key: Key, panel: vscode.WebviewPanel, site: PanelSite, make: MakePanel<K, C>): C {
    this.open.get(key)?.hosted.dispose();
    return this.adopt(key, panel, site, make);
  }

  /**
   * Bring back this kind's panels after a reload: `restore` gets each restored panel with the
   * view state its webview saved (unchecked: it comes from the webview) and revives or closes it.
   */
  registerSerializer(restore: (panel: vscode.WebviewPanel, state: unknown) => void): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(PANEL_KINDS[this.spec.kind].viewType, {
      deserializeWebviewPanel: (panel, state: unknown) => {
        restore(panel, state);
        return Promise.resolve();
      },
    });
  }

  get(key: Key): C | undefined {
    return this.open.get(key)?.controller;
  }

  /** Open panels, oldest first. */
  all(): readonly C[] {
    return [...this.open.values()].map((e) => e.controller);
  }

  disposeAll(): void {
    for (const e of [...this.open.values()]) {
      e.hosted.dispose();
    }
  }

  private adopt(key: Key, panel: vscode.WebviewPanel, site: PanelSite, make: MakePanel<K, C>): C {
    const { kind, what, kept = DEFAULT_KEPT } = this.spec;
    const recorder = panelProbe.open(kind, panel, kept);
    const hosted: HostedPanel<K> = new HostedPanel(kind, panel, { log: site.log, what }, recorder, () => {
      if (this.open.get(key)?.hosted === hosted) {
        this.open.delete(key);
      }
    });
    showPanelPage(kind, panel, site.extensionUri);
    const controller = make(hosted);
    hosted.attach(controller);
    this.open.set(key, { hosted, controller });
    return controller;
  }
}
