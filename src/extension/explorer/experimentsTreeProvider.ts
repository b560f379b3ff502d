import * as vscode from 'vscode';
import { listOwnerArtifacts } from '../../core/explorer/artifactOwner';
import { collectPages } from '../../core/common/paging';
import { StoreError } from '../../core/common/storeError';
import { listRunModels } from '../../core/explorer/runModels';
import type { RunNode } from '../../core/explorer/runPager';
import { runLabel } from '../../core/explorer/runSummary';
import type { Run } from '../../core/tracking/entities/run';
import type { ExplorerNode, NodeOf } from './explorerNode';
import type { ExperimentRuns, ExperimentsModel } from './experimentsModel';
import { experimentsTreeItem } from './experimentTreeItems';
import {
  loggedModelSections,
  loggedModelSectionValues,
  loggedModelsNodes,
  withLoggedModelsNode,
} from './loggedModelChildren';
import type { LoggedModelsModel } from './loggedModelsModel';
import { errorNode, rejectedFilterNode } from './messageNodes';
import { modelNodes, runSections, sectionValues } from './sectionChildren';
import { sessionTraceNodes, traceNodes, withTracesNode } from './traceChildren';
import { tracesItem } from './traceTreeItems';
import type { TracesModel } from './tracesModel';

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
  /**
   * Nodes whose `getChildren` is waiting for their first page: that answer already holds the
   * page, so the change the page fires is not passed on. Passing it on made VS Code ask for the
   * same children again a moment later and redraw rows under the user's pointer.
   */
  private readonly awaitingFirstPage = new Set<string>();

  constructor(
    private readonly model: ExperimentsModel,
    private readonly traces: TracesModel,
    private readonly loggedModels: LoggedModelsModel,
  ) {
    this.subscription = vscode.Disposable.from(
      model.onDidChange((experimentId) => {
        if (experimentId === undefined) {
          this.nodes.clear();
          this.changed.fire(undefined);
          return;
        }
        this.refresh(`exp:${experimentId}`);
      }),
      traces.onDidChange((experimentId) => {
        this.refresh(`exp:${experimentId}/traces`);
      }),
      loggedModels.onDidChange((experimentId) => {
        // The experiment shows the node only once it has a model: its first page may add it.
        const node = this.nodes.get(`exp:${experimentId}/loggedModels`);
        this.refresh(node === undefined ? `exp:${experimentId}` : node.id);
      }),
      traces.onDidChangeView((experimentId) => {
        const node = this.nodes.get(`exp:${experimentId}/traces`);
        if (node !== undefined) {
          this.changed.fire(node);
        }
      }),
    );
  }

  private refresh(nodeId: string): void {
    const node = this.nodes.get(nodeId);
    if (node !== undefined && !this.awaitingFirstPage.has(nodeId)) {
      this.changed.fire(node);
    }
  }

  /** Wait for the first page of a node's children without the redraw its arrival would cause. */
  private async firstPage(nodeId: string, loading: Promise<void>): Promise<void> {
    this.awaitingFirstPage.add(nodeId);
    try {
      await loading;
    } finally {
      this.awaitingFirstPage.delete(nodeId);
    }
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
        return withTracesNode(node, await this.runsOf(node), this.model.query.filter !== undefined);
      case 'loggedModels':
        return this.loggedModelsOf(node);
      case 'loggedModel':
        return loggedModelSections(node);
      case 'loggedModelSection':
        return node.section === 'artifacts'
          ? this.artifacts(node.model.modelId, undefined, node.id)
          : loggedModelSectionValues(node);
      case 'traces':
        return this.tracesOf(node);
      case 'traceSession':
        return sessionTraceNodes(node, this.traces.tracesOf(node.experimentId));
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

  /**
   * The experiment's runs, then its Logged Models node when it has any: both first pages are
   * asked for together and waited for, so the node is there when the experiment opens.
   */
  private runsOf(node: NodeOf<'experiment'>): Promise<ExplorerNode[]> {
    return this.latest(async () => {
      const id = node.experiment.experimentId;
      const state = this.model.runsOf(id);
      const models = this.loggedModels.modelsOf(id);
      const waits = [
        state.pager.loaded.length === 0 ? state.loading : undefined,
        models.loaded.length === 0 ? models.loading : undefined,
      ].filter((w) => w !== undefined);
      if (waits.length > 0) {
        await this.firstPage(
          node.id,
          Promise.all(waits).then(() => undefined),
        );
      }
      return withLoggedModelsNode(
        node,
        this.runNodes(node, state),
        this.loggedModels.modelsOf(id),
        this.model.query.filter !== undefined,
      );
    });
  }

  /** The Logged Models node's children: loaded with the experiment, so waited for only after a refresh. */
  private async loggedModelsOf(node: NodeOf<'loggedModels'>): Promise<ExplorerNode[]> {
    const state = this.loggedModels.modelsOf(node.experimentId);
    if (state.loaded.length === 0 && state.loading !== undefined) {
      await this.firstPage(node.id, state.loading);
    }
    return loggedModelsNodes(node, this.loggedModels.modelsOf(node.experimentId));
  }

  /**
   * The Traces node's children. When a refresh or a new trace filter replaced the state this
   * request waited for (its change not passed on while waiting), answer with the newest instead.
   */
  private async tracesOf(node: NodeOf<'traces'>): Promise<ExplorerNode[]> {
    for (let attempt = 0; ; attempt++) {
      const state = this.traces.tracesOf(node.experimentId);
      if (state.loaded.length === 0 && state.loading !== undefined) {
        await this.firstPage(node.id, state.loading);
      }
      if (state === this.traces.tracesOf(node.experimentId) || attempt >= MAX_SUPERSEDED_RETRIES) {
        return traceNodes(node, state, this.traces.isGrouped(node.experimentId));
      }
    }
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
      const models = await listRunModels(stores.tracking, run, undefined, { includeUsed: true });
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
        (pageToken) => listOwnerArtifacts(stores.tracking, runId, folder, pageToken),
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
    return node.kind === 'traces'
      ? tracesItem(node, {
          filter: this.traces.filterOf(node.experimentId),
          grouped: this.traces.isGrouped(node.experimentId),
        })
      : experimentsTreeItem(node);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
