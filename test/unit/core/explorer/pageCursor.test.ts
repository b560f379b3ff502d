import * as assert from 'node:assert/strict';
import { PageCursor } from '../../../../src/core/explorer/pageCursor';

describe('PageCursor: where a "Load more" list stands in the pages', () => {
  it('has more before the first page and while pages carry a token', () => {
    const c = new PageCursor();
    assert.equal(c.hasMore, true);
    assert.equal(c.nextToken, undefined);
    c.advance('t1');
    assert.deepEqual([c.hasMore, c.nextToken], [true, 't1']);
    c.advance('');
    assert.deepEqual([c.hasMore, c.nextToken], [false, undefined], 'an empty token is the last page');
  });

  it('stops on a token the server already gave, not only the one just given', () => {
    const c = new PageCursor();
    c.advance('a');
    c.advance('b');
    assert.equal(c.stoppedOnRepeatedToken, false);
    c.advance('a');
    assert.equal(c.stoppedOnRepeatedToken, true);
    assert.equal(c.hasMore, false);
  });

  it('ends at once for a store with nothing to list', () => {
    const c = new PageCursor();
    c.end();
    assert.equal(c.hasMore, false);
    assert.equal(c.stoppedOnRepeatedToken, false);
  });
});
