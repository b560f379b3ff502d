import * as assert from 'node:assert/strict';
import { stringShown } from '../../../webview/traceDetail/stringShown';

describe('trace panel JSON strings', () => {
  it('quotes a string that would read as a number, a boolean, null or nothing', () => {
    assert.equal(stringShown('00000000'), '"00000000"');
    assert.equal(stringShown('-1.5e3'), '"-1.5e3"');
    assert.equal(stringShown('true'), '"true"');
    assert.equal(stringShown('null'), '"null"');
    assert.equal(stringShown(''), '""');
  });

  it('shows any other text as it is, line breaks and markup included', () => {
    assert.equal(stringShown('order 00000000 not found'), 'order 00000000 not found');
    assert.equal(stringShown('line one\nline two'), 'line one\nline two');
    assert.equal(stringShown('<script>x</script>'), '<script>x</script>');
    assert.equal(stringShown('True'), 'True');
  });
});
