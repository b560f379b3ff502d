import * as vscode from 'vscode';
import type { StoreSession } from '../connection';
import { TRACE_COMMANDS } from '../shared/commandIds/traceCommandIds';
import { registerReported } from '../shared/errors/withErrorReport';
import { isTraceId } from '../../protocol/traceDetail';
import { TraceDetailPanel, type TraceDetailDeps } from './traceDetailPanel';

/** A trace id given as a string or as a node carrying `traceId` (the Traces view's items). */
function traceIdOf(arg: unknown): string | undefined {
  if (isTraceId(arg)) {
    return arg;
  }
  if (typeof arg === 'object' && arg !== null && 'traceId' in arg && isTraceId(arg.traceId)) {
    return arg.traceId;
  }
  return undefined;
}

/** Ask for a trace id when the command was not given one (the palette). */
async function askTraceId(): Promise<string | undefined> {
  const typed = await vscode.window.showInputBox({
    title: 'Open Trace',
    prompt: 'The id of an MLflow trace (tr- and 32 hex digits on MLflow 3)',
    validateInput: (v) =>
      isTraceId(v.trim()) ? undefined : 'A trace id has only letters, digits, - and _ (at most 80).',
  });
  return typed?.trim();
}

/** The trace detail panel: its command (through the one error path) and its serializer. */
export function registerTraces(
  context: vscode.ExtensionContext,
  session: StoreSession,
  log: vscode.LogOutputChannel,
): void {
  const deps: TraceDetailDeps = {
    extensionUri: context.extensionUri,
    log,
    openTraces: () => session.traces(),
    onConnectionChange: session.onDidChange,
  };
  registerReported(context, log, {
    [TRACE_COMMANDS.openTrace]: async (arg) => {
      const traceId = traceIdOf(arg) ?? (arg === undefined ? await askTraceId() : undefined);
      return traceId === undefined || traceId === '' ? undefined : TraceDetailPanel.show(deps, traceId);
    },
    [TRACE_COMMANDS.openTraceInNewPanel]: (arg) => {
      const traceId = traceIdOf(arg);
      return traceId === undefined ? undefined : TraceDetailPanel.show(deps, traceId, { newPanel: true });
    },
  });
  context.subscriptions.push(TraceDetailPanel.registerSerializer(deps), {
    dispose: () => {
      TraceDetailPanel.disposeAll();
    },
  });
}
