import * as assert from 'node:assert/strict';
import { documentSymbols } from '../../../../src/core/mlmodel/documentSymbols';
import { foldingRanges } from '../../../../src/core/mlmodel/foldingRanges';

const TEXT = [
  'artifact_path: model', // 0
  'flavors:', // 1
  '  python_function:', // 2
  '    loader_module: mlflow.sklearn', // 3
  '    env:', // 4
  '      conda: conda.yaml', // 5
  '  sklearn:', // 6
  '    pickled_model: model.pkl', // 7
  'env_vars:', // 8
  '- A', // 9
  '- B', // 10
  '',
].join('\n');

describe('documentSymbols', () => {
  it('nests keys as in the file, with values as details', () => {
    const symbols = documentSymbols(TEXT);
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['artifact_path', 'flavors', 'env_vars'],
    );
    assert.equal(symbols[0]?.detail, 'model');
    const flavors = symbols[1];
    assert.deepEqual(
      flavors?.children?.map((s) => s.name),
      ['python_function', 'sklearn'],
    );
    assert.deepEqual(
      flavors.children[0]?.children?.map((s) => s.name),
      ['loader_module', 'env'],
    );
    assert.deepEqual(flavors.selectionRange, {
      start: { line: 1, character: 0 },
      end: { line: 1, character: 7 },
    });
    assert.deepEqual(flavors.range, { start: { line: 1, character: 0 }, end: { line: 7, character: 28 } });
    assert.deepEqual(
      symbols[2]?.children?.map((s) => `${s.name}=${s.detail ?? ''}`),
      ['[0]=A', '[1]=B'],
    );
  });

  it('stops growing at 5,000 symbols', () => {
    const big = Array.from({ length: 6000 }, (_, i) => `k${i}: ${i}`).join('\n');
    assert.equal(documentSymbols(big).length, 5000);
  });
});

describe('foldingRanges', () => {
  it('folds every multi-line value from its key line to its last line', () => {
    assert.deepEqual(foldingRanges(TEXT), [
      { startLine: 1, endLine: 7 },
      { startLine: 2, endLine: 5 },
      { startLine: 4, endLine: 5 },
      { startLine: 6, endLine: 7 },
      { startLine: 8, endLine: 10 },
    ]);
  });

  it('returns nothing for text that does not parse', () => {
    assert.deepEqual(foldingRanges('a: [\n'), []);
    assert.deepEqual(documentSymbols('a: [\n'), []);
  });
});
