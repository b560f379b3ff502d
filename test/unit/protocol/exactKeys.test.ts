import * as assert from 'node:assert/strict';
import { hasOnlyKeys, isRecord } from '../../../src/protocol/exactKeys';

describe('protocol field checks (exactKeys)', () => {
  it('isRecord: any non-null object, nothing else', () => {
    for (const yes of [{}, { a: 1 }, [], new Float64Array(1), Object.create(null) as object]) {
      assert.ok(isRecord(yes));
    }
    for (const no of [null, undefined, 0, '', 'x', true, () => 1]) {
      assert.equal(isRecord(no), false, String(no));
    }
  });

  it('hasOnlyKeys: every own key allowed; allowed keys may be absent', () => {
    assert.ok(hasOnlyKeys({ type: 'a', runId: 'r' }, ['type', 'runId']));
    assert.ok(hasOnlyKeys({ type: 'a' }, ['type', 'runId']), 'a missing key is for the caller to refuse');
    assert.ok(hasOnlyKeys({}, ['type']));
    assert.equal(hasOnlyKeys({ type: 'a', extra: 1 }, ['type']), false);
    assert.equal(hasOnlyKeys({ type: 'a', extra: undefined }, ['type']), false, 'present though undefined');
    assert.equal(hasOnlyKeys(['x'], ['type']), false, "an array's indexes are keys too");
    for (const no of [null, undefined, 3, 'type']) {
      assert.equal(hasOnlyKeys(no, ['type']), false, String(no));
    }
  });

  it('hasOnlyKeys looks at own enumerable keys only (as Object.keys does)', () => {
    const inherited: object = Object.create({ smuggled: 1 }) as object;
    assert.ok(hasOnlyKeys(inherited, ['type']));
    const hidden = Object.defineProperty({ type: 'a' }, 'hidden', { value: 1, enumerable: false });
    assert.ok(hasOnlyKeys(hidden, ['type']));
  });

  it('narrows so the allowed fields are read without a cast', () => {
    const v: unknown = { type: 'compare/openRun', runId: 'r1' };
    assert.ok(hasOnlyKeys(v, ['type', 'runId']));
    const runId: unknown = v.runId;
    assert.equal(runId, 'r1');
  });
});
