import * as assert from 'node:assert/strict';
import { artifactPathInRun, modelUriParts } from '../../../../src/core/serving/modelUriParts';

const RUN = '5479c2e952464803bc764edb72ee0164';

describe('modelUriParts', () => {
  it('splits runs:/, models:/ version and alias URIs and local paths', () => {
    assert.deepEqual(modelUriParts(`runs:/${RUN}/model`), { kind: 'run', runId: RUN, artifactPath: 'model' });
    assert.deepEqual(modelUriParts('models:/iris-classifier@champion'), {
      kind: 'alias',
      name: 'iris-classifier',
      alias: 'champion',
    });
    assert.deepEqual(modelUriParts('models:/iris-classifier/2'), {
      kind: 'version',
      name: 'iris-classifier',
      version: '2',
    });
    assert.deepEqual(modelUriParts('/work/models/iris'), { kind: 'local', path: '/work/models/iris' });
    assert.deepEqual(modelUriParts('s3://bucket/model'), { kind: 'other' });
  });
});

describe('artifactPathInRun', () => {
  it('finds the artifact path in the recorded version sources', () => {
    assert.equal(artifactPathInRun(`mlflow-artifacts:/1/${RUN}/artifacts/model`, RUN), 'model');
    assert.equal(artifactPathInRun(`s3://b/2/${RUN}/artifacts/pyfunc_model/`, RUN), 'pyfunc_model');
    assert.equal(artifactPathInRun(`runs:/${RUN}/nested/model`, RUN), 'nested/model');
    assert.equal(artifactPathInRun(`mlflow-artifacts:/1/${RUN}/artifacts/../x`, RUN), undefined);
    assert.equal(artifactPathInRun('/elsewhere/model', RUN), undefined);
  });
});
