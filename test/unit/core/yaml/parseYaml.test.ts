import * as assert from 'node:assert/strict';
import { parseYaml } from '../../../../src/core/yaml/parseYaml';
import { getPair, type YamlMap, type YamlNode } from '../../../../src/core/yaml/yamlAst';
import { parseMarkers } from './markers';

function rootMap(text: string): YamlMap {
  const root = parseYaml(text).root;
  assert.equal(root?.kind, 'map');
  return root;
}

function slice(text: string, node: YamlNode | undefined): string {
  assert.ok(node);
  return text.slice(node.range.start, node.range.end);
}

describe('parseYaml', () => {
  it('keeps exact ranges of keys and values, quotes included', () => {
    const text = 'a: 1\nb: \'x y\'\nc:\n  d: "q"\n  e: [1, {f: g}]\n';
    const root = rootMap(text);
    assert.equal(slice(text, getPair(root, 'b')?.value), "'x y'");
    assert.equal(slice(text, getPair(root, 'b')?.key), 'b');
    const c = getPair(root, 'c')?.value as YamlMap;
    assert.equal(slice(text, getPair(c, 'd')?.value), '"q"');
    assert.equal(slice(text, getPair(c, 'e')?.value), '[1, {f: g}]');
  });

  it('resolves plain scalars with the YAML 1.2 core schema and never quoted ones', () => {
    const root = rootMap("i: 12\nf: 3.10\nb: true\nn: ~\ne:\ns: '12'\nv: 2.17.2\n");
    const values = root.pairs.map((p) => (p.value.kind === 'scalar' ? p.value.value : 'not a scalar'));
    assert.deepEqual(values, [12, 3.1, true, null, null, '12', '2.17.2']);
  });

  it('resolves every core-schema spelling, whatever the first character, and leaves words as strings', () => {
    const spellings = [
      '-7',
      '+7',
      '0o17',
      '0x1F',
      '.5',
      '-.inf',
      '.NaN',
      'Null',
      'NULL',
      'False',
      'TRUE',
      'nope',
      'tea',
      '_x',
      'x1',
      '-a',
      '.x',
    ];
    const root = rootMap(spellings.map((v, i) => `k${i}: ${v}`).join('\n'));
    const values = root.pairs.map((p) => (p.value.kind === 'scalar' ? p.value.value : 'not a scalar'));
    assert.deepEqual(values, [
      -7,
      7,
      15,
      31,
      0.5,
      -Infinity,
      Number.NaN,
      null,
      null,
      false,
      true,
      'nope',
      'tea',
      '_x',
      'x1',
      '-a',
      '.x',
    ]);
  });

  it('reports every repeated key, in small maps and in large ones', () => {
    const small = parseYaml('a: 1\nb: 2\na: 3\na: 4\n');
    assert.deepEqual(
      small.problems.map((p) => p.range.start),
      [10, 15],
    );
    const keys = Array.from({ length: 20 }, (_, i) => `k${i % 15}: ${i}`);
    const large = parseYaml(keys.join('\n'));
    assert.equal(large.problems.filter((p) => p.code === 'yaml-duplicate-key').length, 5);
    assert.ok(large.problems.every((p) => p.message.startsWith('Duplicate key "k')));
  });

  it('places an empty value at the end of its key', () => {
    const text = 'flavors:\nb: 1\n';
    const value = getPair(rootMap(text), 'flavors')?.value;
    assert.deepEqual(value?.range, { start: 7, end: 7 });
  });

  const problems: [string, string, string, 'error' | 'warning'][] = [
    ['a syntax error at its position', 'a:\n  b: 1\n |[|c: 2', 'yaml-syntax', 'error'],
    [
      'a dangerous python tag, never constructed',
      'a: |[|!!python/object/apply:os.system|]| [echo]',
      'yaml-unsafe-tag',
      'error',
    ],
    ['a js tag', 'a: |[|!!js/function|]| "x"', 'yaml-unsafe-tag', 'error'],
    ['an unknown local tag', 'a: |[|!thing|]| x', 'yaml-unsafe-tag', 'error'],
    ['a duplicate key', 'a: 1\n|[|a|]|: 2', 'yaml-duplicate-key', 'warning'],
    ['a second document', 'a: 1|[|\n|]|---\nb: 2', 'yaml-multiple-documents', 'warning'],
    [
      'a flow mapping closed in column 0 (PyYAML reads it)',
      'a: {\n  "b": 1\n|[|}|]|\n',
      'yaml-flow-indentation',
      'warning',
    ],
  ];
  for (const [name, marked, code, severity] of problems) {
    it(`reports ${name}`, () => {
      const { text, start, end } = parseMarkers(marked);
      const found = parseYaml(text).problems;
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0]?.code, code);
      assert.equal(found[0].severity, severity);
      assert.equal(found[0].range.start, start);
      if (end >= 0) {
        assert.equal(found[0].range.end, end);
      }
    });
  }

  it('accepts the safe standard tags', () => {
    assert.deepEqual(parseYaml('a: !!str 1\nb: !!int "2"\nc: !!binary aGk=\n').problems, []);
  });

  it('reads a column-0 flow mapping with the same offsets as the original text', () => {
    const text = 'a: {\n  "b": 1\n}\nc: 2\n';
    const root = rootMap(text);
    assert.equal(slice(text, getPair(root, 'c')?.value), '2');
    assert.equal(slice(text, getPair(getPair(root, 'a')?.value as YamlMap, 'b')?.value), '1');
  });

  it('still refuses an unclosed flow collection', () => {
    assert.equal(parseYaml('a: [1\nb: 2').problems[0]?.code, 'yaml-syntax');
  });
});

describe('parseYaml on hostile input', () => {
  it('refuses 10,000-deep nesting quickly with a diagnostic', () => {
    const result = parseYaml(`a: ${'['.repeat(10000)}`);
    assert.equal(result.root, undefined);
    assert.equal(result.problems[0]?.code, 'yaml-syntax');
    assert.match(result.problems[0].message, /nesting/);
  });

  it('never expands an alias bomb and reports too many aliases', () => {
    const lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 1; i < 12; i++) {
      lines.push(
        `${'b'.repeat(i)}: &b${i} [${Array.from({ length: 10 }, () => (i === 1 ? '*a' : `*b${i - 1}`)).join(', ')}]`,
      );
    }
    const result = parseYaml(lines.join('\n'));
    assert.ok(result.root);
    assert.deepEqual(
      result.problems.map((p) => p.code),
      ['yaml-aliases'],
    );
  });

  it('refuses binary garbage without parsing it', () => {
    const result = parseYaml('\u0000\u0001\u0002PK\u0003\u0004 binary');
    assert.deepEqual(
      result.problems.map((p) => p.code),
      ['yaml-binary'],
    );
  });

  it('refuses text over the size cap without parsing it', () => {
    const result = parseYaml('a: 1\n'.repeat(100), { maxLength: 100, maxDepth: 64, maxAliases: 100 });
    assert.deepEqual(
      result.problems.map((p) => p.code),
      ['yaml-too-large'],
    );
    assert.equal(result.root, undefined);
  });

  it('returns no tree and no problem for an empty text', () => {
    assert.deepEqual(parseYaml(''), { text: '', root: undefined, problems: [] });
  });
});
