import type { Experiment } from '../tracking/entities/experiment';
import type { ViewType } from '../tracking/trackingStore';
import { boundedInt, optionalString, stringList } from './toolInput';
import { MAX_VALUE, clip, compact, firstItems, isoTime, toolText } from './toolOutput';
import { ToolInputError, type MlflowTool, type ToolInput } from './toolTypes';

/** An experiment as the tools answer it. */
export function experimentJson(e: Experiment): Record<string, unknown> {
  const tags = firstItems(e.tags, 20, 'tags');
  return compact({
    experiment_id: e.experimentId,
    name: clip(e.name),
    lifecycle_stage: e.lifecycleStage,
    creation_time: isoTime(e.creationTime),
    last_update_time: isoTime(e.lastUpdateTime),
    tags: Object.fromEntries(tags.items.map((t) => [clip(t.key), clip(t.value, MAX_VALUE)])),
    tags_note: tags.note,
  });
}

/** `view_type` input: active experiments (or runs) unless the model asks for deleted ones. */
export function viewTypeOf(input: ToolInput): ViewType {
  const v = optionalString(input, 'view_type') ?? 'ACTIVE_ONLY';
  if (v !== 'ACTIVE_ONLY' && v !== 'DELETED_ONLY' && v !== 'ALL') {
    throw new ToolInputError('"view_type" is ACTIVE_ONLY, DELETED_ONLY or ALL.');
  }
  return v;
}

export const searchExperiments: MlflowTool = {
  name: 'search_experiments',
  title: 'Search MLflow Experiments',
  description:
    'Lists the MLflow experiments of the connected tracking store, newest first unless order_by says otherwise. ' +
    "Use it first to find experiment ids by name before searching runs or traces. 'filter' uses MLflow's experiment " +
    'filter grammar, e.g. "name LIKE \'%churn%\'" or "tags.team = \'nlp\'" (clauses joined by AND). ' +
    'Answers JSON: experiments (id, name, stage, times, tags) and next_page_token when more exist.',
  inputSchema: {
    type: 'object',
    properties: {
      filter: { type: 'string', description: "MLflow filter, e.g. name LIKE '%churn%'." },
      order_by: {
        type: 'array',
        items: { type: 'string' },
        description: "e.g. ['last_update_time DESC'] or ['name ASC'].",
        maxItems: 5,
      },
      view_type: { type: 'string', description: 'ACTIVE_ONLY (default), DELETED_ONLY or ALL.' },
      max_results: {
        type: 'integer',
        description: 'At most this many (1-100, default 50).',
        minimum: 1,
        maximum: 100,
      },
      page_token: { type: 'string', description: 'next_page_token of a previous answer.' },
    },
    additionalProperties: false,
  },
  writes: false,
  async run(input, { stores, signal }) {
    const page = await stores.tracking.searchExperiments({
      filter: optionalString(input, 'filter'),
      orderBy: stringList(input, 'order_by', 5),
      viewType: viewTypeOf(input),
      maxResults: boundedInt(input, 'max_results', 50, 1, 100),
      pageToken: optionalString(input, 'page_token'),
      signal,
    });
    return toolText(
      compact({ experiments: page.items.map(experimentJson), next_page_token: page.nextPageToken }),
    );
  },
};
