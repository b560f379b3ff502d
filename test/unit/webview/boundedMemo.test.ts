import * as assert from 'node:assert/strict';
import { boundedMemo } from '../../../webview/shared/boundedMemo';

describe('boundedMemo (values the runs table draws every frame, made once)', () => {
  it('makes a value once per argument and gives the same one back', () => {
    const made: number[] = [];
    const px = boundedMemo((n: number) => {
      made.push(n);
      return `${String(n)}px`;
    });
    assert.equal(px(12), '12px');
    assert.equal(px(12), '12px');
    assert.equal(px(30), '30px');
    assert.deepEqual(made, [12, 30]);
  });

  it('keeps a result that is undefined instead of making it again', () => {
    let calls = 0;
    const none = boundedMemo((_: string): string | undefined => {
      calls += 1;
      return undefined;
    });
    assert.equal(none('a'), undefined);
    assert.equal(none('a'), undefined);
    assert.equal(calls, 1);
  });

  it('stays within its limit: past it, what it held is forgotten and made again', () => {
    let calls = 0;
    const double = boundedMemo((n: number) => {
      calls += 1;
      return n * 2;
    }, 3);
    for (const n of [1, 2, 3]) {
      double(n);
    }
    assert.equal(calls, 3);
    assert.equal(double(4), 8); // the fourth clears the three
    assert.equal(calls, 4);
    assert.equal(double(1), 2);
    assert.equal(calls, 5);
    assert.equal(double(4), 8);
    assert.equal(calls, 5);
  });
});
