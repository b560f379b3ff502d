import * as assert from 'node:assert/strict';
import { versionArtifactPath, versionFiles } from '../../../../src/core/compare/versionArtifactPath';
import { FIXTURES_3, loadExchange } from '../../../support/mlflow/recordedExchange';

describe('versionArtifactPath', () => {
  it('finds the model folder inside the source run for every recorded model version', () => {
    const versions = (
      loadExchange('rest', '069-model-versions-search.json').response.json as {
        model_versions: Array<{ source: string; run_id: string }>;
      }
    ).model_versions;
    assert.ok(versions.length > 0);
    for (const v of versions) {
      assert.equal(versionArtifactPath({ source: v.source, runId: v.run_id }), 'model', v.source);
    }
  });

  it('reads runs:/ sources and absolute artifact locations, and refuses sources outside the run', () => {
    const runId = 'd51fa9a8403e40a9a872d48d0643ce74';
    assert.equal(versionArtifactPath({ source: `runs:/${runId}/model`, runId }), 'model');
    assert.equal(versionArtifactPath({ source: `runs:/${runId}/nested/m/`, runId }), 'nested/m');
    assert.equal(versionArtifactPath({ source: `/srv/mlruns/1/${runId}/artifacts/model`, runId }), 'model');
    assert.equal(versionArtifactPath({ source: `s3://b/1/${runId}/artifacts`, runId }), '');
    assert.equal(versionArtifactPath({ source: `runs:/other/model`, runId }), undefined);
    assert.equal(versionArtifactPath({ source: `s3://b/1/${runId}/artifacts/../../x`, runId }), undefined);
    assert.equal(versionArtifactPath({ source: `s3://b/1/${runId}/artifactsX/model`, runId }), undefined);
    assert.equal(versionArtifactPath({ source: 's3://elsewhere/model', runId }), undefined);
    assert.equal(versionArtifactPath({ source: undefined, runId }), undefined);
  });

  it('MLflow 3 versions (recorded source models:/m-<id>) are read from their logged model, 2.x ones from their run', () => {
    const versions = (
      loadExchange('rest', '146', FIXTURES_3).response.json as {
        model_versions: Array<{ source: string; run_id: string }>;
      }
    ).model_versions;
    assert.equal(versions.length, 2);
    for (const v of versions) {
      assert.deepEqual(versionFiles({ source: v.source, runId: v.run_id }), {
        kind: 'loggedModel',
        modelId: v.source.slice('models:/'.length),
      });
    }
    const runId = 'd51fa9a8403e40a9a872d48d0643ce74';
    assert.deepEqual(versionFiles({ source: `runs:/${runId}/model`, runId }), {
      kind: 'run',
      runId,
      path: 'model',
    });
    assert.equal(versionFiles({ source: 'models:/m-../../x', runId }), undefined);
    assert.equal(versionFiles({ source: 'models:/churn/1', runId }), undefined);
  });
});
