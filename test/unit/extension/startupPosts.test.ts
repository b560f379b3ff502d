import * as assert from 'node:assert/strict';
import { StartupPosts } from '../../../src/extension/runsTable/startupPosts';

describe('runs table startup posts', () => {
  it('queues until ready, sends the init and the first page, holds the rest until drawn', () => {
    const sent: string[] = [];
    const posts = new StartupPosts<string>((m) => sent.push(m));
    posts.post('page 1');
    posts.post('page 2');
    posts.post('page 3');
    assert.deepEqual(sent, [], 'nothing before the webview is ready');
    assert.equal(posts.ready('init'), true);
    assert.deepEqual(sent, ['init', 'page 1']);
    posts.post('page 4');
    assert.deepEqual(sent, ['init', 'page 1'], 'held behind the pages read meanwhile');
    posts.release();
    assert.deepEqual(sent, ['init', 'page 1', 'page 2', 'page 3', 'page 4']);
    posts.post('page 5');
    posts.release();
    assert.deepEqual(sent.slice(-1), ['page 5'], 'after the first drawing, posts go through once');
    assert.equal(sent.length, 6);
  });

  it('says a later ready found nothing queued: the webview was made again and must load afresh', () => {
    const sent: string[] = [];
    const posts = new StartupPosts<string>((m) => sent.push(m));
    assert.equal(posts.ready('init'), true, 'the first ready, even with nothing loaded yet');
    posts.post('page 1');
    assert.equal(posts.ready('init again'), false);
    assert.deepEqual(sent, ['init', 'page 1', 'init again']);
  });
});
