import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { compareEvaluations } from '../../../../src/core/evaluation/compareEvaluations';
import { buildEvaluationTable, type EvaluationTable } from '../../../../src/core/evaluation/evaluationTable';
import { listEvaluationTraces } from '../../../../src/core/evaluation/evaluationTraces';
import { verdictOf } from '../../../../src/core/evaluation/verdict';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import type { TraceInfo } from '../../../../src/core/traces/entities/traceInfo';
import { SqliteTraceStore } from '../../../../src/core/traces/sqlite/sqliteTraceStore';
import { SHARED_3 } from '../../../support/mlflow/traceFixtures';

const EVAL_DATASET_RUN = 'e356c244f214446dba9d6f16aad460c4';
const EVAL_LIST_RUN = '346cd906d1d04c54850ba8809d82f6b5';

/** The traces with one scorer's value on the trace asking `question` replaced (a re-run that scored differently). */
function rescored(list: readonly TraceInfo[], question: string, scorer: string, value: boolean): TraceInfo[] {
  return list.map((t) =>
    t.requestPreview?.includes(question) === true
      ? { ...t, assessments: t.assessments.map((a) => (a.name === scorer ? { ...a, value } : a)) }
      : t,
  );
}

describe('comparing two evaluation runs of the recorded 3.11.1 store', () => {
  let db: SqliteDatabase;
  let first: TraceInfo[];
  let second: TraceInfo[];
  let a: EvaluationTable;
  let b: EvaluationTable;

  before(async () => {
    db = await SqliteDatabase.open(path.join(SHARED_3, 'sqlite/mlflow.db'));
    const traces = new SqliteTraceStore(db);
    first = await listEvaluationTraces(traces, '1', EVAL_DATASET_RUN);
    second = await listEvaluationTraces(traces, '1', EVAL_LIST_RUN);
    a = buildEvaluationTable(EVAL_DATASET_RUN, first);
    b = buildEvaluationTable(EVAL_LIST_RUN, second);
  });
  after(() => {
    db.close();
  });

  it('joins the rows by request: the four questions both runs asked, and two only the first asked', () => {
    const c = compareEvaluations(a, b);
    assert.equal(c.rows.length, 6);
    assert.deepEqual(c.counts, {
      regressed: 0,
      improved: 0,
      changed: 0,
      same: 4,
      onlyFirst: 2,
      onlySecond: 0,
    });
    const both = c.rows.filter((r) => r.first !== undefined && r.second !== undefined);
    assert.ok(both.every((r) => r.first?.request === r.second?.request));
    assert.ok(
      both.every((r) => r.first?.traceId !== r.second?.traceId),
      'each side keeps its own trace',
    );
  });

  it('rows only the second run has come last', () => {
    const c = compareEvaluations(b, a);
    assert.deepEqual(
      c.rows.map((r) => r.change),
      ['same', 'same', 'same', 'same', 'onlySecond', 'onlySecond'],
    );
  });

  it('marks a pass that became a fail as regressed and a fail that became a pass as improved', () => {
    const worse = buildEvaluationTable(
      EVAL_LIST_RUN,
      rescored(second, 'How long do refunds take?', 'exact_match', false),
    );
    const better = buildEvaluationTable(
      EVAL_LIST_RUN,
      rescored(second, 'Do you price match?', 'exact_match', true),
    );
    const down = compareEvaluations(a, worse);
    const row = down.rows.find((r) => r.request.includes('How long do refunds take?'));
    assert.ok(row);
    assert.equal(row.change, 'regressed');
    assert.equal(row.cells[down.scorers.indexOf('exact_match')]?.change, 'regressed');
    assert.equal(row.cells[down.scorers.indexOf('keyword_coverage')]?.change, 'same');
    assert.equal(down.counts.regressed, 1);
    const up = compareEvaluations(a, better);
    assert.equal(up.rows.find((r) => r.request.includes('Do you price match?'))?.change, 'improved');
    assert.equal(up.counts.improved, 1);
  });

  it('marks another value (a score that moved) as changed, not as a verdict change', () => {
    const moved = second.map((t) =>
      t.requestPreview?.includes('How fast is express shipping?') === true
        ? {
            ...t,
            assessments: t.assessments.map((x) => (x.name === 'response_chars' ? { ...x, value: 10 } : x)),
          }
        : t,
    );
    const c = compareEvaluations(a, buildEvaluationTable(EVAL_LIST_RUN, moved));
    assert.equal(c.counts.changed, 1);
    assert.equal(c.counts.regressed + c.counts.improved, 0);
  });

  it('joins repeated requests once each, in order', () => {
    const twice = buildEvaluationTable(EVAL_DATASET_RUN, [...first, ...first]);
    assert.equal(new Set(twice.rows.map((r) => r.key)).size, 12);
    assert.equal(compareEvaluations(twice, twice).counts.same, 12);
  });

  it('reads verdicts from booleans and yes/no words, and leaves numbers as values', () => {
    assert.deepEqual(
      [true, false, 'yes', 'NO', 'Pass', 'fail', 0.5, 'maybe', null].map((v) => verdictOf(v, false)),
      ['pass', 'fail', 'pass', 'fail', 'pass', 'fail', 'value', 'value', 'value'],
    );
    assert.equal(verdictOf(null, true), 'error');
  });

  it('shows a scorer that failed with its error message, as an error', async () => {
    const traces = new SqliteTraceStore(db);
    const page = await traces.searchTraces({ experimentId: '1', maxResults: 500 });
    const items = 'items' in page ? page.items : [];
    const withError = items.filter((t) => t.assessments.some((x) => x.error !== undefined));
    assert.equal(withError.length, 1, 'the recorded groundedness error');
    const table = buildEvaluationTable('no-run', withError);
    const row = table.rows[0];
    assert.ok(row);
    const cell = row.cells[table.scorers.indexOf('groundedness')];
    assert.ok(cell);
    assert.equal(cell.verdict, 'error');
    assert.ok(cell.value.length > 0);
  });
});
