import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  clip,
  experimentJson,
  runDetailJson,
  runSummaryJson,
  toolText,
  type ToolStores,
} from '../core/tools';

/** Experiments listed as resources; more are reached through search_experiments. */
const LISTED_EXPERIMENTS = 100;
/** Runs an experiment resource carries (newest first). */
const EXPERIMENT_RUNS = 20;

/** The one value of a URI template variable (the SDK gives a string or a list). */
function variable(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v === '' || v.length > 200) {
    throw new Error('The resource URI names no id.');
  }
  return decodeURIComponent(v);
}

/**
 * `mlflow://experiments/{experiment_id}` (the experiment and its newest runs) and
 * `mlflow://runs/{run_id}` (a whole run), as JSON text bounded like the tools' answers.
 * Experiments are listed (up to 100); runs are reached by template.
 */
export function serveResources(mcp: McpServer, stores: ToolStores): void {
  mcp.registerResource(
    'experiment',
    new ResourceTemplate('mlflow://experiments/{experiment_id}', {
      list: async (extra) => {
        const page = await stores.tracking.searchExperiments({
          maxResults: LISTED_EXPERIMENTS,
          signal: extra.signal,
        });
        return {
          resources: page.items.map((e) => ({
            uri: `mlflow://experiments/${encodeURIComponent(e.experimentId)}`,
            name: clip(e.name),
            mimeType: 'application/json',
          })),
        };
      },
    }),
    {
      title: 'MLflow experiment',
      description: 'An MLflow experiment: its tags and its newest runs.',
      mimeType: 'application/json',
    },
    async (uri, vars, extra) => {
      const id = variable(vars.experiment_id);
      const experiment = await stores.tracking.getExperiment(id, { signal: extra.signal });
      const runs = await stores.tracking.searchRuns({
        experimentIds: [id],
        orderBy: ['attributes.start_time DESC'],
        maxResults: EXPERIMENT_RUNS,
        signal: extra.signal,
      });
      const text = toolText({
        ...experimentJson(experiment),
        newest_runs: runs.items.map((r) => runSummaryJson(r, 10)),
        ...(runs.nextPageToken === undefined
          ? {}
          : { runs_note: `the ${String(EXPERIMENT_RUNS)} newest runs; search_runs finds the rest` }),
      });
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text }] };
    },
  );
  mcp.registerResource(
    'run',
    new ResourceTemplate('mlflow://runs/{run_id}', { list: undefined }),
    {
      title: 'MLflow run',
      description: 'An MLflow run: params, latest metrics, tags, datasets and logged models.',
      mimeType: 'application/json',
    },
    async (uri, vars, extra) => {
      const run = await stores.tracking.getRun(variable(vars.run_id), { signal: extra.signal });
      return {
        contents: [{ uri: uri.href, mimeType: 'application/json', text: toolText(runDetailJson(run)) }],
      };
    },
  );
}
