import { EXPLORER_COMMANDS } from '../shared/commandIds/explorerCommandIds';
import type { ExplorerCommandKit } from './explorerCommandKit';
import { copyRunId, editRunTags, openInServerUi, renameRun, setRunDeleted } from './runCommands';

/**
 * The commands on a run: copy its id, open it in the MLflow UI, rename, delete, restore, edit tags.
 * Each reports its own failure and answers its fallback, which the in-host tests read.
 */
export function registerRunCommands({ register, guarded, runArg, views, log }: ExplorerCommandKit): void {
  const { session, model } = views;
  register(EXPLORER_COMMANDS.copyRunId, (arg) =>
    guarded('Copying the run id', async () => copyRunId(await runArg(arg, 'Copy Run ID')), undefined),
  );
  register(EXPLORER_COMMANDS.openInBrowser, (arg) =>
    guarded(
      'Opening the MLflow UI',
      async () => openInServerUi(session, log, await runArg(arg, 'Open in MLflow UI')),
      undefined,
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
}
