import * as assert from 'node:assert/strict';
import { changedRows, sameRow } from '../../../../src/core/runsTable/changedRows';
import { MAX_RUNS_PER_TICK, RunningRowsPoll } from '../../../../src/core/runsTable/runningRowsPoll';
import type { Run } from '../../../../src/core/tracking/entities/run';
import type { TableRow } from '../../../../src/core/runsTable/tableRow';
import { ManualClock, settle } from '../../../support/time/manualClock';
import { row, run } from './runsTableRows';

describe('rows of running runs that changed', () => {
  const held = new Map([
    ['a', row('a', { status: 'RUNNING', metrics: { loss: 0.5 }, params: { lr: '0.1' } })],
    ['b', row('b')],
  ]);

  it('keeps only the fresh rows that differ from the held ones', () => {
    const same = row('a', { status: 'RUNNING', metrics: { loss: 0.5 }, params: { lr: '0.1' } });
    assert.ok(sameRow(held.get('a') ?? same, same));
    assert.deepEqual(changedRows(held, [same, row('b')]), []);
    const finished = row('a', { status: 'FINISHED', metrics: { loss: 0.5 }, params: { lr: '0.1' } });
    const logged = row('a', { status: 'RUNNING', metrics: { loss: 0.4 }, params: { lr: '0.1' } });
    const tagged = row('a', {
      status: 'RUNNING',
      metrics: { loss: 0.5 },
      params: { lr: '0.1' },
      tags: { t: '1' },
    });
    const param = row('a', { status: 'RUNNING', metrics: { loss: 0.5 }, params: { lr: '0.2' } });
    for (const fresh of [finished, logged, tagged, param]) {
      assert.deepEqual(changedRows(held, [fresh, row('b')]), [fresh]);
    }
  });

  it('sees a new value at the same figure (a new step or time) and a run not held is not reported', () => {
    const before = held.get('a');
    assert.ok(before);
    const relogged: TableRow = { ...before, metricVersions: new Map([['loss', '10:6']]) };
    assert.deepEqual(changedRows(held, [relogged]), [relogged]);
    assert.deepEqual(changedRows(held, [row('c', { status: 'RUNNING' })]), []);
    // A metric that stays NaN is unchanged.
    const nan = new Map([['n', row('n', { metrics: { x: NaN } })]]);
    assert.deepEqual(changedRows(nan, [row('n', { metrics: { x: NaN } })]), []);
  });
});

/** A table's rows and a store answering getRun from `store`, over a manual clock. */
function world(ids: readonly string[]) {
  const clock = new ManualClock();
  const rows = new Map(ids.map((id) => [id, row(id, { status: 'RUNNING', metrics: { loss: 1 } })]));
  const store = new Map<string, Run>(
    ids.map((id) => [id, run(id, { status: 'RUNNING', metrics: { loss: 1 } })]),
  );
  const state = {
    visible: true,
    reads: [] as string[],
    changed: [] as TableRow[][],
    failed: [] as string[],
    broken: new Set<string>(),
    /** While set, every read waits for it. */
    gate: undefined as Promise<void> | undefined,
  };
  const poll = new RunningRowsPoll(
    clock,
    { fastestMs: 5_000, slowestMs: 60_000 },
    {
      rows: () => rows,
      wanted: () => state.visible,
      getRun: async (id) => {
        state.reads.push(id);
        await state.gate;
        const r = store.get(id);
        if (state.broken.has(id) || r === undefined) {
          throw new Error(`cannot read ${id}`);
        }
        return r;
      },
      changed: (fresh) => {
        state.changed.push([...fresh]);
        fresh.forEach((r) => rows.set(r.runId, r));
        poll.update();
      },
      failed: (id) => state.failed.push(id),
    },
  );
  return { clock, rows, store, state, poll };
}

describe('the poll of a runs table’s running rows', () => {
  it('re-reads the running rows every 5 s, reports a moved one and stops once none runs', async () => {
    const { clock, rows, store, state, poll } = world(['a', 'b']);
    rows.set('done', row('done'));
    poll.update();
    assert.ok(poll.active);
    await clock.advance(5_000);
    assert.deepEqual(state.reads, ['a', 'b'], 'only running rows are read');
    assert.equal(state.changed.length, 0, 'nothing changed');
    assert.equal(poll.nextDelayMs, 10_000, 'nothing changed: it backs off');

    store.set('a', run('a', { status: 'RUNNING', metrics: { loss: 0.5 } }));
    await clock.advance(10_000);
    assert.deepEqual(
      state.changed.map((c) => c.map((r) => [r.runId, r.metrics.get('loss')])),
      [[['a', 0.5]]],
    );
    assert.equal(poll.nextDelayMs, 5_000, 'a change: back to the fastest');

    store.set('a', run('a', { status: 'FINISHED', metrics: { loss: 0.5 } }));
    store.set('b', run('b', { status: 'KILLED', metrics: { loss: 1 } }));
    await clock.advance(5_000);
    await settle();
    assert.deepEqual(
      state.changed.at(-1)?.map((r) => r.status),
      ['FINISHED', 'KILLED'],
    );
    assert.equal(poll.active, false, 'no run runs: the poll stops');
    const reads = state.reads.length;
    await clock.advance(120_000);
    assert.equal(state.reads.length, reads, 'a finished run is not read again');
  });

  it('reads at most 25 runs a tick, cycling through the rest on the next ticks', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `r${String(i).padStart(2, '0')}`);
    const { state, poll } = world(ids);
    await poll.pollNow();
    assert.equal(state.reads.length, MAX_RUNS_PER_TICK);
    assert.deepEqual(state.reads, ids.slice(0, 25));
    await poll.pollNow();
    assert.deepEqual(state.reads.slice(25), [...ids.slice(25), ...ids.slice(0, 20)]);
  });

  it('reports a run it cannot read and still reads the others; the poll goes on', async () => {
    const { clock, store, state, poll } = world(['a', 'b']);
    state.broken.add('a');
    store.set('b', run('b', { status: 'RUNNING', metrics: { loss: 0.25 } }));
    poll.update();
    await clock.advance(5_000);
    assert.deepEqual(state.failed, ['a']);
    assert.deepEqual(
      state.changed.map((c) => c.map((r) => r.runId)),
      [['b']],
    );
    assert.ok(poll.active, 'still polling');
    state.broken.clear();
    store.set('a', run('a', { status: 'FINISHED', metrics: { loss: 1 } }));
    await clock.advance(5_000);
    assert.deepEqual(
      state.changed.at(-1)?.map((r) => [r.runId, r.status]),
      [['a', 'FINISHED']],
    );
  });

  it('does not poll while the panel is hidden, nor after it closed', async () => {
    const { clock, state, poll } = world(['a']);
    state.visible = false;
    poll.update();
    assert.equal(poll.active, false);
    await clock.advance(60_000);
    assert.deepEqual(state.reads, []);
    state.visible = true;
    poll.hurry();
    assert.ok(poll.active);
    poll.dispose();
    await clock.advance(60_000);
    assert.deepEqual(state.reads, []);
    assert.equal(clock.pending, 0);
  });

  it('never runs two ticks at once', async () => {
    const { state, poll } = world(['a']);
    let open = (): void => undefined;
    state.gate = new Promise((resolve) => {
      open = resolve;
    });
    const both = Promise.all([poll.pollNow(), poll.pollNow()]);
    await settle();
    assert.deepEqual(state.reads, ['a'], 'the second tick waits for the first');
    open();
    await both;
    assert.deepEqual(state.reads, ['a', 'a']);
  });
});
