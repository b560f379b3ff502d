import * as assert from 'node:assert/strict';
import { SentSeries } from '../../../../src/core/compare/sentSeries';

const s = (runId: string, n = 0): { runId: string; n: number } => ({ runId, n });
const ids = (xs: readonly { runId: string }[]): string[] => xs.map((x) => x.runId);

describe('SentSeries (series posted to the compare webview once, as deltas)', () => {
  it('returns the whole first partial answer, then only the runs each cumulative answer adds', () => {
    const sent = new SentSeries();
    assert.deepEqual(ids(sent.unsent('loss', [s('a'), s('b')])), ['a', 'b']);
    assert.deepEqual(ids(sent.unsent('loss', [s('a'), s('b'), s('c'), s('d')])), ['c', 'd']);
    assert.deepEqual(
      ids(sent.unsent('loss', [s('a'), s('b'), s('c'), s('d')])),
      [],
      'the final answer adds nothing new',
    );
    assert.equal(sent.count('loss'), 4);
  });

  it('keeps the answer order, returns the series objects themselves, and a repeated run once', () => {
    const sent = new SentSeries();
    const c = s('c', 3);
    const out = sent.unsent('loss', [c, s('a'), s('c', 4)]);
    assert.deepEqual(ids(out), ['c', 'a']);
    assert.equal(out[0], c);
  });

  it('tracks each metric key on its own', () => {
    const sent = new SentSeries();
    sent.unsent('loss', [s('a')]);
    assert.deepEqual(ids(sent.unsent('acc', [s('a')])), ['a']);
    assert.equal(sent.count('loss'), 1);
    assert.equal(sent.count('never'), 0);
  });

  it('sends a key again in full after reset, and everything after clear', () => {
    const sent = new SentSeries();
    sent.unsent('loss', [s('a'), s('b')]);
    sent.unsent('acc', [s('a')]);
    sent.reset('loss');
    assert.equal(sent.count('loss'), 0);
    assert.deepEqual(ids(sent.unsent('loss', [s('a'), s('b')])), ['a', 'b']);
    assert.deepEqual(ids(sent.unsent('acc', [s('a')])), [], 'reset of one key leaves the others');
    sent.clear();
    assert.deepEqual(ids(sent.unsent('acc', [s('a')])), ['a']);
  });
});
