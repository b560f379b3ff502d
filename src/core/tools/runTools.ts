import { buildCompareTable, onlyDifferences } from '../compare/compareTable';
import { readRuns } from '../compare/readRuns';
import { viewTypeOf } from './experimentTools';
import { runDetailJson, runSummaryJson } from './runJson';
import { boundedInt, optionalString, requiredString, stringList } from './toolInput';
import { clip, compact, toolText } from './toolOutput';
import { ToolInputError, type MlflowTool, type ToolCall, type ToolInput } from './toolTypes';

/** The experiment ids a run search covers: the ids given plus those of the names given. */
async function experimentIdsOf(input: ToolInput, { stores, signal }: ToolCall): Promise<string[]> {
  const ids = stringList(input, 'experiment_ids', 50);
  for (const name of stringList(input, 'experiment_names', 50)) {
    const e = await stores.tracking.getExperimentByName(name, { signal });
    if (e === undefined) {
      throw new ToolInputError(`No experiment is named "${clip(name)}"; search_experiments lists them.`);
    }
    ids.push(e.experimentId);
  }
  if (ids.length === 0) {
    throw new ToolInputError('Give experiment_ids or experiment_names (search_experiments lists them).');
  }
  return [...new Set(ids)];
}

export const searchRuns: MlflowTool = {
  name: 'search_runs',
  title: 'Search MLflow Runs',
  description:
    'Searches the runs of one or more MLflow experiments. Use it to answer questions such as "which run had the best ' +
    "val_loss\": filter with MLflow's run filter grammar (e.g. \"metrics.val_loss < 0.3 AND params.model = 'rf' AND " +
    "attributes.status = 'FINISHED'\", tags.`mlflow.source.git.commit` for dotted keys) and order with " +
    "order_by (e.g. ['metrics.val_loss ASC']). Answers JSON: runs with id, name, status, times, latest metric " +
    'values and params (tags are left out: get_run gives them), and next_page_token when more runs match.',
  inputSchema: {
    type: 'object',
    properties: {
      experiment_ids: {
        type: 'array',
        items: { type: 'string' },
        description: 'Experiment ids.',
        maxItems: 50,
      },
      experiment_names: {
        type: 'array',
        items: { type: 'string' },
        description: 'Experiment names (instead of or besides ids).',
        maxItems: 50,
      },
      filter: { type: 'string', description: 'MLflow run filter, e.g. metrics.accuracy > 0.9.' },
      order_by: {
        type: 'array',
        items: { type: 'string' },
        description: "e.g. ['metrics.val_loss ASC', 'attributes.start_time DESC'].",
        maxItems: 5,
      },
      view_type: { type: 'string', description: 'ACTIVE_ONLY (default), DELETED_ONLY or ALL.' },
      max_results: {
        type: 'integer',
        description: 'At most this many runs (1-100, default 20).',
        minimum: 1,
        maximum: 100,
      },
      page_token: { type: 'string', description: 'next_page_token of a previous answer.' },
    },
    additionalProperties: false,
  },
  writes: false,
  async run(input, call) {
    const page = await call.stores.tracking.searchRuns({
      experimentIds: await experimentIdsOf(input, call),
      filter: optionalString(input, 'filter'),
      orderBy: stringList(input, 'order_by', 5),
      runViewType: viewTypeOf(input),
      maxResults: boundedInt(input, 'max_results', 20, 1, 100),
      pageToken: optionalString(input, 'page_token'),
      signal: call.signal,
    });
    return toolText(
      compact({ runs: page.items.map((r) => runSummaryJson(r)), next_page_token: page.nextPageToken }),
    );
  },
};

export const getRun: MlflowTool = {
  name: 'get_run',
  title: 'Get MLflow Run',
  description:
    'Reads one MLflow run by id: its status and times, every param, the latest value of every metric, its tags ' +
    '(including mlflow.source.name and mlflow.source.git.commit, which say what code produced it), datasets and ' +
    'the logged models it produced. For a metric over steps use get_metric_history. Answers JSON.',
  inputSchema: {
    type: 'object',
    properties: { run_id: { type: 'string', description: 'The run id (32 hex characters).' } },
    required: ['run_id'],
    additionalProperties: false,
  },
  writes: false,
  async run(input, { stores, signal }) {
    return toolText(runDetailJson(await stores.tracking.getRun(requiredString(input, 'run_id'), { signal })));
  },
};

/** Longest cell of the compare table as text. */
const MAX_COMPARE_CELL = 80;

export const compareRuns: MlflowTool = {
  name: 'compare_runs',
  title: 'Compare MLflow Runs',
  description:
    'Compares 2 to 20 MLflow runs and answers a text table of only what differs between them: attributes (status, ' +
    'duration, git commit, source), params, latest metric values (the best value of each metric is marked with *) ' +
    'and user tags. Rows where every run has the same value are left out. Use it to explain why one run did ' +
    'better than another.',
  inputSchema: {
    type: 'object',
    properties: {
      run_ids: {
        type: 'array',
        items: { type: 'string' },
        description: 'The runs to compare, in column order.',
        minItems: 2,
        maxItems: 20,
      },
    },
    required: ['run_ids'],
    additionalProperties: false,
  },
  writes: false,
  async run(input, { stores, signal }) {
    const ids = [...new Set(stringList(input, 'run_ids', 20))];
    if (ids.length < 2) {
      throw new ToolInputError('"run_ids" needs at least two different run ids.');
    }
    const { runs, missing } = await readRuns(stores.tracking, ids, signal);
    if (runs.length < 2) {
      throw new ToolInputError(
        `Fewer than two of these runs could be read (missing: ${missing.join(', ')}).`,
      );
    }
    const full = buildCompareTable(runs);
    const table = onlyDifferences(full);
    const cell = (text: string | undefined): string =>
      clip(text, MAX_COMPARE_CELL)?.replace(/\|/g, '¦') ?? '—';
    const header = ['section', 'key', ...runs.map((r) => cell(r.info.runName ?? r.info.runId))];
    const lines = [
      `Compared ${String(runs.length)} runs; ${String(table.rows.length)} of ${String(full.rows.length)} rows differ.`,
      ...(missing.length > 0 ? [`Could not read: ${missing.join(', ')}`] : []),
      '',
      header.join(' | '),
      ...table.rows.map((row) =>
        [
          row.section,
          cell(row.label),
          ...row.cells.map((c, i) =>
            c === undefined ? '—' : `${cell(c.text)}${row.best === i ? ' *' : ''}`,
          ),
        ].join(' | '),
      ),
    ];
    return toolText(lines.join('\n'));
  },
};
