import * as vscode from 'vscode';
import { traceFilterKeys } from '../../core/explorer/traceFilterKeys';
import { EXPLORER_COMMANDS } from '../shared/commandIds/explorerCommandIds';
import type { ExplorerCommandKit } from './explorerCommandKit';
import { nodeOf } from './explorerNode';
import type { ExplorerViews } from './explorerViews';
import { currentExperimentId } from './paletteTargets';
import { promptTraceFilter } from './traceFilterPrompt';

/** Copy a trace's id; answers the id copied (undefined without a trace node), which tests read. */
export async function copyTraceId(arg: unknown): Promise<string | undefined> {
  const text = nodeOf(arg, 'trace')?.traceId;
  if (text !== undefined) {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`Copied ${text}`, 3000);
  }
  return text;
}

/** The experiment a Traces-node command acts on: the node's, else the one selected in the view. */
function experimentOf({ model, experimentsView }: ExplorerViews, arg: unknown): string | undefined {
  return (
    nodeOf(arg, 'traces', 'trace', 'traceSession', 'tracesMore')?.experimentId ??
    currentExperimentId(model, experimentsView.selection)
  );
}

/** The keys the trace filter completes: those seen in an experiment's loaded traces. */
export function traceFilterKeysOf(views: ExplorerViews, experimentId: string): string[] {
  return traceFilterKeys(views.traces.loadedTracesOf(experimentId));
}

/**
 * The commands on the Traces nodes of the Experiments view: the next page of an experiment's
 * traces, its trace filter (asked for, or given as the second argument by tests and the refused
 * filter node's click), grouping by session, and copying a trace's id.
 */
export function registerTraceCommands({ register, guarded, views }: ExplorerCommandKit): void {
  const { traces, session } = views;
  register(EXPLORER_COMMANDS.loadMoreTraces, (arg) => {
    const node = nodeOf(arg, 'tracesMore');
    return node === undefined ? undefined : traces.loadMore(node.experimentId);
  });
  register(EXPLORER_COMMANDS.copyTraceId, (arg) =>
    guarded('Copying the trace id', () => copyTraceId(arg), undefined),
  );
  register(EXPLORER_COMMANDS.filterTraces, async (arg?: unknown, filterArg?: unknown) => {
    const experimentId = experimentOf(views, arg);
    if (experimentId === undefined) {
      void vscode.window.showInformationMessage('Select an experiment to filter its traces.');
      return undefined;
    }
    // A refused filter stays in the box (the model keeps it) so that it can be corrected.
    const filter =
      typeof filterArg === 'string'
        ? filterArg
        : await promptTraceFilter(
            traces.filterOf(experimentId),
            traceFilterKeysOf(views, experimentId),
            (await session.traces()).kind,
          );
    if (filter !== undefined) {
      traces.setFilter(experimentId, filter);
    }
    return traces.filterOf(experimentId);
  });
  register(EXPLORER_COMMANDS.clearTraceFilter, (arg) => {
    const experimentId = experimentOf(views, arg);
    if (experimentId !== undefined) {
      traces.setFilter(experimentId, undefined);
    }
  });
  const group = (grouped: boolean) => (arg: unknown) => {
    const experimentId = experimentOf(views, arg);
    if (experimentId !== undefined) {
      traces.setGrouped(experimentId, grouped);
    }
  };
  register(EXPLORER_COMMANDS.groupTracesBySession, group(true));
  register(EXPLORER_COMMANDS.ungroupTraces, group(false));
}
