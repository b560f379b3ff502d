import * as assert from 'node:assert/strict';
import { hover } from '../../../../src/core/mlmodel/hover';
import { escapeMarkdown } from '../../../../src/core/mlmodel/signature/renderSignature';
import { parseMarkers, position } from '../yaml/markers';

function hoverText(marked: string): string | undefined {
  const { text, caret } = parseMarkers(marked);
  const result = hover(text, caret);
  const contents = result?.contents;
  return contents && typeof contents === 'object' && 'value' in contents ? contents.value : undefined;
}

describe('hover', () => {
  it('explains a top-level key from the JSON schema', () => {
    assert.match(
      hoverText('ru|x|n_id: abc\n') ?? '',
      /^\*\*run_id\*\* \(string\)\n\nThe id of the run that logged the model/,
    );
  });

  it('explains a flavour key and ranges over the key', () => {
    const { text, caret } = parseMarkers('flavors:\n  sklearn:\n    |[|pickled|x|_model|]|: model.pkl\n');
    const marked = parseMarkers('flavors:\n  sklearn:\n    |[|pickled_model|]|: model.pkl\n');
    const result = hover(text, caret);
    assert.deepEqual(result?.range, { start: position(text, marked.start), end: position(text, marked.end) });
    assert.match(JSON.stringify(result.contents), /serialized estimator/);
  });

  it('renders signature columns as a table, complex types compact', () => {
    const value =
      hoverText(
        `signature:\n  inputs: '[{"type": "double", "name": "x"}, {"type": "array", "items": {"type": "string"}, "name": "tags", "required": false}]|x|'\n`,
      ) ?? '';
    assert.match(value, /\*\*inputs\*\*: 2 columns/);
    assert.match(value, /\| name \| type \| required \|/);
    assert.match(value, /\| x \| double \| yes \|/);
    assert.match(value, /\| tags \| array\\<string\\> \| no \|/);
  });

  it('renders tensors and params', () => {
    assert.match(
      hoverText(
        `signature:\n  out|x|puts: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 10]}}]'\n`,
      ) ?? '',
      /\| {3}\| float32 \| \\\[\\-1, 10\\\] \|/,
    );
    assert.match(
      hoverText(
        `signature:\n  params: '[{"name": "k", "type": "long", "default": 5, "shape": null}]|x|'\n`,
      ) ?? '',
      /\| k \| long \| 5 \| {3}\|/,
    );
  });

  it('escapes column names so they cannot inject Markdown or break the table', () => {
    const value =
      hoverText(`signature:\n  inputs: '[{"type": "double", "name": "a|b [x](http://e) <img>"}]|x|'\n`) ?? '';
    assert.match(value, /\| a\\\|b \\\[x\\\]\\\(http:\/\/e\\\) \\<img\\> \| double \| yes \|/);
    assert.equal(escapeMarkdown('*_`'), '\\*\\_\\`');
  });

  it('says nothing over unknown keys or outside the document', () => {
    assert.equal(hover('custom_key|x|: 1\n', 5), undefined);
    assert.equal(hover('a: [', 1), undefined);
  });
});
