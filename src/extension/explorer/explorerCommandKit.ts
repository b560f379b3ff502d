import type * as vscode from 'vscode';
import { registerReported } from '../shared/errors/withErrorReport';
import { reportFailure } from '../shared/errors/reportFailure';
import type { ExplorerViews } from './explorerViews';
import { pickModelVersion, pickRun } from './paletteTargets';

/**
 * What every group of explorer commands registers with: the views, the log, registration through
 * `registerReported`, and the palette fallbacks, so that each group reads as a list of commands.
 */
export interface ExplorerCommandKit {
  readonly views: ExplorerViews;
  readonly log: vscode.LogOutputChannel;
  /** Registers one command on the context, its failures reported. */
  readonly register: (id: string, handler: (...args: unknown[]) => unknown) => void;
  /** Runs an action, reporting its failure and answering `fallback` instead of throwing. */
  readonly guarded: <T>(action: string, run: () => Promise<T>, fallback: T) => Promise<T>;
  /** The node a run command acts on: the argument, or (from the palette) a quick pick of runs. */
  readonly runArg: (arg: unknown, title: string, deleted?: boolean) => Promise<unknown>;
  /** The node a model-version command acts on: the argument, or a quick pick of versions. */
  readonly versionArg: (arg: unknown, title: string) => Promise<unknown>;
}

export function explorerCommandKit(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  views: ExplorerViews,
): ExplorerCommandKit {
  const { model, experimentsView, modelsView } = views;
  // Node commands also work from the palette: without a node they offer a quick pick (the
  // newest runs of the current experiment, or a registered model's versions) instead of failing.
  return {
    views,
    log,
    register: (id, handler) => {
      registerReported(context, log, { [id]: handler });
    },
    guarded: (action, run, fallback) =>
      run().catch((err: unknown) => {
        reportFailure(action, err, log);
        return fallback;
      }),
    runArg: (arg, title, deleted = false) =>
      arg === undefined ? pickRun(model, experimentsView.selection, title, deleted) : Promise.resolve(arg),
    versionArg: (arg, title) =>
      arg === undefined ? pickModelVersion(model, modelsView.selection, title) : Promise.resolve(arg),
  };
}
