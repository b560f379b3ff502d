import * as vscode from 'vscode';
import type { StoreSession } from '../connection';
import { ARTIFACT_SCHEME, ArtifactFileSystem } from './artifactFileSystem';
import type { ExplorerNode } from './explorerNode';
import { ExperimentsModel } from './experimentsModel';
import { ExperimentsTreeProvider } from './experimentsTreeProvider';
import { ModelsTreeProvider } from './modelsTreeProvider';
import { RunPoller } from './runPoller';
import { LoggedModelsModel } from './loggedModelsModel';
import { TracesModel } from './tracesModel';

/**
 * What the explorer's commands act on: the runs model, the Experiments and Models views with their
 * providers, the read-only artifact file system, and the poller that keeps running runs fresh.
 */
export interface ExplorerViews {
  readonly session: StoreSession;
  readonly model: ExperimentsModel;
  readonly traces: TracesModel;
  readonly loggedModels: LoggedModelsModel;
  readonly experiments: ExperimentsTreeProvider;
  readonly models: ModelsTreeProvider;
  readonly artifacts: ArtifactFileSystem;
  readonly experimentsView: vscode.TreeView<ExplorerNode>;
  readonly modelsView: vscode.TreeView<ExplorerNode>;
  readonly poller: RunPoller;
}

/** Creates the views and what feeds them; nothing loads until a view is shown and expanded. */
export function createExplorerViews(session: StoreSession): ExplorerViews {
  const model = new ExperimentsModel(session);
  const traces = new TracesModel(session, model);
  const loggedModels = new LoggedModelsModel(session, model);
  const experiments = new ExperimentsTreeProvider(model, traces, loggedModels);
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
  const poller = new RunPoller(model, experimentsView, traces);
  return {
    session,
    model,
    traces,
    loggedModels,
    experiments,
    models,
    artifacts,
    experimentsView,
    modelsView,
    poller,
  };
}

/**
 * Hands the views to the context to dispose, and serves the artifact file system, whose cache a
 * new connection empties (its files belong to the previous server).
 */
export function registerExplorerViews(context: vscode.ExtensionContext, views: ExplorerViews): void {
  const { session, artifacts } = views;
  context.subscriptions.push(
    views.model,
    views.traces,
    views.loggedModels,
    views.experiments,
    views.models,
    views.experimentsView,
    views.modelsView,
    views.poller,
    vscode.workspace.registerFileSystemProvider(ARTIFACT_SCHEME, artifacts, {
      isReadonly: true,
      isCaseSensitive: true,
    }),
    session.onDidChange(() => {
      artifacts.clear();
    }),
  );
}
