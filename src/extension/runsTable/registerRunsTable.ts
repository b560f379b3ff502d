import * as vscode from 'vscode';
import type { StoreSession } from '../connection';
import { nodeOf, promptRunFilter } from '../explorer';
import { RUNS_TABLE_COMMANDS } from '../shared/commandIds/runsTableCommandIds';
import { registerReported } from '../shared/errors/withErrorReport';
import { ColumnMemory } from './columnMemory';
import { RunsTablePanel, type RunsTableDeps } from './runsTablePanel';

/** What the rest of the extension (and the in-host tests, through the API) sees of the runs tables. */
export interface RunsTables {
  readonly all: () => readonly RunsTablePanel[];
}

/** Ask for an experiment of the active connection (the palette has no node). */
async function pickExperiment(session: StoreSession): Promise<{ id: string; name: string } | undefined> {
  const store = (await session.stores()).tracking;
  const page = await store.searchExperiments({ maxResults: 1000, viewType: 'ACTIVE_ONLY' });
  const chosen = await vscode.window.showQuickPick(
    page.items.map((e) => ({ label: e.name, description: `#${e.experimentId}`, id: e.experimentId })),
    { title: 'Open Runs Table', placeHolder: 'The experiment whose runs to show', matchOnDescription: true },
  );
  return chosen === undefined ? undefined : { id: chosen.id, name: chosen.label };
}

/**
 * Open the table of an experiment known by id only. The panel starts before the store is open and
 * the name read (both can take a while on a large local store); an experiment that cannot be read
 * closes it again and fails the command, as if it had never opened.
 */
async function openById(deps: RunsTableDeps, experimentId: string): Promise<RunsTablePanel> {
  const named = deps.session
    .stores()
    .then(async (stores) => (await stores.tracking.getExperiment(experimentId)).name);
  const panel = RunsTablePanel.show(deps, experimentId, named);
  try {
    await named;
  } catch (err) {
    panel.panel.dispose();
    throw err;
  }
  return panel;
}

/**
 * *Open Runs Table* on an experiment node or from the palette (an experiment id as argument, or
 * picked), and the tables' clean-up.
 */
export function registerRunsTable(
  context: vscode.ExtensionContext,
  session: StoreSession,
  log: vscode.LogOutputChannel,
): RunsTables {
  const deps: RunsTableDeps = {
    extensionUri: context.extensionUri,
    session,
    log,
    memory: new ColumnMemory(context.workspaceState),
    promptFilter: (current, keys) => promptRunFilter(current, keys),
  };
  registerReported(context, log, {
    [RUNS_TABLE_COMMANDS.open]: async (arg) => {
      const node = nodeOf(arg, 'experiment');
      let target =
        node === undefined ? undefined : { id: node.experiment.experimentId, name: node.experiment.name };
      if (target === undefined && typeof arg === 'string' && /^[\w-]{1,64}$/.test(arg)) {
        return openById(deps, arg);
      }
      target ??= await pickExperiment(session);
      return target === undefined ? undefined : RunsTablePanel.show(deps, target.id, target.name);
    },
  });
  context.subscriptions.push({
    dispose: () => {
      RunsTablePanel.disposeAll();
    },
  });
  return { all: () => RunsTablePanel.all() };
}
