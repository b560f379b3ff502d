import * as vscode from 'vscode';
import { formatBytes } from '../../core/common/formatBytes';
import { collectPages } from '../../core/common/paging';
import { StoreError } from '../../core/common/storeError';
import { describeStoreError } from '../../core/explorer/describeStoreError';
import { COMMANDS } from '../shared/commandIds/commandIds';
import { displayText } from '../../core/explorer/displayText';
import { listRunModels } from '../../core/explorer/runModels';
import type { RunNode } from '../../core/explorer/runPager';
import type { Run } from '../../core/tracking/entities/run';
import {
  formatTimestamp,
  runDescription,
  runLabel,
  runTooltipLines,
  statusLook,
} from '../../core/explorer/runSummary';
import type { ExplorerNode, NodeOf } from './explorerNode';
import type { ExperimentRuns, ExperimentsModel } from './experimentsModel';
import { modelNodes, runSections, SECTION_LABELS, sectionValues } from './sectionChildren';
import { plainTooltip } from './treeText';

/** Superseded loads a request follows to the newest at most (each one a user action). */
const MAX_SUPERSEDED_RETRIES = 5;

/** Artifacts listed per folder at most; a folder with more says so instead of stalling the view. */
const MAX_ARTIFACTS_PER_FOLDER = 2000;

/**
 * The Experiments view: experiments → runs (pages of 100, child runs nested under their parent) →
 * parameters, metrics, tags, datasets, artifacts and logged models. Nodes are kept by id so that
 * `getParent` (and with it `TreeView.reveal`) works, and so that commands get the same objects.
 */
