import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS_DIR, mlmodelCorpusTiming, realMlmodelFiles } from '../../../../scripts/benchMlmodelCorpus';
import { REPO_ROOT } from './mlmodelFixtures';

describe('npm run bench: validation time of every real MLmodel', () => {
  it('takes the 18 MLmodels MLflow 2.17.2 wrote and the shared corpus where it lies', () => {
    const files = realMlmodelFiles();
    const recorded = files.filter((f) =>
      f.startsWith(path.join(REPO_ROOT, 'test', 'fixtures', 'mlflow-2.17.2')),
    );
    assert.equal(recorded.length, 18);
    assert.ok(recorded.every((f) => path.basename(f) === 'MLmodel'));
    const corpus = files.filter((f) => !recorded.includes(f));
    const expected = fs.existsSync(CORPUS_DIR) ? fs.readdirSync(CORPUS_DIR).length - 1 : 0;
    assert.equal(corpus.length, expected);
    assert.ok(
      corpus.every((f) => path.dirname(f) === CORPUS_DIR),
      'the corpus is read in place, not from a copy in the project',
    );
  });

  it('reports a median and a max per file, and the worst of each', () => {
    const r = mlmodelCorpusTiming(3);
    assert.equal(r.perFile.length, r.files);
    assert.ok(r.perFile.every((f) => f.bytes > 0 && f.medianMs >= 0 && f.medianMs <= f.maxMs));
    assert.equal(r.worstMedianMs, Math.max(...r.perFile.map((f) => f.medianMs)));
    assert.equal(r.worstMaxMs, Math.max(...r.perFile.map((f) => f.maxMs)));
    assert.ok(
      r.perFile.filter((f) => f.file.startsWith('test/fixtures/')).every((f) => f.diagnostics === 0),
      'recorded MLmodels validate clean',
    );
  });
});
