import * as vscode from 'vscode';
import type { StoreSession } from '../connection/storeSession';
import { ARTIFACT_SCHEME, ArtifactFileSystem } from './artifactFileSystem';
import { nodeOf, type ExplorerNode } from './explorerNode';
import { EXPLORER_COMMANDS } from './explorerCommandIds';
import { ExperimentsModel } from './experimentsModel';
import { ExperimentsTreeProvider } from './experimentsTreeProvider';
import { copyModelUri, deleteAlias, setAlias } from './modelCommands';
import { ModelsTreeProvider } from './modelsTreeProvider';
import { promptRunFilter, promptRunSort } from './runFilterPrompt';
import { RunPoller } from './runPoller';
import { copyRunId, downloadArtifacts, editRunTags, openArtifact, renameRun, reportFailure, serverUiUrl, setRunDeleted } from './runCommands';

/** What the explorer hands to the rest of the extension (and to in-host tests through the API). */
export interface Explorer {
  readonly model: ExperimentsModel;
  readonly experiments: ExperimentsTreeProvider;
  readonly models: ModelsTreeProvider;
  readonly experimentsView: vscode.TreeView<ExplorerNode>;
  readonly modelsView: vscode.TreeView<ExplorerNode>;
  /** Select a run in the Experiments view, loading pages of its experiment until it appears. */
  revealRun(runId: string): Promise<boolean>;
}

/** Pages loaded at most while looking for a run to reveal (100 runs each). */
const MAX_REVEAL_PAGES = 50;

/**
 * The Experiments and Models views with their commands. Everything is registered on the
 * context; the views load nothing until they are shown and expanded.
 */
