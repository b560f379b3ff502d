import { fromLoggedModel } from '../../core/explorer/runModels';
import {
  metricRows,
  paramRows,
  sourceRunOf,
  tagRows,
  type LoggedModelRow,
} from '../../core/explorer/loggedModelRows';
import type { LoggedModel } from '../../core/tracking/entities/loggedModel';
import type { ExplorerNode, LoggedModelSection, NodeOf } from './explorerNode';
import type { ExperimentLoggedModels } from './loggedModelsModel';
import { errorNode } from './messageNodes';

/**
 * An experiment's children with its Logged Models node after the runs (and their *Load more*),
 * as the MLflow UI puts its Models tab after Runs. Left out while a run filter is active (the
 * experiment then lists only the runs that match) and for an experiment with no logged models.
 */
export function withLoggedModelsNode(
  experiment: NodeOf<'experiment'>,
  runNodes: ExplorerNode[],
  state: ExperimentLoggedModels,
  runFilterActive: boolean,
): ExplorerNode[] {
  if (runFilterActive || (state.loaded.length === 0 && state.error === undefined)) {
    return runNodes;
  }
  const node: NodeOf<'loggedModels'> = {
    kind: 'loggedModels',
    id: `${experiment.id}/loggedModels`,
    experimentId: experiment.experiment.experimentId,
    parentId: experiment.id,
  };
  return [...runNodes, node];
}

/** One logged model's node: the commands of a run's model node work on it as they are. */
export function loggedModelNode(m: LoggedModel, parentId: string): NodeOf<'loggedModel'> {
  return {
    kind: 'loggedModel',
    id: `lm:${m.modelId}`,
    runId: sourceRunOf(m) ?? '',
    model: fromLoggedModel(m),
    logged: m,
    parentId,
  };
}

/** The Logged Models node's children: the loaded models, newest first, then *Load more* or an error. */
export function loggedModelsNodes(
  node: NodeOf<'loggedModels'>,
  state: ExperimentLoggedModels,
): ExplorerNode[] {
  const out: ExplorerNode[] = state.loaded.map((m) => loggedModelNode(m, node.id));
  if (state.error !== undefined) {
    out.push(errorNode(node.id, state.error, node.id));
  } else if (state.cursor.hasMore && state.loaded.length > 0) {
    out.push({
      kind: 'loggedModelsMore',
      id: `${node.id}/more`,
      experimentId: node.experimentId,
      loaded: state.loaded.length,
      parentId: node.id,
    });
  }
  return out;
}

export const LOGGED_MODEL_SECTION_LABELS: Readonly<Record<LoggedModelSection, string>> = {
  params: 'Parameters',
  metrics: 'Metrics',
  tags: 'Tags',
  artifacts: 'Artifacts',
};

type ValueSection = Exclude<LoggedModelSection, 'artifacts'>;

const ROWS: Readonly<Record<ValueSection, (m: LoggedModel) => LoggedModelRow[]>> = {
  params: paramRows,
  metrics: metricRows,
  tags: tagRows,
};

const ICONS: Readonly<Record<ValueSection, string>> = {
  params: 'symbol-parameter',
  metrics: 'graph-line',
  tags: 'tag',
};

/**
 * A logged model's sections, those with entries, then its Artifacts folder (read through the
 * artifact file system with the model's id as owner). A model still PENDING has written no
 * artifacts (MLflow's git-versioned models stay so), so it has no Artifacts folder.
 */
export function loggedModelSections(node: NodeOf<'loggedModel'>): ExplorerNode[] {
  const m = node.logged;
  if (m === undefined) {
    return [];
  }
  const counts: Record<ValueSection, number> = {
    params: m.params.length,
    metrics: m.metrics.length,
    tags: m.tags.length,
  };
  const sections: LoggedModelSection[] = (['params', 'metrics', 'tags'] as const).filter(
    (section) => counts[section] > 0,
  );
  if (m.status !== 'LOGGED_MODEL_PENDING') {
    sections.push('artifacts');
  }
  return sections.map((section) => ({
    kind: 'loggedModelSection',
    id: `${node.id}/${section}`,
    section,
    model: m,
    parentId: node.id,
  }));
}

/** The rows of one section of a logged model. */
export function loggedModelSectionValues(node: NodeOf<'loggedModelSection'>): ExplorerNode[] {
  const section = node.section;
  if (section === 'artifacts') {
    return [];
  }
  return ROWS[section](node.model).map((r) => ({
    kind: 'value',
    id: `${node.id}/${r.key}`,
    label: r.label,
    description: r.description,
    tooltip: r.tooltip,
    icon: ICONS[section],
    copy: r.copy,
    parentId: node.id,
  }));
}
