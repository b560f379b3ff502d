import * as vscode from 'vscode';
import type { ModelServer } from './modelServer';
import type { ServeManager } from './serveManager';

const ICONS: Record<ModelServer['status'], vscode.ThemeIcon> = {
  starting: new vscode.ThemeIcon('loading~spin'),
  running: new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('testing.iconPassed')),
  stopped: new vscode.ThemeIcon('debug-stop'),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
};

/** The Serving view: one row per local model server. Empty means the welcome view shows. */
export class ServingTreeProvider implements vscode.TreeDataProvider<ModelServer>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly manager: ServeManager) {
    this.subscription = manager.onDidChange(() => {
      this.changed.fire(undefined);
    });
  }

  getChildren(element?: ModelServer): ModelServer[] {
    return element ? [] : [...this.manager.list()];
  }

  getTreeItem(s: ModelServer): vscode.TreeItem {
    const item = new vscode.TreeItem(s.label, vscode.TreeItemCollapsibleState.None);
    item.id = `mlflow.server.${s.id}`;
    item.description = `127.0.0.1:${String(s.port)} · ${s.status} since ${s.startedAt.toLocaleTimeString()}`;
    item.iconPath = ICONS[s.status];
    item.contextValue = `mlflow.server.${s.status}`;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendText(`${s.modelUri}\n\n${s.url}\n\n`);
    tip.appendCodeblock(s.commandLine, 'shell');
    item.tooltip = tip;
    item.command = { command: 'mlflow.serve.showLogs', title: 'Show Logs', arguments: [s] };
    item.accessibilityInformation = { label: `Model server ${s.label} on port ${String(s.port)}, ${s.status}` };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
