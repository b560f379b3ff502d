import * as assert from 'node:assert/strict';
import { generateDenseMlmodel } from '../../../../src/core/mlmodel/generateDenseMlmodel';
import { findProblems } from '../../../../src/core/mlmodel/validate';
import { DEFAULT_YAML_LIMITS } from '../../../../src/core/yaml/yamlProblem';

describe('generateDenseMlmodel', () => {
  it('is about the size asked for, under the 5 MB cap, and validates clean', () => {
    const text = generateDenseMlmodel(5_000_000);
    assert.ok(
      text.length > 4_900_000 && text.length < DEFAULT_YAML_LIMITS.maxLength,
      `${text.length} characters`,
    );
    assert.deepEqual(findProblems(text), []);
  });

  it('is dense: tens of thousands of flavour blocks and signature columns', () => {
    const text = generateDenseMlmodel(1_000_000);
    const flavours = text.split('\n').filter((line) => /^ {2}flavor_\d+:$/.test(line)).length;
    const columns = (/^ {2}inputs: '(.*)'$/m.exec(text)?.[1] ?? '').split('"name"').length - 1;
    assert.ok(flavours > 5000, `${flavours} flavours`);
    assert.ok(columns > 3000, `${columns} columns`);
  });
});
