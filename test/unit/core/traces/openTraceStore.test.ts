import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseTrackingUri } from '../../../../src/core/connection/trackingUri';
import { openTraceStore } from '../../../../src/core/stores/openTraceStore';
import { SHARED_3 } from '../../../support/mlflow/traceFixtures';
import { page } from './traceContract';

async function open(uri: string): Promise<Awaited<ReturnType<typeof openTraceStore>>> {
  const parsed = parseTrackingUri(uri, SHARED_3);
  assert.ok(parsed.ok);
  return openTraceStore(parsed.target);
}

describe('openTraceStore', () => {
  it('opens mlflow.db with a database of its own, closed on dispose', async () => {
    const store = await open(`sqlite:///${path.join(SHARED_3, 'sqlite/mlflow.db')}`);
    assert.equal(store.kind, 'sqlite');
    assert.equal(page(await store.searchTraces({ experimentId: '1', maxResults: 5 })).items.length, 5);
    store.dispose();
    await assert.rejects(store.searchTraces({ experimentId: '1' }));
  });

  it('opens an mlruns folder and a server address', async () => {
    const file = await open(path.join(SHARED_3, 'mlruns-local'));
    assert.equal(file.kind, 'file');
    assert.equal(page(await file.searchTraces({ experimentId: '353228378486884700' })).items.length, 13);
    file.dispose();
    const rest = await open('http://127.0.0.1:5000');
    assert.equal(rest.kind, 'rest');
    rest.dispose();
  });
});
