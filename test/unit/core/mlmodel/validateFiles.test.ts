import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validate } from '../../../../src/core/mlmodel/validate';
import { corpusFiles, recordedMlmodels, samples } from './mlmodelFixtures';

const describeFile = (file: string): string => `${path.basename(path.dirname(file))}/${path.basename(file)}`;

describe('validate: real and sample MLmodel files', () => {
  const recorded = recordedMlmodels();

  it('finds the MLmodel files MLflow 2.17.2 wrote', () => {
    assert.ok(recorded.length >= 7, `only ${recorded.length} recorded MLmodel files`);
  });

  for (const file of [...recorded, ...samples('valid-')]) {
    it(`${describeFile(file)} has no errors and no warnings`, () => {
      const problems = validate(fs.readFileSync(file, 'utf8')).filter((d) => (d.severity ?? 1) <= 2);
      assert.deepEqual(
        problems.map((d) => `${String(d.code)}: ${JSON.stringify(d.message)}`),
        [],
      );
    });
  }

  for (const file of samples('invalid-')) {
    it(`${describeFile(file)} yields exactly the codes its header lists`, () => {
      const text = fs.readFileSync(file, 'utf8');
      const expected = (/^# expect: (.*)$/m.exec(text)?.[1] ?? '')
        .split(',')
        .map((c) => c.trim())
        .sort();
      const codes = [
        ...new Set(
          validate(text)
            .filter((d) => (d.severity ?? 1) <= 2)
            .map((d) => String(d.code)),
        ),
      ].sort();
      assert.deepEqual(codes, expected);
    });
  }

  // Documentation excerpts elide parts of a file with an indented `...`; that is not YAML for
  // PyYAML either, so those must be reported as syntax errors rather than silently accepted.
  const isElidedExcerpt = (text: string): boolean => /^\s+\.\.\.\s*$/m.test(text);

  it('accepts every file of the MLflow-repository corpus (when present) and every recorded file with no errors', () => {
    const files = [...corpusFiles(), ...recorded];
    assert.ok(files.length >= recorded.length && recorded.length > 0);
    const failures: string[] = [];
    let accepted = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const errors = validate(text).filter((d) => d.severity === 1);
      if (isElidedExcerpt(text)) {
        assert.deepEqual(
          errors.map((d) => d.code),
          ['yaml-syntax'],
          describeFile(file),
        );
        continue;
      }
      accepted++;
      failures.push(
        ...errors.map((d) => `${describeFile(file)}:${d.range.start.line + 1}: ${JSON.stringify(d.message)}`),
      );
    }
    assert.deepEqual(failures, []);
    assert.ok(accepted >= recorded.length);
  });
});
