import * as assert from 'node:assert/strict';
import { parseYaml } from '../../../../src/core/yaml/parseYaml';
import { scalarOffsets } from '../../../../src/core/yaml/scalarOffsets';
import { getPair, type YamlScalar } from '../../../../src/core/yaml/yamlAst';
import { LineIndex } from '../../../../src/core/yaml/lineIndex';

function scalarOf(text: string): YamlScalar {
  const root = parseYaml(text).root;
  const value = root?.kind === 'map' ? getPair(root, 'v')?.value : undefined;
  assert.equal(value?.kind, 'scalar');
  return value;
}

describe('scalarOffsets', () => {
  // [source, decoded char to look up, the source text expected at its offset]
  const cases: [string, string, string][] = [
    ['v: plain words here', 'w', 'w'],
    ["v: 'it''s here'", "'", "''"],
    ['v: \'[{"a":\n    1}, {"b": 2}]\'', '2', '2'],
    ["v: 'first\n\n  second'", 's', 's'],
    ['v: "tab\\there"', '\t', '\\t'],
    ['v: "\\u0041BC"', 'A', '\\u0041'],
    ['v: "x\\\n    yz"', 'y', 'y'],
    ['v: "q\\"uote"', '"', '\\"'],
    ['v: |\n  line one\n  line two\n', 't', 't'],
    ['v: >\n  folded\n  text\n', 'x', 'x'],
  ];
  for (const [source, char, expected] of cases) {
    it(`maps ${JSON.stringify(char)} back into ${JSON.stringify(source)}`, () => {
      const scalar = scalarOf(source);
      const decoded = scalarOffsets(source, scalar);
      assert.equal(decoded.text, scalar.text, "decoded text must equal js-yaml's");
      assert.equal(decoded.offsets.length, decoded.text.length + 1);
      const index = decoded.text.lastIndexOf(char);
      assert.ok(index >= 0);
      const at = decoded.offsets[index] ?? -1;
      assert.equal(source.slice(at, at + expected.length), expected);
    });
  }

  it('maps every character of an escaped double-quoted scalar precisely', () => {
    const source = 'v: "a\\tb\\u0041c"';
    const { text, offsets } = scalarOffsets(source, scalarOf(source));
    assert.equal(text, 'a\tbAc');
    assert.deepEqual(
      Array.from({ length: text.length }, (_, i) => source.slice(offsets[i], offsets[i + 1])),
      ['a', '\\t', 'b', '\\u0041', 'c'],
    );
  });

  it('never goes backwards, whatever the style', () => {
    for (const [source] of cases) {
      const offsets = Array.from(scalarOffsets(source, scalarOf(source)).offsets);
      assert.ok(
        offsets.every((o, i) => i === 0 || o >= (offsets[i - 1] ?? 0)),
        source,
      );
    }
  });
});

describe('LineIndex', () => {
  const text = 'ab\ncd\r\n\nlast';
  const lines = new LineIndex(text);
  it('converts both ways, for every offset', () => {
    for (let offset = 0; offset <= text.length; offset++) {
      const p = lines.positionAt(offset);
      const before = text.slice(0, offset).split('\n');
      assert.deepEqual(p, { line: before.length - 1, character: (before[before.length - 1] ?? '').length });
      assert.equal(lines.offsetAt(p), offset);
    }
  });
  it('clamps positions past a line end or the text end', () => {
    assert.equal(lines.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(lines.offsetAt({ line: 99, character: 0 }), text.indexOf('last'));
    assert.equal(lines.lineCount, 4);
  });
});
