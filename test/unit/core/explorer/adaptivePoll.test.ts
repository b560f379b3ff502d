import * as assert from 'node:assert/strict';
import { AdaptivePoll } from '../../../../src/core/explorer/adaptivePoll';
import { ManualClock, settle } from '../../../support/time/manualClock';

/** A poll over a scripted world: whether the view is visible, how many runs run, what each poll sees. */
function world(bounds = { fastestMs: 5_000, slowestMs: 60_000 }) {
  const clock = new ManualClock();
  const state = { visible: true, running: 1, changes: [] as boolean[], polls: 0 };
  const poll = new AdaptivePoll(
    clock,
    bounds,
    () => state.visible && state.running > 0,
    () => {
      state.polls++;
      return Promise.resolve(state.changes.shift() ?? false);
    },
  );
  return { clock, state, poll };
}

describe('adaptive polling of running runs', () => {
  it('starts at the fastest pace and doubles the pause while nothing changes, up to the slowest', async () => {
    const { clock, state, poll } = world();
    poll.update();
    await clock.advance(5_000 + 10_000 + 20_000 + 40_000 + 60_000 + 60_000);
    assert.equal(state.polls, 6);
    assert.deepEqual(clock.scheduled, [5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
  });

  it('falls back to the fastest pace as soon as a poll sees a change', async () => {
    const { clock, state, poll } = world();
    state.changes = [false, false, true];
    poll.update();
    await clock.advance(5_000 + 10_000 + 20_000);
    assert.equal(state.polls, 3);
    assert.equal(poll.nextDelayMs, 5_000);
    assert.deepEqual(clock.scheduled, [5_000, 10_000, 20_000, 5_000]);
  });

  it('stops when no run is running any more and when the view is hidden, and does not poll then', async () => {
    const { clock, state, poll } = world();
    poll.update();
    await clock.advance(5_000);
    state.running = 0;
    await clock.advance(10_000);
    assert.equal(state.polls, 1, 'the due poll saw nothing running and did not ask the server');
    assert.equal(poll.active, false);
    assert.equal(clock.pending, 0);

    state.running = 2;
    poll.update();
    assert.equal(poll.active, true);
    state.visible = false;
    poll.update();
    assert.equal(poll.active, false);
    assert.equal(clock.pending, 0);
    await clock.advance(120_000);
    assert.equal(state.polls, 1);
  });

  it('hurries back to the fastest pace when the view is shown again', async () => {
    const { clock, state, poll } = world();
    poll.update();
    await clock.advance(5_000 + 10_000 + 20_000);
    assert.equal(poll.nextDelayMs, 40_000);
    poll.hurry();
    assert.equal(poll.nextDelayMs, 5_000);
    await clock.advance(5_000);
    assert.equal(state.polls, 4);
  });

  it('never pauses longer than the slowest bound, and 0 turns polling off (mlflow.autoRefreshSeconds)', async () => {
    const { clock, state, poll } = world({ fastestMs: 5_000, slowestMs: 15_000 });
    poll.update();
    await clock.advance(5_000 + 10_000 + 15_000 + 15_000);
    assert.deepEqual(clock.scheduled, [5_000, 10_000, 15_000, 15_000, 15_000]);

    poll.setBounds({ fastestMs: 5_000, slowestMs: 2_000 });
    assert.equal(poll.nextDelayMs, 2_000, 'a bound below the fastest pace wins');

    poll.setBounds({ fastestMs: 5_000, slowestMs: 0 });
    assert.equal(poll.active, false);
    const before = state.polls;
    await clock.advance(600_000);
    assert.equal(state.polls, before);
  });

  it('counts a failed poll as no change and keeps going', async () => {
    const clock = new ManualClock();
    let polls = 0;
    const poll = new AdaptivePoll(
      clock,
      { fastestMs: 1_000, slowestMs: 8_000 },
      () => true,
      () => {
        polls++;
        return Promise.reject(new Error('offline'));
      },
    );
    poll.update();
    await clock.advance(1_000 + 2_000);
    await settle();
    assert.equal(polls, 2);
    assert.equal(poll.nextDelayMs, 4_000);
    poll.dispose();
    assert.equal(clock.pending, 0);
  });
});
