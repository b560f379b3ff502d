import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { isEvaluationRun, scorerMetrics } from '../../../../src/core/evaluation/evaluationRun';
import { buildEvaluationTable } from '../../../../src/core/evaluation/evaluationTable';
import { listEvaluationTraces } from '../../../../src/core/evaluation/evaluationTraces';
import { findEvaluationRuns } from '../../../../src/core/evaluation/findEvaluationRuns';
import { loadEvaluation } from '../../../../src/core/evaluation/loadEvaluation';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { SqliteTraceStore } from '../../../../src/core/traces/sqlite/sqliteTraceStore';
import { SHARED_3 } from '../../../support/mlflow/traceFixtures';

/** The two `mlflow.genai.evaluate` runs of the recorded 3.11.1 store (README "Evaluation"). */
const EVAL_DATASET_RUN = 'e356c244f214446dba9d6f16aad460c4';
const EVAL_LIST_RUN = '346cd906d1d04c54850ba8809d82f6b5';

describe('evaluation runs over the recorded 3.11.1 mlflow.db', () => {
  let db: SqliteDatabase;
  let tracking: SqliteTrackingStore;
  let traces: SqliteTraceStore;

  before(async () => {
    db = await SqliteDatabase.open(path.join(SHARED_3, 'sqlite/mlflow.db'));
    tracking = new SqliteTrackingStore(db);
    traces = new SqliteTraceStore(db);
  });
  after(() => {
    db.close();
  });

  it('knows the two evaluate runs by their mlflow.runType tag, and no other run of the store', async () => {
    const runs = await tracking.searchRuns({ experimentIds: ['0', '1', '2', '3'], maxResults: 1000 });
    const evals = runs.items.filter(isEvaluationRun).map((r) => r.info.runId);
    assert.deepEqual(evals.sort(), [EVAL_LIST_RUN, EVAL_DATASET_RUN].sort());
    assert.ok(runs.items.length > 10, 'the other runs were read too');
  });

  it('finds every evaluation run of the store for the pick list, newest first', async () => {
    const found = await findEvaluationRuns(tracking);
    assert.deepEqual(
      found.map((r) => r.info.runId),
      [EVAL_LIST_RUN, EVAL_DATASET_RUN],
    );
  });

  it('groups the run metrics by scorer (`<scorer>/mean`)', async () => {
    const run = await tracking.getRun(EVAL_DATASET_RUN);
    const byScorer = scorerMetrics(run);
    assert.deepEqual(
      [...byScorer.keys()],
      ['exact_match', 'keyword_coverage', 'mentions_source', 'response_chars'],
    );
    const exact = byScorer.get('exact_match')?.at(0);
    assert.ok(exact);
    assert.equal(exact.aggregation, 'mean');
    assert.ok(Math.abs(exact.value - 1 / 6) < 1e-9);
  });

  it("lists the run's traces (mlflow.sourceRun), oldest first, and no other run's", async () => {
    const first = await listEvaluationTraces(traces, '1', EVAL_DATASET_RUN);
    const second = await listEvaluationTraces(traces, '1', EVAL_LIST_RUN);
    assert.equal(first.length, 6);
    assert.equal(second.length, 4);
    assert.ok(first.every((t) => t.sourceRunId === EVAL_DATASET_RUN));
    const times = first.map((t) => t.requestTimeMs);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
  });

  it('builds a row per trace with one column per scorer, from the feedback evaluate wrote', async () => {
    const list = await listEvaluationTraces(traces, '1', EVAL_DATASET_RUN);
    const table = buildEvaluationTable(EVAL_DATASET_RUN, list);
    // The dataset's expectations (expected_response, keywords) are not scorers.
    assert.deepEqual(table.scorers, ['exact_match', 'keyword_coverage', 'mentions_source', 'response_chars']);
    const refunds = table.rows.find((r) => r.request.includes('How long do refunds take?'));
    assert.ok(refunds);
    const cell = (name: string) => refunds.cells[table.scorers.indexOf(name)];
    assert.deepEqual(
      { value: cell('exact_match')?.value, verdict: cell('exact_match')?.verdict },
      { value: 'true', verdict: 'pass' },
    );
    assert.equal(cell('mentions_source')?.verdict, 'pass');
    assert.equal(cell('mentions_source')?.value, 'yes');
    assert.equal(cell('mentions_source')?.rationale, 'Reply names a help-center source or an order');
    assert.deepEqual(
      { value: cell('response_chars')?.value, verdict: cell('response_chars')?.verdict },
      { value: '92', verdict: 'value' },
    );
    assert.match(refunds.response, /Refunds are issued within 14 days/);
    assert.equal(
      table.rows.filter((r) => r.cells[table.scorers.indexOf('exact_match')]?.verdict === 'fail').length,
      5,
    );
  });

  it('summarises each scorer: its mean and its pass/fail counts over the rows', async () => {
    const { scorers } = await loadEvaluation(tracking, traces, EVAL_DATASET_RUN);
    const exact = scorers.find((s) => s.scorer === 'exact_match');
    assert.deepEqual(
      { pass: exact?.pass, fail: exact?.fail, errors: exact?.errors, missing: exact?.missing },
      { pass: 1, fail: 5, errors: 0, missing: 0 },
    );
    const chars = scorers.find((s) => s.scorer === 'response_chars');
    assert.ok(chars);
    assert.equal(chars.values, 6);
    const mean = chars.metrics.at(0);
    assert.ok(mean);
    assert.ok(Math.abs(mean.value - 86.8333) < 1e-3);
  });

  it('refuses a run that is not an evaluation run, saying why', async () => {
    const runs = await tracking.searchRuns({ experimentIds: ['2'], maxResults: 1 });
    const other = runs.items[0]?.info.runId ?? '';
    await assert.rejects(loadEvaluation(tracking, traces, other), /not an evaluation run/);
  });
});
