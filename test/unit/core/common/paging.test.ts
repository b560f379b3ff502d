import * as assert from 'node:assert/strict';
import { decodeOffsetToken, encodeOffsetToken, pageOf } from '../../../../src/core/common/offsetPageToken';
import { collectPages, type Page } from '../../../../src/core/common/paging';
import { StoreError } from '../../../../src/core/common/storeError';

describe('paging', () => {
  it('collects every page until there is no token', async () => {
    const pages: Record<string, Page<number>> = {
      '': { items: [1, 2], nextPageToken: 'a' },
      a: { items: [3], nextPageToken: undefined },
    };
    assert.deepEqual(
      await collectPages((t) => Promise.resolve(pages[t ?? ''] ?? { items: [], nextPageToken: undefined })),
      [1, 2, 3],
    );
  });

  it('stops on a repeated token instead of looping forever', async () => {
    let calls = 0;
    await assert.rejects(
      collectPages(() => {
        calls++;
        return Promise.resolve({ items: [calls], nextPageToken: 'same' });
      }),
      (err: unknown) => StoreError.is(err, 'invalid-response'),
    );
    assert.equal(calls, 2);
  });

  it('stops at maxItems rather than reading without bound', async () => {
    let n = 0;
    await assert.rejects(
      collectPages(() => Promise.resolve({ items: [1, 2, 3], nextPageToken: String(++n) }), { maxItems: 5 }),
      (err: unknown) => StoreError.is(err, 'too-large'),
    );
  });

  it('makes the same offset tokens MLflow does', () => {
    assert.equal(encodeOffsetToken(2), 'eyJvZmZzZXQiOiAyfQ==');
    assert.equal(decodeOffsetToken('eyJvZmZzZXQiOiAxMH0='), 10);
    assert.throws(
      () => decodeOffsetToken('garbage'),
      (err: unknown) => StoreError.is(err, 'api') && err.errorCode === 'INVALID_PARAMETER_VALUE',
    );
    assert.deepEqual(pageOf([1, 2, 3, 4, 5], 2, encodeOffsetToken(2)), {
      items: [3, 4],
      nextPageToken: encodeOffsetToken(4),
    });
    assert.deepEqual(pageOf([1, 2, 3], 3, undefined), { items: [1, 2, 3], nextPageToken: undefined });
  });
});

describe('pageOf limits', () => {
  it('rejects page sizes MLflow rejects, with its error code', () => {
    for (const bad of [0, -1, 1.5, 50_001]) {
      assert.throws(
        () => pageOf([1], bad, undefined),
        (err: unknown) =>
          StoreError.is(err, 'api') && err.errorCode === 'INVALID_PARAMETER_VALUE' && err.status === 400,
      );
    }
    assert.deepEqual(pageOf([1], 50_000, undefined).items, [1]);
    assert.throws(() => pageOf([1], 1001, undefined, 1000));
  });
});
