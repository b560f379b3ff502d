import type * as vscode from 'vscode';
import type { StoreSession } from '../connection';
import type { ExperimentsModel } from './experimentsModel';
import type { ExperimentsTreeProvider } from './experimentsTreeProvider';
import { registerExperimentKindCommand } from './experimentKindCommand';
import { explorerCommandKit } from './explorerCommandKit';
import type { ExplorerNode } from './explorerNode';
import { createExplorerViews, registerExplorerViews } from './explorerViews';
import type { ModelsTreeProvider } from './modelsTreeProvider';
import { registerArtifactCommands } from './registerArtifactCommands';
import { registerModelCommands } from './registerModelCommands';
import { registerRunCommands } from './registerRunCommands';
import { registerTraceCommands } from './registerTraceCommands';
import { registerViewCommands, runFilterKeys } from './registerViewCommands';
import { revealRun } from './revealRun';
import type { RunPoller } from './runPoller';
import type { TracesModel } from './tracesModel';

/** What the explorer hands to the rest of the extension (and to in-host tests through the API). */
export interface Explorer {
  readonly model: ExperimentsModel;
  readonly experiments: ExperimentsTreeProvider;
  readonly models: ModelsTreeProvider;
  readonly experimentsView: vscode.TreeView<ExplorerNode>;
  readonly modelsView: vscode.TreeView<ExplorerNode>;
  /** The loaded traces of each expanded Traces node, with its trace filter and grouping. */
  readonly traces: TracesModel;
  /** Keeps running runs and in-progress traces fresh while the Experiments view is visible. */
  readonly poller: RunPoller;
  /** Select a run in the Experiments view, loading pages of its experiment until it appears. */
  revealRun(runId: string): Promise<boolean>;
  /** The keys the run filter completes: those seen in the current experiment's loaded runs. */
  filterKeys(): string[];
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
  const views = createExplorerViews(session);
  const reveal = (runId: string): Promise<boolean> => revealRun(views, log, runId);
  const kit = explorerCommandKit(context, log, views);
  registerViewCommands(kit);
  registerRunCommands(kit);
  registerExperimentKindCommand(kit);
  registerTraceCommands(kit);
  registerArtifactCommands(kit);
  registerModelCommands(kit, reveal);
  registerExplorerViews(context, views);
  const { model, traces, experiments, models, experimentsView, modelsView, poller } = views;
  return {
    model,
    traces,
    experiments,
    models,
    experimentsView,
    modelsView,
    poller,
    revealRun: reveal,
    filterKeys: () => runFilterKeys(views),
  };
}
