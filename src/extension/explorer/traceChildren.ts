import { isGenAiExperiment } from '../../core/explorer/traceSummary';
import type { ExplorerNode, NodeOf } from './explorerNode';
import { errorNode } from './messageNodes';
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

/** The children of a Traces node: the loaded traces, then *Load more*, an error or a message. */
export function traceNodes(node: NodeOf<'traces'>, state: ExperimentTraces): ExplorerNode[] {
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
  const out: ExplorerNode[] = state.loaded.map((info) => ({
    kind: 'trace',
    id: `trace:${info.traceId}`,
    traceId: info.traceId,
    experimentId: node.experimentId,
    info,
    parentId: node.id,
  }));
  if (state.error !== undefined) {
    out.push(errorNode(node.id, state.error, node.id));
  } else if (state.hasMore && (state.loaded.length > 0 || state.loading === undefined)) {
    out.push({
      kind: 'tracesMore',
      id: `${node.id}/more`,
      experimentId: node.experimentId,
      loaded: state.loaded.length,
      parentId: node.id,
    });
  } else if (state.loaded.length === 0 && state.loading === undefined) {
    out.push(message('empty', 'No traces'));
  }
  return out;
}
