import * as assert from 'node:assert/strict';
import { checkMessage, isMessage, type MessageChecks } from '../../../src/protocol/ipc';

describe('protocol message basics (ipc)', () => {
  it('isMessage: an object with a string type', () => {
    assert.ok(isMessage({ type: 'ready' }));
    assert.ok(isMessage({ type: '', extra: 1 }));
    for (const no of [null, undefined, 'ready', {}, { type: 7 }, [], () => 1]) {
      assert.equal(isMessage(no), false, typeof no);
    }
  });

  it('checkMessage runs the rule of the message type, and refuses a type without one', () => {
    const seen: unknown[] = [];
    const checks = {
      'a/ok': (m) => {
        seen.push(m);
        return m.n === 1;
      },
      'a/never': () => false,
    } satisfies MessageChecks<'a/ok' | 'a/never'>;
    const msg = { type: 'a/ok', n: 1 };
    assert.ok(checkMessage(checks, msg));
    assert.deepEqual(seen, [msg], 'the rule gets the message itself');
    assert.equal(checkMessage(checks, { type: 'a/ok', n: 2 }), false);
    assert.equal(checkMessage(checks, { type: 'a/never' }), false);
    for (const no of [null, 'a/ok', { type: 'a/other' }, { n: 1 }, { type: 1 }]) {
      assert.equal(checkMessage(checks, no), false, JSON.stringify(no));
    }
  });

  it('checkMessage never takes a rule from the prototype', () => {
    const checks = { ready: () => true };
    for (const type of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      assert.equal(checkMessage(checks, { type }), false, type);
    }
  });
});
