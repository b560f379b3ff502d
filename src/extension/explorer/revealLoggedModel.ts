import * as vscode from 'vscode';
import { LOGGED_MODEL_ID } from '../../core/tracking/entities/loggedModel';
import { reportFailure } from '../shared/errors/reportFailure';
import type { ExplorerViews } from './explorerViews';
import { showAndReveal } from './revealRun';

/** Pages of logged models loaded at most while looking for one to reveal. */
const MAX_REVEAL_PAGES = 50;

/** The logged model a registered version was made from: its source is `models:/m-<id>` (MLflow 3). */
export function loggedModelOfSource(source: string | undefined): string | undefined {
  const id = /^models:\/(m-[0-9a-f]{32})$/.exec(source ?? '')?.[1];
  return id !== undefined && LOGGED_MODEL_ID.test(id) ? id : undefined;
}

/**
 * Select an MLflow 3 logged model under its experiment's Logged Models node, loading pages of
 * that experiment's logged models until it appears. Resolves to whether it was revealed; a
 * failure is reported, not thrown.
 */
export async function revealLoggedModel(
  views: ExplorerViews,
  log: vscode.LogOutputChannel,
  modelId: string,
): Promise<boolean> {
  const { session, experiments, loggedModels } = views;
  try {
    const stores = await session.stores();
    const expId = (await stores.tracking.getLoggedModel(modelId)).experimentId;
    await experiments.getChildren();
    const expNode = experiments.node(`exp:${expId}`);
    if (expNode === undefined) {
      return false;
    }
    for (let pages = 0; pages < MAX_REVEAL_PAGES; pages++) {
      const state = loggedModels.modelsOf(expId);
      await (state.loading ?? Promise.resolve());
      if (state.loaded.some((m) => m.modelId === modelId) || !state.cursor.hasMore) {
        break;
      }
      await loggedModels.loadMore(expId);
    }
    await experiments.getChildren(expNode);
    const folder = experiments.node(`exp:${expId}/loggedModels`);
    if (folder !== undefined) {
      await experiments.getChildren(folder);
    }
    const node = experiments.node(`lm:${modelId}`);
    if (node === undefined) {
      void vscode.window.showInformationMessage(
        `Logged model ${modelId} is not among the models the view shows (a run filter hides the Logged Models node).`,
      );
      return false;
    }
    await showAndReveal(views, node, true);
    return true;
  } catch (err) {
    reportFailure('Finding the logged model', err, log);
    return false;
  }
}
