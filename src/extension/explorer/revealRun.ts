import * as vscode from 'vscode';
import { reportFailure } from '../shared/errors/reportFailure';
import type { ExplorerNode } from './explorerNode';
import type { ExplorerViews } from './explorerViews';

/** Pages loaded at most while looking for a run to reveal (`mlflow.runs.pageSize` runs each). */
const MAX_REVEAL_PAGES = 50;
/** How long the tree's data must stay unchanged before a reveal, and the longest wait for that. */
export const SETTLE_MS = 300;
export const SETTLE_CAP_MS = 3_000;

/**
 * Resolves once `event` has been silent for `quietMs` (or after `capMs` at most). A reveal sent
 * while the workbench is still redrawing after a refresh can be folded away by that redraw.
 */
export function whenQuiet(event: vscode.Event<unknown>, quietMs: number, capMs: number): Promise<void> {
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

/** Resolves once `view` becomes visible (or after `capMs` at most). */
export function whenShown(view: vscode.TreeView<unknown>, capMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(cap);
      sub.dispose();
      resolve();
    };
    const cap = setTimeout(done, capMs);
    const sub = view.onDidChangeVisibility((e) => {
      if (e.visible) {
        done();
      }
    });
  });
}

/** Loads pages of the experiment's runs until the run is among them or there are no more. */
async function loadUntilListed({ model }: ExplorerViews, expId: string, runId: string): Promise<void> {
  model.runsOf(expId);
  for (let pages = 0; pages < MAX_REVEAL_PAGES; pages++) {
    await model.settled(expId);
    if (model.loadedRunsOf(expId).some((r) => r.info.runId === runId) || !model.runsOf(expId).pager.hasMore) {
      break;
    }
    await model.loadMore(expId);
  }
}

/**
 * Selects a run in the Experiments view, loading pages of its experiment until it appears. Resolves
 * to whether it was revealed; a failure is reported, not thrown.
 */
export async function revealRun(
  views: ExplorerViews,
  log: vscode.LogOutputChannel,
  runId: string,
): Promise<boolean> {
  const { session, experiments } = views;
  try {
    const stores = await session.stores();
    const run = await stores.tracking.getRun(runId);
    const expId = run.info.experimentId;
    await experiments.getChildren();
    await loadUntilListed(views, expId, runId);
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
    await showAndReveal(views, node, false);
    return true;
  } catch (err) {
    reportFailure('Finding the run', err, log);
    return false;
  }
}

/**
 * Select a node of the Experiments view: show the view first and let it draw its top level (a
 * reveal into a view that is still being created can leave the experiment folded), wait until
 * the tree has settled, then reveal the node as the tree now holds it.
 */
export async function showAndReveal(
  { experiments, experimentsView }: Pick<ExplorerViews, 'experiments' | 'experimentsView'>,
  node: ExplorerNode,
  expand: boolean,
): Promise<void> {
  if (!experimentsView.visible) {
    const shown = whenShown(experimentsView, SETTLE_CAP_MS);
    await vscode.commands.executeCommand('mlflow.experiments.focus');
    await shown;
  }
  await whenQuiet(experiments.onDidChangeTreeData, SETTLE_MS, SETTLE_CAP_MS);
  await experimentsView.reveal(experiments.node(node.id) ?? node, { select: true, focus: true, expand });
}