export class ExperimentsTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, ExplorerNode>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: ExperimentsModel) {
    this.subscription = model.onDidChange((experimentId) => {
      const node = experimentId === undefined ? undefined : this.nodes.get(`exp:${experimentId}`);
      if (experimentId === undefined) {
        this.nodes.clear();
      }
      this.changed.fire(node);
    });
  }

  /** A node shown in the view, by id (`exp:<id>`, `run:<id>`, …). */
  node(id: string): ExplorerNode | undefined {
    return this.nodes.get(id);
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    if (!('parentId' in node) || node.parentId === undefined) {
      return undefined;
    }
    return this.nodes.get(node.parentId);
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const children = await this.childrenOf(node);
    for (const child of children) {
      this.nodes.set(child.id, child);
    }
    return children;
  }

  private async childrenOf(node: ExplorerNode | undefined): Promise<ExplorerNode[]> {
    if (node === undefined) {
      if (this.model.session.state.status !== 'ready') {
        return []; // the welcome view explains what to do
      }
      return this.latest(async () => {
        try {
          const experiments = await this.model.experiments();
          return experiments.map((experiment): ExplorerNode => ({
            kind: 'experiment',
            id: `exp:${experiment.experimentId}`,
            experiment,
          }));
        } catch (err) {
          return [errorNode('root', err, undefined)];
        }
      });
    }
    switch (node.kind) {
      case 'experiment':
        return this.runsOf(node);
      case 'run':
        return [
          ...node.childRuns,
          ...runSections(node.run).map(({ section }): ExplorerNode => ({
            kind: 'section',
            id: `${node.id}/${section}`,
            section,
            run: node.run,
            parentId: node.id,
          })),
        ];
      case 'section':
        return node.section === 'artifacts'
          ? this.artifacts(node.run.info.runId, undefined, node.id)
          : node.section === 'models'
            ? this.models(node.run, node.id)
            : sectionValues(node.run, node.section, node.id);
      case 'artifact':
        return node.file.isDir ? this.artifacts(node.runId, node.file.path, node.id) : [];
      default:
        return [];
    }
  }

  /**
   * Answer with the newest load: when a refresh, a new filter or a new connection supersedes the
   * load this request waited for (its answer dropped, its request cancelled), wait for the load
   * that replaced it instead, so neither a stale answer nor a "Cancelled" node ever shows.
   */
  private async latest(load: () => Promise<ExplorerNode[]>): Promise<ExplorerNode[]> {
    for (let attempt = 0; ; attempt++) {
      const generation = this.model.generation;
      const nodes = await load();
      if (generation === this.model.generation || attempt >= MAX_SUPERSEDED_RETRIES) {
        return nodes;
      }
    }
  }

  private runsOf(node: NodeOf<'experiment'>): Promise<ExplorerNode[]> {
    return this.latest(async () => {
      const state = this.model.runsOf(node.experiment.experimentId);
      if (state.pager.loaded.length === 0 && state.loading !== undefined) {
        await state.loading;
      }
      return this.runNodes(node, state);
    });
  }

  private runNodes(node: NodeOf<'experiment'>, state: ExperimentRuns): ExplorerNode[] {
    const id = node.experiment.experimentId;
    const toNode = (r: RunNode, parentId: string): NodeOf<'run'> => {
      const runNodeId = `run:${r.run.info.runId}`;
      const node: NodeOf<'run'> = {
        kind: 'run',
        id: runNodeId,
        runId: r.run.info.runId,
        experimentId: id,
        name: runLabel(r.run),
        run: r.run,
        childRuns: r.children.map((c) => toNode(c, runNodeId)),
        parentId,
      };
      node.childRuns.forEach((c) => this.nodes.set(c.id, c));
      return node;
    };
    const out: ExplorerNode[] = state.pager.forest().map((r) => toNode(r, node.id));
    if (state.error !== undefined) {
      const filter = this.model.query.filter;
      out.push(
        filter !== undefined &&
          StoreError.is(state.error) &&
          state.error.errorCode === 'INVALID_PARAMETER_VALUE'
          ? rejectedFilterNode(node.id, filter, state.error)
          : errorNode(node.id, state.error, node.id),
      );
    } else if (state.pager.hasMore && state.pager.loaded.length > 0) {
      out.push({
        kind: 'loadMore',
        id: `${node.id}/more`,
        experimentId: id,
        loaded: state.pager.loaded.length,
        parentId: node.id,
      });
    } else if (state.pager.loaded.length === 0 && state.loading === undefined) {
      const filtered = this.model.query.filter !== undefined;
      out.push({
        kind: 'message',
        id: `${node.id}/empty`,
        text: filtered ? 'No runs match the filter' : 'No runs yet',
        detail: '',
        severity: 'info',
        retry: false,
        parentId: node.id,
      });
    }
    if (state.pager.stoppedOnRepeatedToken) {
      out.push({
        kind: 'message',
        id: `${node.id}/repeat`,
        text: 'The server repeated a page token; stopped paging',
        detail: '',
        severity: 'error',
        retry: true,
        parentId: node.id,
      });
    }
    return out;
  }

  /** A run's models: the 2.x tag's entries and, on MLflow 3, its logged models (one search). */
  private async models(run: Run, parentId: string): Promise<ExplorerNode[]> {
    try {
      const stores = await this.model.session.stores();
      const models = await listRunModels(stores.tracking, run);
      if (models.length === 0) {
        return [
          {
            kind: 'message',
            id: `${parentId}/none`,
            text: 'No models',
            detail: '',
            severity: 'info',
            retry: false,
            parentId,
          },
        ];
      }
      return modelNodes(run, models, parentId);
    } catch (err) {
      return [errorNode(parentId, err, parentId)];
    }
  }

  private async artifacts(
    runId: string,
    folder: string | undefined,
    parentId: string,
  ): Promise<ExplorerNode[]> {
    try {
      const stores = await this.model.session.stores();
      const files = await collectPages(
        (pageToken) => stores.tracking.listArtifacts({ runId, path: folder, pageToken }).then((l) => l),
        { maxItems: MAX_ARTIFACTS_PER_FOLDER },
      );
      if (files.length === 0) {
        return [
          {
            kind: 'message',
            id: `${parentId}/none`,
            text: 'No artifacts',
            detail: '',
            severity: 'info',
            retry: false,
            parentId,
          },
        ];
      }
      // Folders first, then files, each by name, as the Explorer sorts.
      files.sort((a, b) => Number(b.isDir) - Number(a.isDir) || a.path.localeCompare(b.path));
      return files.map((file): ExplorerNode => ({
        kind: 'artifact',
        id: `art:${runId}/${file.path}`,
        runId,
        file,
        parentId,
      }));
    } catch (err) {
      return [errorNode(parentId, err, parentId)];
    }
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    const None = vscode.TreeItemCollapsibleState.None;
    switch (node.kind) {
      case 'experiment': {
        const e = node.experiment;
        const item = new vscode.TreeItem(displayText(e.name, 120), Collapsed);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon(e.lifecycleStage === 'deleted' ? 'trash' : 'beaker');
        item.description =
          e.lifecycleStage === 'deleted' ? `#${e.experimentId} · deleted` : `#${e.experimentId}`;
        item.tooltip = plainTooltip([
          displayText(e.name, 300),
          `Experiment ID: ${e.experimentId}`,
          `Created: ${formatTimestamp(e.creationTime) || 'unknown'}`,
          `Artifacts: ${displayText(e.artifactLocation ?? 'unknown', 300)}`,
        ]);
        item.contextValue = `mlflow.experiment${e.lifecycleStage === 'deleted' ? '.deleted' : ''}`;
        return item;
      }
      case 'run': {
        const run = node.run;
        const look = statusLook(run.info.status);
        const item = new vscode.TreeItem(node.name, Collapsed);
        item.id = node.id;
        item.description = runDescription(run, Date.now());
        item.iconPath = new vscode.ThemeIcon(
          run.info.lifecycleStage === 'deleted' ? 'trash' : look.icon,
          look.color === undefined ? undefined : new vscode.ThemeColor(look.color),
        );
        item.tooltip = plainTooltip(runTooltipLines(run, Date.now()));
        item.accessibilityInformation = {
          label: `Run ${node.name}, ${look.label}${item.description ? `, ${item.description}` : ''}`,
        };
        item.contextValue = `mlflow.run.${run.info.status.toLowerCase()}${run.info.lifecycleStage === 'deleted' ? '.deleted' : ''}`;
        return item;
      }
      case 'section': {
        const count = runSections(node.run).find((s) => s.section === node.section)?.count;
        const item = new vscode.TreeItem(SECTION_LABELS[node.section], Collapsed);
        item.id = node.id;
        item.description = count === undefined ? undefined : String(count);
        item.iconPath = new vscode.ThemeIcon(
          {
            params: 'symbol-parameter',
            metrics: 'graph-line',
            tags: 'tag',
            datasets: 'database',
            artifacts: 'folder-library',
            models: 'package',
          }[node.section],
        );
        item.contextValue = `mlflow.section.${node.section}`;
        return item;
      }
      case 'value': {
        const item = new vscode.TreeItem(node.label, None);
        item.id = node.id;
        item.description = node.description;
        item.tooltip = plainTooltip(node.tooltip.split('\n'));
        item.iconPath = node.icon === undefined ? undefined : new vscode.ThemeIcon(node.icon);
        item.contextValue = 'mlflow.value';
        return item;
      }
      case 'artifact': {
        const name = node.file.path.split('/').pop() ?? node.file.path;
        const item = new vscode.TreeItem(displayText(name, 120), node.file.isDir ? Collapsed : None);
        item.id = node.id;
        item.resourceUri = vscode.Uri.from({
          scheme: 'mlflow-artifact',
          path: `/${node.runId}/${node.file.path}`,
        });
        item.iconPath = node.file.isDir ? vscode.ThemeIcon.Folder : vscode.ThemeIcon.File;
        item.description =
          node.file.isDir || node.file.fileSize === undefined ? undefined : formatBytes(node.file.fileSize);
        item.contextValue = node.file.isDir ? 'mlflow.artifact.dir' : 'mlflow.artifact.file';
        if (!node.file.isDir) {
          item.command = { command: 'mlflow.artifacts.open', title: 'Open Artifact', arguments: [node] };
        }
        return item;
      }
      case 'loggedModel': {
        const m = node.model;
        const item = new vscode.TreeItem(displayText(m.label, 120), None);
        item.id = node.id;
        const flavors = m.flavors.map((f) => displayText(f, 40)).join(', ');
        // A 3.x logged model: its id tells two models of one name apart; a pending one has no files yet.
        item.description =
          m.modelId === undefined
            ? flavors
            : [m.modelId, m.status === 'LOGGED_MODEL_PENDING' ? 'pending' : undefined]
                .filter((x) => x !== undefined)
                .join(' · ');
        item.iconPath = new vscode.ThemeIcon('package');
        item.tooltip = plainTooltip([
          displayText(m.modelUri, 300),
          ...(m.modelId === undefined
            ? [`Flavors: ${flavors || 'unknown'}`]
            : [
                `Logged model ${m.modelId}`,
                `Status: ${displayText(m.status ?? 'unknown', 60)}`,
                `Artifacts: ${displayText(m.artifactUri ?? 'unknown', 300)}`,
              ]),
        ]);
        item.contextValue = 'mlflow.loggedModel';
        return item;
      }
      case 'loadMore': {
        const item = new vscode.TreeItem('Load more runs…', None);
        item.id = node.id;
        item.description = `${node.loaded} loaded`;
        item.iconPath = new vscode.ThemeIcon('fold-down');
        item.command = { command: 'mlflow.runs.loadMore', title: 'Load More Runs', arguments: [node] };
        item.contextValue = 'mlflow.loadMore';
        return item;
      }
      case 'message':
        return messageItem(node);
      default:
        return new vscode.TreeItem('');
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** A failure as one node: the summary as label, the detail as tooltip, click to retry (or to sign in, on a 401). */
export function errorNode(scope: string, err: unknown, parentId: string | undefined): NodeOf<'message'> {
  const { summary, detail, signIn } = describeStoreError(err);
  return {
    kind: 'message',
    id: `${scope}/error`,
    text: summary,
    detail,
    severity: 'error',
    retry: true,
    parentId,
    ...(signIn === true ? { signIn } : {}),
  };
}

/**
 * The server refused the filter (400 INVALID_PARAMETER_VALUE): say so with the server's words, and
 * open the filter box, still holding the refused filter, on click: retrying the same filter cannot help.
 */
export function rejectedFilterNode(parentId: string, filter: string, err: StoreError): NodeOf<'message'> {
  const { detail } = describeStoreError(err);
  return {
    kind: 'message',
    id: `${parentId}/error`,
    text: `The server rejected the filter: ${displayText(err.message, 100)}`,
    detail: `Filter: ${displayText(filter, 500)}\n${detail}`,
    severity: 'error',
    retry: false,
    editFilter: true,
    parentId,
  };
}

export function messageItem(node: NodeOf<'message'>): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(
    node.severity === 'error' ? 'error' : 'info',
    node.severity === 'error' ? new vscode.ThemeColor('list.errorForeground') : undefined,
  );
  if (node.detail !== '') {
    const hint =
      node.signIn === true
        ? ['Click to sign in.']
        : node.editFilter === true
          ? ['Click to edit the filter.']
          : node.retry
            ? ['Click to retry.']
            : [];
    item.tooltip = plainTooltip([...node.detail.split('\n'), ...hint]);
  }
  if (node.editFilter === true) {
    item.command = { command: 'mlflow.runs.filter', title: 'Edit Filter…' };
    item.contextValue = 'mlflow.error.filter';
  } else if (node.signIn === true) {
    // Retrying without credentials cannot help; signing in stores them and reloads the views.
    item.command = { command: COMMANDS.signIn, title: 'Sign In…' };
    item.contextValue = 'mlflow.error.signIn';
  } else if (node.retry) {
    item.command = { command: 'mlflow.experiments.refresh', title: 'Retry', arguments: [node] };
    item.contextValue = 'mlflow.error';
  }
  return item;
}
