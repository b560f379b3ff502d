import { StoreError } from '../../core/common/storeError';
import { groupBySession } from '../../core/explorer/traceFilterKeys';
import { isGenAiExperiment } from '../../core/explorer/traceSummary';
import type { TraceInfo } from '../../core/traces/entities/traceInfo';
import { EXPLORER_COMMANDS } from '../shared/commandIds/explorerCommandIds';
import type { ExplorerNode, NodeOf } from './explorerNode';
import { errorNode, rejectedFilterNode } from './messageNodes';
import type { ExperimentTraces } from './tracesModel';

/**
 * Where an experiment's Traces node goes among its runs: first for a GenAI experiment, whose
 * traces are what one looks at, after the runs (and their *Load more*) otherwise. While a run
 * filter is active the experiment lists only the runs that match it, so the node is left out.
 */
export function withTracesNode(
  experiment: NodeOf<'experiment'>,
  runNodes: ExplorerNode[],
  runFilterActive: boolean,
): ExplorerNode[] {
  if (runFilterActive) {
    return runNodes;
  }
  const traces: NodeOf<'traces'> = {
    kind: 'traces',
    id: `${experiment.id}/traces`,
    experimentId: experiment.experiment.experimentId,
    parentId: experiment.id,
  };
  return isGenAiExperiment(experiment.experiment.tags) ? [traces, ...runNodes] : [...runNodes, traces];
}

/** One node per loaded trace, under `parentId` (the Traces node or a session node). */
function traceNodeList(infos: readonly TraceInfo[], experimentId: string, parentId: string): ExplorerNode[] {
  return infos.map((info) => ({
    kind: 'trace',
    id: `trace:${info.traceId}`,
    traceId: info.traceId,
    experimentId,
    info,
    parentId,
  }));
}

/** The id of a session node: the Traces node's id and the session (or the no-session group). */
function sessionNodeId(tracesNodeId: string, sessionId: string | undefined): string {
  return sessionId === undefined ? `${tracesNodeId}/nosession` : `${tracesNodeId}/session:${sessionId}`;
}

/**
 * The children of a Traces node: the loaded traces (or, grouped, one node per session), then
 * *Load more*, an error or a message. A filter the store refuses (INVALID_PARAMETER_VALUE) shows
 * as the run filter's refused-filter node, whose click opens the trace filter box again.
 */
export function traceNodes(
  node: NodeOf<'traces'>,
  state: ExperimentTraces,
  grouped: boolean,
): ExplorerNode[] {
  const message = (suffix: string, text: string): NodeOf<'message'> => ({
    kind: 'message',
    id: `${node.id}/${suffix}`,
    text,
    detail: '',
    severity: 'info',
    retry: false,
    parentId: node.id,
  });
  if (state.noTraces !== undefined) {
    return [message('none', 'This server has no traces')];
  }
  const out: ExplorerNode[] = grouped
    ? groupBySession(state.loaded).map((g) => ({
        kind: 'traceSession',
        id: sessionNodeId(node.id, g.sessionId),
        experimentId: node.experimentId,
        sessionId: g.sessionId,
        count: g.traces.length,
        parentId: node.id,
      }))
    : traceNodeList(state.loaded, node.experimentId, node.id);
  const error = state.error;
  if (error !== undefined) {
    out.push(
      state.filter !== undefined && StoreError.is(error) && error.errorCode === 'INVALID_PARAMETER_VALUE'
        ? rejectedFilterNode(node.id, state.filter, error, {
            command: EXPLORER_COMMANDS.filterTraces,
            arguments: [node],
          })
        : errorNode(node.id, error, node.id),
    );
  } else if (state.cursor.hasMore && (state.loaded.length > 0 || state.loading === undefined)) {
    out.push({
      kind: 'tracesMore',
      id: `${node.id}/more`,
      experimentId: node.experimentId,
      loaded: state.loaded.length,
      parentId: node.id,
    });
  } else if (state.loaded.length === 0 && state.loading === undefined) {
    out.push(message('empty', state.filter === undefined ? 'No traces' : 'No traces match the filter'));
  }
  if (state.cursor.stoppedOnRepeatedToken) {
    out.push({ ...message('repeat', 'The server repeated a page token; stopped paging'), severity: 'error' });
  }
  return out;
}

/** The traces of one session node, from what is loaded now (a poll may have refreshed them). */
export function sessionTraceNodes(node: NodeOf<'traceSession'>, state: ExperimentTraces): ExplorerNode[] {
  const group = groupBySession(state.loaded).find((g) => g.sessionId === node.sessionId);
  return traceNodeList(group?.traces ?? [], node.experimentId, node.id);
}
