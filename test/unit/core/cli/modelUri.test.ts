import * as assert from 'node:assert/strict';
import { checkModelUri } from '../../../../src/core/cli/modelUri';

describe('checkModelUri', () => {
  const accepted: [string, string][] = [
    ['runs:/5479c2e952464803bc764edb72ee0164/model', 'runs'],
    ['models:/wine-quality-regressor/2', 'models-version'],
    ['models:/iris-classifier@champion', 'models-alias'],
    ['models:/m-0123456789abcdef0123456789abcdef', 'models-id'],
    ['/home/user/project/mlruns/1/abc/artifacts/model', 'local'],
    ['file:///home/user/model', 'local'],
    ['s3://bucket/path/model', 'remote'],
    ['mlflow-artifacts:/1/abc/artifacts/model', 'remote'],
  ];
  for (const [uri, kind] of accepted) {
    it(`accepts ${uri} as ${kind}`, () => {
      assert.deepEqual(checkModelUri(uri), { ok: true, kind });
    });
  }

  const refused: [string, RegExp][] = [
    ['', /empty/],
    [' models:/a/1', /surrounding spaces/],
    ['-m', /cannot start with "-"/],
    ['models:/a/1\nrm', /control characters/],
    ['runs:/5479c2e952464803bc764edb72ee0164/../../etc', /32-hex run id/],
    ['models:/a', /models:\/<name>\/<version>/],
    ['javascript:alert(1)', /Unsupported model URI scheme/],
    ['relative/model', /absolute path/],
  ];
  for (const [uri, why] of refused) {
    it(`refuses ${JSON.stringify(uri)}`, () => {
      const r = checkModelUri(uri);
      if (r.ok) {
        assert.fail(`${uri} was accepted as ${r.kind}`);
      }
      assert.match(r.error, why);
    });
  }
});
