import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Run } from '../../../../src/core/tracking/entities/run';
import { RunPager, type RunNode } from '../../../../src/core/explorer/runPager';
import { SqliteDatabase } from '../../../../src/core/tracking/sqlite/sqliteDatabase';
import { SqliteTrackingStore } from '../../../../src/core/tracking/sqlite/sqliteTrackingStore';
import { FIXTURES } from '../../../support/mlflow/recordedExchange';

interface SweepIds {
  experiments: Record<string, string>;
  runs: { sweep: { parents: string[]; children: string[] } };
}

function run(id: string, parent?: string): Run {
  return {
    info: {
      runId: id,
      runName: id,
      experimentId: '1',
      userId: undefined,
      status: 'FINISHED',
      startTime: 1,
      endTime: 2,
      artifactUri: undefined,
      lifecycleStage: 'active',
    },
    data: {
      metrics: [],
      params: [],
      tags: parent === undefined ? [] : [{ key: 'mlflow.parentRunId', value: parent }],
    },
    inputs: { datasetInputs: [], modelInputs: [] },
    outputs: { modelOutputs: [] },
  };
}

const ids = (nodes: readonly RunNode[]): unknown =>
  nodes.map((n) => (n.children.length === 0 ? n.run.info.runId : [n.run.info.runId, ids(n.children)]));

describe('RunPager (the Experiments view paging state)', () => {
  it('has a first page to load, then follows tokens until the server has no more', () => {
    const p = new RunPager();
    assert.equal(p.hasMore, true);
    assert.equal(p.nextToken, undefined);
    p.append({ items: [run('a'), run('b')], nextPageToken: 't1' });
    assert.equal(p.hasMore, true);
    assert.equal(p.nextToken, 't1');
    p.append({ items: [run('c')], nextPageToken: undefined });
    assert.equal(p.hasMore, false);
    assert.deepEqual(
      p.loaded.map((r) => r.info.runId),
      ['a', 'b', 'c'],
    );
  });

  it('stops on a repeated token and keeps a run seen twice once', () => {
    const p = new RunPager();
    p.append({ items: [run('a')], nextPageToken: 't1' });
    p.append({ items: [run('a'), run('b')], nextPageToken: 't1' });
    assert.equal(p.hasMore, false);
    assert.equal(p.stoppedOnRepeatedToken, true);
    assert.deepEqual(
      p.loaded.map((r) => r.info.runId),
      ['a', 'b'],
    );
  });

  it('nests a child under its parent once the parent is loaded, and not before', () => {
    const p = new RunPager();
    p.append({ items: [run('child1', 'parent'), run('child2', 'parent')], nextPageToken: 't' });
    assert.deepEqual(ids(p.forest()), ['child1', 'child2']);
    p.append({ items: [run('parent'), run('other')], nextPageToken: undefined });
    assert.deepEqual(ids(p.forest()), [['parent', ['child1', 'child2']], 'other']);
  });

  it('survives a parent cycle without losing runs', () => {
    const p = new RunPager();
    p.append({ items: [run('a', 'b'), run('b', 'a'), run('self', 'self')], nextPageToken: undefined });
    const seen: string[] = [];
    const walk = (nodes: readonly RunNode[]): void => {
      nodes.forEach((n) => {
        seen.push(n.run.info.runId);
        walk(n.children);
      });
    };
    walk(p.forest());
    assert.deepEqual(seen.sort(), ['a', 'b', 'self']);
  });

  it('peeks past an exactly full page: an empty next page ends the paging before anyone asks', () => {
    const p = new RunPager();
    const full = { items: [run('a'), run('b')], nextPageToken: 't1' };
    p.append(full);
    assert.equal(p.shouldPeek(full, 2), true);
    assert.equal(
      p.shouldPeek({ items: [run('a')], nextPageToken: 't1' }, 2),
      false,
      'a short page with a token has more for sure',
    );
    const empty = { items: [], nextPageToken: undefined };
    p.peek(Promise.resolve(empty));
    assert.equal(p.shouldPeek(full, 2), false, 'one peek at a time');
    assert.equal(p.peekArrived('t0', empty), false, 'an answer for another token is ignored');
    assert.equal(p.hasMore, true);
    assert.equal(p.peekArrived('t1', empty), true);
    assert.equal(p.hasMore, false, 'no Load more that would load nothing');
    assert.equal(p.takePeeked(), undefined);
    assert.deepEqual(
      p.loaded.map((r) => r.info.runId),
      ['a', 'b'],
    );
  });

  it('keeps a peeked page with runs for the next load, once, and only for the token it was fetched at', async () => {
    const p = new RunPager();
    p.append({ items: [run('a')], nextPageToken: 't1' });
    const next = { items: [run('b')], nextPageToken: undefined };
    p.peek(Promise.resolve(next));
    assert.equal(p.peekArrived('t1', next), false);
    assert.equal(p.hasMore, true, 'runs follow: Load more stays');
    const taken = p.takePeeked();
    assert.equal(await taken, next);
    assert.equal(p.takePeeked(), undefined, 'handed out once');
    p.peek(Promise.resolve(next));
    p.append({ items: [run('c')], nextPageToken: 't2' });
    assert.equal(p.takePeeked(), undefined, 'fetched at t1, useless at t2');
  });

  it('updates a loaded run in place (polling) and ignores one it does not hold', () => {
    const p = new RunPager();
    p.append({ items: [run('a')], nextPageToken: undefined });
    assert.equal(p.update({ ...run('a'), info: { ...run('a').info, status: 'FAILED' } }), true);
    assert.equal(p.loaded[0]?.info.status, 'FAILED');
    assert.equal(p.update(run('zz')), false);
  });

  it('nests the recorded sweep: every child run under one of the two parents, in pages of 5', async () => {
    const recorded = JSON.parse(
      fs.readFileSync(path.join(FIXTURES, 'ids', 'sqlite-v2.17.2.json'), 'utf8'),
    ) as SweepIds;
    const db = await SqliteDatabase.open(path.join(FIXTURES, 'sqlite', 'mlflow.db'));
    const store = new SqliteTrackingStore(db);
    try {
      const p = new RunPager();
      while (p.hasMore) {
        p.append(
          await store.searchRuns({
            experimentIds: [recorded.experiments['hyperparam-sweep'] ?? ''],
            maxResults: 5,
            pageToken: p.nextToken,
          }),
        );
      }
      const forest = p.forest();
      assert.deepEqual(forest.map((n) => n.run.info.runId).sort(), [...recorded.runs.sweep.parents].sort());
      assert.deepEqual(
        forest.flatMap((n) => n.children.map((c) => c.run.info.runId)).sort(),
        [...recorded.runs.sweep.children].sort(),
      );
    } finally {
      store.dispose();
    }
  });
});
