import * as vscode from 'vscode';
import { UptimeLabels } from '../../core/serving/uptimeLabels';
import type { ModelServer } from './modelServer';
import type { ServeManager } from './serveManager';

const ICONS: Record<ModelServer['status'], vscode.ThemeIcon> = {
  starting: new vscode.ThemeIcon('loading~spin'),
  running: new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('testing.iconPassed')),
  stopped: new vscode.ThemeIcon('debug-stop'),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
};

/** Past the minute boundary a little, so the new text is there when the timer fires. */
const BOUNDARY_SLACK_MS = 50;

function uptimeRow(s: ModelServer): { id: string; startedAtMs: number } {
  return { id: s.id, startedAtMs: s.startedAt.getTime() };
}

/** The Serving view: one row per local model server. Empty means the welcome view shows. */
export class ServingTreeProvider implements vscode.TreeDataProvider<ModelServer>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ModelServer[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly uptimes: UptimeLabels;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private visible = false;

  constructor(
    private readonly manager: ServeManager,
    now: () => number = Date.now,
  ) {
    this.uptimes = new UptimeLabels(now);
    this.subscriptions.push(
      manager.onDidChange(() => {
        this.changed.fire(undefined);
        this.updateTimer();
      }),
    );
  }

  /** Follow the view's visibility: uptimes tick only while someone can see them. */
  attach(view: vscode.TreeView<ModelServer>): void {
    this.visible = view.visible;
    this.subscriptions.push(
      view.onDidChangeVisibility((e) => {
        this.visible = e.visible;
        this.updateTimer();
      }),
    );
    this.updateTimer();
  }

  /** Whether the uptime refresh is running (for tests). */
  get ticking(): boolean {
    return this.timer !== undefined;
  }

  private updateTimer(): void {
    const wanted = this.visible && this.manager.list().length > 0;
    if (wanted && this.timer === undefined) {
      this.schedule();
    } else if (!wanted && this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  /** Wake at the next minute boundary and redraw only the rows whose uptime text changed. */
  private schedule(): void {
    const rows = this.manager.list();
    const wait = this.uptimes.nextChangeIn(rows.map(uptimeRow));
    if (wait === undefined) {
      this.timer = undefined;
      return;
    }
    this.timer = setTimeout(() => {
      const servers = this.manager.list();
      const stale = new Set(this.uptimes.changed(servers.map(uptimeRow)).map((r) => r.id));
      if (stale.size > 0) {
        this.changed.fire(servers.filter((s) => stale.has(s.id)));
      }
      this.schedule();
    }, wait + BOUNDARY_SLACK_MS);
  }

  getChildren(element?: ModelServer): ModelServer[] {
    return element ? [] : [...this.manager.list()];
  }

  getTreeItem(s: ModelServer): vscode.TreeItem {
    const item = new vscode.TreeItem(s.label, vscode.TreeItemCollapsibleState.None);
    item.id = `mlflow.server.${s.id}`;
    const uptime = this.uptimes.text(uptimeRow(s));
    item.description = `127.0.0.1:${String(s.port)} · ${s.status} · ${s.status === 'running' ? `up ${uptime}` : uptime}`;
    item.iconPath = ICONS[s.status];
    item.contextValue = `mlflow.server.${s.status}`;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendText(
      `${s.modelUri}\n\n${s.url}\n\nStarted ${s.startedAt.toLocaleString()} · env manager: ${s.envManager}\n\n`,
    );
    tip.appendCodeblock(s.commandLine, 'shell');
    item.tooltip = tip;
    item.command = { command: 'mlflow.serve.showLogs', title: 'Show Logs', arguments: [s] };
    item.accessibilityInformation = {
      label: `Model server ${s.label} on port ${String(s.port)}, ${s.status}, up ${uptime}`,
    };
    return item;
  }

  dispose(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
    }
    for (const d of this.subscriptions.splice(0)) {
      d.dispose();
    }
    this.changed.dispose();
  }
}
