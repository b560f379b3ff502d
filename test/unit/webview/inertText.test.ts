import * as assert from 'node:assert/strict';
import { inertText } from '../../../webview/shared/inertText';

describe('inertText (what a webview shows of a server string)', () => {
  it('makes bidi overrides, embeddings and isolates visible instead of reordering the text', () => {
    assert.equal(inertText('invoice\u202egpj.exe'), 'invoice\u241fgpj.exe');
    assert.equal(inertText('a\u2066b\u2069c\u202ad\u202ce'), 'a\u241fb\u241fc\u241fd\u241fe');
  });

  it('marks control characters but keeps tabs and line breaks, and leaves RTL letters alone', () => {
    assert.equal(
      inertText('bell\u0007esc\u001b[2Kdel\u007fc1\u0085'),
      'bell\u241fesc\u241f[2Kdel\u241fc1\u241f',
    );
    assert.equal(inertText('line one\n\tline two\r\n'), 'line one\n\tline two\r\n');
    assert.equal(inertText('مرحبا بالعالم <b>x</b>'), 'مرحبا بالعالم <b>x</b>');
  });

  it('keeps the length of a 1 MB string (one mark per character replaced)', () => {
    const big = `${'x'.repeat(1024 * 1024)}\u202e`;
    assert.equal(inertText(big).length, big.length);
  });

  it('gives plain text back as it is, and marks text the same however often it is asked', () => {
    const plain = 'run-0042 lr=0.01';
    assert.equal(inertText(plain), plain);
    // The check is a pattern of its own: one that kept a position between calls would miss.
    for (let i = 0; i < 3; i++) {
      assert.equal(inertText('a\u202eb'), 'a\u241fb');
      assert.equal(inertText('\u0007'), '\u241f');
    }
  });
});
