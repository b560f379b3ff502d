import * as assert from 'node:assert/strict';
import { UptimeLabels } from '../../../../src/core/serving/uptimeLabels';

describe('UptimeLabels (Serving view refresh, injected clock)', () => {
  const t0 = Date.UTC(2026, 0, 1, 12, 0, 0);
  let now = t0;
  const clock = (): number => now;
  const a = { id: '1', startedAtMs: t0 };
  const b = { id: '2', startedAtMs: t0 + 20_000 };

  beforeEach(() => {
    now = t0;
  });

  it("reports no changed row until a row's text really changes, then only that row", () => {
    const labels = new UptimeLabels(clock);
    now = t0 + 30_000;
    assert.equal(labels.text(a), '<1m');
    assert.equal(labels.text(b), '<1m');
    now = t0 + 59_000;
    assert.deepEqual(labels.changed([a, b]), [], 'seconds passing redraw nothing');
    now = t0 + 60_000;
    assert.deepEqual(labels.changed([a, b]), [a], 'a reached one minute; b has not');
    assert.equal(labels.text(a), '1m');
    assert.deepEqual(labels.changed([a, b]), [], 'a was redrawn with its new text');
    now = t0 + 80_000;
    assert.deepEqual(labels.changed([a, b]), [b]);
  });

  it('waits until the next whole minute of the soonest row', () => {
    const labels = new UptimeLabels(clock);
    assert.equal(labels.nextChangeIn([]), undefined, 'no rows, no timer');
    now = t0 + 30_000;
    assert.equal(labels.nextChangeIn([a]), 30_000);
    assert.equal(labels.nextChangeIn([a, b]), 30_000);
    now = t0 + 65_000;
    assert.equal(labels.nextChangeIn([a, b]), 15_000, 'b reaches its first minute at t0 + 80 s');
    now = t0 + 60_000;
    assert.equal(labels.nextChangeIn([a]), 60_000, 'exactly on a boundary: the next one');
  });

  it('leaves rows it never drew alone and forgets rows that are gone', () => {
    const labels = new UptimeLabels(clock);
    labels.text(a);
    now = t0 + 2 * 60_000;
    assert.deepEqual(labels.changed([b]), [], 'b was never drawn; a is no longer listed');
    assert.deepEqual(labels.changed([a, b]), [], 'a was forgotten, so it is not stale either');
  });

  it('redraws a day-old server once an hour, not every minute', () => {
    const labels = new UptimeLabels(clock);
    now = t0 + 26 * 3_600_000 + 5 * 60_000;
    assert.equal(labels.text(a), '1d 02h');
    now += 60_000;
    assert.deepEqual(labels.changed([a]), []);
    now = t0 + 27 * 3_600_000;
    assert.deepEqual(labels.changed([a]), [a]);
  });
});
