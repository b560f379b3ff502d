import type { Run } from '../entities/run';
import type { ViewType } from '../trackingStore';
import { compareValue } from './matchClause';
import { checkRunClauses } from './runClauseRules';
import { searchEntities } from './searchEntities';
import { parseSearchFilter, type FilterClause } from './searchFilter';

const ATTRIBUTE_ALIASES: Readonly<Record<string, string>> = {
  created: 'start_time',
  Created: 'start_time',
  'run name': 'run_name',
  'Run name': 'run_name',
  'Run Name': 'run_name',
};

/** The value a filter or order term reads from a run; undefined when the run lacks it. */
export function runValue(run: Run, type: FilterClause['type'], key: string): string | number | undefined {
  switch (type) {
    case 'metrics':
      return run.data.metrics.find((m) => m.key === key)?.value;
    case 'params':
      return run.data.params.find((p) => p.key === key)?.value;
    case 'tags':
      return run.data.tags.find((t) => t.key === key)?.value;
    case 'datasets':
      return undefined;
    case 'attributes': {
      const i = run.info;
      const attr = ATTRIBUTE_ALIASES[key] ?? key;
      const values: Record<string, string | number | undefined> = {
        run_id: i.runId,
        run_name: i.runName,
        user_id: i.userId,
        status: i.status,
        start_time: i.startTime,
        end_time: i.endTime,
        artifact_uri: i.artifactUri,
        lifecycle_stage: i.lifecycleStage,
      };
      return values[attr];
    }
  }
}

function matchesDatasets(run: Run, clause: FilterClause): boolean {
  return run.inputs.datasetInputs.some((d) => {
    const v =
      clause.key === 'name'
        ? d.dataset.name
        : clause.key === 'digest'
          ? d.dataset.digest
          : d.tags.find((t) => t.key === 'mlflow.data.context')?.value;
    return compareValue(v, clause.comparator, clause.value);
  });
}

function sqlMetricValue(v: string | number | undefined): string | number | undefined {
  return typeof v === 'number' && Number.isNaN(v) ? 0 : v;
}

/** Does a run's lifecycle stage pass the view type? */
export function inView(stage: string, view: ViewType | undefined): boolean {
  return view === 'ALL' || (view === 'DELETED_ONLY' ? stage === 'deleted' : stage !== 'deleted');
}

/**
 * Which MLflow store's answers to give. They differ on NaN metrics only: the SQL store keeps a
 * NaN as 0 in the `value` column it filters on (with `is_nan` set), so `metrics.m < 0.1` matches
 * it; the file store compares the float, which only `!=` matches.
 */
export type RunSearchSemantics = 'sql' | 'file';

/**
 * Filter and order runs in memory the way MLflow's stores do: the same filter rules and errors,
 * AND-ed clauses, then the order_by terms, then start_time DESC and run id as tie-breakers. Used
 * by the local stores, each with the semantics of MLflow's store of its kind.
 */
export function searchRunsInMemory(
  runs: readonly Run[],
  filter: string | undefined,
  orderBy: readonly string[] | undefined,
  semantics: RunSearchSemantics,
): Run[] {
  checkRunClauses(parseSearchFilter(filter));
  return searchEntities(runs, filter, orderBy, {
    valueOf: runValue,
    tieBreakers: [
      { type: 'attributes', key: 'start_time', ascending: false },
      { type: 'attributes', key: 'run_id', ascending: true },
    ],
    matches: (run, clause) =>
      clause.type === 'datasets'
        ? matchesDatasets(run, clause)
        : clause.type === 'metrics' && semantics === 'sql'
          ? compareValue(
              sqlMetricValue(runValue(run, 'metrics', clause.key)),
              clause.comparator,
              clause.value,
            )
          : undefined,
  });
}
