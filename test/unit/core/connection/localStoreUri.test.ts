import * as assert from 'node:assert/strict';
import { classifyLocalStore, localStoreUri } from '../../../../src/core/connection/localStoreUri';
import { parseTrackingUri } from '../../../../src/core/connection/trackingUri';

describe('classifyLocalStore', () => {
  it('accepts database files and folders holding mlflow.db or mlruns', () => {
    assert.deepEqual(classifyLocalStore('/p/mlflow.db', false, []), {
      ok: true,
      kind: 'sqlite',
      path: '/p/mlflow.db',
    });
    assert.deepEqual(classifyLocalStore('/p', true, ['train.py', 'mlflow.db']), {
      ok: true,
      kind: 'sqlite',
      path: '/p/mlflow.db',
    });
    assert.deepEqual(classifyLocalStore('/p/mlruns', true, ['0', 'models']), {
      ok: true,
      kind: 'file',
      path: '/p/mlruns',
    });
    assert.deepEqual(classifyLocalStore('/p', true, ['mlruns']), {
      ok: true,
      kind: 'file',
      path: '/p/mlruns',
    });
  });

  it('explains what is wrong with anything else', () => {
    const file = classifyLocalStore('/p/train.py', false, []);
    assert.equal(file.ok, false);
    assert.match(file.error, /train\.py is not an MLflow store/);
    const dir = classifyLocalStore('/p/src', true, ['a.py']);
    assert.match(!dir.ok ? dir.error : '', /neither mlflow\.db nor an mlruns/);
  });
});

describe('localStoreUri', () => {
  it('round-trips through parseTrackingUri, including awkward characters', () => {
    for (const p of ['/data/mlflow.db', '/data/my runs/mlflow.db', '/data/a#b?c%d/mlflow.db']) {
      const uri = localStoreUri('sqlite', p);
      assert.ok(uri.startsWith('sqlite:////'), uri);
      const parsed = parseTrackingUri(uri, '/elsewhere');
      assert.ok(
        parsed.ok && parsed.target.kind === 'sqlite' && parsed.target.path === p,
        `${uri} -> ${JSON.stringify(parsed)}`,
      );
    }
    for (const p of ['/data/mlruns', '/data/my runs/mlruns', '/data/ünï#/mlruns']) {
      const uri = localStoreUri('file', p);
      const parsed = parseTrackingUri(uri, '/elsewhere');
      assert.ok(
        parsed.ok && parsed.target.kind === 'file' && parsed.target.path === p,
        `${uri} -> ${JSON.stringify(parsed)}`,
      );
    }
  });
});
