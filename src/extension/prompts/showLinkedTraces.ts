import * as vscode from 'vscode';
import { collectPages } from '../../core/common/paging';
import { displayText } from '../../core/explorer/displayText';
import { formatTimestamp } from '../../core/explorer/runSummary';
import { tracesUsingPromptVersion } from '../../core/prompts/linkedTraces';
import type { TraceInfo } from '../../core/traces/entities/traceInfo';
import type { StoreSession } from '../connection';
import { TRACE_COMMANDS } from '../shared/commandIds/traceCommandIds';
import { promptNodeOf } from './promptNode';

/** A quick pick row for one trace. */
export interface TracePickItem extends vscode.QuickPickItem {
  readonly traceId: string;
}

/** Picks a row in place of the quick pick (in-host tests); the default shows the quick pick. */
export type TraceChooser = (
  items: readonly TracePickItem[],
) => TracePickItem | undefined | Promise<TracePickItem | undefined>;

/** What {@link showLinkedTraces} found and opened. */
export interface LinkedTracesResult {
  readonly traceIds: readonly string[];
  readonly opened: unknown;
}

/**
 * The traces that used a prompt version (their `mlflow.linkedPrompts` names it), in a quick pick;
 * the picked one opens in the trace panel. The prompt's `_mlflow_experiment_ids` say where to
 * look; a prompt without them (registered outside an experiment) is looked for everywhere.
 */
export async function showLinkedTraces(
  session: StoreSession,
  arg: unknown,
  choose?: TraceChooser,
): Promise<LinkedTracesResult | undefined> {
  const node = promptNodeOf(arg, 'promptVersion');
  if (node === undefined) {
    return undefined;
  }
  const { name, version } = node.version;
  const found = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Finding traces of ${name} version ${version}` },
    async () => {
      const [stores, traces] = await Promise.all([session.stores(), session.traces()]);
      const experimentIds =
        node.prompt.experimentIds.length > 0
          ? node.prompt.experimentIds
          : (
              await collectPages((pageToken) =>
                stores.tracking.searchExperiments({ maxResults: 1000, pageToken }),
              )
            ).map((e) => e.experimentId);
      return tracesUsingPromptVersion(traces, experimentIds, { name, version });
    },
  );
  const items = found.traces.map(pickItem);
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`No traces used ${name} version ${version}.`);
    return { traceIds: [], opened: undefined };
  }
  const picked =
    choose === undefined
      ? await vscode.window.showQuickPick(items, {
          title: `Traces that used ${name} version ${version}${found.truncated ? ' (the newest 10,000 traces read)' : ''}`,
          matchOnDescription: true,
          matchOnDetail: true,
        })
      : await choose(items);
  const opened =
    picked === undefined
      ? undefined
      : await vscode.commands.executeCommand(TRACE_COMMANDS.openTrace, picked.traceId);
  return { traceIds: items.map((i) => i.traceId), opened };
}

function pickItem(t: TraceInfo): TracePickItem {
  return {
    label: displayText(t.name ?? t.traceId, 120),
    description: [formatTimestamp(t.requestTimeMs), t.state.toLowerCase(), t.traceId].join(' · '),
    detail: t.requestPreview === undefined ? undefined : displayText(t.requestPreview, 200),
    traceId: t.traceId,
  };
}
