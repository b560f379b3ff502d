import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { missingFileDiagnostic } from '../../../../src/core/mlmodel/missingFileDiagnostic';
import { referencedFiles } from '../../../../src/core/mlmodel/referencedFiles';
import { parseMarkers, position } from '../yaml/markers';
import { recordedMlmodels } from './mlmodelFixtures';

describe('referencedFiles', () => {
  it('lists, for each recorded model, only files its FILES.txt shows MLflow wrote', () => {
    let checked = 0;
    for (const file of recordedMlmodels()) {
      const listing = fs.readFileSync(path.join(path.dirname(file), 'FILES.txt'), 'utf8');
      const present = new Set(
        listing
          .split('\n')
          .filter((l) => !l.startsWith('#'))
          .map((l) => l.trim().split(/\s+/)[1] ?? '')
          .filter(Boolean),
      );
      const inDirs = (p: string): boolean =>
        present.has(p) || [...present].some((f) => f.startsWith(`${p}/`));
      for (const reference of referencedFiles(fs.readFileSync(file, 'utf8'))) {
        assert.ok(inDirs(reference.path), `${file}: ${reference.key} = ${reference.path}`);
        checked++;
      }
    }
    assert.ok(checked >= 20, `only ${checked} references checked`);
  });

  it('gives the exact range and key of each path, and skips absolute paths, URIs and nulls', () => {
    const marked = [
      'flavors:',
      '  python_function:',
      '    env: |[|conda.yaml|]|',
      '    loader_module: mlflow.langchain',
      '    model_code_path: /tmp/lc_model.py',
      '    code: null',
      '    artifacts:',
      '      weights:',
      '        path: artifacts/weights.bin',
      '        uri: s3://bucket/weights.bin',
      '  langchain:',
      '    model_data: dbfs:/x',
      'saved_input_example_info:',
      "  artifact_path: 'input_example.json'",
    ].join('\n');
    const { text, start, end } = parseMarkers(marked);
    const references = referencedFiles(text);
    assert.deepEqual(
      references.map((r) => [r.key, r.path, r.required]),
      [
        ['flavors.python_function.env', 'conda.yaml', false],
        ['flavors.python_function.artifacts.weights.path', 'artifacts/weights.bin', true],
        ['saved_input_example_info.artifact_path', 'input_example.json', false],
      ],
    );
    assert.deepEqual(references[0]?.range, { start, end });
    const diagnostic = missingFileDiagnostic(text, references[1]!);
    assert.equal(diagnostic.severity, 1);
    assert.equal(diagnostic.code, 'missing-file');
    assert.deepEqual(diagnostic.range.start, position(text, text.indexOf('artifacts/weights.bin')));
  });

  it('finds nothing in a file that does not parse', () => {
    assert.deepEqual(referencedFiles('flavors: [\n'), []);
  });
});