export function registerExplorer(context: vscode.ExtensionContext, session: StoreSession, log: vscode.LogOutputChannel): Explorer {
  const model = new ExperimentsModel(session);
  const experiments = new ExperimentsTreeProvider(model);
  const models = new ModelsTreeProvider(session);
  const artifacts = new ArtifactFileSystem(session);
  const experimentsView = vscode.window.createTreeView('mlflow.experiments', { treeDataProvider: experiments, showCollapseAll: true, canSelectMany: true });
  const modelsView = vscode.window.createTreeView('mlflow.models', { treeDataProvider: models, showCollapseAll: true, canSelectMany: true });
  const poller = new RunPoller(model, experimentsView);
  const describeQuery = (): void => {
    const q = model.query;
    const parts = [q.filter === undefined ? undefined : `filter: ${q.filter}`, q.orderBy.length === 0 ? undefined : `sort: ${q.orderBy.join(', ')}`, q.showDeleted ? 'incl. deleted' : undefined].filter((p) => p !== undefined);
    experimentsView.description = parts.length === 0 ? undefined : parts.join(' · ');
    experimentsView.message = q.filter === undefined ? undefined : `Runs filtered by: ${q.filter}`;
  };

  const revealRun = async (runId: string): Promise<boolean> => {
    try {
      const stores = await session.stores();
      const run = await stores.tracking.getRun(runId);
      const expId = run.info.experimentId;
      await experiments.getChildren();
      model.runsOf(expId);
      for (let pages = 0; pages < MAX_REVEAL_PAGES; pages++) {
        await model.settled(expId);
        if (model.loadedRunsOf(expId).some((r) => r.info.runId === runId) || !model.runsOf(expId).pager.hasMore) {
          break;
        }
        await model.loadMore(expId);
      }
      const expNode = experiments.node(`exp:${expId}`);
      if (expNode === undefined) {
        return false;
      }
      await experiments.getChildren(expNode);
      const node = experiments.node(`run:${runId}`);
      if (node === undefined) {
        void vscode.window.showInformationMessage(`Run ${runId} is not among the runs the view shows (check the filter).`);
        return false;
      }
      await experimentsView.reveal(node, { select: true, focus: true, expand: false });
      return true;
    } catch (err) {
      reportFailure('Finding the run', err, log);
      return false;
    }
  };

  const refresh = (): void => {
    artifacts.clear();
    // Local stores are read into memory: reopening is what shows runs logged since.
    session.reset();
  };
  const register = (id: string, handler: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  };
  register(EXPLORER_COMMANDS.refreshExperiments, refresh);
  register(EXPLORER_COMMANDS.refreshModels, refresh);
  register(EXPLORER_COMMANDS.showDeleted, () => {
    model.setQuery({ showDeleted: !model.query.showDeleted });
    describeQuery();
  });
  register(EXPLORER_COMMANDS.filterRuns, async (filterArg?: unknown) => {
    const filter = typeof filterArg === 'string' ? filterArg : await promptRunFilter(model.query.filter, model.loadedRuns());
    if (filter !== undefined) {
      model.setQuery({ filter: filter === '' ? undefined : filter });
      describeQuery();
    }
  });
  register(EXPLORER_COMMANDS.clearFilter, () => {
    model.setQuery({ filter: undefined });
    describeQuery();
  });
  register(EXPLORER_COMMANDS.sortRuns, async (orderArg?: unknown) => {
    const orderBy = Array.isArray(orderArg) ? orderArg.map(String) : await promptRunSort(model.loadedRuns());
    if (orderBy !== undefined) {
      model.setQuery({ orderBy });
      describeQuery();
    }
  });
  register(EXPLORER_COMMANDS.loadMore, (arg) => {
    const node = nodeOf(arg, 'loadMore');
    return node === undefined ? undefined : model.loadMore(node.experimentId);
  });
  register(EXPLORER_COMMANDS.copyRunId, copyRunId);
  register(EXPLORER_COMMANDS.copyModelUri, copyModelUri);
  register(EXPLORER_COMMANDS.openInBrowser, async (arg) => {
    const url = serverUiUrl(session, arg);
    if (url === undefined) {
      void vscode.window.showInformationMessage('Only a tracking server has a web UI to open; local stores do not.');
      return false;
    }
    return vscode.env.openExternal(vscode.Uri.parse(url));
  });
  register(EXPLORER_COMMANDS.openArtifact, openArtifact);
  register(EXPLORER_COMMANDS.downloadArtifacts, (arg, target) => downloadArtifacts(session, log, arg, target instanceof vscode.Uri ? target : undefined));
  register(EXPLORER_COMMANDS.renameRun, (arg, name) => renameRun(model, log, arg, typeof name === 'string' ? name : undefined));
  register(EXPLORER_COMMANDS.deleteRun, (arg, confirmed) => setRunDeleted(model, log, arg, true, confirmed === true));
  register(EXPLORER_COMMANDS.restoreRun, (arg) => setRunDeleted(model, log, arg, false));
  register(EXPLORER_COMMANDS.editTags, (arg) => editRunTags(model, log, arg));
  register(EXPLORER_COMMANDS.setAlias, (arg, alias, confirmed) => setAlias(session, models, log, arg, typeof alias === 'string' ? alias : undefined, confirmed === true));
  register(EXPLORER_COMMANDS.deleteAlias, (arg, alias, confirmed) => deleteAlias(session, models, log, arg, typeof alias === 'string' ? alias : undefined, confirmed === true));
  register(EXPLORER_COMMANDS.showSourceRun, async (arg) => {
    const runId = nodeOf(arg, 'modelVersion')?.modelVersion.runId ?? (typeof arg === 'string' ? arg : undefined);
    if (runId === undefined) {
      return false;
    }
    await vscode.commands.executeCommand('mlflow.experiments.focus');
    return revealRun(runId);
  });

  context.subscriptions.push(
    model,
    experiments,
    models,
    experimentsView,
    modelsView,
    poller,
    vscode.workspace.registerFileSystemProvider(ARTIFACT_SCHEME, artifacts, { isReadonly: true, isCaseSensitive: true }),
    session.onDidChange(() => {
      artifacts.clear();
    }),
  );
  return { model, experiments, models, experimentsView, modelsView, revealRun };
}
