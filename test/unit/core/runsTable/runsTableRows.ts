import type { Run } from '../../../../src/core/tracking/entities/run';
import { tableRow, type TableRow } from '../../../../src/core/runsTable/tableRow';

/** A run built in the test (not recorded): only what the table reads. */
export function run(
  id: string,
  o: {
    name?: string;
    status?: string;
    start?: number;
    end?: number;
    metrics?: Record<string, number>;
    params?: Record<string, string>;
    tags?: Record<string, string>;
    parent?: string;
  } = {},
): Run {
  const tags = { ...(o.tags ?? {}), ...(o.parent === undefined ? {} : { 'mlflow.parentRunId': o.parent }) };
  return {
    info: {
      runId: id,
      runName: o.name ?? id,
      experimentId: '1',
      userId: 'ana',
      status: o.status ?? 'FINISHED',
      startTime: o.start ?? 1_700_000_000_000,
      endTime: o.end ?? (o.status === 'RUNNING' ? undefined : (o.start ?? 1_700_000_000_000) + 60_000),
      artifactUri: undefined,
      lifecycleStage: 'active',
    },
    data: {
      metrics: Object.entries(o.metrics ?? {}).map(([key, value]) => ({ key, value, timestamp: 5, step: 9 })),
      params: Object.entries(o.params ?? {}).map(([key, value]) => ({ key, value })),
      tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    },
    inputs: { datasetInputs: [], modelInputs: [] },
    outputs: { modelOutputs: [] },
  };
}

export const row = (id: string, o: Parameters<typeof run>[1] = {}): TableRow => tableRow(run(id, o));
