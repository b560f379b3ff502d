import * as vscode from 'vscode';
import { EXPLORER_COMMANDS } from '../shared/commandIds/explorerCommandIds';
import type { ExplorerCommandKit } from './explorerCommandKit';
import { nodeOf } from './explorerNode';

/** Copy a trace's id; answers the id copied (undefined without a trace node), which tests read. */
export async function copyTraceId(arg: unknown): Promise<string | undefined> {
  const text = nodeOf(arg, 'trace')?.traceId;
  if (text !== undefined) {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`Copied ${text}`, 3000);
  }
  return text;
}

/**
 * The commands on the Traces nodes of the Experiments view: the next page of an experiment's
 * traces, and copying a trace's id (from the context menu; it needs a trace node).
 */
export function registerTraceCommands({ register, guarded, views }: ExplorerCommandKit): void {
  register(EXPLORER_COMMANDS.loadMoreTraces, (arg) => {
    const node = nodeOf(arg, 'tracesMore');
    return node === undefined ? undefined : views.traces.loadMore(node.experimentId);
  });
  register(EXPLORER_COMMANDS.copyTraceId, (arg) =>
    guarded('Copying the trace id', () => copyTraceId(arg), undefined),
  );
}
