import * as assert from 'node:assert/strict';
import { fakeDocument, type FakeNode } from '../../support/dom/fakeDocument';
import { MAX_NOTE_NESTING, markdownToDom } from '../../../webview/runDetail/markdownToDom';

describe('run note Markdown to DOM (hostile notes)', () => {
  const g = globalThis as { document?: unknown };
  let saved: unknown;
  before(() => {
    saved = g.document;
    g.document = fakeDocument;
  });
  after(() => {
    g.document = saved;
  });
  const render = (md: string): FakeNode => markdownToDom(md) as unknown as FakeNode;

  it('5,000 nested ">" do not crash the renderer: the note is shown as text, with a notice', () => {
    const note = `${'>'.repeat(5000)} deep`;
    const out = render(note);
    assert.match(out.textContent, /nests too deeply/);
    assert.ok(out.textContent.includes(note), 'the whole note is still there, as text');
    assert.ok(out.depth() <= 2);
  });

  it('5,000 nested list markers and emphasis the same way', () => {
    for (const note of [`${'- '.repeat(5000)}x`, `${'*'.repeat(5000)}x${'*'.repeat(5000)}`]) {
      assert.match(render(note).textContent, /nests too deeply/);
    }
  });

  it('nesting the lexer survives is still bounded in the DOM, the rest shown as source text', () => {
    const out = render(`${'>'.repeat(200)} deep`);
    assert.ok(out.depth() <= MAX_NOTE_NESTING + 2, `depth ${String(out.depth())}`);
    assert.ok(out.textContent.includes('deep'));
  });

  it('HTML and script in a note stay visible text; only http(s)/mailto links become links', () => {
    const out = render(
      '<img src=x onerror=alert(1)> **bold** [x](javascript:alert(1)) [ok](https://mlflow.org)',
    );
    assert.match(out.html(), /&lt;img src=x onerror=alert\(1\)>/);
    assert.match(out.html(), /<strong>bold<\/strong>/);
    assert.doesNotMatch(out.html(), /<a>x<\/a>/, 'the javascript: link is text');
    assert.match(out.html(), /<a>ok<\/a>/);
  });
});
