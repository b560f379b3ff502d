import * as assert from 'node:assert/strict';
import { parseJson } from '../../../../src/core/mlmodel/signature/parseJson';

describe('parseJson', () => {
  it('keeps the offsets of values and keys', () => {
    const text = '[{"a": 1.5e2, "b": [true, null]}, "s\\u0041"]';
    const result = parseJson(text);
    assert.ok(result.ok);
    const root = result.node;
    assert.ok(root.kind === 'array');
    const object = root.items[0];
    const prop = object?.kind === 'object' ? object.props[1] : undefined;
    assert.equal(text.slice(prop?.keyRange.start, prop?.keyRange.end), '"b"');
    assert.equal(text.slice(prop?.value.range.start, prop?.value.range.end), '[true, null]');
    const last = root.items[1];
    assert.deepEqual(last?.kind === 'string' ? last.value : undefined, 'sA');
  });

  it('reads NaN and Infinity, which Python writes', () => {
    const result = parseJson('[NaN, -Infinity]');
    assert.ok(result.ok && result.node.kind === 'array');
    assert.deepEqual(
      result.node.items.map((n) => (n.kind === 'number' ? n.value : 0)),
      [Number.NaN, -Infinity],
    );
  });

  const errors: [string, number, RegExp][] = [
    ['[1, 2', 5, /Expected "," or "]"/],
    ['{"a" 1}', 5, /Expected ":"/],
    ['{a: 1}', 1, /property name/],
    ['[1] x', 4, /after the JSON value/],
    ['"abc', 0, /Unterminated/],
    ['["\\q"]', 2, /Invalid escape/],
    ['['.repeat(100), 65, /deeper than 64/],
  ];
  for (const [text, offset, message] of errors) {
    it(`reports ${JSON.stringify(text.slice(0, 12))} at offset ${offset}`, () => {
      const result = parseJson(text);
      assert.equal(result.ok, false);
      assert.ok(!result.ok);
      assert.equal(result.offset, offset);
      assert.match(result.message, message);
    });
  }
});
