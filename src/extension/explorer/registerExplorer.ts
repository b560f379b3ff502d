import * as vscode from 'vscode';
import { registerReported } from '../shared/errors/withErrorReport';
import type { Run } from '../../core/tracking/entities/run';
import type { StoreSession } from '../connection';
import { ARTIFACT_SCHEME, ArtifactFileSystem } from './artifactFileSystem';
import { nodeOf, type ExplorerNode } from './explorerNode';
import { EXPLORER_COMMANDS } from '../shared/commandIds/explorerCommandIds';
import { ExperimentsModel } from './experimentsModel';
import { ExperimentsTreeProvider } from './experimentsTreeProvider';
import { copyModelUri, deleteAlias, setAlias } from './modelCommands';
import { ModelsTreeProvider } from './modelsTreeProvider';
import { searchKeys } from '../../core/explorer/searchKeys';
import { promptRunFilter, promptRunSort } from './runFilterPrompt';
import { RunPoller } from './runPoller';
import { currentExperimentId, pickModelVersion, pickRun } from './paletteTargets';
import { downloadArtifacts, NOT_STARTED } from './downloadArtifacts';
import {
  copyRunId,
  editRunTags,
  openArtifact,
  openInServerUi,
  renameRun,
  setRunDeleted,
} from './runCommands';
import { reportFailure } from '../shared/errors/reportFailure';

/** What the explorer hands to the rest of the extension (and to in-host tests through the API). */
export interface Explorer {
  readonly model: ExperimentsModel;
  readonly experiments: ExperimentsTreeProvider;
  readonly models: ModelsTreeProvider;
  readonly experimentsView: vscode.TreeView<ExplorerNode>;
  readonly modelsView: vscode.TreeView<ExplorerNode>;
  /** Keeps running runs fresh while the Experiments view is visible. */
  readonly poller: RunPoller;
  /** Select a run in the Experiments view, loading pages of its experiment until it appears. */
  revealRun(runId: string): Promise<boolean>;
  /** The keys the run filter completes: those seen in the current experiment's loaded runs. */
  filterKeys(): string[];
}

/** Pages loaded at most while looking for a run to reveal (`mlflow.runs.pageSize` runs each). */
const MAX_REVEAL_PAGES = 50;
/** How long the tree's data must stay unchanged before a reveal, and the longest wait for that. */
const SETTLE_MS = 300;
const SETTLE_CAP_MS = 3_000;

/**
 * Resolves once `event` has been silent for `quietMs` (or after `capMs` at most). A reveal sent
 * while the workbench is still redrawing after a refresh can be folded away by that redraw.
 */
function whenQuiet(event: vscode.Event<unknown>, quietMs: number, capMs: number): Promise<void> {
  return new Promise((resolve) => {
    let quiet = setTimeout(done, quietMs);
    const cap = setTimeout(done, capMs);
    const sub = event(() => {
      clearTimeout(quiet);
      quiet = setTimeout(done, quietMs);
    });
    function done(): void {
      clearTimeout(quiet);
      clearTimeout(cap);
      sub.dispose();
      resolve();
    }
  });
}

/**
 * The Experiments and Models views with their commands. Everything is registered on the
 * context; the views load nothing until they are shown and expanded.
 */
