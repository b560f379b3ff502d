import * as vscode from 'vscode';
import { EXPLORER_COMMANDS } from '../shared/commandIds/explorerCommandIds';
import type { ExplorerCommandKit } from './explorerCommandKit';
import { nodeOf } from './explorerNode';
import { copyModelUri, deleteAlias, setAlias } from './modelCommands';
import { pickModelVersion } from './paletteTargets';
import { loggedModelOfSource, revealLoggedModel } from './revealLoggedModel';

/**
 * The commands on a registered model's version: copy its URI, set or delete an alias, and show the
 * run it came from (`revealRun` selects that run in the Experiments view); the same Show Source
 * Run on an experiment's logged model, and the next page of an experiment's logged models; *Show
 * Logged Model* on a version registered from an MLflow 3 logged model (source `models:/m-<id>`).
 */
export function registerModelCommands(
  { register, guarded, versionArg, views, log }: ExplorerCommandKit,
  revealRun: (runId: string) => Promise<boolean>,
): void {
  const { session, model, models, modelsView, loggedModels } = views;
  register(EXPLORER_COMMANDS.loadMoreLoggedModels, (arg) => {
    const node = nodeOf(arg, 'loggedModelsMore');
    return node === undefined ? undefined : loggedModels.loadMore(node.experimentId);
  });
  register(EXPLORER_COMMANDS.copyModelUri, (arg, alias) =>
    guarded(
      'Copying the model URI',
      async () =>
        copyModelUri(await versionArg(arg, 'Copy Model URI'), typeof alias === 'string' ? alias : undefined),
      undefined,
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
    const logged = nodeOf(picked, 'loggedModel');
    const runId =
      nodeOf(picked, 'modelVersion')?.modelVersion.runId ??
      (logged === undefined || logged.runId === '' ? undefined : logged.runId) ??
      (typeof picked === 'string' ? picked : undefined);
    if (runId === undefined) {
      return false;
    }
    await vscode.commands.executeCommand('mlflow.experiments.focus');
    return revealRun(runId);
  });
  register(EXPLORER_COMMANDS.showLoggedModel, async (arg) => {
    const picked =
      arg === undefined
        ? await guarded(
            'Finding the version',
            () => pickModelVersion(model, modelsView.selection, 'Show Logged Model'),
            undefined,
          )
        : arg;
    const modelId =
      loggedModelOfSource(nodeOf(picked, 'modelVersion')?.modelVersion.source) ??
      (typeof picked === 'string' ? loggedModelOfSource(`models:/${picked}`) : undefined);
    if (modelId === undefined) {
      if (picked !== undefined) {
        void vscode.window.showInformationMessage(
          'This version was not registered from an MLflow 3 logged model (its source is not models:/m-<id>).',
        );
      }
      return false;
    }
    return revealLoggedModel(views, log, modelId);
  });
}
