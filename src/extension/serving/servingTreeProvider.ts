import * as vscode from 'vscode';
import { formatUptime } from '../../core/serving/formatUptime';
import type { ModelServer } from './modelServer';
import type { ServeManager } from './serveManager';

const ICONS: Record<ModelServer['status'], vscode.ThemeIcon> = {
  starting: new vscode.ThemeIcon('loading~spin'),
  running: new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('testing.iconPassed')),
  stopped: new vscode.ThemeIcon('debug-stop'),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
};

/** How often the uptimes are redrawn, and only while the view is visible and has servers. */
const UPTIME_REFRESH_MS = 5_000;

/** The Serving view: one row per local model server. Empty means the welcome view shows. */
export class ServingTreeProvider implements vscode.TreeDataProvider<ModelServer>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private visible = false;

  constructor(
    private readonly manager: ServeManager,
    private readonly now: () => number = Date.now,
  ) {
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
      this.timer = setInterval(() => {
        this.changed.fire(undefined);
      }, UPTIME_REFRESH_MS);
    } else if (!wanted && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  getChildren(element?: ModelServer): ModelServer[] {
    return element ? [] : [...this.manager.list()];
  }

  getTreeItem(s: ModelServer): vscode.TreeItem {
    const item = new vscode.TreeItem(s.label, vscode.TreeItemCollapsibleState.None);
    item.id = `mlflow.server.${s.id}`;
    const uptime = formatUptime(this.now() - s.startedAt.getTime());
    item.description = `127.0.0.1:${String(s.port)} · ${s.status} · ${s.status === 'running' ? `up ${uptime}` : uptime}`;
    item.iconPath = ICONS[s.status];
    item.contextValue = `mlflow.server.${s.status}`;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendText(`${s.modelUri}\n\n${s.url}\n\nStarted ${s.startedAt.toLocaleString()} · env manager: ${s.envManager}\n\n`);
    tip.appendCodeblock(s.commandLine, 'shell');
    item.tooltip = tip;
    item.command = { command: 'mlflow.serve.showLogs', title: 'Show Logs', arguments: [s] };
    item.accessibilityInformation = { label: `Model server ${s.label} on port ${String(s.port)}, ${s.status}, up ${uptime}` };
    return item;
  }

  dispose(): void {
    if (this.timer !== undefined) {
      clearInterval(this.timer);
    }
    for (const d of this.subscriptions.splice(0)) {
      d.dispose();
    }
    this.changed.dispose();
  }
}