export function registerExplorer(
  context: vscode.ExtensionContext,
  session: StoreSession,
  log: vscode.LogOutputChannel,
): Explorer {
  const model = new ExperimentsModel(session);
  const experiments = new ExperimentsTreeProvider(model);
  const models = new ModelsTreeProvider(session);
  const artifacts = new ArtifactFileSystem(session);
  const experimentsView = vscode.window.createTreeView('mlflow.experiments', {
    treeDataProvider: experiments,
    showCollapseAll: true,
    canSelectMany: true,
  });
  const modelsView = vscode.window.createTreeView('mlflow.models', {
    treeDataProvider: models,
    showCollapseAll: true,
    canSelectMany: true,
  });
  const poller = new RunPoller(model, experimentsView);
  const describeQuery = (): void => {
    const q = model.query;
    const parts = [
      q.filter === undefined ? undefined : `filter: ${q.filter}`,
      q.orderBy.length === 0 ? undefined : `sort: ${q.orderBy.join(', ')}`,
      q.showDeleted ? 'incl. deleted' : undefined,
    ].filter((p) => p !== undefined);
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
        if (
          model.loadedRunsOf(expId).some((r) => r.info.runId === runId) ||
          !model.runsOf(expId).pager.hasMore
        ) {
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
        void vscode.window.showInformationMessage(
          `Run ${runId} is not among the runs the view shows (check the filter).`,
        );
        return false;
      }
      if (!experimentsView.visible) {
        // Show the view first and let it draw its top level: a reveal into a view that is still
        // being created can leave the experiment folded.
        const shown = new Promise<void>((resolve) => {
          const done = (): void => {
            clearTimeout(cap);
            sub.dispose();
            resolve();
          };
          const cap = setTimeout(done, SETTLE_CAP_MS);
          const sub = experimentsView.onDidChangeVisibility((e) => {
            if (e.visible) {
              done();
            }
          });
        });
        await vscode.commands.executeCommand('mlflow.experiments.focus');
        await shown;
      }
      await whenQuiet(experiments.onDidChangeTreeData, SETTLE_MS, SETTLE_CAP_MS);
      await experimentsView.reveal(experiments.node(node.id) ?? node, {
        select: true,
        focus: true,
        expand: false,
      });
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
    registerReported(context, log, { [id]: handler });
  };
  register(EXPLORER_COMMANDS.refreshExperiments, refresh);
  register(EXPLORER_COMMANDS.refreshModels, refresh);
  register(EXPLORER_COMMANDS.showDeleted, () => {
    model.setQuery({ showDeleted: !model.query.showDeleted });
    describeQuery();
  });
  // Completion and sort keys come from the experiment the user is looking at, not every expanded one.
  const scopedRuns = (): readonly Run[] => {
    const experimentId = currentExperimentId(model, experimentsView.selection);
    return experimentId === undefined ? model.loadedRuns() : model.loadedRunsOf(experimentId);
  };
  const filterKeys = (): string[] =>
    searchKeys(model.loadedRuns(), currentExperimentId(model, experimentsView.selection));
  register(EXPLORER_COMMANDS.filterRuns, async (filterArg?: unknown) => {
    // A refused filter stays in the box (model.query keeps it) so that it can be corrected.
    const filter =
      typeof filterArg === 'string' ? filterArg : await promptRunFilter(model.query.filter, filterKeys());
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
    const orderBy = Array.isArray(orderArg) ? orderArg.map(String) : await promptRunSort(scopedRuns());
    if (orderBy !== undefined) {
      model.setQuery({ orderBy });
      describeQuery();
    }
  });
  register(EXPLORER_COMMANDS.loadMore, (arg) => {
    const node = nodeOf(arg, 'loadMore');
    return node === undefined ? undefined : model.loadMore(node.experimentId);
  });
  // Node commands also work from the palette: without a node they offer a quick pick (the
  // newest runs of the current experiment, or a registered model's versions) instead of failing.
  const runArg = (arg: unknown, title: string, deleted = false): Promise<unknown> =>
    arg === undefined ? pickRun(model, experimentsView.selection, title, deleted) : Promise.resolve(arg);
  const versionArg = (arg: unknown, title: string): Promise<unknown> =>
    arg === undefined ? pickModelVersion(model, modelsView.selection, title) : Promise.resolve(arg);
  const guarded = <T>(action: string, run: () => Promise<T>, fallback: T): Promise<T> =>
    run().catch((err: unknown) => {
      reportFailure(action, err, log);
      return fallback;
    });
  register(EXPLORER_COMMANDS.copyRunId, (arg) =>
    guarded('Copying the run id', async () => copyRunId(await runArg(arg, 'Copy Run ID')), undefined),
  );
  register(EXPLORER_COMMANDS.copyModelUri, (arg, alias) =>
    guarded(
      'Copying the model URI',
      async () =>
        copyModelUri(await versionArg(arg, 'Copy Model URI'), typeof alias === 'string' ? alias : undefined),
      undefined,
    ),
  );
  register(EXPLORER_COMMANDS.openInBrowser, (arg) =>
    guarded(
      'Opening the MLflow UI',
      async () => openInServerUi(session, log, await runArg(arg, 'Open in MLflow UI')),
      undefined,
    ),
  );
  register(EXPLORER_COMMANDS.openArtifact, openArtifact);
  register(EXPLORER_COMMANDS.downloadArtifacts, (arg, target) =>
    guarded(
      'Download',
      async () =>
        downloadArtifacts(
          session,
          log,
          await runArg(arg, 'Download Artifacts'),
          target instanceof vscode.Uri ? target : undefined,
        ),
      NOT_STARTED,
    ),
  );
  register(EXPLORER_COMMANDS.renameRun, (arg, name) =>
    guarded(
      'Rename',
      async () =>
        renameRun(model, log, await runArg(arg, 'Rename Run'), typeof name === 'string' ? name : undefined),
      false,
    ),
  );
  register(EXPLORER_COMMANDS.deleteRun, (arg, confirmed) =>
    guarded(
      'Delete',
      async () => setRunDeleted(model, log, await runArg(arg, 'Delete Run'), true, confirmed === true),
      false,
    ),
  );
  register(EXPLORER_COMMANDS.restoreRun, (arg) =>
    guarded(
      'Restore',
      async () => setRunDeleted(model, log, await runArg(arg, 'Restore Run', true), false),
      false,
    ),
  );
  register(EXPLORER_COMMANDS.editTags, (arg, key, value) =>
    guarded(
      'Editing the tag',
      async () =>
        editRunTags(
          model,
          log,
          await runArg(arg, 'Edit Run Tags'),
          typeof key === 'string' ? key : undefined,
          typeof value === 'string' ? value : undefined,
        ),
      false,
    ),
  );
  register(EXPLORER_COMMANDS.setAlias, (arg, alias, confirmed) =>
    guarded(
      'Setting the alias',
      async () =>
        setAlias(
          session,
          models,
          log,
          await versionArg(arg, 'Set Alias'),
          typeof alias === 'string' ? alias : undefined,
          confirmed === true,
        ),
      false,
    ),
  );
  register(EXPLORER_COMMANDS.deleteAlias, (arg, alias, confirmed) =>
    guarded(
      'Deleting the alias',
      async () =>
        deleteAlias(
          session,
          models,
          log,
          await versionArg(arg, 'Delete Alias'),
          typeof alias === 'string' ? alias : undefined,
          confirmed === true,
        ),
      false,
    ),
  );
  register(EXPLORER_COMMANDS.showSourceRun, async (arg) => {
    const picked =
      arg === undefined
        ? await guarded(
            'Finding the version',
            () => pickModelVersion(model, modelsView.selection, 'Show Source Run'),
            undefined,
          )
        : arg;
    const runId =
      nodeOf(picked, 'modelVersion')?.modelVersion.runId ?? (typeof picked === 'string' ? picked : undefined);
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
    vscode.workspace.registerFileSystemProvider(ARTIFACT_SCHEME, artifacts, {
      isReadonly: true,
      isCaseSensitive: true,
    }),
    session.onDidChange(() => {
      artifacts.clear();
    }),
  );
  return { model, experiments, models, experimentsView, modelsView, poller, revealRun, filterKeys };
}
