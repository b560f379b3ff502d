import * as assert from 'node:assert/strict';
import { StoreError } from '../../../../src/core/common/storeError';
import { likeMatches } from '../../../../src/core/tracking/search/matchClause';
import { compareKeys, parseOrderBy } from '../../../../src/core/tracking/search/orderBy';
import { parseSearchFilter } from '../../../../src/core/tracking/search/searchFilter';

const invalid = (err: unknown): boolean =>
  StoreError.is(err, 'api') && err.errorCode === 'INVALID_PARAMETER_VALUE';

describe("MLflow's search grammar", () => {
  it('parses AND-ed clauses with prefixes, aliases, backticks and quoted strings', () => {
    assert.deepEqual(
      parseSearchFilter(
        "metrics.`train/rmse` < 1e2 and param.C = 'it''s' AND tags.\"a b\" != 'x' and attr.status IN ('FAILED', 'KILLED')",
      ),
      [
        { type: 'metrics', key: 'train/rmse', comparator: '<', value: 100, valueText: '1e2' },
        { type: 'params', key: 'C', comparator: '=', value: "it's", valueText: "'it''s'" },
        { type: 'tags', key: 'a b', comparator: '!=', value: 'x', valueText: "'x'" },
        {
          type: 'attributes',
          key: 'status',
          comparator: 'IN',
          value: ['FAILED', 'KILLED'],
          valueText: "('FAILED', 'KILLED')",
        },
      ],
    );
    assert.deepEqual(parseSearchFilter("tags.mlflow.parentRunId = 'p'"), [
      { type: 'tags', key: 'mlflow.parentRunId', comparator: '=', value: 'p', valueText: "'p'" },
    ]);
    assert.deepEqual(parseSearchFilter("run_id NOT IN ('a')")[0]?.comparator, 'NOT IN');
    assert.deepEqual(parseSearchFilter("name ILIKE '%Iris%'", 'attributes'), [
      { type: 'attributes', key: 'name', comparator: 'ILIKE', value: '%Iris%', valueText: "'%Iris%'" },
    ]);
    assert.deepEqual(parseSearchFilter('  '), []);
    assert.deepEqual(
      parseSearchFilter("params.x IS NULL and tags.t is not null and params.y = 'z'").map((c) => [
        c.comparator,
        c.value,
      ]),
      [
        ['IS NULL', null],
        ['IS NOT NULL', null],
        ['=', 'z'],
      ],
    );
  });

  it('rejects OR, bad comparators and unknown entity types as the server does', () => {
    assert.throws(
      () => parseSearchFilter("tags.team = 'a' OR name LIKE 'w%'"),
      (e: unknown) => invalid(e) && /OR/.test((e as Error).message),
    );
    assert.throws(() => parseSearchFilter('metrics.loss >>> 1'), invalid);
    assert.throws(() => parseSearchFilter("foo.bar = '1'"), invalid);
    assert.throws(() => parseSearchFilter('metrics.loss ='), invalid);
    assert.throws(() => parseSearchFilter("status IN 'x'"), invalid);
  });

  it("refuses Object's own names as entity types instead of taking them for one", () => {
    for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      assert.throws(
        () => parseSearchFilter(`${word}.x = 'a'`),
        (e: unknown) => invalid(e) && /Invalid entity type/.test((e as Error).message),
        word,
      );
    }
  });

  it('LIKE is case-sensitive, ILIKE not; % and _ are the only wildcards', () => {
    assert.equal(likeMatches('rf-100', 'rf-%', false), true);
    assert.equal(likeMatches('RF-100', 'rf-%', false), false);
    assert.equal(likeMatches('RF-100', 'rf-%', true), true);
    assert.equal(likeMatches('a.c', 'a_c', false), true);
    assert.equal(likeMatches('abc', 'a.c', false), false);
  });

  it('parses order_by terms and sorts missing values last, NaN after numbers', () => {
    assert.deepEqual(parseOrderBy(['metrics.`train/rmse` DESC', 'name']), [
      { type: 'metrics', key: 'train/rmse', ascending: false },
      { type: 'attributes', key: 'name', ascending: true },
    ]);
    assert.throws(() => parseOrderBy(['metrics.loss SIDEWAYS']), invalid);
    const sorted = [3, undefined, Number.NaN, 1].sort((a, b) => compareKeys(a, b, false));
    assert.deepEqual(sorted, [3, 1, Number.NaN, undefined]);
  });
});
