import * as assert from 'node:assert/strict';
import { benchValidation, generateLargeMlmodel } from '../../../../src/core/mlmodel/benchValidation';
import { validate } from '../../../../src/core/mlmodel/validate';

describe('benchValidation', () => {
  it('generates a 1 MB MLmodel with a 5,000-column signature that validates clean', () => {
    const text = generateLargeMlmodel(5000, 1024 * 1024);
    assert.ok(text.length > 1000 * 1024 && text.length < 1200 * 1024, `${text.length} characters`);
    assert.ok(text.split('\n').length > 5000, 'the signature is folded over many lines, as MLflow writes it');
    assert.deepEqual(validate(text), []);
  });

  it('points a type error deep inside the generated signature at the right line', () => {
    const text = generateLargeMlmodel(5000, 1024 * 1024).replace(
      /"type":(\s+)"double",(\s+)"name":(\s+)"feature_04999/,
      '"type":$1"dbl",$2"name":$3"feature_04999',
    );
    const [diagnostic] = validate(text);
    assert.equal(diagnostic?.code, 'signature-schema');
    const line = text.split('\n')[diagnostic.range.start.line] ?? '';
    assert.equal(line.slice(diagnostic.range.start.character, diagnostic.range.end.character), 'dbl');
  });

  it('reports median and worst time from the injected clock', () => {
    let tick = 0;
    const timing = benchValidation('flavors: {}\n', 3, () => (tick += 2));
    assert.deepEqual(timing, { median: 2, max: 2, diagnostics: 1 });
  });
});
