import * as assert from 'node:assert/strict';
import { Gate } from '../../../../src/core/common/gate';

describe('Gate', () => {
  it('holds waiters until it opens, then lets every one through, and later ones at once', async () => {
    const gate = new Gate();
    const ctl = new AbortController();
    const passed: number[] = [];
    const a = gate.wait(ctl.signal).then(() => passed.push(1));
    const b = gate.wait(ctl.signal).then(() => passed.push(2));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(passed, [], 'nobody passes a closed gate');
    assert.equal(gate.isOpen, false);
    gate.open();
    await Promise.all([a, b]);
    assert.deepEqual(passed, [1, 2]);
    assert.equal(gate.isOpen, true);
    await gate.wait(ctl.signal);
  });

  it('lets a waiter go when its signal aborts, without opening the gate for others', async () => {
    const gate = new Gate();
    const ctl = new AbortController();
    const other = new AbortController();
    let otherPassed = false;
    void gate.wait(other.signal).then(() => {
      otherPassed = true;
    });
    const waiting = gate.wait(ctl.signal);
    ctl.abort();
    await waiting;
    assert.equal(ctl.signal.aborted, true);
    await new Promise((r) => setImmediate(r));
    assert.equal(otherPassed, false);
    assert.equal(gate.isOpen, false);
    await gate.wait(ctl.signal);
  });
});
