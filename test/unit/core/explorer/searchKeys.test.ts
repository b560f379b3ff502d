import * as assert from 'node:assert/strict';
import type { Run } from '../../../../src/core/tracking/entities/run';
import { completeKey, qualifiedKey, searchKeys } from '../../../../src/core/explorer/searchKeys';
import { parseSearchFilter } from '../../../../src/core/tracking/search/searchFilter';

const runs: Run[] = [
  {
    info: {
      runId: 'r',
      runName: 'r',
      experimentId: '1',
      userId: undefined,
      status: 'FINISHED',
      startTime: 1,
      endTime: 2,
      artifactUri: undefined,
      lifecycleStage: 'active',
    },
    data: {
      metrics: [
        { key: 'rmse', value: 1, timestamp: 1, step: 0 },
        { key: 'val loss', value: 1, timestamp: 1, step: 0 },
      ],
      params: [{ key: 'model', value: 'rf' }],
      tags: [
        { key: 'team', value: 'a' },
        { key: 'mlflow.user', value: 'x' },
      ],
    },
    inputs: { datasetInputs: [], modelInputs: [] },
    outputs: { modelOutputs: [] },
  },
];

describe('search-grammar key completion for the run filter', () => {
  it('collects metric, param and user tag keys, quoting keys that are not identifiers', () => {
    const keys = searchKeys(runs);
    assert.deepEqual(keys.slice(0, 4), ['metrics.rmse', 'metrics.`val loss`', 'params.model', 'tags.team']);
    assert.ok(keys.includes('attributes.status'));
    assert.ok(!keys.some((k) => k.includes('mlflow.user')));
    assert.equal(qualifiedKey('params', 'a`b c'), 'params.`ab c`');
  });

  it('offers only the keys seen in the selected experiment', () => {
    const base = runs[0];
    assert.ok(base);
    const other: Run = {
      ...base,
      info: { ...base.info, runId: 'o', experimentId: '2' },
      data: {
        metrics: [{ key: 'auc', value: 1, timestamp: 1, step: 0 }],
        params: [{ key: 'depth', value: '3' }],
        tags: [{ key: 'owner', value: 'b' }],
      },
    };
    const both = [...runs, other];
    const first = searchKeys(both, '1');
    assert.deepEqual(
      first.filter((k) => !k.startsWith('attributes.')),
      ['metrics.rmse', 'metrics.`val loss`', 'params.model', 'tags.team'],
    );
    assert.deepEqual(
      searchKeys(both, '2').filter((k) => !k.startsWith('attributes.')),
      ['metrics.auc', 'params.depth', 'tags.owner'],
    );
    assert.ok(
      searchKeys(both, '3').includes('attributes.status'),
      'an experiment with no loaded runs still offers the attributes',
    );
    assert.equal(
      searchKeys(both).filter((k) => !k.startsWith('attributes.')).length,
      7,
      'without a scope every loaded run counts',
    );
  });

  it('completes the last word, by prefix of the whole key or of the bare name', () => {
    const keys = searchKeys(runs);
    assert.deepEqual(
      completeKey('metrics.r', keys).map((c) => c.key),
      ['metrics.rmse'],
    );
    assert.deepEqual(completeKey('metrics.rmse < 0.8 and mod', keys), [
      { key: 'params.model', filter: 'metrics.rmse < 0.8 and params.model ' },
    ]);
    assert.equal(completeKey('', keys).length, keys.length);
    assert.deepEqual(completeKey('params.model = ', keys), [], 'a value is expected after an operator');
  });

  it("produces filters that MLflow's grammar (as our parser implements it) accepts", () => {
    for (const key of searchKeys(runs).filter((k) => !k.startsWith('attributes.'))) {
      assert.doesNotThrow(() => parseSearchFilter(`${key} = '1'`), key);
    }
  });
});
