import * as vscode from 'vscode';
import { loggedModelOfSource } from './revealLoggedModel';
import { collectPages } from '../../core/common/paging';
import { displayText } from '../../core/explorer/displayText';
import { registryModelUri } from '../../core/explorer/loggedModelHistory';
import { formatTimestamp } from '../../core/explorer/runSummary';
import type { ModelVersion } from '../../core/registry/entities/modelVersion';
import type { RegisteredModel } from '../../core/registry/entities/registeredModel';
import type { StoreSession } from '../connection';
import type { ExplorerNode, NodeOf } from './explorerNode';
import { errorNode, messageItem } from './messageNodes';
import { plainTooltip } from './treeText';

/** Superseded loads a request follows to the newest at most (each one a user action). */
const MAX_SUPERSEDED_RETRIES = 5;

/** Quote a value for MLflow's filter grammar. */
export function filterString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The Models view: registered models → their versions, newest first, each with its aliases
 * (`@champion`), its legacy stage, its status and its source run.
 */
export class ModelsTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, ExplorerNode>();
  private readonly subscription: vscode.Disposable;
  private gen = 0;
  private controller = new AbortController();

  constructor(private readonly session: StoreSession) {
    this.subscription = session.onDidChange(() => {
      this.refresh();
    });
  }

  /** Increases on every refresh; a load that began under an older one is stale. */
  get generation(): number {
    return this.gen;
  }

  /** Reload from the top, cancelling the loads in flight (their answers are never shown). */
  refresh(): void {
    this.gen++;
    this.controller.abort();
    this.controller = new AbortController();
    this.nodes.clear();
    this.changed.fire(undefined);
  }

  node(id: string): ExplorerNode | undefined {
    return this.nodes.get(id);
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return 'parentId' in node && node.parentId !== undefined ? this.nodes.get(node.parentId) : undefined;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const children = await this.childrenOf(node);
    children.forEach((c) => this.nodes.set(c.id, c));
    return children;
  }

  /**
   * The children from the newest load: when a refresh supersedes the load a request waited for,
   * that load is cancelled and the request follows the newer one, as the Experiments view does.
   */
  private async childrenOf(node: ExplorerNode | undefined): Promise<ExplorerNode[]> {
    for (let attempt = 0; ; attempt++) {
      const generation = this.gen;
      const children = await this.load(node, this.controller.signal);
      if (generation === this.gen || attempt >= MAX_SUPERSEDED_RETRIES) {
        return children;
      }
    }
  }

  private async load(node: ExplorerNode | undefined, signal: AbortSignal): Promise<ExplorerNode[]> {
    if (node !== undefined && node.kind !== 'registeredModel') {
      return [];
    }
    if (node === undefined && this.session.state.status !== 'ready') {
      return [];
    }
    try {
      const stores = await this.session.stores();
      if (node === undefined) {
        const models = await collectPages(
          (pageToken) => stores.registry.searchRegisteredModels({ maxResults: 100, pageToken, signal }),
          { maxItems: 20_000 },
        );
        if (models.length === 0) {
          return [
            {
              kind: 'message',
              id: 'models/empty',
              text: 'No registered models',
              detail: '',
              severity: 'info',
              retry: false,
              parentId: undefined,
            },
          ];
        }
        return models.map((model) => ({ kind: 'registeredModel', id: `model:${model.name}`, model }));
      }
      const versions = await collectPages(
        (pageToken) =>
          stores.registry.searchModelVersions({
            filter: `name = ${filterString(node.model.name)}`,
            maxResults: 200,
            pageToken,
            signal,
          }),
        { maxItems: 20_000 },
      );
      versions.sort((a, b) => Number(b.version) - Number(a.version));
      if (versions.length === 0) {
        return [
          {
            kind: 'message',
            id: `${node.id}/empty`,
            text: 'No versions',
            detail: '',
            severity: 'info',
            retry: false,
            parentId: node.id,
          },
        ];
      }
      return versions.map((v) => ({
        kind: 'modelVersion',
        id: `${node.id}/v${v.version}`,
        name: v.name,
        version: v.version,
        modelVersion: withAliases(v, node.model),
        parentId: node.id,
      }));
    } catch (err) {
      return [errorNode(node?.id ?? 'models', err, node?.id)];
    }
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    if (node.kind === 'registeredModel') {
      const m = node.model;
      const item = new vscode.TreeItem(displayText(m.name, 120), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon('package');
      item.description = m.aliases.map((a) => `@${displayText(a.alias, 40)}→v${a.version}`).join(' ');
      item.tooltip = plainTooltip([
        displayText(m.name, 300),
        m.description ? displayText(m.description, 1000) : 'No description',
        `Updated: ${formatTimestamp(m.lastUpdatedTimestamp)}`,
      ]);
      item.contextValue = 'mlflow.registeredModel';
      return item;
    }
    if (node.kind === 'modelVersion') {
      return versionItem(node);
    }
    if (node.kind === 'message') {
      return messageItem(node);
    }
    return new vscode.TreeItem('');
  }

  dispose(): void {
    this.controller.abort();
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Some stores list a version's aliases only on the registered model; merge them in. */
function withAliases(v: ModelVersion, model: RegisteredModel): ModelVersion {
  const fromModel = model.aliases.filter((a) => a.version === v.version).map((a) => a.alias);
  const aliases = [...new Set([...v.aliases, ...fromModel])].sort();
  return { ...v, aliases };
}

function versionItem(node: NodeOf<'modelVersion'>): vscode.TreeItem {
  const v = node.modelVersion;
  const item = new vscode.TreeItem(`Version ${v.version}`, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const stage =
    v.currentStage !== undefined && v.currentStage !== 'None'
      ? `${displayText(v.currentStage, 30)} (legacy stage)`
      : undefined;
  const status =
    v.status !== undefined && v.status !== 'READY' ? v.status.toLowerCase().replace(/_/g, ' ') : undefined;
  item.description = [v.aliases.map((a) => `@${displayText(a, 40)}`).join(' '), stage, status]
    .filter((p) => p !== undefined && p !== '')
    .join(' · ');
  item.iconPath = new vscode.ThemeIcon(
    v.aliases.length > 0 ? 'bookmark' : status === undefined ? 'versions' : 'warning',
  );
  item.tooltip = plainTooltip([
    `${displayText(v.name, 200)} version ${v.version}`,
    `URI: ${registryModelUri(v.name, { version: v.version })}`,
    ...v.aliases.map((a) => `Alias: @${displayText(a, 60)} (${registryModelUri(v.name, { alias: a })})`),
    `Status: ${v.status ?? 'unknown'}${v.statusMessage ? ` — ${displayText(v.statusMessage, 300)}` : ''}`,
    ...(stage === undefined ? [] : [`Stage: ${stage}`]),
    `Source run: ${v.runId ?? 'none'}`,
    `Source: ${displayText(v.source ?? 'unknown', 300)}${loggedModelOfSource(v.source) === undefined ? '' : ' (an MLflow 3 logged model: Show Logged Model)'}`,
    `Created: ${formatTimestamp(v.creationTimestamp)}`,
  ]);
  const logged = loggedModelOfSource(v.source) === undefined ? '' : '.fromLoggedModel';
  item.contextValue = `mlflow.modelVersion${v.runId === undefined ? '' : '.withRun'}${v.aliases.length > 0 ? '.aliased' : ''}${logged}`;
  return item;
}
