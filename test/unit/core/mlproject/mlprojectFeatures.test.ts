import * as assert from 'node:assert/strict';
import { completeMlproject } from '../../../../src/core/mlproject/completeMlproject';
import { hoverMlproject } from '../../../../src/core/mlproject/hoverMlproject';
import { mlprojectSymbols } from '../../../../src/core/mlproject/mlprojectSymbols';
import { parseMarkers, position } from '../yaml/markers';

describe('completeMlproject', () => {
  const rows: [name: string, marked: string, expected: string[], absent: string[]][] = [
    [
      'top-level keys, present ones left out',
      'name: x\n|x|',
      ['python_env', 'conda_env', 'docker_env', 'entry_points'],
      ['name'],
    ],
    ['docker_env keys', 'docker_env:\n  image: x\n  |x|', ['volumes', 'environment'], ['image']],
    ['entry point keys', 'entry_points:\n  main:\n    |x|', ['parameters', 'command'], []],
    [
      'a parameter type written alone',
      'entry_points:\n  main:\n    parameters:\n      alpha: fl|x|',
      ['string', 'float', 'path', 'uri'],
      [],
    ],
    [
      'a parameter type in a map',
      'entry_points:\n  main:\n    parameters:\n      alpha:\n        type: |x|',
      ['float', 'uri'],
      [],
    ],
    [
      'keys of a parameter map',
      'entry_points:\n  main:\n    parameters:\n      alpha:\n        |x|',
      ['type', 'default'],
      [],
    ],
  ];
  for (const [name, marked, expected, absent] of rows) {
    it(name, () => {
      const { text, caret } = parseMarkers(marked);
      const labels = completeMlproject(text, caret).map((item) => item.label);
      for (const label of expected) {
        assert.ok(labels.includes(label), `${label} missing from ${labels.join(', ')}`);
      }
      for (const label of absent) {
        assert.ok(!labels.includes(label), `${label} should not be offered`);
      }
    });
  }
});

describe('hoverMlproject', () => {
  const rows: [name: string, marked: string, needle: string][] = [
    ['a top-level key', '|[|dock|x|er_env|]|:\n  image: x\n', 'Docker'],
    ['a docker_env key', 'docker_env:\n  |[|vol|x|umes|]|: []\n', 'docker run -v'],
    [
      'a parameter type',
      'entry_points:\n  main:\n    parameters:\n      alpha:\n        |[|ty|x|pe|]|: float\n',
      '`float`',
    ],
    ['an entry point command', 'entry_points:\n  main:\n    |[|comm|x|and|]|: python x.py\n', 'placeholders'],
  ];
  for (const [name, marked, needle] of rows) {
    it(name, () => {
      const { text, caret, start, end } = parseMarkers(marked);
      const result = hoverMlproject(text, caret);
      assert.ok(result && typeof result.contents === 'object' && 'value' in result.contents);
      assert.ok(result.contents.value.includes(needle), result.contents.value);
      assert.deepEqual(result.range, { start: position(text, start), end: position(text, end) });
    });
  }

  it('nothing on an unknown key', () => {
    assert.equal(hoverMlproject('whatever: 1\n', 2), undefined);
  });
});

describe('mlprojectSymbols', () => {
  it('lists entry points with their parameters', () => {
    const text =
      'name: x\nentry_points:\n  main:\n    parameters:\n      alpha: float\n      data: path\n    command: c\n  other:\n    command: d\n';
    const symbols = mlprojectSymbols(text);
    assert.deepEqual(
      symbols.map((s) => [s.name, (s.children ?? []).map((c) => c.name)]),
      [
        ['main', ['alpha', 'data']],
        ['other', []],
      ],
    );
    assert.deepEqual(symbols[0]?.selectionRange, {
      start: { line: 2, character: 2 },
      end: { line: 2, character: 6 },
    });
  });
});
